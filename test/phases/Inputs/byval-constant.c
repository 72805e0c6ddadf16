/* A constant struct passed by value to a callee that modifies its copy:
 * clang passes the constant global itself as the byval argument. Native code
 * prints "7 1 7". */
#include <stdio.h>

struct Big {
  long a, b, c;
};

__attribute__((noinline)) static long twice(struct Big s) {
  s.a *= 2;
  return s.a + s.b + s.c;
}

static const struct Big k = {1, 2, 3};

int main(void) {
  struct Big x = {1, 2, 3};
  long r = twice(x);
  long q = twice(k);
  printf("%ld %ld %ld\n", r, x.a, q);
  return 0;
}
