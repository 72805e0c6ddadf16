// RUN: %difftest %s
// int64_bits.c — bit manipulation on 64-bit (and 32-bit) values:
// __builtin_popcountll/clzll/ctzll/bswap64/bswap32/bswap16/parityll/ffsll,
// hand-written equivalents checked against the builtins, bit reversal,
// next power of two, lowest set bit tricks, Gray code, bit interleaving.
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int popcount_loop(uint64_t x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
static int clz_loop(uint64_t x) { int n = 0; for (uint64_t m = 1ULL << 63; m && !(x & m); m >>= 1) n++; return n; }
static uint64_t reverse_bits(uint64_t x) {
  x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
  x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((x & 0x0f0f0f0f0f0f0f0fULL) << 4);
  return __builtin_bswap64(x);
}
static uint64_t next_pow2(uint64_t x) {
  if (x <= 1) return 1;
  return 1ULL << (64 - __builtin_clzll(x - 1));
}
static uint64_t spread(uint32_t x) {
  uint64_t v = x;
  v = (v | (v << 16)) & 0x0000ffff0000ffffULL;
  v = (v | (v << 8)) & 0x00ff00ff00ff00ffULL;
  v = (v | (v << 4)) & 0x0f0f0f0f0f0f0f0fULL;
  v = (v | (v << 2)) & 0x3333333333333333ULL;
  v = (v | (v << 1)) & 0x5555555555555555ULL;
  return v;
}

int main(void) {
  uint64_t vals[] = {1, 2, 3, 0x80, 0xff, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0x0123456789abcdefULL,
                     0x00f0000000000000ULL, 0x5555555555555555ULL, 1000000007ULL, 0x100000000ULL};
  for (int i = 0; i < 12; i++) {
    uint64_t x = vals[i];
    printf("%016" PRIx64 " pop=%2d/%2d clz=%2d/%2d ctz=%2d ffs=%2d parity=%d bswap=%016" PRIx64 " rev=%016" PRIx64 "\n", x,
           __builtin_popcountll(x), popcount_loop(x), __builtin_clzll(x), clz_loop(x), __builtin_ctzll(x),
           __builtin_ffsll((long long)x), __builtin_parityll(x), __builtin_bswap64(x), reverse_bits(x));
  }
  printf("ffsll(0)=%d popcount(0)=%d\n", __builtin_ffsll(0), __builtin_popcountll(0));
  uint32_t w = 0xdeadbeef;
  printf("bswap32 %08" PRIx32 " bswap16 %04x pop32 %d clz32 %d ctz32 %d\n", __builtin_bswap32(w), __builtin_bswap16((uint16_t)w),
         __builtin_popcount(w), __builtin_clz(w >> 4), __builtin_ctz(w & ~1u));

  uint64_t p[] = {0, 1, 2, 3, 5, 17, 1000, 1ULL << 40, (1ULL << 40) + 1, 0x7fffffffffffffffULL};
  for (int i = 0; i < 10; i++) printf("next_pow2(%" PRIu64 ")=%" PRIu64 "\n", p[i], next_pow2(p[i]));

  uint64_t x = 0xb6d8000000000000ULL;
  printf("lowest set %" PRIx64 " clear lowest %" PRIx64 " isolate zero %" PRIx64 " smear right %" PRIx64 "\n", x & -x, x & (x - 1),
         ~x & (x + 1), x | (x - 1));
  printf("gray:");
  for (uint32_t i = 0; i < 16; i++) {
    uint32_t g = i ^ (i >> 1), b = g;
    for (uint32_t s = 1; s < 32; s <<= 1) b ^= b >> s;
    printf(" %u>%u>%u", i, g, b);
  }
  putchar('\n');
  uint32_t xs[] = {0, 1, 0xffff, 12345, 0xffffffffu};
  for (int i = 0; i < 5; i++) {
    uint64_t morton = spread(xs[i]) | (spread(xs[(i + 1) % 5]) << 1);
    printf("morton(%u,%u)=%016" PRIx64 "\n", xs[i], xs[(i + 1) % 5], morton);
  }
  // Count total bits set in a range, several ways.
  uint64_t total = 0, total2 = 0;
  for (uint64_t i = 0; i < 5000; i++) { total += (uint64_t)__builtin_popcountll(i * 0x9e3779b97f4a7c15ULL); total2 += (uint64_t)popcount_loop(i * 0x9e3779b97f4a7c15ULL); }
  printf("bits in hashes %" PRIu64 " %" PRIu64 "\n", total, total2);
  unsigned char bytes[8] = {0x01, 0x80, 0xff, 0x00, 0x3c, 0xaa, 0x55, 0x7e};
  for (int i = 0; i < 8; i++) printf("%02x:pop%d:rev%02x ", bytes[i], __builtin_popcount(bytes[i]), (unsigned)(reverse_bits(bytes[i]) >> 56));
  putchar('\n');
  return 0;
}
