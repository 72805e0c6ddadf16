/* spectral_norm.c - floating-point benchmark: the spectral norm of the
 * infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1), by power iteration
 * (after the Computer Language Benchmarks Game), on a fixed 250x250 section.
 *
 * Stresses: double division and multiply-add in doubly nested loops, integer
 * index arithmetic converted to double, calls of a small leaf function.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of power iterations
 * (each is two multiplications by A^T A); the work is linear in it.
 * Output: the estimate and a checksum line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 400
#define N 250

static double eval_a(int i, int j) {
  return 1.0 / ((double)((i + j) * (i + j + 1) / 2 + i + 1));
}

static void mul_av(const double *v, double *av) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++)
      s += eval_a(i, j) * v[j];
    av[i] = s;
  }
}

static void mul_atv(const double *v, double *atv) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++)
      s += eval_a(j, i) * v[j];
    atv[i] = s;
  }
}

static void mul_atav(const double *v, double *atav, double *tmp) {
  mul_av(v, tmp);
  mul_atv(tmp, atav);
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  static double u[N], v[N], tmp[N];
  for (int i = 0; i < N; i++)
    u[i] = 1.0;
  double checksum = 0.0;
  for (int k = 0; k < scale; k++) {
    mul_atav(u, v, tmp);
    mul_atav(v, u, tmp);
    /* Keep the vector normalised so many iterations cannot overflow. */
    double norm = 0.0;
    for (int i = 0; i < N; i++)
      norm += u[i] * u[i];
    norm = sqrt(norm);
    for (int i = 0; i < N; i++)
      u[i] /= norm;
    checksum += norm;
  }
  double vbv = 0.0, vv = 0.0;
  for (int i = 0; i < N; i++) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  printf("%.9f\n", sqrt(vbv / vv));
  printf("checksum %.6f\n", checksum);
  return 0;
}
