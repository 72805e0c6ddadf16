// RUN: %difftest %s
// unions_punning.c — type punning through unions and memcpy: float/double
// bit patterns, splitting a 64-bit value into bytes/halves (little endian),
// fast inverse square root style bit hacks, rebuilding doubles from fields.
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

union Word {
  uint64_t u64;
  int64_t i64;
  double d;
  uint32_t u32[2];
  uint16_t u16[4];
  uint8_t u8[8];
};

static uint32_t float_bits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }
static float bits_float(uint32_t u) { float f; memcpy(&f, &u, sizeof f); return f; }
static uint64_t double_bits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
static double bits_double(uint64_t u) { double d; memcpy(&d, &u, sizeof d); return d; }

static float rsqrt(float x) {
  float half = 0.5f * x;
  uint32_t i = float_bits(x);
  i = 0x5f3759df - (i >> 1);
  float y = bits_float(i);
  return y * (1.5f - half * y * y);
}

int main(void) {
  float fs[] = {0.0f, -0.0f, 1.0f, -2.5f, 0.1f, 3.4028235e38f, 1e-45f, 1.17549435e-38f};
  for (unsigned i = 0; i < 8; i++) {
    uint32_t b = float_bits(fs[i]);
    printf("float %-14g bits %08" PRIx32 " sign %u exp %3u mant %06" PRIx32 "\n", fs[i], b,
           b >> 31, (b >> 23) & 0xff, b & 0x7fffff);
  }
  double ds[] = {1.0, -1.0, 0.5, 1.0 / 3.0, 1e300, 5e-324, 123456.789};
  for (unsigned i = 0; i < 7; i++) {
    uint64_t b = double_bits(ds[i]);
    printf("double %-22.17g bits %016" PRIx64 " exp %4u\n", ds[i], b,
           (unsigned)((b >> 52) & 0x7ff));
  }

  union Word w;
  w.u64 = 0x0123456789abcdefULL;
  printf("u32: %08" PRIx32 " %08" PRIx32 "\n", w.u32[0], w.u32[1]);
  printf("u16:");
  for (int i = 0; i < 4; i++) printf(" %04" PRIx16, w.u16[i]);
  printf("\nu8:");
  for (int i = 0; i < 8; i++) printf(" %02" PRIx8, w.u8[i]);
  putchar('\n');
  w.u8[7] = 0xff;
  printf("i64 after top byte: %" PRId64 "\n", w.i64);
  w.d = -0.0;
  printf("-0.0 as u64: %016" PRIx64 "\n", w.u64);

  // Build doubles from sign/exponent/mantissa.
  for (int e = -3; e <= 3; e++) {
    uint64_t bits = ((uint64_t)(1023 + e) << 52) | (UINT64_C(1) << 51);
    printf("1.5 * 2^%d = %g\n", e, bits_double(bits));
  }
  printf("next after 1.0: %.17g\n", bits_double(double_bits(1.0) + 1));
  printf("prev before 1.0: %.17g\n", bits_double(double_bits(1.0) - 1));

  float xs[] = {1.0f, 2.0f, 4.0f, 10.0f, 100.0f, 0.25f};
  for (unsigned i = 0; i < 6; i++) printf("rsqrt(%g) ~ %.5f\n", xs[i], rsqrt(xs[i]));

  // Endianness-independent reassembly vs memcpy view.
  unsigned char bytes[8] = {0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe};
  uint64_t assembled = 0;
  for (int i = 7; i >= 0; i--) assembled = (assembled << 8) | bytes[i];
  uint64_t viewed;
  memcpy(&viewed, bytes, 8);
  printf("assembled %016" PRIx64 " viewed %016" PRIx64 " same %d\n", assembled, viewed, assembled == viewed);
  return 0;
}
