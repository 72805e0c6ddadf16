// RUN: %difftest %s
// strings_search.c — searching and tokenising: strstr, strtok (several
// delimiter sets), strspn, strcspn, strpbrk, memchr, and a hand-written
// substring counter.
#include <stdio.h>
#include <string.h>

static int count_occurrences(const char *hay, const char *needle) {
  int n = 0;
  size_t len = strlen(needle);
  for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
    n++;
  return n;
}

int main(void) {
  const char *text = "the cat sat on the mat with the other cat";
  const char *needles[] = {"cat", "the", "at", "dog", "", "t w"};
  for (unsigned i = 0; i < 6; i++) {
    const char *p = strstr(text, needles[i]);
    printf("strstr(\"%s\") -> %td", needles[i], p ? p - text : -1);
    if (needles[i][0])
      printf(", count %d", count_occurrences(text, needles[i]));
    putchar('\n');
  }

  char line[] = "alpha, beta;gamma  delta,,epsilon;";
  int idx = 0;
  for (char *tok = strtok(line, ",; "); tok; tok = strtok(NULL, ",; "))
    printf("token %d: [%s] len %zu\n", idx++, tok, strlen(tok));

  char csv[] = "key1=value1&key2=value2&flag&key3=";
  char *pairs[8];
  int np = 0;
  for (char *tok = strtok(csv, "&"); tok && np < 8; tok = strtok(NULL, "&"))
    pairs[np++] = tok;
  for (int i = 0; i < np; i++) {
    char *eq = strchr(pairs[i], '=');
    if (eq) {
      *eq = '\0';
      printf("%s => '%s'\n", pairs[i], eq + 1);
    } else {
      printf("%s => (flag)\n", pairs[i]);
    }
  }

  const char *ident = "abc123_x+y";
  printf("strspn alpha: %zu\n", strspn(ident, "abcdefghijklmnopqrstuvwxyz"));
  printf("strspn alnum_: %zu\n",
         strspn(ident, "abcdefghijklmnopqrstuvwxyz0123456789_"));
  printf("strcspn +-: %zu\n", strcspn(ident, "+-"));
  printf("strcspn none: %zu\n", strcspn(ident, "!?"));
  const char *op = strpbrk(ident, "+-*/");
  printf("strpbrk: %s\n", op ? op : "(null)");

  const char bytes[] = {'a', 0, 'b', 0, 'c', 'z', 'q'};
  const char *z = memchr(bytes, 'z', sizeof bytes);
  printf("memchr z at %td\n", z - bytes);
  printf("memchr missing: %s\n", memchr(bytes, 'y', sizeof bytes) ? "found" : "null");
  printf("memchr nul at %td\n", (const char *)memchr(bytes, 0, sizeof bytes) - bytes);

  // Replace every occurrence of a word.
  const char *src = "one fish two fish red fish blue fish";
  char out[128];
  char *w = out;
  const char *s = src;
  for (const char *p; (p = strstr(s, "fish"));) {
    memcpy(w, s, (size_t)(p - s));
    w += p - s;
    memcpy(w, "bird", 4);
    w += 4;
    s = p + 4;
  }
  strcpy(w, s);
  puts(out);
  return 0;
}
