// RUN: %difftest %s
// vector_int.c — loops the loop and SLP vectorisers transform at -O2/-O3:
// sums and maps over int, short, long and unsigned arrays of 1000
// elements, min/max reductions, conditional (select) maps, prefix-free
// element-wise ops, dot products, count-if, and abs-difference sums.
#include <stdint.h>
#include <stdio.h>

#define N 1000
static int a[N], b[N], c[N];
static short sa[N], sb[N];
static long la[N];
static unsigned ua[N];

static long sum_int(const int *x, int n) { long s = 0; for (int i = 0; i < n; i++) s += x[i]; return s; }
static int sum_int32(const int *x, int n) { int s = 0; for (int i = 0; i < n; i++) s += x[i]; return s; }
static int min_int(const int *x, int n) { int m = x[0]; for (int i = 1; i < n; i++) m = x[i] < m ? x[i] : m; return m; }
static int max_int(const int *x, int n) { int m = x[0]; for (int i = 1; i < n; i++) if (x[i] > m) m = x[i]; return m; }
static void add_arrays(int *restrict out, const int *restrict x, const int *restrict y, int n) { for (int i = 0; i < n; i++) out[i] = x[i] + y[i]; }
static void scale_shift(int *x, int n, int k) { for (int i = 0; i < n; i++) x[i] = (x[i] * k) >> 2; }
static long dot(const int *x, const int *y, int n) { long s = 0; for (int i = 0; i < n; i++) s += (long)x[i] * y[i]; return s; }
static int count_if_gt(const int *x, int n, int t) { int c = 0; for (int i = 0; i < n; i++) c += x[i] > t; return c; }
static void clamp(int *x, int n, int lo, int hi) { for (int i = 0; i < n; i++) x[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i]; }
static long absdiff(const int *x, const int *y, int n) { long s = 0; for (int i = 0; i < n; i++) { int d = x[i] - y[i]; s += d < 0 ? -d : d; } return s; }
static unsigned xor_reduce(const unsigned *x, int n) { unsigned r = 0; for (int i = 0; i < n; i++) r ^= x[i]; return r; }
static unsigned and_or(const unsigned *x, int n, unsigned *or_out) { unsigned a_ = ~0u, o = 0; for (int i = 0; i < n; i++) { a_ &= x[i] | 0x80000000u; o |= x[i]; } *or_out = o; return a_; }

int main(void) {
  for (int i = 0; i < N; i++) {
    a[i] = (i * 37) % 101 - 50;
    b[i] = (i * i) % 97 - i / 10;
    sa[i] = (short)(i * 71 % 30011 - 15000);
    sb[i] = (short)(3 - i % 7);
    la[i] = (long)i * 1000003L - 400000000L;
    ua[i] = (unsigned)i * 2654435761u;
  }
  printf("sum a=%ld b=%ld sum32 a=%d\n", sum_int(a, N), sum_int(b, N), sum_int32(a, N));
  printf("min a=%d max a=%d min b=%d max b=%d\n", min_int(a, N), max_int(a, N), min_int(b, N), max_int(b, N));
  add_arrays(c, a, b, N);
  printf("c: %d %d %d ... %d sum %ld\n", c[0], c[1], c[2], c[N - 1], sum_int(c, N));
  printf("dot a.b=%ld a.a=%ld\n", dot(a, b, N), dot(a, a, N));
  printf("count a>10: %d, b>0: %d\n", count_if_gt(a, N, 10), count_if_gt(b, N, 0));
  printf("absdiff %ld\n", absdiff(a, b, N));
  scale_shift(c, N, 3);
  printf("scaled sum %ld c[7]=%d c[999]=%d\n", sum_int(c, N), c[7], c[999]);
  clamp(c, N, -20, 20);
  printf("clamped sum %ld min %d max %d\n", sum_int(c, N), min_int(c, N), max_int(c, N));

  int ssum = 0, sprod = 0;
  short smax = sa[0];
  for (int i = 0; i < N; i++) { ssum += sa[i]; sprod += sa[i] * sb[i]; if (sa[i] > smax) smax = sa[i]; }
  printf("short sum %d dot %d max %d\n", ssum, sprod, smax);
  for (int i = 0; i < N; i++) sa[i] = (short)(sa[i] + sb[i] * 1000);
  ssum = 0;
  for (int i = 0; i < N; i++) ssum += sa[i];
  printf("short wrapped sum %d sa[3]=%d\n", ssum, sa[3]);

  long lsum = 0, lmin = la[0];
  for (int i = 0; i < N; i++) { lsum += la[i] ^ (la[i] >> 3); lmin = la[i] < lmin ? la[i] : lmin; }
  printf("long xsum %ld min %ld\n", lsum, lmin);
  unsigned orv, andv = and_or(ua, N, &orv);
  printf("uxor %08x and %08x or %08x\n", xor_reduce(ua, N), andv, orv);
  unsigned usum = 0;
  for (int i = 0; i < N; i++) usum += ua[i] >> (i & 7);
  printf("ushift sum %u\n", usum);
  for (int i = 0; i < N; i++) a[i] = a[i] * 2 + (i & 1 ? b[i] : -b[i]);
  printf("mixed sum %ld first %d %d %d %d\n", sum_int(a, N), a[0], a[1], a[2], a[3]);
  int hist[4] = {0};
  for (int i = 0; i < N; i++) hist[a[i] & 3]++;
  printf("hist %d %d %d %d\n", hist[0], hist[1], hist[2], hist[3]);
  return 0;
}
