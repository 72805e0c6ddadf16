/* fib.c - call-heavy benchmark: naive doubly recursive Fibonacci.
 *
 * Stresses: function call and return, argument passing, a shallow call
 * stack (depth ~25) visited millions of times, a compare-and-branch per call.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of fib(24) evaluations;
 * the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 1000

/* Read once per evaluation so the compiler cannot hoist the call. */
static volatile int depth = 24;

static unsigned fib(int n) {
  return n < 2 ? (unsigned)n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  unsigned long long checksum = 0;
  unsigned last = 0;
  for (int i = 0; i < scale; i++) {
    last = fib(depth);
    checksum = checksum * 31 + last + (unsigned)i;
  }
  printf("fib(24) = %u\n", last);
  printf("checksum %llu\n", checksum);
  return 0;
}
