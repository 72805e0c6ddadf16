/* matmul.c - integer benchmark: dense integer matrix multiply.
 *
 * Stresses: nested counted loops, 32-bit multiply-add, row-major array
 * indexing (i-k-j order, which the native compiler vectorises), stores.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of 128x128 products;
 * the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 300
#define N 128

typedef unsigned int u32;
typedef unsigned long long u64;

static u32 a[N][N], b[N][N], c[N][N];

static void multiply(void) {
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++)
      c[i][j] = 0;
    for (int k = 0; k < N; k++) {
      u32 aik = a[i][k];
      for (int j = 0; j < N; j++)
        c[i][j] += aik * b[k][j];
    }
  }
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  u32 seed = 12345;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      seed = seed * 1103515245u + 12345u;
      a[i][j] = (seed >> 16) & 0xFF;
      seed = seed * 1103515245u + 12345u;
      b[i][j] = (seed >> 16) & 0xFF;
    }
  u64 checksum = 0;
  for (int rep = 0; rep < scale; rep++) {
    multiply();
    u64 trace = 0;
    for (int i = 0; i < N; i++)
      trace += c[i][i];
    checksum = checksum * 1000003u + trace;
    /* Feed the product back so every multiply is different. */
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++)
        b[i][j] = (c[i][j] >> 3) & 0x3FF;
  }
  printf("c[7][9] = %u\n", c[7][9]);
  printf("checksum %llu\n", checksum);
  return 0;
}
