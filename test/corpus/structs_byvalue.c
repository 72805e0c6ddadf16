// RUN: %difftest %s
// structs_byvalue.c — nested structs passed and returned by value (small,
// medium and large aggregates, with char/short/double members and padding),
// struct assignment, compound literals, designated initialisers.
#include <stdio.h>
#include <string.h>

typedef struct { int x, y; } Point;
typedef struct { Point min, max; } Rect;
typedef struct { char tag; short id; double weight; Point at; } Item;
typedef struct { long words[9]; char name[13]; } Big;
typedef struct { float re, im; } Complexf;
typedef struct { double re, im; } Complexd;
typedef struct { char a, b, c; } Three;

static Point add(Point a, Point b) { return (Point){a.x + b.x, a.y + b.y}; }
static Rect grow(Rect r, int by) {
  r.min.x -= by; r.min.y -= by; r.max.x += by; r.max.y += by;
  return r;
}
static long area(Rect r) { return (long)(r.max.x - r.min.x) * (r.max.y - r.min.y); }
static Item move_item(Item it, Point d) { it.at = add(it.at, d); it.weight *= 1.5; it.id++; return it; }
static Big make_big(int seed) {
  Big b;
  for (int i = 0; i < 9; i++) b.words[i] = (long)seed * (i + 1) - i * i;
  snprintf(b.name, sizeof b.name, "big-%d", seed);
  return b;
}
static long sum_big(Big b) { long s = 0; for (int i = 0; i < 9; i++) s += b.words[i]; return s; }
static Complexf mulf(Complexf a, Complexf b) { return (Complexf){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
static Complexd muld(Complexd a, Complexd b) { return (Complexd){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
static Three rot(Three t) { return (Three){t.b, t.c, t.a}; }

static void print_rect(const char *what, Rect r) {
  printf("%s: (%d,%d)-(%d,%d) area %ld\n", what, r.min.x, r.min.y, r.max.x, r.max.y, area(r));
}

int main(void) {
  Point p = {3, 4}, q = {.y = -1, .x = 10};
  Point s = add(p, q);
  printf("add: %d %d\n", s.x, s.y);
  Rect r = {{0, 0}, {5, 3}};
  print_rect("r", r);
  for (int i = 1; i <= 3; i++) print_rect("grown", grow(r, i));
  print_rect("still", r);

  Item it = {'k', 7, 2.25, {1, 1}};
  for (int i = 0; i < 4; i++) {
    it = move_item(it, (Point){i, -i});
    printf("item %c id=%d w=%.4f at=(%d,%d)\n", it.tag, it.id, it.weight, it.at.x, it.at.y);
  }

  Big b1 = make_big(3), b2 = make_big(-11);
  printf("%s sum %ld, %s sum %ld\n", b1.name, sum_big(b1), b2.name, sum_big(b2));
  Big b3 = b1;
  b3.words[4] = 1000;
  printf("copy independent: %ld %ld\n", b1.words[4], b3.words[4]);
  printf("memcmp names: %d\n", memcmp(b1.name, b3.name, sizeof b1.name) == 0);

  Complexf zf = {1.0f, 1.0f};
  Complexd zd = {0.5, -0.75};
  for (int i = 0; i < 5; i++) {
    zf = mulf(zf, (Complexf){0.5f, 1.25f});
    zd = muld(zd, zd);
    zd.re += 0.25;
    printf("zf=%.6f%+.6fi zd=%.9f%+.9fi\n", zf.re, zf.im, zd.re, zd.im);
  }

  Three t = {'a', 'b', 'c'};
  for (int i = 0; i < 4; i++) {
    printf("three: %c%c%c\n", t.a, t.b, t.c);
    t = rot(t);
  }

  struct { Point pts[4]; int n; } poly = {{{0, 0}, {4, 0}, {4, 3}, {0, 3}}, 4};
  long twice = 0;
  for (int i = 0; i < poly.n; i++) {
    Point a = poly.pts[i], c = poly.pts[(i + 1) % poly.n];
    twice += (long)a.x * c.y - (long)c.x * a.y;
  }
  printf("polygon twice-area %ld\n", twice);
  return 0;
}
