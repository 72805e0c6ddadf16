/* Never ends: the reference must end within --max-steps. */
#include <stdio.h>

int main(void) {
  volatile unsigned n = 0;
  for (;;)
    n = n + 1;
  printf("%u\n", n);
  return 0;
}
