/* Planted bug 1 (comet-wrong-fold) in main itself: halving signed numbers
 * must round toward zero, the planted shift rounds toward -infinity. */
#include <stdio.h>

int main(int argc, char **argv) {
  (void)argv;
  int first = -6 + argc; /* -5 when run without arguments */
  for (int i = first; i <= 5; ++i)
    printf("%d / 2 = %d\n", i, i / 2);
  return 0;
}
