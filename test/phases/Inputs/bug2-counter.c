/* Planted bug 2 (comet-drop-store: the last store to a global before a
 * `ret` disappears) on a static counter bumped by a helper. */
#include <stdio.h>

static int calls;

static void note_call(void) { calls = calls + 1; }

static int square(int x) {
  note_call();
  return x * x;
}

int main(void) {
  int sum = 0;
  for (int i = 1; i <= 4; ++i)
    sum += square(i);
  printf("sum %d after %d calls\n", sum, calls);
  return 0;
}
