// RUN: %difftest %s
// int64_arith.c — 64-bit integer arithmetic: unsigned wrap-around, signed
// division and modulo with every sign combination, INT64_MIN edge cases
// that are defined, shifts (logical vs arithmetic, by 0..63), mixed
// 32/64-bit conversions, multiplication overflow checks via builtins,
// and a 64-bit LCG / xorshift / FNV-1a hash.
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
  uint64_t u = UINT64_MAX;
  printf("max+1=%" PRIu64 " 0-1=%" PRIu64 " max*max=%" PRIu64 "\n", u + 1, (uint64_t)0 - 1, u * u);
  uint64_t big = 0xfedcba9876543210ULL;
  printf("big*3=%" PRIx64 " big*big=%" PRIx64 " -big=%" PRIx64 " ~big=%" PRIx64 "\n", big * 3, big * big, -big, ~big);

  int64_t nums[] = {7, -7, 100, -100, INT64_MAX, INT64_MIN + 1, 1};
  int64_t dens[] = {2, -2, 3, -3, 7, INT64_MAX};
  for (int i = 0; i < 7; i++) {
    for (int j = 0; j < 6; j++) printf("%" PRId64 "/%" PRId64 "=%" PRId64 " r%" PRId64 "  ", nums[i], dens[j], nums[i] / dens[j], nums[i] % dens[j]);
    putchar('\n');
  }
  printf("INT64_MIN/2=%" PRId64 " INT64_MIN%%3=%" PRId64 " INT64_MIN/INT64_MIN=%" PRId64 "\n", INT64_MIN / 2, INT64_MIN % 3, INT64_MIN / INT64_MIN);
  uint64_t ud[] = {1, 3, 10, 0xffffffffULL, 0x100000000ULL, UINT64_MAX};
  for (int j = 0; j < 6; j++) printf("big/%" PRIu64 "=%" PRIu64 " r%" PRIu64 "\n", ud[j], big / ud[j], big % ud[j]);

  int64_t neg = -0x123456789abcdefLL;
  for (int s = 0; s < 64; s += 7)
    printf("s=%2d u<<=%016" PRIx64 " u>>=%016" PRIx64 " s>>=%" PRId64 " rotl=%016" PRIx64 "\n", s, big << s, big >> s, neg >> s,
           (big << s) | (big >> ((64 - s) & 63)));
  printf("neg>>63=%" PRId64 " (uint64)neg>>63=%" PRIu64 "\n", neg >> 63, (uint64_t)neg >> 63);

  int32_t i32 = -5;
  uint32_t u32 = 4000000000u;
  printf("mix: %" PRId64 " %" PRIu64 " %" PRId64 " %" PRIu64 " %d\n", (int64_t)i32, (uint64_t)i32, (int64_t)u32, (uint64_t)u32 * u32,
         (int32_t)(uint32_t)0x87654321u);
  printf("trunc: %" PRId32 " %" PRIu32 " %d\n", (int32_t)(int64_t)0x1ffffffffLL, (uint32_t)big, (int)(int8_t)(big >> 8));
  printf("cmp: %d %d %d\n", (int64_t)-1 < (int64_t)1, (uint64_t)-1 > 1u, -1L < 0x7fffffffffffffffL);

  int64_t products[][2] = {{3037000499LL, 3037000499LL}, {3037000500LL, 3037000500LL}, {-4, INT64_MAX / 4}, {INT64_MIN, -1}, {1 << 20, 1LL << 43}};
  for (int i = 0; i < 5; i++) {
    int64_t r;
    int ovf = __builtin_mul_overflow(products[i][0], products[i][1], &r);
    printf("mul %" PRId64 " * %" PRId64 ": overflow=%d result=%" PRId64 "\n", products[i][0], products[i][1], ovf, r);
  }
  uint64_t sum;
  printf("add overflow %d", __builtin_add_overflow(UINT64_MAX - 5, (uint64_t)10, &sum));
  printf(" -> %" PRIu64 "\n", sum);
  int64_t diff;
  printf("sub overflow %d", __builtin_sub_overflow(INT64_MIN, (int64_t)1, &diff));
  printf(" -> %" PRId64 "\n", diff);

  uint64_t lcg = 42, xs = 88172645463325252ULL, fnv = 0xcbf29ce484222325ULL;
  for (int i = 0; i < 8; i++) {
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    xs ^= xs << 13; xs ^= xs >> 7; xs ^= xs << 17;
    fnv = (fnv ^ (uint64_t)(i * 37 + 11)) * 0x100000001b3ULL;
    printf("lcg %016" PRIx64 " xorshift %20" PRIu64 " fnv %016" PRIx64 "\n", lcg, xs, fnv);
  }
  long lmax = LONG_MAX;
  printf("LONG_MAX=%ld LLONG_MIN=%lld ULLONG_MAX=%llu\n", lmax, LLONG_MIN, ULLONG_MAX);
  return 0;
}
