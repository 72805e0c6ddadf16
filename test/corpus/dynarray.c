// RUN: %difftest %s
// dynarray.c — realloc-grown dynamic arrays: a generic byte-sized vector
// with push/pop/insert/remove, capacity doubling through realloc, an
// array of heap strings grown one by one, calloc zeroing, shrink to fit,
// and a string builder; everything freed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { long *data; size_t len, cap; int reallocs; } Vec;
static void vec_push(Vec *v, long x) {
  if (v->len == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 1;
    v->data = realloc(v->data, v->cap * sizeof *v->data);
    v->reallocs++;
  }
  v->data[v->len++] = x;
}
static long vec_pop(Vec *v) { return v->data[--v->len]; }
static void vec_insert(Vec *v, size_t at, long x) {
  vec_push(v, 0);
  memmove(v->data + at + 1, v->data + at, (v->len - 1 - at) * sizeof *v->data);
  v->data[at] = x;
}
static void vec_remove(Vec *v, size_t at) {
  memmove(v->data + at, v->data + at + 1, (v->len - at - 1) * sizeof *v->data);
  v->len--;
}

typedef struct { char *s; size_t len, cap; } Builder;
static void sb_append(Builder *b, const char *text) {
  size_t n = strlen(text);
  if (b->len + n + 1 > b->cap) {
    while (b->len + n + 1 > b->cap) b->cap = b->cap ? b->cap + b->cap / 2 + 8 : 16;
    b->s = realloc(b->s, b->cap);
  }
  memcpy(b->s + b->len, text, n + 1);
  b->len += n;
}

int main(void) {
  Vec v = {NULL, 0, 0, 0};
  for (long i = 0; i < 1000; i++) vec_push(&v, i * i - 500 * i);
  printf("len %zu cap %zu reallocs %d\n", v.len, v.cap, v.reallocs);
  long s = 0;
  for (size_t i = 0; i < v.len; i++) s += v.data[i];
  printf("sum %ld first %ld last %ld\n", s, v.data[0], v.data[v.len - 1]);
  for (int i = 0; i < 990; i++) vec_pop(&v);
  printf("after pops len %zu:", v.len);
  for (size_t i = 0; i < v.len; i++) printf(" %ld", v.data[i]);
  putchar('\n');
  vec_insert(&v, 0, -1);
  vec_insert(&v, 5, -5);
  vec_insert(&v, v.len, -99);
  vec_remove(&v, 1);
  printf("edited len %zu:", v.len);
  for (size_t i = 0; i < v.len; i++) printf(" %ld", v.data[i]);
  putchar('\n');
  v.data = realloc(v.data, v.len * sizeof *v.data);
  v.cap = v.len;
  printf("shrunk cap %zu last %ld\n", v.cap, v.data[v.len - 1]);
  free(v.data);

  char **names = NULL;
  size_t count = 0;
  for (int i = 0; i < 12; i++) {
    names = realloc(names, (count + 1) * sizeof *names);
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "name-%d-%s", i, i % 3 ? "x" : "yy");
    names[count] = malloc((size_t)n + 1);
    memcpy(names[count], tmp, (size_t)n + 1);
    count++;
  }
  for (size_t i = 0; i < count; i++) printf("%s%s", names[i], i + 1 < count ? "," : "\n");
  for (size_t i = 0; i < count; i++) free(names[i]);
  free(names);

  int *zeros = calloc(100, sizeof *zeros);
  int nz = 0;
  for (int i = 0; i < 100; i++) nz += zeros[i] != 0;
  zeros = realloc(zeros, 200 * sizeof *zeros);
  for (int i = 100; i < 200; i++) zeros[i] = i;
  long zs = 0;
  for (int i = 0; i < 200; i++) zs += zeros[i];
  printf("calloc nonzero %d, grown sum %ld\n", nz, zs);
  free(zeros);

  Builder b = {NULL, 0, 0};
  for (int i = 0; i < 40; i++) {
    char piece[16];
    snprintf(piece, sizeof piece, "%d%s", i * i, i % 10 == 9 ? "\n" : " ");
    sb_append(&b, piece);
  }
  fputs(b.s, stdout);
  printf("builder len %zu cap %zu\n", b.len, b.cap);
  free(b.s);
  void *p = malloc(0);
  free(p);
  free(NULL);
  return 0;
}
