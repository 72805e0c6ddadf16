/* binary_trees.c - memory benchmark: allocate, walk and free many perfect
 * binary trees (after the Computer Language Benchmarks Game).
 *
 * Stresses: malloc/free of small fixed-size blocks, recursion, pointer
 * chasing, and a long-lived tree that stays allocated throughout.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of rounds; each round
 * builds 2^(14-d) trees of depth d for d = 4, 6, 8, 10 (about 32000 nodes
 * per depth, 131000 per round). The work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 80
#define MAX_DEPTH 10

struct tree {
  struct tree *left, *right;
};

static struct tree *build(int depth) {
  struct tree *t = malloc(sizeof *t);
  if (!t)
    exit(1);
  if (depth > 0) {
    t->left = build(depth - 1);
    t->right = build(depth - 1);
  } else {
    t->left = t->right = NULL;
  }
  return t;
}

static long check(const struct tree *t) {
  return t->left ? 1 + check(t->left) + check(t->right) : 1;
}

static void destroy(struct tree *t) {
  if (t->left) {
    destroy(t->left);
    destroy(t->right);
  }
  free(t);
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  struct tree *long_lived = build(MAX_DEPTH + 2);
  unsigned long long checksum = 0;
  for (int round = 0; round < scale; round++) {
    for (int d = 4; d <= MAX_DEPTH; d += 2) {
      int iterations = 1 << (MAX_DEPTH - d + 4);
      long nodes = 0;
      for (int i = 0; i < iterations; i++) {
        struct tree *t = build(d);
        nodes += check(t);
        destroy(t);
      }
      checksum = checksum * 31 + (unsigned long long)nodes;
    }
  }
  printf("long-lived tree of depth %d: %ld nodes\n", MAX_DEPTH + 2,
         check(long_lived));
  destroy(long_lived);
  printf("checksum %llu\n", checksum);
  return 0;
}
