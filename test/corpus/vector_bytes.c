// RUN: %difftest %s
// vector_bytes.c — byte-array loops that vectorise: memcpy/memset-like
// loops (which clang may turn into calls), char case conversion maps,
// byte histograms, byte sums into wider accumulators, reversing, XOR
// "encryption", run-length counting of equal neighbours, strided access.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1000
static unsigned char src[N], dst[N], key[N];
static char text[N + 1];

static void copy_bytes(unsigned char *restrict d, const unsigned char *restrict s, int n) { for (int i = 0; i < n; i++) d[i] = s[i]; }
static void set_bytes(unsigned char *d, unsigned char v, int n) { for (int i = 0; i < n; i++) d[i] = v; }
static void to_upper(char *s, int n) { for (int i = 0; i < n; i++) if (s[i] >= 'a' && s[i] <= 'z') s[i] = (char)(s[i] - 32); }
static uint32_t sum_bytes(const unsigned char *s, int n) { uint32_t t = 0; for (int i = 0; i < n; i++) t += s[i]; return t; }
static int sum_signed(const signed char *s, int n) { int t = 0; for (int i = 0; i < n; i++) t += s[i]; return t; }
static unsigned char max_byte(const unsigned char *s, int n) { unsigned char m = 0; for (int i = 0; i < n; i++) m = s[i] > m ? s[i] : m; return m; }

int main(void) {
  for (int i = 0; i < N; i++) {
    src[i] = (unsigned char)(i * 131 + 7);
    key[i] = (unsigned char)(i * i + 3);
    text[i] = "the Quick brown FOX, jumps over 13 lazy dogs! "[i % 46];
  }
  text[N] = '\0';
  copy_bytes(dst, src, N);
  printf("copy equal %d sum %u max %u\n", memcmp(dst, src, N) == 0, sum_bytes(dst, N), max_byte(dst, N));
  set_bytes(dst + 100, 0xab, 50);
  printf("after set sum %u dst[99..101]=%u,%u,%u dst[150]=%u\n", sum_bytes(dst, N), dst[99], dst[100], dst[101], dst[150]);
  printf("signed sum %d\n", sum_signed((const signed char *)src, N));

  to_upper(text, N);
  printf("upper: %.60s\n", text);
  int letters = 0, digits = 0, spaces = 0;
  for (int i = 0; i < N; i++) {
    letters += text[i] >= 'A' && text[i] <= 'Z';
    digits += text[i] >= '0' && text[i] <= '9';
    spaces += text[i] == ' ';
  }
  printf("letters %d digits %d spaces %d\n", letters, digits, spaces);

  unsigned hist[16] = {0};
  for (int i = 0; i < N; i++) hist[src[i] >> 4]++;
  for (int i = 0; i < 16; i++) printf("%u%c", hist[i], i == 15 ? '\n' : ' ');

  for (int i = 0; i < N; i++) dst[i] = src[i] ^ key[i];
  uint32_t enc = sum_bytes(dst, N);
  for (int i = 0; i < N; i++) dst[i] ^= key[i];
  printf("xor enc sum %u roundtrip %d\n", enc, memcmp(dst, src, N) == 0);

  for (int i = 0; i < N / 2; i++) { unsigned char t = dst[i]; dst[i] = dst[N - 1 - i]; dst[N - 1 - i] = t; }
  printf("reversed first %u last %u\n", dst[0], dst[N - 1]);
  int runs = 1;
  for (int i = 1; i < N; i++) runs += (src[i] >> 6) != (src[i - 1] >> 6);
  printf("runs of top-2-bit classes %d\n", runs);
  uint64_t strided = 0;
  for (int i = 0; i < N; i += 3) strided += (uint64_t)src[i] * (uint64_t)(i + 1);
  printf("strided %llu\n", (unsigned long long)strided);
  for (int i = 0; i < N; i++) dst[i] = (unsigned char)((src[i] + key[i] + 1) >> 1);
  printf("average sum %u\n", sum_bytes(dst, N));
  for (int i = 0; i < N; i++) dst[i] = src[i] > 200 ? 255 : (unsigned char)(src[i] + 55);
  printf("saturating add sum %u\n", sum_bytes(dst, N));
  return 0;
}
