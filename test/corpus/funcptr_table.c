// RUN: %difftest %s
// funcptr_table.c — function-pointer tables: an opcode dispatch table,
// a string-keyed command table, function pointers as struct members,
// functions returning function pointers, arrays of callbacks with context.
#include <stdio.h>
#include <string.h>

typedef long (*BinOp)(long, long);
static long op_add(long a, long b) { return a + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_mul(long a, long b) { return a * b; }
static long op_div(long a, long b) { return b ? a / b : 0; }
static long op_mod(long a, long b) { return b ? a % b : 0; }
static long op_max(long a, long b) { return a > b ? a : b; }
static const BinOp table[] = {op_add, op_sub, op_mul, op_div, op_mod, op_max};
static const char *const names[] = {"add", "sub", "mul", "div", "mod", "max"};

static BinOp lookup(const char *name) {
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(names[i], name) == 0) return table[i];
  return NULL;
}

typedef struct Shape {
  const char *kind;
  double a, b;
  double (*area)(const struct Shape *);
  double (*perimeter)(const struct Shape *);
} Shape;
static double rect_area(const Shape *s) { return s->a * s->b; }
static double rect_perim(const Shape *s) { return 2 * (s->a + s->b); }
static double tri_area(const Shape *s) { return 0.5 * s->a * s->b; }
static double tri_perim(const Shape *s) { return s->a + s->b + (s->a * s->a + s->b * s->b) / (s->a + s->b); }
static double circ_area(const Shape *s) { return 3.141592653589793 * s->a * s->a; }
static double circ_perim(const Shape *s) { return 2 * 3.141592653589793 * s->a; }

typedef int (*Pred)(int);
static int is_neg(int x) { return x < 0; }
static int is_even(int x) { return x % 2 == 0; }
static int is_big(int x) { return x > 50 || x < -50; }
static Pred choose(char c) { return c == 'n' ? is_neg : c == 'e' ? is_even : is_big; }

typedef void (*Visitor)(int value, void *ctx);
static void sum_visitor(int v, void *ctx) { *(long *)ctx += v; }
static void max_visitor(int v, void *ctx) { if (v > *(int *)ctx) *(int *)ctx = v; }
static void print_visitor(int v, void *ctx) { printf("%s%d", *(int *)ctx ? "," : "", v); *(int *)ctx = 1; }
static void visit_all(const int *xs, int n, Visitor f, void *ctx) { for (int i = 0; i < n; i++) f(xs[i], ctx); }

int main(void) {
  long pairs[][2] = {{17, 5}, {-17, 5}, {100, -7}, {0, 3}, {9, 0}};
  for (unsigned p = 0; p < 5; p++) {
    printf("%4ld,%3ld:", pairs[p][0], pairs[p][1]);
    for (unsigned i = 0; i < 6; i++) printf(" %s=%ld", names[i], table[i](pairs[p][0], pairs[p][1]));
    putchar('\n');
  }
  const char *script[] = {"mul", "add", "sub", "max", "pow", "mod", "div"};
  long acc = 3;
  for (unsigned i = 0; i < 7; i++) {
    BinOp f = lookup(script[i]);
    if (!f) { printf("%s: unknown\n", script[i]); continue; }
    acc = f(acc, (long)i + 2);
    printf("%s(.., %u) -> %ld\n", script[i], i + 2, acc);
  }

  Shape shapes[] = {{"rect", 3, 4, rect_area, rect_perim},
                    {"tri", 3, 4, tri_area, tri_perim},
                    {"circle", 1.5, 0, circ_area, circ_perim},
                    {"square", 2.5, 2.5, rect_area, rect_perim}};
  for (unsigned i = 0; i < 4; i++)
    printf("%-6s area %8.4f perimeter %8.4f\n", shapes[i].kind, shapes[i].area(&shapes[i]),
           shapes[i].perimeter(&shapes[i]));

  int xs[] = {-60, -3, 0, 7, 12, 51, 88, -101, 42, 5};
  const char *preds = "neb";
  for (int k = 0; k < 3; k++) {
    Pred p = choose(preds[k]);
    printf("pred %c:", preds[k]);
    for (int i = 0; i < 10; i++) if (p(xs[i])) printf(" %d", xs[i]);
    putchar('\n');
  }
  long sum = 0;
  int max = xs[0], started = 0;
  visit_all(xs, 10, sum_visitor, &sum);
  visit_all(xs, 10, max_visitor, &max);
  printf("sum=%ld max=%d list=", sum, max);
  visit_all(xs, 10, print_visitor, &started);
  putchar('\n');
  Visitor vs[] = {sum_visitor, sum_visitor};
  sum = 0;
  for (int i = 0; i < 2; i++) visit_all(xs + i * 5, 5, vs[i], &sum);
  printf("sum again=%ld\n", sum);
  return 0;
}
