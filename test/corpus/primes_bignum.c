// RUN: %difftest %s
// primes_bignum.c — number theory: sieve of Eratosthenes with a byte
// array, prime counting, twin primes, modular exponentiation and
// Miller-Rabin with 64-bit operands (via unsigned __int128 products),
// and arbitrary-precision factorial/power of two in base 10^9 limbs.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((unsigned __int128)a * b % m); }
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1 % m;
  b %= m;
  while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; }
  return r;
}
static int is_prime(uint64_t n) {
  if (n < 2) return 0;
  static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (int i = 0; i < 12; i++) if (n % bases[i] == 0) return n == bases[i];
  uint64_t d = n - 1; int s = 0;
  while (!(d & 1)) { d >>= 1; s++; }
  for (int i = 0; i < 12; i++) {
    uint64_t x = powmod(bases[i], d, n);
    if (x == 1 || x == n - 1) continue;
    int comp = 1;
    for (int r = 1; r < s && comp; r++) { x = mulmod(x, x, n); if (x == n - 1) comp = 0; }
    if (comp) return 0;
  }
  return 1;
}

typedef struct { uint32_t limb[400]; int n; } Big;
static void big_mul_small(Big *b, uint32_t k) {
  uint64_t carry = 0;
  for (int i = 0; i < b->n; i++) { uint64_t v = (uint64_t)b->limb[i] * k + carry; b->limb[i] = (uint32_t)(v % 1000000000u); carry = v / 1000000000u; }
  while (carry) { b->limb[b->n++] = (uint32_t)(carry % 1000000000u); carry /= 1000000000u; }
}
static void big_print(const char *label, const Big *b) {
  char buf[4000]; int off = 0;
  off += snprintf(buf + off, sizeof buf - (size_t)off, "%u", b->limb[b->n - 1]);
  for (int i = b->n - 2; i >= 0; i--) off += snprintf(buf + off, sizeof buf - (size_t)off, "%09u", b->limb[i]);
  printf("%s (%d digits): %.40s...%s\n", label, off, buf, buf + (off > 20 ? off - 20 : 0));
  int digit_sum = 0;
  for (int i = 0; i < off; i++) digit_sum += buf[i] - '0';
  printf("  digit sum %d\n", digit_sum);
}

int main(void) {
  enum { LIMIT = 100000 };
  unsigned char *composite = calloc(LIMIT + 1, 1);
  for (int i = 2; (long)i * i <= LIMIT; i++)
    if (!composite[i]) for (int j = i * i; j <= LIMIT; j += i) composite[j] = 1;
  int count = 0, twins = 0, last = 0;
  long sum = 0;
  for (int i = 2; i <= LIMIT; i++)
    if (!composite[i]) { count++; sum += i; if (i - last == 2) twins++; last = i; }
  printf("primes <= %d: %d, sum %ld, twin pairs %d, largest %d\n", LIMIT, count, sum, twins, last);
  for (int p = 1000; p <= LIMIT; p *= 10) { int c = 0; for (int i = 2; i <= p; i++) c += !composite[i]; printf("pi(%d)=%d\n", p, c); }
  int agree = 1;
  for (int i = 0; i <= LIMIT; i++) agree &= (i >= 2 && !composite[i]) == is_prime((uint64_t)i);
  printf("miller-rabin agrees with sieve: %d\n", agree);
  free(composite);
  uint64_t big[] = {1000000007ULL, 1000000009ULL, 999999999989ULL, 18446744073709551557ULL, 18446744073709551555ULL,
                    4611686018427387847ULL, 3215031751ULL, 341550071728321ULL};
  for (int i = 0; i < 8; i++) printf("%llu prime=%d\n", (unsigned long long)big[i], is_prime(big[i]));
  printf("2^64-59 ^ 12345 mod 1e9+7 = %llu\n", (unsigned long long)powmod(18446744073709551557ULL, 12345, 1000000007ULL));

  Big f = {{1}, 1};
  for (uint32_t i = 2; i <= 500; i++) big_mul_small(&f, i);
  big_print("500!", &f);
  Big p = {{1}, 1};
  for (int i = 0; i < 1000; i++) big_mul_small(&p, 2);
  big_print("2^1000", &p);
  return 0;
}
