/* fft.c - floating-point benchmark: iterative radix-2 complex FFT in double
 * precision, forward then inverse, on 4096 points.
 *
 * Stresses: double multiply/add in butterflies, strided loads and stores,
 * bit-reversal permutation (integer shifts and swaps), sin/cos calls for the
 * twiddle factors.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of forward+inverse
 * transform pairs; the work is linear in it.
 * Output: the round-trip error and a checksum line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 800
#define LOG2N 12
#define N (1 << LOG2N)

static double re[N], im[N], orig_re[N], orig_im[N], tw_re[N / 2], tw_im[N / 2];

static void make_twiddles(double sign) {
  const double pi = 3.14159265358979323846;
  for (int k = 0; k < N / 2; k++) {
    double angle = sign * 2.0 * pi * k / N;
    tw_re[k] = cos(angle);
    tw_im[k] = sin(angle);
  }
}

static void fft(void) {
  for (int i = 0; i < N; i++) { /* bit-reversal permutation */
    unsigned r = 0, x = (unsigned)i;
    for (int b = 0; b < LOG2N; b++) {
      r = (r << 1) | (x & 1);
      x >>= 1;
    }
    if ((int)r > i) {
      double t = re[i];
      re[i] = re[r];
      re[r] = t;
      t = im[i];
      im[i] = im[r];
      im[r] = t;
    }
  }
  for (int len = 2; len <= N; len <<= 1) {
    int half = len >> 1, stride = N / len;
    for (int start = 0; start < N; start += len)
      for (int k = 0; k < half; k++) {
        double wr = tw_re[k * stride], wi = tw_im[k * stride];
        int a = start + k, b = a + half;
        double xr = re[b] * wr - im[b] * wi;
        double xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
  }
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  unsigned seed = 42;
  for (int i = 0; i < N; i++) {
    seed = seed * 1664525u + 1013904223u;
    orig_re[i] = (double)(seed >> 8) / 16777216.0 - 0.5;
    seed = seed * 1664525u + 1013904223u;
    orig_im[i] = (double)(seed >> 8) / 16777216.0 - 0.5;
    re[i] = orig_re[i];
    im[i] = orig_im[i];
  }
  double checksum = 0.0, max_err = 0.0;
  for (int rep = 0; rep < scale; rep++) {
    re[rep % N] += 1.0 / 1024; /* perturb the input a little each time */
    orig_re[rep % N] += 1.0 / 1024;
    make_twiddles(-1.0);
    fft();
    checksum += re[rep % N] + im[(rep * 7) % N];
    make_twiddles(1.0);
    fft();
    max_err = 0.0;
    for (int i = 0; i < N; i++) {
      re[i] /= N;
      im[i] /= N;
      double e = fabs(re[i] - orig_re[i]) + fabs(im[i] - orig_im[i]);
      if (e > max_err)
        max_err = e;
    }
  }
  printf("round-trip error below 1e-12: %s\n", max_err < 1e-12 ? "yes" : "no");
  printf("checksum %.6f\n", checksum);
  return 0;
}
