// RUN: %difftest %s
// recursion.c — classic recursion: Ackermann, towers of Hanoi (move list
// and counts), Fibonacci (naive and memoised), gcd, permutations of a
// string, power set, and the McCarthy 91 function.
#include <stdio.h>
#include <string.h>

static unsigned long ack(unsigned long m, unsigned long n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static long moves;
static void hanoi(int n, char from, char to, char via, int verbose) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to, verbose);
  moves++;
  if (verbose) printf("move disk %d %c -> %c\n", n, from, to);
  hanoi(n - 1, via, to, from, verbose);
}

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static long memo[91];
static long fib_memo(int n) {
  if (n < 2) return n;
  if (memo[n]) return memo[n];
  return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}
static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }
static int mc91(int n) { return n > 100 ? n - 10 : mc91(mc91(n + 11)); }

static int perm_count;
static void permute(char *s, int k, int n) {
  if (k == n) { if (perm_count++ < 12) printf("%s ", s); return; }
  for (int i = k; i < n; i++) {
    char t = s[k]; s[k] = s[i]; s[i] = t;
    permute(s, k + 1, n);
    t = s[k]; s[k] = s[i]; s[i] = t;
  }
}

static void subsets(const int *set, int n, int i, int *chosen, int depth) {
  if (i == n) {
    putchar('{');
    for (int j = 0; j < depth; j++) printf(j ? ",%d" : "%d", chosen[j]);
    printf("} ");
    return;
  }
  subsets(set, n, i + 1, chosen, depth);
  chosen[depth] = set[i];
  subsets(set, n, i + 1, chosen, depth + 1);
}

int main(void) {
  for (unsigned long m = 0; m <= 3; m++) {
    for (unsigned long n = 0; n <= 4; n++) printf("ack(%lu,%lu)=%lu ", m, n, ack(m, n));
    putchar('\n');
  }
  printf("ack(2,50)=%lu ack(3,6)=%lu\n", ack(2, 50), ack(3, 6));

  hanoi(3, 'A', 'C', 'B', 1);
  printf("hanoi 3: %ld moves\n", moves);
  for (int n = 4; n <= 16; n += 4) {
    moves = 0;
    hanoi(n, 'A', 'C', 'B', 0);
    printf("hanoi %d: %ld moves\n", n, moves);
  }
  for (int n = 0; n <= 25; n += 5) printf("fib(%d)=%ld ", n, fib(n));
  putchar('\n');
  printf("fib_memo(90)=%ld\n", fib_memo(90));
  printf("gcd: %ld %ld %ld %ld\n", gcd(1071, 462), gcd(-48, 18), gcd(17, 5), gcd(0, 9));
  for (int n = 80; n <= 110; n += 6) printf("mc91(%d)=%d ", n, mc91(n));
  putchar('\n');

  char word[] = "abcd";
  permute(word, 0, (int)strlen(word));
  printf("\npermutations: %d\n", perm_count);
  int set[] = {1, 2, 3, 4}, chosen[4];
  subsets(set, 4, 0, chosen, 0);
  putchar('\n');
  return 0;
}
