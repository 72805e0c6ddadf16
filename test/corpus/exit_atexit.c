// RUN: %difftest %s
// exit_atexit.c — atexit handlers run in reverse order of registration
// when the program calls exit(5): they print, see and change global state,
// a handler registered twice runs twice, and the last handler to run
// prints without a newline (stdout must still be flushed). Status is 5.
#include <stdio.h>
#include <stdlib.h>

static int counter;
static char log_buf[128];
static int log_len;

static void note(char c) { if (log_len < 127) { log_buf[log_len++] = c; log_buf[log_len] = '\0'; } }
static void first(void) { printf("handler first: counter=%d log=%s\n", counter, log_buf); }
static void second(void) { counter += 10; printf("handler second: counter=%d\n", counter); note('2'); }
static void third(void) { printf("handler third (registered twice?) counter=%d\n", counter); note('3'); }
static void flusher(void) { fputs("last words without newline", stdout); }

static void setup(int register_extra) {
  if (atexit(first) != 0) puts("atexit failed");
  atexit(second);
  atexit(third);
  if (register_extra) atexit(third);
  atexit(second);
}

int main(void) {
  atexit(flusher);
  setup(1);
  for (int i = 0; i < 10; i++) { counter += i; note((char)('a' + i)); }
  printf("main done: counter=%d log=%s\n", counter, log_buf);
  long product = 1;
  for (int i = 1; i <= 15; i++) { product *= i; printf("%d! = %ld\n", i, product); }
  exit(5);
}
