// RUN: %difftest %s
// goto_heavy.c — goto-based control flow: loops written with labels,
// breaking out of nested loops, the cleanup-on-error idiom with several
// resources, a goto state machine (number validator), and backwards
// jumps into the middle of a block (retry loops).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int find_pair(const int *xs, int n, int target, int *ia, int *ib) {
  int i = 0, j;
outer:
  if (i >= n) goto not_found;
  j = i + 1;
inner:
  if (j >= n) { i++; goto outer; }
  if (xs[i] + xs[j] == target) goto found;
  j++;
  goto inner;
found:
  *ia = i; *ib = j;
  return 1;
not_found:
  return 0;
}

static int process(int fail_at) {
  int rc = -1;
  char *a = NULL, *b = NULL, *c = NULL;
  if (fail_at == 1) goto out; // simulated allocation failure
  a = malloc(16);
  if (!a) goto out;
  strcpy(a, "alpha");
  if (fail_at == 2) goto free_a;
  b = malloc(32);
  if (!b) goto free_a;
  strcpy(b, "beta");
  if (fail_at == 3) goto free_b;
  c = malloc(64);
  if (!c) goto free_b;
  snprintf(c, 64, "%s+%s", a, b);
  printf("  built %s\n", c);
  rc = (int)strlen(c);
  free(c);
free_b:
  free(b);
free_a:
  free(a);
out:
  printf("  process(fail_at=%d) -> %d\n", fail_at, rc);
  return rc;
}

// Accepts [+-]digits[.digits][e[+-]digits]
static int valid_number(const char *s) {
  const char *p = s;
  if (*p == '+' || *p == '-') p++;
  if (*p < '0' || *p > '9') goto bad;
int_part:
  p++;
  if (*p >= '0' && *p <= '9') goto int_part;
  if (*p == '.') goto frac_start;
  if (*p == 'e' || *p == 'E') goto exp_start;
  goto end;
frac_start:
  p++;
  if (*p < '0' || *p > '9') goto bad;
frac:
  p++;
  if (*p >= '0' && *p <= '9') goto frac;
  if (*p == 'e' || *p == 'E') goto exp_start;
  goto end;
exp_start:
  p++;
  if (*p == '+' || *p == '-') p++;
  if (*p < '0' || *p > '9') goto bad;
exp:
  p++;
  if (*p >= '0' && *p <= '9') goto exp;
end:
  return *p == '\0';
bad:
  return 0;
}

int main(void) {
  int xs[] = {8, 3, 11, -4, 7, 15, 2, 9};
  int targets[] = {10, 26, 4, 100, 17};
  for (int t = 0; t < 5; t++) {
    int a, b;
    if (find_pair(xs, 8, targets[t], &a, &b)) printf("target %d: xs[%d]+xs[%d]\n", targets[t], a, b);
    else printf("target %d: none\n", targets[t]);
  }
  for (int f = 0; f <= 3; f++) process(f);
  const char *nums[] = {"0", "-12", "+3.5", "1e10", "2.5E-3", "1.", ".5", "e5", "12a", "-", "7e+", "99.99e+99", ""};
  for (int i = 0; i < 13; i++) printf("'%s' %s\n", nums[i], valid_number(nums[i]) ? "valid" : "invalid");

  int tries = 0, value = 1;
retry:
  tries++;
  value = value * 7 % 101;
  if (value % 10 != 3 && tries < 50) goto retry;
  printf("retry loop: %d tries, value %d\n", tries, value);

  int grid[5][5], found_r = -1, found_c = -1;
  for (int r = 0; r < 5; r++)
    for (int c = 0; c < 5; c++) grid[r][c] = (r * 5 + c) * 13 % 23;
  for (int r = 0; r < 5; r++)
    for (int c = 0; c < 5; c++)
      if (grid[r][c] == 17) { found_r = r; found_c = c; goto done; }
done:
  printf("17 at (%d,%d)\n", found_r, found_c);
  return 0;
}
