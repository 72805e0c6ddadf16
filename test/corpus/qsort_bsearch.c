// RUN: %difftest %s
// qsort_bsearch.c — qsort and bsearch with callbacks: ints ascending and
// descending (without overflowing subtraction), strings through char**,
// structs with multi-key comparison and index tie-breaks so that the
// result is fully determined, bsearch hits and misses.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
static int cmp_str_len(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  size_t lx = strlen(x), ly = strlen(y);
  if (lx != ly) return lx < ly ? -1 : 1;
  return strcmp(x, y);
}

typedef struct { const char *city; int population; double area; int index; } City;
static int cmp_city(const void *a, const void *b) {
  const City *x = a, *y = b;
  if (x->population != y->population) return x->population < y->population ? 1 : -1;
  if (x->area != y->area) return x->area < y->area ? -1 : 1;
  return x->index - y->index;
}

int main(void) {
  int xs[40];
  unsigned seed = 12345;
  for (int i = 0; i < 40; i++) {
    seed = seed * 1103515245u + 12345u;
    xs[i] = (int)((seed >> 16) % 2001) - 1000;
  }
  xs[5] = 2147483647; xs[6] = -2147483647 - 1; xs[7] = xs[8];
  qsort(xs, 40, sizeof xs[0], cmp_int);
  printf("asc:");
  for (int i = 0; i < 40; i++) printf(" %d", xs[i]);
  putchar('\n');
  int keys[] = {xs[0], xs[17], xs[39], 0, 1001, -2000, 2147483647};
  for (int k = 0; k < 7; k++) {
    int *hit = bsearch(&keys[k], xs, 40, sizeof xs[0], cmp_int);
    printf("bsearch %d: %s", keys[k], hit ? "found" : "missing");
    if (hit) printf(" value %d", *hit);
    putchar('\n');
  }
  qsort(xs, 40, sizeof xs[0], cmp_int_desc);
  printf("desc first five: %d %d %d %d %d\n", xs[0], xs[1], xs[2], xs[3], xs[4]);

  const char *words[] = {"pear", "apple", "fig", "banana", "kiwi", "cherry", "date",
                         "elderberry", "grape", "apple", "lime", "plum", "fig"};
  size_t nw = sizeof words / sizeof *words;
  qsort(words, nw, sizeof *words, cmp_str);
  for (size_t i = 0; i < nw; i++) printf("%s%s", i ? " " : "", words[i]);
  putchar('\n');
  const char *look[] = {"kiwi", "apple", "zucchini", "plum", "aaa"};
  for (int i = 0; i < 5; i++) {
    const char **hit = bsearch(&look[i], words, nw, sizeof *words, cmp_str);
    printf("%s -> %s\n", look[i], hit ? "yes" : "no");
  }
  qsort(words, nw, sizeof *words, cmp_str_len);
  for (size_t i = 0; i < nw; i++) printf("%s%s", i ? " " : "", words[i]);
  putchar('\n');

  City cities[] = {{"Aston", 5000, 12.5, 0}, {"Brook", 12000, 30.0, 0}, {"Carden", 5000, 12.5, 0},
                   {"Dale", 800, 2.0, 0},    {"Elm", 12000, 25.0, 0},   {"Fenn", 5000, 9.75, 0},
                   {"Gale", 800, 2.0, 0},    {"Hythe", 44000, 80.0, 0}};
  int nc = (int)(sizeof cities / sizeof *cities);
  for (int i = 0; i < nc; i++) cities[i].index = i;
  qsort(cities, (size_t)nc, sizeof *cities, cmp_city);
  for (int i = 0; i < nc; i++)
    printf("%-7s pop %6d area %6.2f density %8.2f (was %d)\n", cities[i].city, cities[i].population,
           cities[i].area, cities[i].population / cities[i].area, cities[i].index);

  // Sorting one element, zero elements.
  int one = 9;
  qsort(&one, 1, sizeof one, cmp_int);
  qsort(xs, 0, sizeof xs[0], cmp_int);
  printf("one=%d\n", one);
  return 0;
}
