// RUN: %difftest %s
// exit_return_code.c — a program whose main returns 3 after printing: the
// exit status must match. Also checks that buffered stdout is flushed at
// normal termination even without a trailing newline.
#include <stdio.h>

static int collatz_len(long n) {
  int len = 1;
  while (n != 1) { n = n % 2 ? 3 * n + 1 : n / 2; len++; }
  return len;
}

int main(void) {
  int best = 0;
  long best_n = 0;
  for (long n = 1; n < 3000; n++) {
    int len = collatz_len(n);
    if (len > best) {
      best = len;
      best_n = n;
      printf("new record: %ld takes %d steps\n", n, len);
    }
  }
  printf("longest below 3000: %ld (%d)\n", best_n, best);
  for (int i = 0; i < 30; i++) printf("%d%s", collatz_len(i + 1), i % 10 == 9 ? "\n" : " ");
  int histogram[8] = {0};
  for (long n = 1; n <= 800; n++) histogram[collatz_len(n) / 20 < 7 ? collatz_len(n) / 20 : 7]++;
  for (int i = 0; i < 8; i++) printf("len %3d-%3d: %d\n", i * 20, i * 20 + 19, histogram[i]);
  printf("exiting with status 3, no newline at the end");
  return 3;
}
