// RUN: %difftest %s
// globals_init.c — global variables with initialisers: arrays of structs
// holding pointers to string literals and to functions, pointers into
// other globals (constant expressions with offsets), nested aggregate
// initialisers with designators, zero-initialised globals, const tables,
// and globals modified at run time.
#include <stdio.h>
#include <string.h>

typedef int (*UnaryFn)(int);
static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static int negate(int x) { return -x; }
static int identity(int x) { return x; }

struct Command { const char *name; UnaryFn fn; int arg; const char *help; };
static const struct Command commands[] = {
    {"double", twice, 21, "multiply by two"},
    {"square", square, 12, "multiply by itself"},
    {"negate", negate, 5, "flip the sign"},
    {.name = "id", .fn = identity, .help = "leave alone"},
};

static int counters[8];
static int primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
static int *const middle = &primes[5];
static int *cursor = primes + 2;
static const char greeting[] = "hello, globals";
static const char *const tail_of_greeting = greeting + 7;
static const char *messages[] = {"zero", "one", "two", NULL};
static double scale = 2.5;
static char mutable_text[32] = "initial text";
static long long big_init = -9007199254740993LL;
static unsigned char bytes[6] = {1, 2, [4] = 0xff};

struct Point { int x, y; };
struct Shape { const char *name; int n; struct Point pts[4]; };
static struct Shape shapes[] = {
    {"triangle", 3, {{0, 0}, {4, 0}, {0, 3}}},
    {"square", 4, {{0, 0}, {2, 0}, {2, 2}, {0, 2}}},
    {.name = "dot", .n = 1, .pts[0] = {.y = 7, .x = -7}},
};
static struct Shape *const favourite = &shapes[1];
static const struct Point *corner = &shapes[1].pts[2];

static const UnaryFn pipeline[] = {twice, square, negate, twice};

int main(void) {
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    printf("%-7s %-20s %3d -> %d\n", commands[i].name, commands[i].help, commands[i].arg, commands[i].fn(commands[i].arg));
  printf("middle %d cursor %d next %d\n", *middle, *cursor, cursor[1]);
  cursor += 3;
  *cursor += 100;
  printf("after move cursor %d primes[5] %d middle %d\n", *cursor, primes[5], *middle);
  printf("tail '%s' len %zu sizeof greeting %zu\n", tail_of_greeting, strlen(tail_of_greeting), sizeof greeting);
  for (const char **m = messages; *m; m++) printf("message %td: %s\n", m - messages, *m);
  int zero_sum = 0;
  for (int i = 0; i < 8; i++) zero_sum += counters[i];
  printf("zero-initialised sum %d\n", zero_sum);
  for (int i = 0; i < 20; i++) counters[i % 8] += i;
  for (int i = 0; i < 8; i++) printf("%d ", counters[i]);
  putchar('\n');
  scale *= 4;
  printf("scale %.2f big %lld\n", scale, big_init);
  strcat(mutable_text, " + more");
  mutable_text[0] = 'I';
  printf("text '%s'\n", mutable_text);
  for (int i = 0; i < 6; i++) printf("byte %d=%u\n", i, bytes[i]);
  for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
    printf("%s:", shapes[i].name);
    for (int k = 0; k < shapes[i].n; k++) printf(" (%d,%d)", shapes[i].pts[k].x, shapes[i].pts[k].y);
    putchar('\n');
  }
  printf("favourite %s corner (%d,%d)\n", favourite->name, corner->x, corner->y);
  favourite->pts[2].x = 9;
  printf("corner after edit (%d,%d)\n", corner->x, corner->y);
  int v = 3;
  for (size_t i = 0; i < sizeof pipeline / sizeof *pipeline; i++) { v = pipeline[i](v); printf("pipeline step %zu -> %d\n", i, v); }
  return 0;
}
