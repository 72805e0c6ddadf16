// RUN: %difftest %s
// exit_nested.c — exit(7) called from a function nested several calls
// deep while output is still buffered: everything printed before must
// appear, nothing after, and the status must be 7.
#include <stdio.h>
#include <stdlib.h>

static int visited;

static void walk(int depth, int max) {
  visited++;
  printf("%*sdepth %d\n", depth * 2, "", depth);
  if (depth == max) {
    printf("reached %d after visiting %d nodes; calling exit(7)\n", depth, visited);
    exit(7);
  }
  walk(depth + 1, max);
  printf("unreachable after walk at depth %d\n", depth);
}

static long checksum(const char *s) {
  long h = 0;
  while (*s) h = h * 31 + *s++;
  return h;
}

int main(void) {
  const char *words[] = {"alpha", "beta", "gamma", "delta"};
  for (int i = 0; i < 4; i++) printf("%s %ld\n", words[i], checksum(words[i]));
  fputs("partial line without newline... ", stdout);
  walk(0, 12);
  puts("never printed");
  return 0;
}
