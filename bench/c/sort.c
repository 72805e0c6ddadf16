/* sort.c - memory benchmark: sorting integer arrays with a hand-written
 * quicksort (median of three, insertion sort for short runs) and a top-down
 * mergesort with a scratch buffer.
 *
 * Stresses: unpredictable compare-and-branch on loaded data, swaps, array
 * traffic through a malloc'd buffer, recursion.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of 50000-element arrays
 * sorted by each algorithm; the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCALE_DEFAULT 25
#define COUNT 50000

typedef unsigned int u32;
typedef unsigned long long u64;

static void insertion_sort(int *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    int v = a[i], j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void swap(int *a, int i, int j) {
  int t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(int *a, int lo, int hi) {
  while (hi - lo > 16) {
    int mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo])
      swap(a, mid, lo);
    if (a[hi] < a[lo])
      swap(a, hi, lo);
    if (a[hi] < a[mid])
      swap(a, hi, mid);
    int pivot = a[mid];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot)
        i++;
      while (a[j] > pivot)
        j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    /* Recurse into the smaller part, loop on the larger one. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

static void merge_sort(int *a, int *tmp, int lo, int hi) { /* [lo, hi) */
  if (hi - lo < 2)
    return;
  int mid = lo + (hi - lo) / 2;
  merge_sort(a, tmp, lo, mid);
  merge_sort(a, tmp, mid, hi);
  int i = lo, j = mid, k = lo;
  while (i < mid && j < hi)
    tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
  while (i < mid)
    tmp[k++] = a[i++];
  while (j < hi)
    tmp[k++] = a[j++];
  memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof(int));
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  int *q = malloc(COUNT * sizeof(int));
  int *m = malloc(COUNT * sizeof(int));
  int *tmp = malloc(COUNT * sizeof(int));
  if (!q || !m || !tmp)
    return 1;
  u32 x = 88172645u;
  u64 checksum = 0;
  int bad = 0;
  for (int rep = 0; rep < scale; rep++) {
    for (int i = 0; i < COUNT; i++) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      q[i] = (int)(x % 1000000u) - 500000;
    }
    memcpy(m, q, COUNT * sizeof(int));
    quicksort(q, 0, COUNT - 1);
    merge_sort(m, tmp, 0, COUNT);
    for (int i = 0; i < COUNT; i++) {
      if (q[i] != m[i] || (i > 0 && q[i - 1] > q[i]))
        bad++;
      checksum = checksum * 31 + (u64)(u32)q[i];
    }
  }
  printf("median %d, mismatches %d\n", q[COUNT / 2], bad);
  printf("checksum %llu\n", checksum);
  free(q);
  free(m);
  free(tmp);
  return 0;
}
