/* Planted bug 1 (comet-wrong-fold) on 64-bit values: kilobyte buckets of
 * signed balance changes, printed as a histogram, and the exit code. */
#include <stdio.h>

static long kilobytes(long bytes) { return bytes / 1024; }

int main(void) {
  long changes[] = {4096, -1, -1023, -1024, -1025, 2047, -4097};
  int histogram[9] = {0};
  long total = 0;
  for (unsigned i = 0; i < sizeof changes / sizeof changes[0]; ++i) {
    long k = kilobytes(changes[i]);
    total += k;
    histogram[k + 4]++;
    printf("%ld bytes -> %ld KiB\n", changes[i], k);
  }
  for (int b = 0; b < 9; ++b)
    printf("bucket %d: %d\n", b - 4, histogram[b]);
  return (int)(total & 0x7f);
}
