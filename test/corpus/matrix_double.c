// RUN: %difftest %s
// matrix_double.c — dense linear algebra in double: matrix multiply,
// Gaussian elimination with partial pivoting to solve Ax=b, determinant,
// inverse (checked by A*inv(A)), power iteration for the dominant
// eigenvalue, and a 2-D array of doubles passed by pointer.
#include <math.h>
#include <stdio.h>
#include <string.h>

#define M 5

static void matmul(double a[M][M], double b[M][M], double out[M][M]) {
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      double s = 0;
      for (int k = 0; k < M; k++) s += a[i][k] * b[k][j];
      out[i][j] = s;
    }
}
static void print_m(const char *name, double m[M][M]) {
  printf("%s:\n", name);
  for (int i = 0; i < M; i++) {
    for (int j = 0; j < M; j++) printf(" %10.5f", fabs(m[i][j]) < 5e-12 ? 0.0 : m[i][j]);
    putchar('\n');
  }
}
// Solves in place; returns the determinant.
static double gauss(double a[M][M], double *b, double *x) {
  double det = 1;
  for (int col = 0; col < M; col++) {
    int piv = col;
    for (int r = col + 1; r < M; r++) if (fabs(a[r][col]) > fabs(a[piv][col])) piv = r;
    if (piv != col) {
      double t[M];
      memcpy(t, a[piv], sizeof t); memcpy(a[piv], a[col], sizeof t); memcpy(a[col], t, sizeof t);
      double tb = b[piv]; b[piv] = b[col]; b[col] = tb;
      det = -det;
    }
    det *= a[col][col];
    for (int r = col + 1; r < M; r++) {
      double f = a[r][col] / a[col][col];
      for (int c = col; c < M; c++) a[r][c] -= f * a[col][c];
      b[r] -= f * b[col];
    }
  }
  for (int r = M - 1; r >= 0; r--) {
    double s = b[r];
    for (int c = r + 1; c < M; c++) s -= a[r][c] * x[c];
    x[r] = s / a[r][r];
  }
  return det;
}

int main(void) {
  double a[M][M], work[M][M], inv[M][M], prod[M][M];
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) a[i][j] = (i == j) ? 10.0 + i : 1.0 / (1 + i + 2 * j);
  print_m("A", a);
  double b[M], x[M], bcopy[M];
  for (int i = 0; i < M; i++) b[i] = i + 1;
  memcpy(work, a, sizeof work);
  memcpy(bcopy, b, sizeof b);
  double det = gauss(work, bcopy, x);
  printf("det %.10f\nx:", det);
  for (int i = 0; i < M; i++) printf(" %.12f", x[i]);
  putchar('\n');
  double resid = 0;
  for (int i = 0; i < M; i++) {
    double s = 0;
    for (int j = 0; j < M; j++) s += a[i][j] * x[j];
    resid = fmax(resid, fabs(s - b[i]));
  }
  printf("residual below 1e-12: %d\n", resid < 1e-12);
  for (int col = 0; col < M; col++) {
    double e[M] = {0}, sol[M];
    e[col] = 1;
    memcpy(work, a, sizeof work);
    gauss(work, e, sol);
    for (int r = 0; r < M; r++) inv[r][col] = sol[r];
  }
  print_m("inverse", inv);
  matmul(a, inv, prod);
  print_m("A*inverse", prod);
  double v[M] = {1, 1, 1, 1, 1}, lambda = 0;
  for (int it = 0; it < 60; it++) {
    double w[M] = {0}, norm = 0;
    for (int i = 0; i < M; i++) for (int j = 0; j < M; j++) w[i] += a[i][j] * v[j];
    for (int i = 0; i < M; i++) norm += w[i] * w[i];
    norm = sqrt(norm);
    lambda = 0;
    for (int i = 0; i < M; i++) { lambda += v[i] * w[i]; v[i] = w[i] / norm; }
    if (it % 15 == 14) printf("iteration %d: lambda ~ %.9f\n", it + 1, lambda);
  }
  return 0;
}
