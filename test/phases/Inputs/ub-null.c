/* The reference reads through a null pointer when run without arguments. */
#include <stdio.h>
#include <stdlib.h>

static int first(const int *values) { return values[0]; }

int main(int argc, char **argv) {
  (void)argv;
  int *values = argc > 1 ? calloc(4, sizeof(int)) : NULL;
  printf("first %d\n", first(values));
  return 0;
}
