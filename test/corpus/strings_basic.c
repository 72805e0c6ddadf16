// RUN: %difftest %s
// strings_basic.c — string.h basics: strlen, strcpy, strncpy, strcat,
// strncat, strcmp, strncmp, strchr, strrchr, memset, memmove, memcmp on
// string literals and stack buffers.
#include <stdio.h>
#include <string.h>

static int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

int main(void) {
  const char *words[] = {"", "a", "hello", "Hello, world!", "comet vm",
                         "the quick brown fox jumps over the lazy dog"};
  for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
    printf("strlen(\"%s\") = %zu\n", words[i], strlen(words[i]));

  char buf[64];
  strcpy(buf, "abc");
  printf("strcpy: %s\n", buf);
  strcat(buf, "def");
  printf("strcat: %s (%zu)\n", buf, strlen(buf));
  strncat(buf, "ghijklmnop", 4);
  printf("strncat: %s\n", buf);

  char small[8];
  memset(small, 'x', sizeof small);
  strncpy(small, "hi", sizeof small);
  for (unsigned i = 0; i < sizeof small; i++)
    printf("%d ", small[i]);
  putchar('\n');
  strncpy(small, "abcdefghij", sizeof small - 1);
  small[7] = '\0';
  printf("strncpy truncated: %s\n", small);

  const char *pairs[][2] = {{"abc", "abd"}, {"abc", "abc"}, {"b", "abc"},
                            {"", "a"},      {"abc", "ab"},  {"Zebra", "apple"}};
  for (unsigned i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    printf("strcmp(%s,%s)=%d strncmp2=%d\n", pairs[i][0], pairs[i][1],
           sign(strcmp(pairs[i][0], pairs[i][1])),
           sign(strncmp(pairs[i][0], pairs[i][1], 2)));
  }

  const char *path = "/usr/lib/llvm-19/bin/clang";
  const char *slash = strrchr(path, '/');
  const char *first = strchr(path, '/');
  const char *dash = strchr(path, '-');
  printf("basename=%s first=%td dash=%td\n", slash + 1, first - path,
         dash - path);
  printf("strchr nul: %td\n", strchr(path, '\0') - path);
  printf("strchr missing: %s\n", strchr(path, 'Q') ? "found" : "null");

  char mv[32] = "0123456789";
  memmove(mv + 2, mv, 8);
  mv[10] = '\0';
  printf("memmove right: %s\n", mv);
  memmove(mv, mv + 3, 5);
  printf("memmove left: %s\n", mv);

  unsigned char a[4] = {1, 2, 3, 200}, b[4] = {1, 2, 3, 100};
  printf("memcmp unsigned: %d\n", sign(memcmp(a, b, 4)));
  printf("memcmp prefix: %d\n", sign(memcmp(a, b, 3)));

  // Reverse each word in place.
  char sentence[] = "reverse every word in this line";
  size_t n = strlen(sentence);
  for (size_t s = 0; s < n;) {
    size_t e = s;
    while (e < n && sentence[e] != ' ')
      e++;
    for (size_t l = s, r = e - 1; l < r; l++, r--) {
      char t = sentence[l];
      sentence[l] = sentence[r];
      sentence[r] = t;
    }
    s = e + 1;
  }
  puts(sentence);
  return 0;
}
