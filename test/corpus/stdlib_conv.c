// RUN: %difftest %s
// stdlib_conv.c — stdlib.h conversions and helpers: atoi, atol, strtol
// (bases 0/2/8/10/16/36, end pointers, leading space and signs), strtoul
// with negatives, strtoll/strtoull, strtod (decimal, exponent, hex float,
// inf/nan, partial parses), abs/labs/llabs, div/ldiv, rand with srand(42).
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  const char *ints[] = {"42", "   -17abc", "+0", "2147483647", "junk", "0x1A", "007", "  +123  "};
  for (int i = 0; i < 8; i++) printf("atoi(\"%s\")=%d atol=%ld\n", ints[i], atoi(ints[i]), atol(ints[i]));
  struct { const char *s; int base; } cases[] = {{"0x1f", 0}, {"0755", 0}, {"1010", 2}, {"777", 8}, {"zz", 36},
                                                 {"-FF", 16}, {"  12 34", 10}, {"0x", 16}, {"9", 8}, {"-0", 10},
                                                 {"123456789012345", 10}, {"Comet", 36}};
  for (int i = 0; i < 12; i++) {
    char *end;
    long v = strtol(cases[i].s, &end, cases[i].base);
    printf("strtol(\"%s\", %d) = %ld, consumed %td, rest \"%s\"\n", cases[i].s, cases[i].base, v, end - cases[i].s, end);
  }
  char *end;
  printf("strtoul(\"-1\")=%lu strtoull(\"18446744073709551615\")=%llu strtoll(\"-9223372036854775808\")=%lld\n",
         strtoul("-1", &end, 10), strtoull("18446744073709551615", &end, 10), strtoll("-9223372036854775808", &end, 10));
  const char *dbls[] = {"3.14159", "-2.5e3", "1e-5xyz", ".5", "  +7.", "0x1.8p3", "inf", "-Infinity", "1e400", "abc", "12.34.56", "-0"};
  for (int i = 0; i < 12; i++) {
    double d = strtod(dbls[i], &end);
    printf("strtod(\"%s\") = %.10g consumed %td\n", dbls[i], d, end - dbls[i]);
  }
  printf("atof(\"2.75\")=%g nan parse %d\n", atof("2.75"), strtod("nan", &end) != strtod("nan", NULL));

  int iv[] = {0, -1, 5, -2147483647};
  for (int i = 0; i < 4; i++) printf("abs(%d)=%d ", iv[i], abs(iv[i]));
  printf("\nlabs=%ld llabs=%lld\n", labs(-1234567890123L), llabs(-9223372036854775807LL));
  int nums[] = {17, -17, 17, -17, 0}, dens[] = {5, 5, -5, -5, 3};
  for (int i = 0; i < 5; i++) {
    div_t q = div(nums[i], dens[i]);
    ldiv_t lq = ldiv((long)nums[i] * 1000000000L, (long)dens[i]);
    printf("div(%d,%d)=%d r%d ldiv=%ld r%ld\n", nums[i], dens[i], q.quot, q.rem, lq.quot, lq.rem);
  }

  srand(42);
  printf("rand after srand(42):");
  for (int i = 0; i < 10; i++) printf(" %d", rand());
  putchar('\n');
  int buckets[6] = {0};
  for (int i = 0; i < 6000; i++) buckets[rand() % 6]++;
  printf("dice:");
  for (int i = 0; i < 6; i++) printf(" %d", buckets[i]);
  putchar('\n');
  srand(42);
  int first = rand();
  srand(1);
  int one = rand();
  srand(42);
  printf("repeatable %d, seed1 first %d, RAND_MAX %d\n", first == rand(), one, RAND_MAX);
  return 0;
}
