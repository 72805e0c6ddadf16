// COMET-ARGS: 3 five
// COMET-STDIN: Inputs/words.txt
/* Arguments and stdin reach every snapshot the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int repeat = argc > 1 ? atoi(argv[1]) : 1;
  char word[64];
  int lines = 0;
  while (fgets(word, sizeof word, stdin)) {
    word[strcspn(word, "\n")] = 0;
    for (int i = 0; i < repeat; ++i)
      printf("%s%s", word, i + 1 < repeat ? "-" : "\n");
    ++lines;
  }
  printf("%d lines, last argument %s\n", lines, argv[argc - 1]);
  return lines;
}
