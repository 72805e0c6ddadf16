/* sieve.c - integer benchmark: sieve of Eratosthenes.
 *
 * Stresses: byte stores with a variable stride, tight counted loops,
 * compare-and-branch on loaded bytes, 64-bit integer accumulation.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of sieves of about 2^20
 * numbers each; the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCALE_DEFAULT 60
#define LIMIT (1 << 20)

typedef unsigned long long u64;

static unsigned char composite[LIMIT + 1];

/* Sieves [0, limit] and returns the number of primes; adds their sum to *sum.
 */
static int sieve(int limit, u64 *sum) {
  memset(composite, 0, (size_t)limit + 1);
  for (int i = 2; (long)i * i <= limit; i++)
    if (!composite[i])
      for (int j = i * i; j <= limit; j += i)
        composite[j] = 1;
  int count = 0;
  for (int i = 2; i <= limit; i++)
    if (!composite[i]) {
      count++;
      *sum += (u64)i;
    }
  return count;
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  u64 checksum = 0, sum = 0;
  int last = 0;
  for (int rep = 0; rep < scale; rep++) {
    /* A slightly different limit each time so no sieve is repeated. */
    last = sieve(LIMIT - (rep % 64), &sum);
    checksum = checksum * 31 + (u64)last;
  }
  printf("primes below %d: %d\n", LIMIT - ((scale - 1) % 64), last);
  printf("checksum %llu %llu\n", checksum, sum);
  return 0;
}
