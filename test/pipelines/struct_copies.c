// COMET-PASSES: default<O3>
/* Structs passed and returned by value, which SROA and the inliner take
 * apart. */
#include <stdio.h>

struct point { int x, y; double weight; };

static struct point scale(struct point p, int factor) {
  p.x *= factor;
  p.y *= factor;
  p.weight /= factor;
  return p;
}

int main(void) {
  struct point p = {3, -4, 10.0};
  for (int i = 1; i <= 4; ++i) {
    struct point q = scale(p, i);
    printf("%d %d %.3f\n", q.x, q.y, q.weight);
  }
  return 0;
}
