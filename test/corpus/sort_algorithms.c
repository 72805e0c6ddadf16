// RUN: %difftest %s
// sort_algorithms.c — hand-written sorts: quicksort (Lomuto), merge sort
// with a heap buffer, heapsort, shell sort, insertion sort and a generic
// byte-swapping sort taking element size and a comparison callback
// (sorting ints, doubles and structs); results checked against each
// other and a stability check for merge sort.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 200

static void swap_int(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static void quicksort(int *a, int lo, int hi) {
  if (lo >= hi) return;
  int pivot = a[hi], i = lo;
  for (int j = lo; j < hi; j++) if (a[j] < pivot) swap_int(&a[i++], &a[j]);
  swap_int(&a[i], &a[hi]);
  quicksort(a, lo, i - 1);
  quicksort(a, i + 1, hi);
}
static void merge_sort(int *a, int *tmp, int n) {
  if (n < 2) return;
  int h = n / 2;
  merge_sort(a, tmp, h);
  merge_sort(a + h, tmp, n - h);
  int i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < h) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, (size_t)n * sizeof *a);
}
static void sift(int *a, int n, int i) {
  for (;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && a[l] > a[m]) m = l;
    if (r < n && a[r] > a[m]) m = r;
    if (m == i) return;
    swap_int(&a[i], &a[m]);
    i = m;
  }
}
static void heapsort_(int *a, int n) {
  for (int i = n / 2 - 1; i >= 0; i--) sift(a, n, i);
  for (int end = n - 1; end > 0; end--) { swap_int(&a[0], &a[end]); sift(a, end, 0); }
}
static void shellsort(int *a, int n) {
  for (int gap = n / 2; gap > 0; gap /= 2)
    for (int i = gap; i < n; i++) {
      int t = a[i], j = i;
      for (; j >= gap && a[j - gap] > t; j -= gap) a[j] = a[j - gap];
      a[j] = t;
    }
}
static void generic_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  char *b = base, tmp[64];
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--) {
      memcpy(tmp, b + j * size, size);
      memcpy(b + j * size, b + (j - 1) * size, size);
      memcpy(b + (j - 1) * size, tmp, size);
    }
}
static int cmp_double(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
typedef struct { char name[8]; int score; } Rec;
static int cmp_rec(const void *a, const void *b) { return ((const Rec *)b)->score - ((const Rec *)a)->score; }
static unsigned long checksum(const int *a, int n) { unsigned long h = 0; for (int i = 0; i < n; i++) h = h * 1000003u + (unsigned)a[i]; return h; }

int main(void) {
  int orig[N], a[N], tmp[N];
  unsigned s = 99;
  for (int i = 0; i < N; i++) { s = s * 214013u + 2531011u; orig[i] = (int)((s >> 16) & 0x7fff) % 1000 - 500; }
  const char *names[] = {"quick", "merge", "heap", "shell"};
  for (int alg = 0; alg < 4; alg++) {
    memcpy(a, orig, sizeof a);
    switch (alg) {
    case 0: quicksort(a, 0, N - 1); break;
    case 1: merge_sort(a, tmp, N); break;
    case 2: heapsort_(a, N); break;
    default: shellsort(a, N); break;
    }
    int sorted = 1;
    for (int i = 1; i < N; i++) sorted &= a[i - 1] <= a[i];
    printf("%-5s sorted=%d min=%d median=%d max=%d checksum=%lu\n", names[alg], sorted, a[0], a[N / 2], a[N - 1], checksum(a, N));
  }
  for (int i = 0; i < N; i += 10) printf("%d%c", a[i], i + 10 < N ? ' ' : '\n');
  double d[10] = {3.5, -1.25, 1e10, 0.0, -0.5, 2.75, 3.5, -1e-3, 100.0, 42.0};
  generic_sort(d, 10, sizeof *d, cmp_double);
  for (int i = 0; i < 10; i++) printf("%g%c", d[i], i < 9 ? ' ' : '\n');
  Rec recs[] = {{"ann", 70}, {"bob", 85}, {"cid", 70}, {"dee", 99}, {"eve", 85}, {"fay", 70}, {"gus", 10}};
  generic_sort(recs, 7, sizeof *recs, cmp_rec); // insertion sort is stable
  for (int i = 0; i < 7; i++) printf("%s:%d ", recs[i].name, recs[i].score);
  putchar('\n');
  return 0;
}
