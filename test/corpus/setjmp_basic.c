// RUN: %difftest %s
// setjmp_basic.c — setjmp/longjmp: the value passed to longjmp becomes
// setjmp's result (and longjmp(env, 0) yields 1), jumping out of deep
// recursion, volatile locals surviving the jump, re-using a jmp_buf in a
// loop, and an error-handling "exception" for a division routine.
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth_reached;

static void dive(int depth, int limit) {
  depth_reached = depth;
  if (depth == limit) longjmp(env, depth);
  dive(depth + 1, limit);
  puts("never printed");
}

static jmp_buf div_env;
static long checked_div(long a, long b) {
  if (b == 0) longjmp(div_env, 1);
  if (a == -9223372036854775807L - 1 && b == -1) longjmp(div_env, 2);
  return a / b;
}

int main(void) {
  int r = setjmp(env);
  if (r == 0) {
    puts("first pass");
    dive(1, 25);
  } else {
    printf("returned %d after depth %d\n", r, depth_reached);
  }

  volatile int attempts = 0;
  volatile long total = 0;
  int code = setjmp(env);
  attempts++;
  total += code;
  printf("attempt %d code %d total %ld\n", attempts, code, total);
  if (attempts < 5) longjmp(env, attempts * 10);
  if (attempts == 5) longjmp(env, 0);
  printf("done after %d attempts, total %ld\n", attempts, total);

  long cases[][2] = {{100, 7}, {5, 0}, {-9223372036854775807L - 1, -1}, {-81, 9}, {1, 0}};
  for (int i = 0; i < 5; i++) {
    volatile int idx = i;
    switch (setjmp(div_env)) {
    case 0: printf("%ld / %ld = %ld\n", cases[idx][0], cases[idx][1], checked_div(cases[idx][0], cases[idx][1])); break;
    case 1: printf("case %d: division by zero caught\n", idx); break;
    case 2: printf("case %d: overflow caught\n", idx); break;
    }
  }
  return 0;
}
