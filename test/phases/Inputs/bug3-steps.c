/* Planted bug 3 (comet-wrong-branch: the first `icmp slt/ult` feeding a
 * branch becomes `sle/ule`) in a helper's unsigned loop: one step too many. */
#include <stdio.h>

static unsigned steps_to(unsigned n) {
  unsigned steps = 0;
  for (unsigned i = 0; i < n; ++i)
    steps += 3;
  return steps;
}

int main(void) {
  printf("steps_to(0) = %u\n", steps_to(0));
  printf("steps_to(1) = %u\n", steps_to(1));
  printf("steps_to(4) = %u\n", steps_to(4));
  return 0;
}
