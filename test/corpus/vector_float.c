// RUN: %difftest %s
// vector_float.c — floating-point loops for the vectorisers: saxpy and
// daxpy, element-wise multiply/add, scaling, float max/min reductions,
// int<->float conversion loops, and ordered (non-reassociated) sums
// that must keep their sequential rounding; N = 1000.
#include <math.h>
#include <stdio.h>

#define N 1000
static float x[N], y[N], z[N];
static double dx[N], dy[N];
static int iv[N];

static void saxpy(int n, float a, const float *restrict xs, float *restrict ys) { for (int i = 0; i < n; i++) ys[i] = a * xs[i] + ys[i]; }
static void daxpy(int n, double a, const double *restrict xs, double *restrict ys) { for (int i = 0; i < n; i++) ys[i] += a * xs[i]; }
static float sumf(const float *v, int n) { float s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
static double sumd(const double *v, int n) { double s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
static float maxf(const float *v, int n) { float m = v[0]; for (int i = 1; i < n; i++) m = v[i] > m ? v[i] : m; return m; }
static double mind(const double *v, int n) { double m = v[0]; for (int i = 1; i < n; i++) if (v[i] < m) m = v[i]; return m; }
static void mul(float *restrict out, const float *restrict a, const float *restrict b, int n) { for (int i = 0; i < n; i++) out[i] = a[i] * b[i]; }

int main(void) {
  for (int i = 0; i < N; i++) {
    x[i] = (float)(i % 17) * 0.25f - 2.0f;
    y[i] = (float)i / 64.0f;
    dx[i] = (i % 13) * 0.125 - 0.75;
    dy[i] = i * 0.001;
    iv[i] = (i * 7919) % 2001 - 1000;
  }
  printf("initial sums %.6f %.6f %.12f %.12f\n", sumf(x, N), sumf(y, N), sumd(dx, N), sumd(dy, N));
  saxpy(N, 1.5f, x, y);
  printf("saxpy sum %.6f y[0]=%g y[500]=%g y[999]=%g\n", sumf(y, N), y[0], y[500], y[999]);
  daxpy(N, -0.3, dx, dy);
  printf("daxpy sum %.12f dy[1]=%.15g dy[998]=%.15g\n", sumd(dy, N), dy[1], dy[998]);
  mul(z, x, y, N);
  printf("mul sum %.6f max %.6f\n", sumf(z, N), maxf(z, N));
  printf("max x %.3f min dx %.3f min dy %.12f\n", maxf(x, N), mind(dx, N), mind(dy, N));

  for (int i = 0; i < N; i++) z[i] = (float)iv[i] * 0.5f;
  printf("int->float sum %.3f\n", sumf(z, N));
  long acc = 0;
  for (int i = 0; i < N; i++) acc += (long)(z[i] * 3.0f);
  printf("float->int acc %ld\n", acc);
  for (int i = 0; i < N; i++) dx[i] = sqrt(fabs(dx[i])) + (double)iv[i] / 7.0;
  printf("sqrt map sum %.10f\n", sumd(dx, N));
  for (int i = 0; i < N; i++) x[i] = floorf(y[i]) - (float)i;
  printf("floor map sum %.3f\n", sumf(x, N));

  // Alternating magnitude values make the order of summation visible.
  for (int i = 0; i < N; i++) dy[i] = (i % 2 ? 1e16 : -1e16) + (double)i;
  double ordered = sumd(dy, N), pairwise = 0;
  for (int i = 0; i < N; i += 2) pairwise += dy[i] + dy[i + 1];
  printf("ordered %.1f pairwise %.1f\n", ordered, pairwise);
  float tiny = 0;
  for (int i = 0; i < N; i++) tiny += 1e-8f;
  printf("tiny accumulations %.10g\n", tiny);
  double sq = 0;
  for (int i = 0; i < N; i++) sq += (double)y[i] * y[i];
  printf("norm %.9f\n", sqrt(sq));
  return 0;
}
