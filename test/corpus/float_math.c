// RUN: %difftest %s
// float_math.c — double math library: sqrt, pow, exp, log, log10, sin,
// cos, tan, atan2, fmod, floor, ceil, round, trunc, rint, fabs, hypot,
// frexp/ldexp, modf, copysign, fmin/fmax; NaN/inf propagation and
// classification; -0.0 behaviour; integer<->double conversions.
#include <math.h>
#include <stdio.h>

// The sign of a NaN produced by arithmetic is not specified (constant
// folding and the FPU may differ), so computed NaNs are printed as "nan".
static double unsign_nan(double x) { return isnan(x) ? fabs(x) : x; }

static void classify(double x) {
  printf("%-10g isnan=%d isinf=%d isfinite=%d signbit=%d fpclass=%s\n", x, isnan(x) != 0,
         isinf(x) != 0, isfinite(x) != 0, signbit(x) != 0,
         fpclassify(x) == FP_NAN ? "nan" : fpclassify(x) == FP_INFINITE ? "inf"
         : fpclassify(x) == FP_ZERO ? "zero" : fpclassify(x) == FP_SUBNORMAL ? "subnormal" : "normal");
}

int main(void) {
  for (int i = 0; i <= 10; i++) {
    double x = (i - 3) * 0.7;
    printf("x=%5.2f sqrt|x|=%.12f exp=%.12g sin=%.12f cos=%.12f atan=%.12f\n", x, sqrt(fabs(x)),
           exp(x), sin(x), cos(x), atan(x));
  }
  double bases[] = {2, 10, 0.5, -2, 1.0001};
  double exps[] = {0, 1, 0.5, 3, -2, 10.5};
  for (int i = 0; i < 5; i++) {
    printf("pow(%g, .):", bases[i]);
    for (int j = 0; j < 6; j++) printf(" %.10g", unsign_nan(pow(bases[i], exps[j])));
    putchar('\n');
  }
  double logs[] = {1, 2.718281828459045, 10, 0.001, 1e100, 0.5};
  for (int i = 0; i < 6; i++) printf("log(%g)=%.15g log10=%.15g log2=%.15g\n", logs[i], log(logs[i]), log10(logs[i]), log2(logs[i]));

  double r[] = {2.5, -2.5, 3.5, -3.5, 2.4999, -0.5, 0.5, 7.0, -7.9, 1e16 + 2};
  for (int i = 0; i < 10; i++)
    printf("%-8g floor %-6g ceil %-6g round %-6g trunc %-6g rint %-6g lround %ld\n", r[i], floor(r[i]),
           ceil(r[i]), round(r[i]), trunc(r[i]), rint(r[i]), lround(r[i]));

  double fm[][2] = {{10, 3}, {-10, 3}, {10, -3}, {5.5, 1.25}, {-0.0, 1}, {1e20, 7}, {1, 0.1}};
  for (int i = 0; i < 7; i++) printf("fmod(%g,%g)=%.17g remainder=%.17g\n", fm[i][0], fm[i][1], fmod(fm[i][0], fm[i][1]), remainder(fm[i][0], fm[i][1]));

  printf("hypot(3,4)=%g atan2(1,-1)=%.15f atan2(-0.0,-1)=%.15f atan2(0,-1)=%.15f\n", hypot(3, 4), atan2(1, -1), atan2(-0.0, -1), atan2(0, -1));
  int e;
  double m = frexp(1234.5678, &e);
  printf("frexp: %.17g * 2^%d, ldexp back %.17g\n", m, e, ldexp(m, e));
  double ip;
  double fp = modf(-3.75, &ip);
  printf("modf(-3.75) = %g + %g\n", ip, fp);
  printf("copysign(3,-0.0)=%g fmin(2,NAN)=%g fmax(-1,-2)=%g fabs(-0.0)=%g\n", copysign(3, -0.0), fmin(2, NAN), fmax(-1, -2), fabs(-0.0));
  printf("cbrt(27)=%g expm1(1e-10)=%.17g log1p(1e-10)=%.17g\n", cbrt(27.0), expm1(1e-10), log1p(1e-10));

  double inf = INFINITY, nan = NAN, zero = 0.0;
  classify(1.0); classify(-0.0); classify(inf); classify(-inf); classify(nan); classify(5e-324); classify(1 / inf);
  printf("inf-inf=%f 0*inf=%f inf/inf=%f 1/-0.0=%f sqrt(-1)=%f\n", unsign_nan(inf - inf),
         unsign_nan(zero * inf), unsign_nan(inf / inf), 1 / -zero, unsign_nan(sqrt(-1.0)));
  printf("nan==nan %d nan!=nan %d nan<1 %d nan>1 %d inf>1e308 %d\n", nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308);
  printf("-0.0+0.0=%g -0.0*-1=%g -0.0-0.0=%g 0.0*-1=%g\n", -0.0 + 0.0, -0.0 * -1, -0.0 - 0.0, 0.0 * -1);

  double conv[] = {3.99, -3.99, 2147483647.5, -2147483648.75, 4294967295.0, 1e18, -1e18, 9007199254740993.0};
  for (int i = 0; i < 8; i++) printf("(long)%.17g=%ld (unsigned long)|.|=%lu\n", conv[i], (long)conv[i], (unsigned long)fabs(conv[i]));
  long big = 9007199254740993L;
  printf("(double)%ld=%.17g (double)ULONG=%.17g\n", big, (double)big, (double)18446744073709551615UL);
  return 0;
}
