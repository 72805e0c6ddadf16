/* The reference itself divides by zero (argc - 1 is 0 without arguments):
 * the behaviour is undefined before any pass, so no pass is to blame. */
#include <stdio.h>

static int share(int total, int people) { return total / people; }

int main(int argc, char **argv) {
  (void)argv;
  printf("each gets %d\n", share(100, argc - 1));
  return 0;
}
