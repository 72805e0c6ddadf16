// RUN: %difftest %s
// static_locals.c — static local variables keeping state across calls
// (counters, generators, memo tables, one-time initialisation), const
// lookup tables inside functions, string literals returned from
// functions, and static arrays of string literals.
#include <stdio.h>
#include <string.h>

static int next_id(void) { static int id = 100; return id++; }
static unsigned next_random(void) {
  static unsigned state = 1;
  state ^= state << 13; state ^= state >> 17; state ^= state << 5;
  return state;
}
static long triangular(int n) {
  static long cache[64];
  static int filled = 0;
  if (!filled) { for (int i = 0; i < 64; i++) cache[i] = (long)i * (i + 1) / 2; filled = 1; puts("(cache filled)"); }
  return cache[n & 63];
}
static const char *ordinal_suffix(int n) {
  static const char *const suffix[] = {"th", "st", "nd", "rd"};
  int m = n % 100;
  if (m >= 11 && m <= 13) return "th";
  return n % 10 < 4 ? suffix[n % 10] : "th";
}
static int roman(int n, char *out) {
  static const int values[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  static const char *const digits[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
  out[0] = '\0';
  for (int i = 0; i < 13; i++) while (n >= values[i]) { strcat(out, digits[i]); n -= values[i]; }
  return (int)strlen(out);
}
static const char *month(int m) {
  static const char names[12][10] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};
  return m >= 1 && m <= 12 ? names[m - 1] : "Invalid";
}
static char *format_count(int n) {
  static char buf[32];
  static int calls;
  calls++;
  snprintf(buf, sizeof buf, "#%d:%d", calls, n);
  return buf;
}
static int running_average(int x) {
  static int sum, count;
  sum += x;
  count++;
  return sum / count;
}

int main(void) {
  for (int i = 0; i < 5; i++) printf("id %d\n", next_id());
  for (int i = 0; i < 6; i++) printf("rand %u\n", next_random());
  printf("tri %ld %ld %ld\n", triangular(10), triangular(63), triangular(64));
  for (int n = 0; n <= 25; n++) printf("%d%s ", n, ordinal_suffix(n));
  printf("101%s 111%s 112%s 123%s\n", ordinal_suffix(101), ordinal_suffix(111), ordinal_suffix(112), ordinal_suffix(123));
  int years[] = {1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999};
  char r[32];
  for (int i = 0; i < 10; i++) { int len = roman(years[i], r); printf("%d = %s (%d)\n", years[i], r, len); }
  for (int m = 0; m <= 13; m += 3) printf("month %d %s\n", m, month(m));
  char *a = format_count(5);
  printf("%s ", a);
  char *b = format_count(7);
  printf("%s same buffer %d a now %s\n", b, a == b, a);
  int samples[] = {10, 20, 0, 50, 5, 5, 100};
  for (int i = 0; i < 7; i++) printf("avg after %d: %d\n", samples[i], running_average(samples[i]));
  return 0;
}
