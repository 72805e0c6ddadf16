// RUN: %difftest %s
// small_ints.c — 8- and 16-bit integer arithmetic and the usual arithmetic
// conversions: char/short overflow wrapping when stored, signed char
// comparisons and sign extension, unsigned char vs char, integer
// promotion surprises (~uc, uc << 24 in unsigned, -us), int8_t/uint16_t
// checksums, saturating helpers.
#include <stdint.h>
#include <stdio.h>

static int8_t sat_add8(int8_t a, int8_t b) {
  int s = a + b;
  return (int8_t)(s > 127 ? 127 : s < -128 ? -128 : s);
}
static uint8_t sat_sub_u8(uint8_t a, uint8_t b) { return a > b ? (uint8_t)(a - b) : 0; }

int main(void) {
  signed char sc = 120;
  unsigned char uc = 250;
  short ss = 32000;
  unsigned short us = 65530;
  for (int i = 0; i < 6; i++) {
    printf("sc=%4d uc=%3u ss=%6d us=%5u\n", sc, uc, ss, us);
    sc = (signed char)(sc + 3);
    uc = (unsigned char)(uc + 3);
    ss = (short)(ss + 300);
    us = (unsigned short)(us + 3);
  }
  signed char a = -1;
  unsigned char b = 255;
  printf("a==b %d (int)a=%d (int)b=%d (unsigned)a=%u a<b %d\n", a == b, a, b, (unsigned)a, a < b);
  printf("~uc=%d -us=%d uc<<24=%u (uint8)~uc=%u\n", ~uc, -us, (unsigned)uc << 24, (uint8_t)~uc);
  printf("sizeof promotions: %zu %zu %zu\n", sizeof(uc + uc), sizeof(+sc), sizeof(ss * ss));
  unsigned short m1 = 60000, m2 = 60000;
  printf("us*us as int64=%lld as uint32=%u\n", (long long)m1 * m2, (unsigned)m1 * m2);

  signed char chars[] = {-128, -100, -1, 0, 1, 100, 127};
  for (int i = 0; i < 7; i++) {
    signed char c = chars[i];
    printf("c=%4d c/3=%3d c%%3=%2d c>>1=%4d (uint8)c=%3u c*c=%5d (int8)(c*2)=%4d neg=%4d\n", c, c / 3, c % 3, c >> 1,
           (uint8_t)c, c * c, (int8_t)(c * 2), (int8_t)-c);
  }
  int cmp_count = 0;
  for (int i = -128; i < 128; i++)
    for (int j = -128; j < 128; j += 17) {
      signed char x = (signed char)i, y = (signed char)j;
      unsigned char ux = (unsigned char)i, uy = (unsigned char)j;
      cmp_count += (x < y) + 2 * (ux < uy) + 4 * ((uint8_t)(x + y) > 100);
    }
  printf("comparison checksum %d\n", cmp_count);

  uint8_t sum8 = 0, xor8 = 0;
  uint16_t fletcher_a = 0, fletcher_b = 0;
  const char *msg = "The quick brown fox jumps over the lazy dog";
  for (const char *p = msg; *p; p++) {
    sum8 = (uint8_t)(sum8 + (uint8_t)*p);
    xor8 ^= (uint8_t)*p;
    fletcher_a = (uint16_t)((fletcher_a + (uint8_t)*p) % 255);
    fletcher_b = (uint16_t)((fletcher_b + fletcher_a) % 255);
  }
  printf("sum8=%u xor8=%u fletcher16=%04x\n", sum8, xor8, (unsigned)(fletcher_b << 8 | fletcher_a));
  uint16_t crc = 0xffff;
  for (const char *p = msg; *p; p++) {
    crc ^= (uint16_t)((uint8_t)*p << 8);
    for (int k = 0; k < 8; k++) crc = (uint16_t)(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  printf("crc16-ccitt=%04x\n", crc);

  int8_t sa[] = {100, -100, 50, -50, 127, -128};
  for (int i = 0; i < 6; i++)
    printf("sat_add(%d,%d)=%d sat_sub_u8(%u,%u)=%u\n", sa[i], sa[(i + 1) % 6], sat_add8(sa[i], sa[(i + 1) % 6]),
           (uint8_t)sa[i], (uint8_t)sa[(i + 2) % 6], sat_sub_u8((uint8_t)sa[i], (uint8_t)sa[(i + 2) % 6]));
  int16_t h = -32768;
  printf("int16 min %d /-1 as int %d, abs %d, (int16)(h-1)=%d\n", h, h / -1, h < 0 ? -h : h, (int16_t)(h - 1));
  char plain = 'z';
  printf("plain char arithmetic %d %c %d\n", plain + 1, plain - 25, (char)(plain + 10) > 0);
  return 0;
}
