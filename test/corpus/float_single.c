// RUN: %difftest %s
// float_single.c — single-precision float arithmetic: accumulation error
// versus double, float math functions (sqrtf, powf, sinf, expf, logf,
// fmodf, floorf, roundf), float<->int and float<->double conversions,
// comparisons, and iterative algorithms (Newton, Horner) in float.
#include <math.h>
#include <stdio.h>

static float horner(const float *c, int n, float x) {
  float r = 0;
  for (int i = n - 1; i >= 0; i--) r = r * x + c[i];
  return r;
}

int main(void) {
  float fsum = 0;
  double dsum = 0;
  for (int i = 1; i <= 10000; i++) { fsum += 1.0f / (float)i; dsum += 1.0 / i; }
  printf("harmonic float %.9g double %.17g diff %.6e\n", fsum, dsum, dsum - fsum);
  float tenth = 0;
  for (int i = 0; i < 10; i++) tenth += 0.1f;
  printf("ten tenths %.9g == 1: %d\n", tenth, tenth == 1.0f);

  float xs[] = {0.0f, 0.25f, 1.0f, 2.0f, 3.14159265f, 10.0f, 100.5f, -4.75f};
  for (int i = 0; i < 8; i++) {
    float x = xs[i];
    printf("x=%-8g sqrtf=%.7g expf=%.7g sinf=%.7g cosf=%.7g atanf=%.7g\n", x, sqrtf(fabsf(x)),
           expf(x / 10.0f), sinf(x), cosf(x), atanf(x));
    printf("   floorf=%g ceilf=%g roundf=%g truncf=%g fmodf(x,1.5)=%.7g logf1p=%.7g powf=%.7g\n",
           floorf(x), ceilf(x), roundf(x), truncf(x), fmodf(x, 1.5f), logf(1.0f + fabsf(x)),
           powf(fabsf(x) + 1.0f, 1.5f));
  }

  // Newton's method for square roots in float.
  float targets[] = {2.0f, 10.0f, 0.5f, 12345.0f};
  for (int t = 0; t < 4; t++) {
    float g = targets[t];
    for (int k = 0; k < 8; k++) g = 0.5f * (g + targets[t] / g);
    printf("newton sqrt(%g)=%.8g sqrtf=%.8g\n", targets[t], g, sqrtf(targets[t]));
  }
  float coeff[] = {1.0f, -3.0f, 0.5f, 2.0f, -0.125f};
  for (float x = -2.0f; x <= 2.0f; x += 0.5f) printf("p(%g)=%.7g ", x, horner(coeff, 5, x));
  putchar('\n');

  float conv[] = {2.5f, -2.5f, 16777215.0f, 16777216.0f, 1e10f, -0.999f, 0.999f};
  for (int i = 0; i < 7; i++)
    printf("%.9g -> int %d, long %ld, double %.17g\n", conv[i], conv[i] < 2e9f && conv[i] > -2e9f ? (int)conv[i] : -1,
           (long)conv[i], (double)conv[i]);
  double ds[] = {0.1, 1.0 / 3, 1e40, 1e-40, 16777217.0, -1e-50};
  for (int i = 0; i < 6; i++) printf("(float)%.17g = %.9g\n", ds[i], (float)ds[i]);
  int ints[] = {16777217, 16777219, 2147483647, -2147483647, 123456789};
  for (int i = 0; i < 5; i++) printf("(float)%d = %.1f\n", ints[i], (float)ints[i]);

  float a = 1.0f, b = nextafterf(1.0f, 2.0f), c = nextafterf(1.0f, 0.0f);
  printf("nextafter up %.9g down %.9g lt %d %d eq %d\n", b, c, a < b, c < a, a == c);
  float nanf_ = NAN, inff = INFINITY;
  printf("float nan %f inf %f -inf %f cmp %d %d\n", nanf_, inff, -inff, nanf_ < 0, inff > 3.4e38f);
  float m = 3.4e38f;
  printf("overflow %f underflow %g\n", m * 10.0f, 1e-30f * 1e-30f);
  return 0;
}
