// The program the debugger tests walk through (points.ll is its IR:
// clang-19 -S -emit-llvm -O0 -Xclang -disable-O0-optnone
// -fno-discard-value-names -fno-ident points.c).
#include <stdio.h>
#include <string.h>

struct point {
  int x;
  long y;
};

int counter = 0;
const char *greeting = "hello";
char buffer[16];

long scale(struct point *p, int factor) {
  long product = p->x * factor + p->y;
  counter = counter + 1;
  return product;
}

int sum(int *a, int n) {
  int s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i];
  return s;
}

int factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

int main(int argc, char **argv) {
  int numbers[5] = {1, 2, 3, 4, 5};
  struct point p = {3, 4};
  long scaled = scale(&p, argc + 1);
  int total = sum(numbers, 5);
  strcpy(buffer, greeting);
  printf("%s %d %ld %d\n", buffer, total, scaled, factorial(5));
  return total == 15 ? 0 : 1;
}
