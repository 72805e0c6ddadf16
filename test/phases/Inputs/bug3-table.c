/* Planted bug 3 (comet-wrong-branch) in main's loop: the table of squares
 * gets an extra row. */
#include <stdio.h>

int main(void) {
  int total = 0;
  for (int i = 0; i < 5; ++i) {
    printf("%d squared is %d\n", i, i * i);
    total += i * i;
  }
  printf("total %d\n", total);
  return total == 30 ? 0 : 1;
}
