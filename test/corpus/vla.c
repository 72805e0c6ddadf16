// RUN: %difftest %s
// vla.c — variable-length arrays: 1-D VLAs sized at run time, a 2-D VLA
// passed to functions with size parameters (matrix multiply, transpose),
// a VLA declared inside a loop whose size changes each iteration, sizeof
// of a VLA, and pointers to VLA rows.
#include <stdio.h>

static void fill(int rows, int cols, long m[rows][cols], int seed) {
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) m[r][c] = (r + 1) * (c + 2) + seed;
}
static void matmul(int n, int k, int m, long a[n][k], long b[k][m], long out[n][m]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++) {
      long s = 0;
      for (int x = 0; x < k; x++) s += a[i][x] * b[x][j];
      out[i][j] = s;
    }
}
static void print_mat(const char *name, int rows, int cols, long m[rows][cols]) {
  printf("%s (%dx%d):\n", name, rows, cols);
  for (int r = 0; r < rows; r++) {
    for (int c = 0; c < cols; c++) printf(" %6ld", m[r][c]);
    putchar('\n');
  }
}
static double trace_of(int n, double m[n][n]) {
  double t = 0;
  for (int i = 0; i < n; i++) t += m[i][i];
  return t;
}

int main(void) {
  for (int n = 1; n <= 6; n++) {
    int tri[n];
    for (int i = 0; i < n; i++) tri[i] = i == 0 ? 1 : tri[i - 1] * (n - i) / i;
    printf("n=%d sizeof=%zu row:", n, sizeof tri);
    for (int i = 0; i < n; i++) printf(" %d", tri[i]);
    putchar('\n');
  }
  int n = 3, k = 4, m = 2;
  long a[n][k], b[k][m], c[n][m];
  fill(n, k, a, 0);
  fill(k, m, b, -3);
  matmul(n, k, m, a, b, c);
  print_mat("a", n, k, a);
  print_mat("b", k, m, b);
  print_mat("a*b", n, m, c);
  long at[k][n];
  for (int r = 0; r < n; r++)
    for (int col = 0; col < k; col++) at[col][r] = a[r][col];
  print_mat("transpose(a)", k, n, at);
  printf("sizeof a=%zu sizeof row=%zu\n", sizeof a, sizeof a[0]);

  for (int size = 2; size <= 5; size++) {
    double sq[size][size];
    for (int i = 0; i < size; i++)
      for (int j = 0; j < size; j++) sq[i][j] = 1.0 / (i + j + 1);
    double (*row)[size] = &sq[size - 1];
    printf("hilbert %d: trace %.6f last row first %.6f last %.6f\n", size, trace_of(size, sq), (*row)[0], (*row)[size - 1]);
  }
  int total = 0;
  for (int len = 10; len < 200; len += 37) {
    char buf[len];
    for (int i = 0; i < len; i++) buf[i] = (char)('a' + i % 26);
    buf[len - 1] = '\0';
    total += len;
    printf("buf[%d] ends '%s'\n", len, buf + (len > 8 ? len - 8 : 0));
  }
  printf("total %d\n", total);
  return 0;
}
