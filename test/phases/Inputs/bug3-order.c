/* Planted bug 3 (comet-wrong-branch) on an `if (a < b)`: equal values are
 * reported as ordered. */
#include <stdio.h>

static const char *order(int a, int b) {
  if (a < b)
    return "less";
  return "not less";
}

int main(int argc, char **argv) {
  (void)argv;
  int one = argc; /* 1 when run without arguments */
  printf("0 vs 1: %s\n", order(0, one));
  printf("1 vs 1: %s\n", order(one, one));
  printf("2 vs 1: %s\n", order(one + 1, one));
  return 0;
}
