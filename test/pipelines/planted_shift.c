// COMET-PLUGIN: %comet-build/examples/comet-bug-1.so
// COMET-EXPECT: miscompile
/* A program that the planted wrong fold (sdiv by 2^k as a shift)
 * miscompiles: this test passes because check-phases catches it. */
#include <stdio.h>

static int halve(int x) { return x / 2; }

int main(void) {
  for (int i = -3; i <= 3; ++i)
    printf("%d ", halve(i));
  printf("\n");
  return 0;
}
