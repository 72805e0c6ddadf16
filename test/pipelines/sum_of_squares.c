/* Loops that the vectoriser and unroller rewrite. */
#include <stdio.h>

int main(void) {
  long total = 0;
  int values[257];
  for (int i = 0; i < 257; ++i)
    values[i] = i * 7 - 300;
  for (int i = 0; i < 257; ++i)
    total += (long)values[i] * values[i];
  printf("%ld\n", total);
  return 0;
}
