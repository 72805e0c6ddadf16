// RUN: %difftest %s
// float_printf.c — printing floating point: %f %e %g %a (and upper-case
// forms) at many precisions and widths, flags (+, space, #, 0, -), values
// near rounding boundaries, tiny/huge/subnormal numbers, NaN, +-inf, -0.0,
// and float arguments promoted to double.
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void) {
  double vals[] = {0.0, -0.0, 1.0, -1.5, 0.1, 2.5, 3.5, 1.0 / 3.0, 2.0 / 3.0, 123456789.0,
                   1e-5, 1e21, 6.02214076e23, 1.602e-19, 0.125, 999.9995, 0.000049999};
  int nv = (int)(sizeof vals / sizeof *vals);
  for (int i = 0; i < nv; i++)
    printf("%-3d %%f=%f %%.0f=%.0f %%.2f=%.2f %%e=%e %%.3e=%.3e %%g=%g %%.10g=%.10g\n", i, vals[i],
           vals[i], vals[i], vals[i], vals[i], vals[i], vals[i]);
  for (int i = 0; i < nv; i++) printf("%%a %a  %%.3a %.3a  %%A %A\n", vals[i], vals[i], vals[i]);

  puts("-- precision sweep of pi --");
  double pi = 3.14159265358979323846;
  for (int p = 0; p <= 17; p++) printf("%2d: %.*f | %.*e | %.*g\n", p, p, pi, p, pi, p, pi);

  puts("-- flags and widths --");
  printf("[%10.3f] [%-10.3f] [%+10.3f] [% .3f] [%010.3f] [%#.0f] [%#g] [%#x]\n", pi, pi, pi, pi, pi,
         pi, 2.0, 0u);
  printf("[%+e] [%+g] [% g] [%-12g|] [%012e]\n", -pi, pi, pi, pi, -pi);
  printf("[%8.3g] [%-8.3g] [%08.3g] [%.0e] [%#.0e]\n", 1234.5, 0.00012345, -1.5, 12345.0, 12345.0);

  puts("-- rounding at the half --");
  double halves[] = {0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, 1.005, 2.675, 1e15 + 0.5};
  for (int i = 0; i < 10; i++) printf("%.17g -> %.0f %.2f %.1e\n", halves[i], halves[i], halves[i], halves[i]);

  puts("-- special values --");
  double inf = INFINITY, nan = NAN;
  printf("%f %f %e %g %a\n", inf, -inf, inf, -inf, inf);
  printf("%F %E %G %A\n", inf, -inf, inf, -inf);
  printf("%f %e %g %5.2f|%-6f|\n", nan, nan, nan, nan, nan);
  printf("%+f %+f % f\n", inf, 0.0, 0.0);
  printf("-0.0: %f %e %g %a %+.1f\n", -0.0, -0.0, -0.0, -0.0, -0.0);
  printf("signbit(-0.0)=%d signbit(0.0)=%d 0.0==-0.0 %d\n", signbit(-0.0) != 0, signbit(0.0) != 0, 0.0 == -0.0);

  puts("-- limits --");
  printf("DBL_MAX %g %a\nDBL_MIN %g %a\nDBL_EPSILON %g %a\n", DBL_MAX, DBL_MAX, DBL_MIN, DBL_MIN, DBL_EPSILON,
         DBL_EPSILON);
  printf("DBL_TRUE_MIN %g %a %.20e\n", 4.9406564584124654e-324, 4.9406564584124654e-324, 4.9406564584124654e-324);
  printf("FLT_MAX %g FLT_MIN %g FLT_EPSILON %g\n", (double)FLT_MAX, (double)FLT_MIN, (double)FLT_EPSILON);
  printf("DBL_MAX %%f: %f\n", DBL_MAX);
  printf("DBL_DIG %d FLT_DIG %d DBL_MANT_DIG %d\n", DBL_DIG, FLT_DIG, DBL_MANT_DIG);

  puts("-- float arguments --");
  float fs[] = {0.1f, 1.0f / 3.0f, 16777216.0f, 16777217.0f, 3.4e38f, 1.4e-45f};
  for (int i = 0; i < 6; i++) printf("%.9g %a %e\n", fs[i], fs[i], fs[i]);
  return 0;
}
