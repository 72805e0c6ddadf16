/* mandelbrot.c - floating-point benchmark: escape-time Mandelbrot set in
 * double precision.
 *
 * Stresses: a data-dependent inner loop of double multiply/add/compare,
 * int<->double conversion, an early-exit branch that mispredicts at the
 * set's border.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of 160x160 frames, each
 * shifted by a tiny amount so no two are the same; the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 30
#define W 160
#define H 160
#define MAX_ITER 256

typedef unsigned long long u64;

/* Returns the sum of the escape counts of one frame; counts points inside. */
static u64 frame(double cx0, double cy0, double step, int *inside) {
  u64 total = 0;
  for (int py = 0; py < H; py++) {
    double ci = cy0 + py * step;
    for (int px = 0; px < W; px++) {
      double cr = cx0 + px * step;
      double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
      int n = 0;
      while (n < MAX_ITER && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        n++;
      }
      if (n == MAX_ITER)
        (*inside)++;
      total += (u64)n;
    }
  }
  return total;
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  u64 checksum = 0;
  int inside = 0;
  for (int f = 0; f < scale; f++) {
    u64 t = frame(-2.0 + f * 1e-7, -1.25 + f * 1e-7, 2.5 / W, &inside);
    checksum = checksum * 1000003u + t;
  }
  printf("points inside: %d\n", inside);
  printf("checksum %llu\n", checksum);
  return 0;
}
