// RUN: %difftest %s
// recursion_mutual.c — mutual recursion: is_even/is_odd, Hofstadter
// female/male sequences, and a recursive-descent parser/evaluator for
// integer expressions with precedence, unary minus and parentheses.
#include <ctype.h>
#include <stdio.h>

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static int hof_m(int n);
static int hof_f(int n) { return n == 0 ? 1 : n - hof_m(hof_f(n - 1)); }
static int hof_m(int n) { return n == 0 ? 0 : n - hof_f(hof_m(n - 1)); }

static const char *cur;
static int error;
static long expr(void);

static void skip(void) { while (*cur == ' ') cur++; }
static long primary(void) {
  skip();
  if (*cur == '(') {
    cur++;
    long v = expr();
    skip();
    if (*cur == ')') cur++; else error = 1;
    return v;
  }
  if (*cur == '-') { cur++; return -primary(); }
  if (!isdigit((unsigned char)*cur)) { error = 1; return 0; }
  long v = 0;
  while (isdigit((unsigned char)*cur)) v = v * 10 + (*cur++ - '0');
  return v;
}
static long power(void) {
  long base = primary();
  skip();
  if (*cur == '^') {
    cur++;
    long e = power(); // right associative
    long r = 1;
    while (e-- > 0) r *= base;
    return r;
  }
  return base;
}
static long term(void) {
  long v = power();
  for (;;) {
    skip();
    char op = *cur;
    if (op != '*' && op != '/' && op != '%') return v;
    cur++;
    long r = power();
    if (op == '*') v *= r;
    else if (r == 0) { error = 2; return 0; }
    else v = op == '/' ? v / r : v % r;
  }
}
static long expr(void) {
  long v = term();
  for (;;) {
    skip();
    if (*cur == '+') { cur++; v += term(); }
    else if (*cur == '-') { cur++; v -= term(); }
    else return v;
  }
}

int main(void) {
  for (unsigned n = 0; n < 12; n++) printf("%u:%c%c ", n, is_even(n) ? 'E' : '-', is_odd(n) ? 'O' : '-');
  printf("\nis_even(10001)=%d\n", is_even(10001));
  printf("F:");
  for (int n = 0; n < 20; n++) printf(" %d", hof_f(n));
  printf("\nM:");
  for (int n = 0; n < 20; n++) printf(" %d", hof_m(n));
  putchar('\n');

  const char *tests[] = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-7 / 2", "-7 % 3",
                         "10 - 4 - 3", "((((42))))", "2 * (3 + 4) * 5 - 6 / 2",
                         "100 / (5 - 5)", "3 + * 4", "-(-(-5))", "1 - -1",
                         "2^10 - 24 % 7 * (8 / 3)"};
  for (unsigned i = 0; i < sizeof tests / sizeof *tests; i++) {
    cur = tests[i];
    error = 0;
    long v = expr();
    skip();
    if (*cur) error = error ? error : 3;
    if (error) printf("%-26s => error %d at '%s'\n", tests[i], error, cur);
    else printf("%-26s => %ld\n", tests[i], v);
  }
  return 0;
}
