/* ackermann.c - call-heavy benchmark: Ackermann's function and Takeuchi's
 * tak, two deeply and irregularly recursive functions.
 *
 * Stresses: calls whose arguments are results of other calls, deep stacks
 * (ack(3, 6) recurses about 500 frames deep), multi-argument passing.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of evaluations of
 * ack(3, 6) + tak(18, 12, 6); the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 600

static volatile int ack_n = 6, tak_x = 18;

static unsigned ack(unsigned m, unsigned n) {
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static int tak(int x, int y, int z) {
  if (y >= x)
    return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  unsigned long long checksum = 0;
  unsigned a = 0;
  int t = 0;
  for (int i = 0; i < scale; i++) {
    a = ack(3, (unsigned)ack_n);
    t = tak(tak_x, 12, 6);
    checksum = checksum * 31 + a * 7u + (unsigned)t + (unsigned)i;
  }
  printf("ack(3,6) = %u, tak(18,12,6) = %d\n", a, t);
  printf("checksum %llu\n", checksum);
  return 0;
}
