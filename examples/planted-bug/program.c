/* The bundled example for `comet-vm bisect`: averages of signed readings.
 * Built with the comet-wrong-fold plugin, default<O2> folds a signed
 * division into a shift and the negative averages come out wrong. */
#include <stdio.h>

static int average(const int *values, int count) {
  int sum = 0;
  for (int i = 0; i < count; ++i)
    sum += values[i];
  return sum / 4; /* four readings per sample */
}

int main(void) {
  int samples[3][4] = {{3, 5, 7, 9}, {-3, -5, -7, -8}, {-1, 0, 0, 0}};
  for (int s = 0; s < 3; ++s)
    printf("sample %d: average %d\n", s, average(samples[s], 4));
  return 0;
}
