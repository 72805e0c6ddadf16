// RUN: %difftest %s
// Multiply-adds that clang contracts into llvm.fmuladd: x86-64 code without
// FMA multiplies, rounds, then adds, so the last bits differ from a fused
// multiply-add. Printed exactly (%a), scalar and in loops the vectorisers
// turn into <2 x double> and <4 x float> operations.
#include <stdio.h>

static double dot(const double *x, const double *y, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; i++)
    sum = x[i] * y[i] + sum;
  return sum;
}

static void axpy(float a, const float *x, float *y, int n) {
  for (int i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

int main(void) {
  volatile double a = 1.0 + 0x1p-30, b = 1.0 - 0x1p-30, c = -1.0;
  printf("%a\n", a * b + c);
  double x[64], y[64];
  float fx[64], fy[64];
  for (int i = 0; i < 64; i++) {
    x[i] = 1.0 + i * 0x1p-29;
    y[i] = 1.0 - i * 0x1p-29;
    fx[i] = 1.0f + i * 0x1p-12f;
    fy[i] = -1.0f - i * 0x1p-13f;
  }
  for (int i = 0; i < 64; i += 16)
    printf("%d %a %a\n", i, x[i] * y[i] - 1.0, dot(x + i, y + i, 16));
  axpy(1.0f + 0x1p-12f, fx, fy, 64);
  for (int i = 0; i < 64; i += 8)
    printf("%d %a\n", i, fy[i]);
  return 0;
}
