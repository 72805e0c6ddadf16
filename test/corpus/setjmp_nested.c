// RUN: %difftest %s
// setjmp_nested.c — nested try/catch built on setjmp/longjmp: a stack of
// jmp_bufs, rethrowing to the outer handler, "finally" cleanup that frees
// heap memory, and a parser that aborts from deep recursion on a syntax
// error and reports the position.
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf *handlers[8];
static int nhandlers;
static const char *error_message;

static void throw_(const char *msg, int code) {
  error_message = msg;
  longjmp(*handlers[nhandlers - 1], code);
}

static int level3(int x) {
  if (x % 5 == 0) throw_("multiple of five", 5);
  if (x % 7 == 0) throw_("multiple of seven", 7);
  return x * 3;
}
static int level2(int x) {
  jmp_buf here;
  int *scratch = malloc(4 * sizeof *scratch);
  handlers[nhandlers++] = &here;
  int code = setjmp(here);
  if (code == 0) {
    scratch[0] = level3(x);
    nhandlers--;
    int r = scratch[0];
    free(scratch);
    return r;
  }
  nhandlers--;
  free(scratch); // finally
  if (code == 7) { printf("  level2 handled '%s'\n", error_message); return -7; }
  printf("  level2 rethrows '%s'\n", error_message);
  throw_(error_message, code);
  return 0;
}

static const char *src;
static const char *base;
static jmp_buf parse_env;
static int parse_list(void);
static int parse_item(void) {
  if (*src == '(') return parse_list();
  if (*src >= '0' && *src <= '9') { int v = 0; while (*src >= '0' && *src <= '9') v = v * 10 + (*src++ - '0'); return v; }
  longjmp(parse_env, (int)(src - base) + 1);
}
static int parse_list(void) {
  src++; // '('
  int sum = 0;
  while (*src != ')') {
    if (*src == '\0') longjmp(parse_env, (int)(src - base) + 1);
    if (*src == ' ') { src++; continue; }
    sum += parse_item();
  }
  src++;
  return sum;
}

int main(void) {
  for (int x = 1; x <= 15; x++) {
    jmp_buf outer;
    handlers[nhandlers++] = &outer;
    int code = setjmp(outer);
    if (code == 0) {
      int r = level2(x);
      printf("x=%d -> %d\n", x, r);
    } else {
      printf("x=%d: main caught code %d (%s)\n", x, code, error_message);
    }
    nhandlers--;
  }
  printf("handlers left %d\n", nhandlers);

  const char *inputs[] = {"(1 2 3)", "(1 (2 (3 (4 5))) 6)", "((((((7))))))", "(1 2 x)", "(1 (2 3)", "(12 (34) 5)"};
  for (int i = 0; i < 6; i++) {
    src = base = inputs[i];
    int pos = setjmp(parse_env);
    if (pos == 0) printf("'%s' sum %d\n", inputs[i], parse_list());
    else printf("'%s' syntax error at %d\n", inputs[i], pos - 1);
  }
  return 0;
}
