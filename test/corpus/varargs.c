// RUN: %difftest %s
// varargs.c — our own variadic functions: va_start/va_arg with int, long,
// long long, unsigned, double (float promoted), char* and pointers; a
// format-string driven mini printf; va_copy to walk the list twice; many
// arguments so some are passed on the stack.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static long sum_ints(int count, ...) {
  va_list ap;
  va_start(ap, count);
  long s = 0;
  for (int i = 0; i < count; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}

static double mean(int count, ...) {
  va_list ap;
  va_start(ap, count);
  double s = 0;
  for (int i = 0; i < count; i++) s += va_arg(ap, double);
  va_end(ap);
  return count ? s / count : 0;
}

// Types by letter: i int, l long, L long long, u unsigned, d double, s string, p pointer to int
static void mini_printf(const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  for (const char *t = types; *t; t++) {
    switch (*t) {
    case 'i': printf("i:%d ", va_arg(ap, int)); break;
    case 'l': printf("l:%ld ", va_arg(ap, long)); break;
    case 'L': printf("L:%lld ", va_arg(ap, long long)); break;
    case 'u': printf("u:%u ", va_arg(ap, unsigned)); break;
    case 'd': printf("d:%.4f ", va_arg(ap, double)); break;
    case 's': printf("s:%s ", va_arg(ap, const char *)); break;
    case 'p': printf("p:%d ", *va_arg(ap, int *)); break;
    case 'c': printf("c:%c ", (char)va_arg(ap, int)); break;
    }
  }
  va_end(ap);
  putchar('\n');
}

// Walks the list twice: once to measure, once to concatenate.
static void concat(char *out, size_t cap, ...) {
  va_list ap, again;
  va_start(ap, cap);
  va_copy(again, ap);
  size_t total = 0;
  int parts = 0;
  for (const char *s = va_arg(ap, const char *); s; s = va_arg(ap, const char *)) {
    total += strlen(s);
    parts++;
  }
  va_end(ap);
  out[0] = '\0';
  for (const char *s = va_arg(again, const char *); s; s = va_arg(again, const char *))
    if (strlen(out) + strlen(s) < cap) strcat(out, s);
  va_end(again);
  printf("concat %d parts, %zu chars: %s\n", parts, total, out);
}

static long many(int a, int b, int c, int d, int e, int f, int g, ...) {
  va_list ap;
  va_start(ap, g);
  long r = a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7;
  double x = va_arg(ap, double);
  long y = va_arg(ap, long);
  const char *z = va_arg(ap, const char *);
  va_end(ap);
  printf("many: x=%g y=%ld z=%s\n", x, y, z);
  return r + (long)(x * 10) + y + (long)strlen(z);
}

static int max_of(int first, ...) {
  va_list ap;
  va_start(ap, first);
  int m = first;
  for (int v = va_arg(ap, int); v != -1; v = va_arg(ap, int)) if (v > m) m = v;
  va_end(ap);
  return m;
}

int main(void) {
  printf("sum0=%ld sum3=%ld sum10=%ld\n", sum_ints(0), sum_ints(3, 1, 2, 3),
         sum_ints(10, 1, -2, 3, -4, 5, -6, 7, -8, 9, 1000000));
  float f = 2.5f;
  printf("mean=%.6f mean1=%.6f\n", mean(5, 1.0, 2.0, (double)f, 4.25, -0.75), mean(1, 3.14));
  int answer = 42;
  mini_printf("ilLudsp", -7, 1234567890123L, -9000000000000000000LL, 4000000000u, 0.1,
              "text", &answer);
  mini_printf("cdcdcd", 'x', 1.5, 'y', -2.25, 'z', 1e10);
  mini_printf("");
  mini_printf("sssiiiddd", "a", "bb", "ccc", 1, 2, 3, 1.0 / 3, 2.0 / 3, 1.0);
  char buf[64];
  concat(buf, sizeof buf, "comet", "-", "vm", " ", "varargs", NULL);
  concat(buf, 12, "0123456789", "abc", "de", NULL);
  concat(buf, sizeof buf, NULL);
  printf("many -> %ld\n", many(1, 2, 3, 4, 5, 6, 7, 9.75, 100000L, "stack"));
  printf("max_of=%d %d %d\n", max_of(3, 9, 2, 7, -1), max_of(-5, -1), max_of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1));
  return 0;
}
