/* Planted bug 1 (comet-wrong-fold: sdiv X, 2^k -> ashr X, k) in a helper:
 * the mean of four signed readings, negative sums round the wrong way. */
#include <stdio.h>

static int mean4(const int *readings) {
  int sum = 0;
  for (int i = 0; i < 4; ++i)
    sum += readings[i];
  return sum / 4;
}

int main(void) {
  int days[3][4] = {{12, 14, 9, 11}, {-3, -6, -2, -4}, {-1, 0, 2, -2}};
  for (int d = 0; d < 3; ++d)
    printf("day %d: mean %d\n", d, mean4(days[d]));
  return 0;
}
