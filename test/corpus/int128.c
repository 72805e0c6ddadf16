// RUN: %difftest %s
// int128.c — __int128 and unsigned __int128: multiplication of 64-bit
// values to full 128-bit products, division and modulo (signed and
// unsigned, negative operands), shifts across the 64-bit boundary,
// comparisons, factorials and powers printed via recursive decimal
// conversion, and 128-bit hex printing via two halves.
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

static void print_u128(u128 v) {
  if (v >= 10) print_u128(v / 10);
  putchar('0' + (int)(v % 10));
}
static void print_i128(i128 v) {
  if (v < 0) { putchar('-'); print_u128((u128)0 - (u128)v); }
  else print_u128((u128)v);
}
static void print_hex(u128 v) { printf("0x%016" PRIx64 "%016" PRIx64, (uint64_t)(v >> 64), (uint64_t)v); }
static u128 isqrt(u128 n) {
  if (n < 2) return n;
  int bits = 0;
  for (u128 t = n; t; t >>= 1) bits++;
  u128 x = (u128)1 << (bits / 2 + 1), y = (x + n / x) / 2; // x >= sqrt(n)
  while (y < x) { x = y; y = (x + n / x) / 2; }
  return x;
}

int main(void) {
  uint64_t a = 0xffffffffffffffffULL, b = 0x123456789abcdef0ULL;
  u128 p = (u128)a * a;
  printf("a*a = "); print_u128(p); printf(" = "); print_hex(p); putchar('\n');
  p = (u128)a * b;
  printf("a*b = "); print_u128(p); printf(" hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)(p >> 64), (uint64_t)p);

  u128 fact = 1;
  for (int i = 1; i <= 34; i++) {
    fact *= (u128)i;
    if (i % 5 == 0 || i > 30) { printf("%2d! = ", i); print_u128(fact); putchar('\n'); }
  }
  u128 max = ~(u128)0;
  printf("u128 max = "); print_u128(max); putchar('\n');
  i128 imax = (i128)(max >> 1), imin = -imax - 1;
  printf("i128 max = "); print_i128(imax); printf("\ni128 min = "); print_i128(imin); putchar('\n');

  i128 nums[] = {1000000000000000000LL, -7, 7, -((i128)1 << 100), ((i128)1 << 90) + 12345};
  i128 dens[] = {3, -3, 1000000007, -((i128)1 << 64) - 1};
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 4; j++) {
      i128 n = nums[i] * 1000 + 17, d = dens[j];
      print_i128(n); printf(" / "); print_i128(d); printf(" = "); print_i128(n / d);
      printf(" rem "); print_i128(n % d); putchar('\n');
    }
  u128 v = ((u128)0x0123456789abcdefULL << 64) | 0xfedcba9876543210ULL;
  for (int s = 0; s < 128; s += 19) {
    printf("v<<%3d=", s); print_hex(v << s);
    printf(" v>>%3d=", s); print_hex(v >> s);
    i128 sv = (i128)(v - ((u128)1 << 127));
    printf(" sar=%d\n", (int)((sv >> s) & 0xffff));
  }
  printf("cmp: %d %d %d %d\n", (u128)1 << 64 > (u128)a, imin < 0, (i128)-1 < (i128)1, (u128)(i128)-1 == max);

  u128 two = 2, pw = 1;
  for (int i = 0; i < 127; i++) pw *= two;
  printf("2^127 = "); print_u128(pw); putchar('\n');
  u128 sq[] = {0, 1, 99, (u128)a, p, max};
  for (int i = 0; i < 6; i++) { printf("isqrt("); print_u128(sq[i]); printf(") = "); print_u128(isqrt(sq[i])); putchar('\n'); }
  u128 ack = 0;
  for (uint64_t i = 1; i <= 1000; i++) ack += (u128)i * i * i * 0x100000000ULL;
  printf("sum cubes << 32 = "); print_u128(ack); putchar('\n');
  return 0;
}
