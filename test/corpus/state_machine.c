// RUN: %difftest %s
// state_machine.c — table- and switch-driven state machines: a tokenizer
// for a small language (identifiers, numbers with exponents, strings with
// escapes, operators, comments), a traffic light FSM, and a run-length
// encoder/decoder driven by explicit states.
#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum State { S_START, S_IDENT, S_INT, S_FRAC, S_EXP, S_STR, S_ESC, S_COMMENT, S_OP };

static void emit(const char *kind, const char *start, const char *end) {
  printf("%-7s '%.*s'\n", kind, (int)(end - start), start);
}

static void tokenize(const char *src) {
  enum State st = S_START;
  const char *tok = src;
  for (const char *p = src;; p++) {
    char c = *p;
    switch (st) {
    case S_START:
      tok = p;
      if (c == '\0') return;
      if (isalpha((unsigned char)c) || c == '_') st = S_IDENT;
      else if (isdigit((unsigned char)c)) st = S_INT;
      else if (c == '"') st = S_STR;
      else if (c == '#') st = S_COMMENT;
      else if (isspace((unsigned char)c)) break;
      else if (strchr("=<>!", c) && p[1] == '=') { emit("op", p, p + 2); p++; }
      else emit("op", p, p + 1);
      break;
    case S_IDENT:
      if (!isalnum((unsigned char)c) && c != '_') { emit("ident", tok, p); st = S_START; p--; }
      break;
    case S_INT:
      if (c == '.') st = S_FRAC;
      else if (c == 'e' || c == 'E') st = S_EXP;
      else if (!isdigit((unsigned char)c)) { emit("int", tok, p); st = S_START; p--; }
      break;
    case S_FRAC:
      if (c == 'e' || c == 'E') st = S_EXP;
      else if (!isdigit((unsigned char)c)) { emit("float", tok, p); st = S_START; p--; }
      break;
    case S_EXP:
      if ((c == '-' || c == '+') && (p[-1] == 'e' || p[-1] == 'E')) break;
      if (!isdigit((unsigned char)c)) { emit("float", tok, p); st = S_START; p--; }
      break;
    case S_STR:
      if (c == '\\') st = S_ESC;
      else if (c == '"') { emit("string", tok, p + 1); st = S_START; }
      else if (c == '\0') { emit("badstr", tok, p); return; }
      break;
    case S_ESC: st = c ? S_STR : S_START; if (!c) return; break;
    case S_COMMENT:
      if (c == '\n' || c == '\0') { emit("comment", tok, p); st = S_START; p--; }
      break;
    case S_OP: st = S_START; break;
    }
  }
}

typedef enum { RED, RED_AMBER, GREEN, AMBER } Light;
static const char *const light_names[] = {"red", "red+amber", "green", "amber"};
static const int durations[] = {4, 1, 3, 1};
static const Light next_light[] = {RED_AMBER, GREEN, AMBER, RED};

static size_t rle_encode(const char *in, char *out) {
  size_t o = 0;
  for (size_t i = 0; in[i];) {
    size_t j = i;
    while (in[j] == in[i] && j - i < 9) j++;
    out[o++] = (char)('0' + (j - i));
    out[o++] = in[i];
    i = j;
  }
  out[o] = '\0';
  return o;
}
static void rle_decode(const char *in, char *out) {
  enum { COUNT, CHAR } st = COUNT;
  int n = 0;
  for (; *in; in++) {
    if (st == COUNT) { n = *in - '0'; st = CHAR; }
    else { while (n-- > 0) *out++ = *in; st = COUNT; }
  }
  *out = '\0';
}

int main(void) {
  tokenize("let x_1 = 42 + y*3.25e-2; # set x\nif x >= 10 { print(\"big \\\"x\\\"\", 1e9) } != 7.5");
  tokenize("\"unterminated");
  Light l = RED;
  int left = durations[l];
  for (int t = 0; t < 14; t++) {
    printf("t=%2d %s\n", t, light_names[l]);
    if (--left == 0) { l = next_light[l]; left = durations[l]; }
  }
  const char *samples[] = {"aaabccddddddddddddde", "abc", "", "zzzzzzzzzzzzzzzzzzzzzzzzzz", "aabbaabb"};
  for (int i = 0; i < 5; i++) {
    char enc[128], dec[128];
    size_t n = rle_encode(samples[i], enc);
    rle_decode(enc, dec);
    printf("rle '%s' -> '%s' (%zu) -> ok=%d\n", samples[i], enc, n, strcmp(dec, samples[i]) == 0);
  }
  return 0;
}
