/* lexer.c - branch-heavy benchmark: a table-free state-machine lexer for a
 * C-like language, run over generated source text.
 *
 * Stresses: byte-at-a-time loads, switch dispatch on a state and on
 * character classes, short unpredictable branches, small counters.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of passes over 64 KiB of
 * generated text (each pass starts at a slightly different offset); the work
 * is linear in it.
 * Output: token counts and a checksum line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCALE_DEFAULT 500
#define TEXT_SIZE (64 * 1024)

typedef unsigned int u32;
typedef unsigned long long u64;

enum token {
  T_IDENT,
  T_KEYWORD,
  T_NUMBER,
  T_STRING,
  T_CHAR,
  T_OP,
  T_COMMENT,
  T_ERROR,
  T_COUNT
};

static char text[TEXT_SIZE + 1];
static u32 rng = 7;

static u32 next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

static size_t emit(size_t pos, const char *s) {
  size_t n = strlen(s);
  if (pos + n > TEXT_SIZE)
    n = TEXT_SIZE - pos;
  memcpy(text + pos, s, n);
  return pos + n;
}

static void generate(void) {
  static const char *const words[] = {"int",  "return",  "while",   "if",
                                      "else", "for",     "counter", "x",
                                      "buf",  "value_2", "next",    "struct",
                                      "node", "size_t",  "tmp",     "_hidden"};
  static const char *const ops[] = {
      "+",  "-",  "*",  "/",  "==", "!=", "<=", ">=", "&&", "||",
      "->", "++", "<<", ">>", "(",  ")",  "{",  "}",  ";",  ",",
      "=",  "[",  "]",  "<",  ">",  "!",  "%",  "&",  "|",  "."};
  static const char *const fragments[] = {"0x1F",       "42",
                                          "3.25",       "1e9",
                                          "\"hello\"",  "\"a\\\"b\\n\"",
                                          "'c'",        "'\\n'",
                                          "/* note */", "// line comment\n",
                                          "\n",         "\t",
                                          "    "};
  size_t pos = 0;
  char number[16];
  while (pos < TEXT_SIZE) {
    u32 r = next_random();
    switch (r % 8) {
    case 0:
    case 1:
    case 2:
      pos = emit(pos, words[(r >> 8) % 16]);
      break;
    case 3:
    case 4:
      pos = emit(pos, ops[(r >> 8) % 30]);
      break;
    case 5:
      pos = emit(pos, fragments[(r >> 8) % 13]);
      break;
    case 6: {
      u32 v = (r >> 8) % 100000;
      int len = 0;
      char digits[12];
      do {
        digits[len++] = (char)('0' + v % 10);
        v /= 10;
      } while (v);
      for (int i = 0; i < len; i++)
        number[i] = digits[len - 1 - i];
      number[len] = '\0';
      pos = emit(pos, number);
      break;
    }
    default:
      pos = emit(pos, " ");
      break;
    }
    if (pos < TEXT_SIZE && r % 3 == 0)
      pos = emit(pos, " ");
  }
  text[TEXT_SIZE] = '\0';
}

static int is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int is_keyword(const char *s, size_t n) {
  static const char *const keywords[] = {"int",  "return", "while", "if",
                                         "else", "for",    "struct"};
  for (int i = 0; i < 7; i++)
    if (strlen(keywords[i]) == n && memcmp(keywords[i], s, n) == 0)
      return 1;
  return 0;
}

enum state {
  S_START,
  S_IDENT,
  S_NUMBER,
  S_STRING,
  S_STRING_ESC,
  S_CHAR,
  S_CHAR_ESC,
  S_SLASH,
  S_LINE_COMMENT,
  S_BLOCK_COMMENT,
  S_BLOCK_STAR,
  S_OP
};

/* Lexes s (NUL-terminated), counting tokens per kind; returns a hash. */
static u64 lex(const char *s, u64 counts[T_COUNT]) {
  enum state st = S_START;
  const char *start = s;
  u64 h = 0;
  for (const char *p = s;; p++) {
    int c = (unsigned char)*p;
    switch (st) {
    case S_START:
      start = p;
      if (c == 0)
        return h;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        break;
      if (is_alpha(c))
        st = S_IDENT;
      else if (is_digit(c))
        st = S_NUMBER;
      else if (c == '"')
        st = S_STRING;
      else if (c == '\'')
        st = S_CHAR;
      else if (c == '/')
        st = S_SLASH;
      else
        st = S_OP;
      break;
    case S_IDENT:
      if (!is_alpha(c) && !is_digit(c)) {
        size_t n = (size_t)(p - start);
        int kw = is_keyword(start, n);
        counts[kw ? T_KEYWORD : T_IDENT]++;
        h = h * 31 + n + (u64)(unsigned char)start[0];
        st = S_START;
        p--;
      }
      break;
    case S_NUMBER:
      if (!is_alpha(c) && !is_digit(c) && c != '.') {
        counts[T_NUMBER]++;
        h = h * 37 + (u64)(p - start);
        st = S_START;
        p--;
      }
      break;
    case S_STRING:
      if (c == '\\')
        st = S_STRING_ESC;
      else if (c == '"' || c == '\n' || c == 0) {
        counts[c == '"' ? T_STRING : T_ERROR]++;
        st = S_START;
        if (c != '"')
          p--;
      }
      break;
    case S_STRING_ESC:
      if (c == 0) {
        counts[T_ERROR]++;
        st = S_START;
        p--;
      } else
        st = S_STRING;
      break;
    case S_CHAR:
      if (c == '\\')
        st = S_CHAR_ESC;
      else if (c == '\'' || c == '\n' || c == 0) {
        counts[c == '\'' ? T_CHAR : T_ERROR]++;
        st = S_START;
        if (c != '\'')
          p--;
      }
      break;
    case S_CHAR_ESC:
      if (c == 0) {
        counts[T_ERROR]++;
        st = S_START;
        p--;
      } else
        st = S_CHAR;
      break;
    case S_SLASH:
      if (c == '/')
        st = S_LINE_COMMENT;
      else if (c == '*')
        st = S_BLOCK_COMMENT;
      else {
        counts[T_OP]++;
        st = S_START;
        p--;
      }
      break;
    case S_LINE_COMMENT:
      if (c == '\n' || c == 0) {
        counts[T_COMMENT]++;
        st = S_START;
        p--;
      }
      break;
    case S_BLOCK_COMMENT:
      if (c == '*')
        st = S_BLOCK_STAR;
      else if (c == 0) {
        counts[T_ERROR]++;
        st = S_START;
        p--;
      }
      break;
    case S_BLOCK_STAR:
      if (c == '/') {
        counts[T_COMMENT]++;
        st = S_START;
      } else if (c == 0) {
        counts[T_ERROR]++;
        st = S_START;
        p--;
      } else if (c != '*')
        st = S_BLOCK_COMMENT;
      break;
    case S_OP: {
      /* Two-character operators: the second character joins the first. */
      int first = (unsigned char)*start;
      int two = (c == '=' && strchr("=!<>", first) != NULL) ||
                (c == first && strchr("&|+-<>", first) != NULL) ||
                (first == '-' && c == '>');
      counts[T_OP]++;
      h = h * 41 + (u64)first + (u64)(two ? c : 0);
      st = S_START;
      if (!two)
        p--;
      break;
    }
    }
  }
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  generate();
  u64 counts[T_COUNT] = {0};
  u64 checksum = 0;
  for (int pass = 0; pass < scale; pass++)
    checksum = checksum * 1000003u + lex(text + pass % 16, counts);
  printf("ident %llu keyword %llu number %llu string %llu char %llu op %llu "
         "comment %llu error %llu\n",
         counts[T_IDENT], counts[T_KEYWORD], counts[T_NUMBER], counts[T_STRING],
         counts[T_CHAR], counts[T_OP], counts[T_COMMENT], counts[T_ERROR]);
  printf("checksum %llu\n", checksum);
  return 0;
}
