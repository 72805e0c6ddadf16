// RUN: %difftest %s
// string_algorithms.c — string algorithms with arrays: KMP failure
// function and search, Levenshtein edit distance (2-D table), longest
// common subsequence with reconstruction, palindrome detection, anagram
// check by letter counts, in-place string rotation.
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static void kmp_table(const char *p, int *fail) {
  int m = (int)strlen(p);
  fail[0] = 0;
  for (int i = 1, k = 0; i < m; i++) {
    while (k > 0 && p[i] != p[k]) k = fail[k - 1];
    if (p[i] == p[k]) k++;
    fail[i] = k;
  }
}
static int kmp_search(const char *t, const char *p, int *positions, int max) {
  int fail[64], m = (int)strlen(p), found = 0;
  kmp_table(p, fail);
  for (int i = 0, k = 0; t[i]; i++) {
    while (k > 0 && t[i] != p[k]) k = fail[k - 1];
    if (t[i] == p[k]) k++;
    if (k == m) { if (found < max) positions[found] = i - m + 1; found++; k = fail[k - 1]; }
  }
  return found;
}
static int edit_distance(const char *a, const char *b) {
  int n = (int)strlen(a), m = (int)strlen(b), d[32][32];
  for (int i = 0; i <= n; i++) d[i][0] = i;
  for (int j = 0; j <= m; j++) d[0][j] = j;
  for (int i = 1; i <= n; i++)
    for (int j = 1; j <= m; j++) {
      int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
      d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
  return d[n][m];
}
static int lcs(const char *a, const char *b, char *out) {
  int n = (int)strlen(a), m = (int)strlen(b), L[32][32];
  for (int i = n; i >= 0; i--)
    for (int j = m; j >= 0; j--)
      L[i][j] = (i == n || j == m) ? 0 : a[i] == b[j] ? 1 + L[i + 1][j + 1] : (L[i + 1][j] >= L[i][j + 1] ? L[i + 1][j] : L[i][j + 1]);
  int i = 0, j = 0, k = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) { out[k++] = a[i]; i++; j++; }
    else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  out[k] = '\0';
  return L[0][0];
}
static int is_palindrome(const char *s) {
  int i = 0, j = (int)strlen(s) - 1;
  while (i < j) {
    if (!isalnum((unsigned char)s[i])) { i++; continue; }
    if (!isalnum((unsigned char)s[j])) { j--; continue; }
    if (tolower((unsigned char)s[i]) != tolower((unsigned char)s[j])) return 0;
    i++; j--;
  }
  return 1;
}
static int anagrams(const char *a, const char *b) {
  int counts[26] = {0};
  for (; *a; a++) if (isalpha((unsigned char)*a)) counts[tolower((unsigned char)*a) - 'a']++;
  for (; *b; b++) if (isalpha((unsigned char)*b)) counts[tolower((unsigned char)*b) - 'a']--;
  for (int i = 0; i < 26; i++) if (counts[i]) return 0;
  return 1;
}
static void rotate(char *s, int k) {
  int n = (int)strlen(s);
  if (!n) return;
  k = ((k % n) + n) % n;
  for (int i = 0, j = k - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
  for (int i = k, j = n - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
  for (int i = 0, j = n - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
}

int main(void) {
  const char *text = "abababcabababcababababcabc";
  const char *pats[] = {"ababc", "abc", "b", "abababab", "zzz"};
  for (int i = 0; i < 5; i++) {
    int pos[16], fail[64];
    int n = kmp_search(text, pats[i], pos, 16);
    kmp_table(pats[i], fail);
    printf("'%s' fail=", pats[i]);
    for (int k = 0; k < (int)strlen(pats[i]); k++) printf("%d", fail[k]);
    printf(" found %d at", n);
    for (int k = 0; k < n && k < 16; k++) printf(" %d", pos[k]);
    putchar('\n');
  }
  const char *pairs[][2] = {{"kitten", "sitting"}, {"flaw", "lawn"}, {"", "abc"}, {"intention", "execution"}, {"same", "same"}, {"AGGTAB", "GXTXAYB"}};
  for (int i = 0; i < 6; i++) {
    char common[32];
    int l = lcs(pairs[i][0], pairs[i][1], common);
    printf("%-10s %-10s edit=%d lcs=%d '%s'\n", pairs[i][0], pairs[i][1], edit_distance(pairs[i][0], pairs[i][1]), l, common);
  }
  const char *pal[] = {"A man, a plan, a canal: Panama", "racecar", "hello", "", "No 'x' in Nixon", "ab"};
  for (int i = 0; i < 6; i++) printf("palindrome(\"%s\")=%d\n", pal[i], is_palindrome(pal[i]));
  printf("anagrams: %d %d %d\n", anagrams("Dormitory", "Dirty room"), anagrams("listen", "silent"), anagrams("abc", "abd"));
  char r[] = "rotation-demo";
  for (int k = -3; k <= 15; k += 6) { char c[32]; strcpy(c, r); rotate(c, k); printf("rotate %3d: %s\n", k, c); }
  return 0;
}
