/* A struct passed by value (byval: the callee gets its own copy) that the
 * callee modifies. The caller's struct must not change: native code prints
 * "11 1". Reduced from csmith seed 16, where InstCombine passes a constant
 * global byval and the callee's store then hits read-only memory. */
#include <stdio.h>

struct Big {
  long a, b, c;
};

__attribute__((noinline)) long bump(struct Big s) {
  s.a += 10;
  return s.a;
}

int main(int argc, char **argv) {
  (void)argv;
  struct Big x = {argc, 2, 3};
  long r = bump(x);
  printf("%ld %ld\n", r, x.a);
  return 0;
}
