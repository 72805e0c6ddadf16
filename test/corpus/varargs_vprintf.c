// RUN: %difftest %s
// varargs_vprintf.c — pass-through of va_list to the C library: vprintf,
// vsnprintf (sizing with a va_copy, then formatting), vfprintf to stdout,
// a logging helper with a prefix and counters, nested va_list passing, and
// one line to stderr (which is not compared).
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int log_count;

static void logf_(const char *level, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("[%03d %-5s] ", ++log_count, level);
  int n = vprintf(fmt, ap);
  va_end(ap);
  printf(" (%d chars)\n", n);
}

static char *format_alloc(const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int need = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = malloc((size_t)need + 1);
  vsnprintf(s, (size_t)need + 1, fmt, ap2);
  va_end(ap2);
  return s;
}

static void vreport(FILE *out, const char *fmt, va_list ap) {
  fputs("report: ", out);
  vfprintf(out, fmt, ap);
  fputc('\n', out);
}
static void report(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(stdout, fmt, ap);
  va_end(ap);
}

static int truncated(char *buf, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
  return n;
}

int main(void) {
  logf_("info", "starting %s version %d.%d", "comet", 0, 19);
  logf_("debug", "values %d %u %ld %lx %c", -1, 1u, 123456789012L, 0xfeedL, '!');
  logf_("warn", "float %f %.2e %g %G", 3.14159, 123456.789, 0.0001234, 1e-10);
  logf_("error", "%s|%10s|%-10s|%.2s", "str", "right", "left", "cut");
  logf_("info", "no arguments");

  for (int i = 0; i < 5; i++) {
    char *s = format_alloc("item-%d:%0*d:%s", i, i + 1, i * 7, i % 2 ? "odd" : "even");
    printf("alloc '%s' len %zu\n", s, strlen(s));
    free(s);
  }
  char *big = format_alloc("%s%s%s%s", "0123456789", "abcdefghij", "ABCDEFGHIJ", "!@#$%^&*()");
  printf("big: %s (%zu)\n", big, strlen(big));
  free(big);

  report("%d + %d = %d", 2, 2, 4);
  report("pi ~ %.10f", 3.14159265358979);
  report("%5.1f%%", 99.44);

  char buf[8];
  for (size_t cap = 0; cap <= 8; cap += 2) {
    memset(buf, '#', sizeof buf);
    int n = truncated(buf, cap, "%s-%d", "abcdef", 12345);
    printf("cap %zu: n=%d buf=", cap, n);
    for (size_t i = 0; i < sizeof buf; i++) putchar(buf[i] ? buf[i] : '0');
    putchar('\n');
  }
  printf("logged %d lines\n", log_count);
  fprintf(stderr, "varargs_vprintf: stderr is not compared (%d)\n", log_count);
  return 0;
}
