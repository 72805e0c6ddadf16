// RUN: %difftest %s
// ctype_chars.c — ctype.h classification and conversion over the ASCII
// range (isalpha, isdigit, isalnum, isspace, isupper, islower, ispunct,
// isxdigit, isprint, iscntrl, toupper, tolower), plus character-level
// algorithms: caesar/rot13, title-casing, word and vowel counting, hex
// parsing with isxdigit.
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static void rot13(char *s) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (islower(c)) *s = (char)('a' + (c - 'a' + 13) % 26);
    else if (isupper(c)) *s = (char)('A' + (c - 'A' + 13) % 26);
  }
}
static void title_case(char *s) {
  int start = 1;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    *s = (char)(start ? toupper(c) : tolower(c));
    start = !isalpha(c);
  }
}
static long parse_hex(const char *s, int *ok) {
  long v = 0;
  *ok = *s != '\0';
  for (; *s; s++) {
    if (!isxdigit((unsigned char)*s)) { *ok = 0; break; }
    int d = isdigit((unsigned char)*s) ? *s - '0' : tolower((unsigned char)*s) - 'a' + 10;
    v = v * 16 + d;
  }
  return v;
}

int main(void) {
  printf("    ");
  const char *cols = "adnsulpxic";
  for (const char *c = cols; *c; c++) putchar(*c);
  putchar('\n');
  int counts[10] = {0};
  for (int c = 0; c < 128; c++) {
    int f[10] = {!!isalpha(c), !!isdigit(c), !!isalnum(c), !!isspace(c), !!isupper(c),
                 !!islower(c), !!ispunct(c), !!isxdigit(c), !!isprint(c), !!iscntrl(c)};
    for (int k = 0; k < 10; k++) counts[k] += f[k];
    if (c % 8 == 0 || (c >= 'W' && c <= 'c')) {
      printf("%3d ", c);
      for (int k = 0; k < 10; k++) putchar(f[k] ? '1' : '.');
      printf(" %c->%c/%c\n", isprint(c) ? c : '?', isprint(toupper(c)) ? toupper(c) : '?', isprint(tolower(c)) ? tolower(c) : '?');
    }
  }
  printf("counts:");
  for (int k = 0; k < 10; k++) printf(" %c=%d", cols[k], counts[k]);
  printf("\ntoupper(EOF)=%d tolower(200)=%d isalpha(EOF)=%d\n", toupper(EOF), tolower(200), !!isalpha(EOF));

  char msg[] = "Hello, World! Why did the chicken cross the road?";
  rot13(msg);
  printf("rot13: %s\n", msg);
  rot13(msg);
  printf("back:  %s\n", msg);
  char title[] = "the QUICK brown-fox's tale: a 2nd EDITION";
  title_case(title);
  printf("title: %s\n", title);
  int words = 0, vowels = 0, upper = 0, in_word = 0;
  for (const char *p = msg; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (isalpha(c)) { if (!in_word) words++; in_word = 1; } else in_word = 0;
    if (strchr("aeiouAEIOU", c) && c) vowels++;
    upper += isupper(c) != 0;
  }
  printf("words %d vowels %d upper %d\n", words, vowels, upper);
  const char *hex[] = {"ff", "DEADbeef", "0", "12g4", "", "7fffffff"};
  for (int i = 0; i < 6; i++) {
    int ok;
    long v = parse_hex(hex[i], &ok);
    printf("hex '%s' ok=%d value=%ld\n", hex[i], ok, v);
  }
  return 0;
}
