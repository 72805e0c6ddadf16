/* Planted bug 2 (comet-drop-store) on a state machine: step() records the
 * new state in a global as its last act, the planted pass forgets it. */
#include <stdio.h>

enum { IDLE, WORD, SPACE };
static int state = IDLE;
static int words;

static void step(char c) {
  int next = c == ' ' ? SPACE : WORD;
  if (next == WORD && state != WORD)
    ++words;
  state = next;
}

int main(void) {
  const char *text = "the quick  brown fox";
  for (const char *p = text; *p; ++p)
    step(*p);
  printf("%d words, final state %d\n", words, state);
  return 0;
}
