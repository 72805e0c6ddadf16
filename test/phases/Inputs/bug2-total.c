/* Planted bug 2 (comet-drop-store) on an external global accumulator: the
 * running total is lost and so is the exit code computed from it. */
#include <stdio.h>

long total;

void add(long amount) { total += amount; }

int main(void) {
  long amounts[] = {5, 10, 20, 7};
  for (int i = 0; i < 4; ++i)
    add(amounts[i]);
  printf("total %ld\n", total);
  return (int)total;
}
