// RUN: %difftest %s
// switch_dense_sparse.c — switch statements: dense ranges (jump tables),
// sparse case values (binary search / compare chains), fallthrough
// (Duff's device), default in the middle, switches on char, on negative
// and 64-bit values, and nested switches.
#include <stdint.h>
#include <stdio.h>

static const char *day(int d) {
  switch (d) {
  case 0: return "Sun"; case 1: return "Mon"; case 2: return "Tue"; case 3: return "Wed";
  case 4: return "Thu"; case 5: return "Fri"; case 6: return "Sat";
  default: return "???";
  }
}

static int sparse(long v) {
  switch (v) {
  case -1000000: return 1;
  case -7: return 2;
  case 0: return 3;
  case 13: return 4;
  case 255: return 5;
  case 4096: return 6;
  case 65537: return 7;
  case 1000000007: return 8;
  case 0x7fffffffffffL: return 9;
  default: return 0;
  }
}

static int fall(int n) {
  int r = 0;
  switch (n) {
  case 5: r += 5; /* fall through */
  case 4: r += 4; /* fall through */
  default: r += 100; /* fall through */
  case 3: r += 3; break;
  case 2: r += 2; /* fall through */
  case 1: r += 1;
  }
  return r;
}

static void duff_copy(char *to, const char *from, int count) {
  int n = (count + 7) / 8;
  switch (count % 8) {
  case 0: do { *to++ = *from++; /* fall through */
  case 7:      *to++ = *from++; /* fall through */
  case 6:      *to++ = *from++; /* fall through */
  case 5:      *to++ = *from++; /* fall through */
  case 4:      *to++ = *from++; /* fall through */
  case 3:      *to++ = *from++; /* fall through */
  case 2:      *to++ = *from++; /* fall through */
  case 1:      *to++ = *from++;
          } while (--n > 0);
  }
}

static const char *classify_char(char c) {
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u': return "vowel";
  case ' ': case '\t': case '\n': return "space";
  case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': return "digit";
  case '.': case ',': case '!': case '?': return "punct";
  default: return (c >= 'a' && c <= 'z') ? "consonant" : "other";
  }
}

static int nested(int a, int b) {
  switch (a) {
  case 0:
    switch (b) { case 0: return 0; case 1: return 1; default: return 2; }
  case 1:
    switch (b) { case 0: return 10; case 5: return 15; }
    return 19;
  default:
    return a * 100 + b;
  }
}

int main(void) {
  for (int d = -1; d <= 7; d++) printf("%s ", day(d));
  putchar('\n');
  long probes[] = {-1000000, -7, -6, 0, 1, 13, 255, 256, 4096, 65537, 1000000007, 0x7fffffffffffL, 0x7ffffffffffeL};
  for (int i = 0; i < 13; i++) printf("sparse(%ld)=%d\n", probes[i], sparse(probes[i]));
  for (int n = 0; n <= 7; n++) printf("fall(%d)=%d ", n, fall(n));
  putchar('\n');
  const char *src = "Duff's device copies eight bytes per loop trip!";
  char dst[64];
  for (int len = 1; len <= 47; len += 9) {
    duff_copy(dst, src, len);
    dst[len] = '\0';
    printf("duff %2d: %s\n", len, dst);
  }
  const char *text = "hi, 42 cats\tsleep!";
  for (const char *p = text; *p; p++) printf("'%c':%s ", *p == '\t' ? 'T' : *p, classify_char(*p));
  putchar('\n');
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 6; b += 1) printf("%d ", nested(a, b));
  putchar('\n');
  uint64_t hist[8] = {0};
  for (uint32_t i = 0; i < 10000; i++) {
    uint32_t h = i * 2654435761u;
    switch (h >> 29) {
    case 0: hist[0]++; break; case 1: hist[1]++; break; case 2: hist[2]++; break; case 3: hist[3]++; break;
    case 4: hist[4]++; break; case 5: hist[5]++; break; case 6: hist[6]++; break; default: hist[7]++; break;
    }
  }
  for (int i = 0; i < 8; i++) printf("bucket %d: %llu\n", i, (unsigned long long)hist[i]);
  return 0;
}
