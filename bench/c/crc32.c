/* crc32.c - integer benchmark: checksums and hashes over a generated buffer.
 *
 * Stresses: table lookups (table-driven CRC-32), byte loads, shifts, xors,
 * 32- and 64-bit multiplies (FNV-1a, a 64-bit word mixer), unsigned
 * wrap-around arithmetic.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of passes over a 64 KiB
 * buffer (one byte changes between passes); the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCALE_DEFAULT 500
#define SIZE (64 * 1024)

typedef unsigned int u32;
typedef unsigned long long u64;

static u32 crc_table[256];
static unsigned char buffer[SIZE];

static void make_crc_table(void) {
  for (u32 n = 0; n < 256; n++) {
    u32 c = n;
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}

static u32 crc32(const unsigned char *p, size_t n) {
  u32 c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++)
    c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

static u32 fnv1a(const unsigned char *p, size_t n) {
  u32 h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

/* Mixes the buffer as little-endian 64-bit words (splitmix64 finaliser). */
static u64 mix64(const unsigned char *p, size_t n) {
  u64 h = 0x9E3779B97F4A7C15ull;
  for (size_t i = 0; i + 8 <= n; i += 8) {
    u64 w;
    memcpy(&w, p + i, 8);
    w ^= w >> 30;
    w *= 0xBF58476D1CE4E5B9ull;
    w ^= w >> 27;
    w *= 0x94D049BB133111EBull;
    w ^= w >> 31;
    h = (h ^ w) * 0x100000001B3ull + (h >> 17);
  }
  return h;
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  make_crc_table();
  u32 x = 2463534242u; /* xorshift32 */
  for (int i = 0; i < SIZE; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    buffer[i] = (unsigned char)(x >> 24);
  }
  u32 crc = 0, fnv = 0;
  u64 mix = 0, checksum = 0;
  for (int pass = 0; pass < scale; pass++) {
    buffer[((u32)pass * 2654435761u) % SIZE] ^= (unsigned char)(pass | 1);
    crc = crc32(buffer, SIZE);
    fnv = fnv1a(buffer, SIZE);
    mix = mix64(buffer, SIZE);
    checksum = (checksum ^ crc) * 0x100000001B3ull + fnv + (mix >> 7);
  }
  printf("last crc32 %08x fnv1a %08x mix %016llx\n", crc, fnv, mix);
  printf("checksum %llu\n", checksum);
  return 0;
}
