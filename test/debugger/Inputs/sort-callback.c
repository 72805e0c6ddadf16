/* qsort calls cmp back from the host: a breakpoint in cmp cannot stop. */
#include <stdio.h>
#include <stdlib.h>
static int cmp(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}
int main(void) {
  int v[5] = {5, 3, 4, 1, 2};
  qsort(v, 5, sizeof v[0], cmp);
  for (int i = 0; i < 5; ++i)
    printf("%d ", v[i]);
  printf("\n");
  return 0;
}
