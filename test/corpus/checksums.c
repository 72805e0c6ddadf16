// RUN: %difftest %s
// checksums.c — byte-crunching with lookup tables built at run time:
// CRC-32 (table driven and bitwise), Adler-32, base64 encode/decode,
// a hex dump with an ASCII column, and FNV-1a 32-bit.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc_table[256];
static void crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}
static uint32_t crc32_table(const unsigned char *p, size_t n) {
  uint32_t c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}
static uint32_t crc32_bitwise(const unsigned char *p, size_t n) {
  uint32_t c = 0xffffffffu;
  while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1))); }
  return ~c;
}
static uint32_t adler32(const unsigned char *p, size_t n) {
  uint32_t a = 1, b = 0;
  while (n--) { a = (a + *p++) % 65521; b = (b + a) % 65521; }
  return b << 16 | a;
}
static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static size_t b64_encode(const unsigned char *in, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
    out[o++] = b64[v >> 18 & 63];
    out[o++] = b64[v >> 12 & 63];
    out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
    out[o++] = i + 2 < n ? b64[v & 63] : '=';
  }
  out[o] = '\0';
  return o;
}
static size_t b64_decode(const char *in, unsigned char *out) {
  signed char rev[256];
  memset(rev, -1, sizeof rev);
  for (int i = 0; i < 64; i++) rev[(unsigned char)b64[i]] = (signed char)i;
  size_t o = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (; *in && *in != '='; in++) {
    if (rev[(unsigned char)*in] < 0) continue;
    acc = acc << 6 | (uint32_t)rev[(unsigned char)*in];
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (unsigned char)(acc >> bits); acc &= (1u << bits) - 1; }
  }
  return o;
}
static void hexdump(const unsigned char *p, size_t n) {
  for (size_t off = 0; off < n; off += 16) {
    printf("%08zx ", off);
    for (size_t i = 0; i < 16; i++) { if (off + i < n) printf(" %02x", p[off + i]); else printf("   "); }
    printf("  |");
    for (size_t i = 0; i < 16 && off + i < n; i++) putchar(isprint(p[off + i]) ? p[off + i] : '.');
    puts("|");
  }
}

int main(void) {
  crc_init();
  const char *msgs[] = {"", "a", "abc", "123456789", "The quick brown fox jumps over the lazy dog", "Comet\x01\x02\xff"};
  for (int i = 0; i < 6; i++) {
    const unsigned char *p = (const unsigned char *)msgs[i];
    size_t n = strlen(msgs[i]);
    uint32_t fnv = 2166136261u;
    for (size_t k = 0; k < n; k++) fnv = (fnv ^ p[k]) * 16777619u;
    char enc[128];
    unsigned char dec[128];
    b64_encode(p, n, enc);
    size_t dn = b64_decode(enc, dec);
    printf("crc %08x/%08x adler %08x fnv %08x b64 '%s' roundtrip %d\n", crc32_table(p, n), crc32_bitwise(p, n), adler32(p, n), fnv, enc,
           dn == n && memcmp(dec, p, n) == 0);
  }
  unsigned char blob[77];
  for (int i = 0; i < 77; i++) blob[i] = (unsigned char)(i * 37 + 11);
  memcpy(blob + 20, "printable ASCII here", 20);
  hexdump(blob, sizeof blob);
  printf("blob crc %08x adler %08x\n", crc32_table(blob, sizeof blob), adler32(blob, sizeof blob));
  return 0;
}
