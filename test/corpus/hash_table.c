// RUN: %difftest %s
// hash_table.c — a chained hash table with string keys on the heap:
// djb2 hashing, insert/update/lookup/delete, growth by rehashing when
// the load factor passes 0.75, word-frequency counting, bucket-length
// statistics, and iteration in sorted key order via an index array.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry { char *key; int value; struct Entry *next; } Entry;
typedef struct { Entry **buckets; size_t nbuckets, size; int resizes; } Table;

static unsigned long djb2(const char *s) {
  unsigned long h = 5381;
  for (; *s; s++) h = h * 33 + (unsigned char)*s;
  return h;
}
static void table_init(Table *t, size_t n) { t->buckets = calloc(n, sizeof *t->buckets); t->nbuckets = n; t->size = 0; t->resizes = 0; }
static void rehash(Table *t) {
  size_t n = t->nbuckets * 2;
  Entry **nb = calloc(n, sizeof *nb);
  for (size_t i = 0; i < t->nbuckets; i++)
    for (Entry *e = t->buckets[i], *next; e; e = next) {
      next = e->next;
      size_t b = djb2(e->key) % n;
      e->next = nb[b];
      nb[b] = e;
    }
  free(t->buckets);
  t->buckets = nb;
  t->nbuckets = n;
  t->resizes++;
}
static Entry *lookup(const Table *t, const char *key) {
  for (Entry *e = t->buckets[djb2(key) % t->nbuckets]; e; e = e->next)
    if (strcmp(e->key, key) == 0) return e;
  return NULL;
}
static void put(Table *t, const char *key, int value) {
  Entry *e = lookup(t, key);
  if (e) { e->value = value; return; }
  if ((t->size + 1) * 4 > t->nbuckets * 3) rehash(t);
  e = malloc(sizeof *e);
  e->key = malloc(strlen(key) + 1);
  strcpy(e->key, key);
  e->value = value;
  size_t b = djb2(key) % t->nbuckets;
  e->next = t->buckets[b];
  t->buckets[b] = e;
  t->size++;
}
static int erase(Table *t, const char *key) {
  for (Entry **link = &t->buckets[djb2(key) % t->nbuckets]; *link; link = &(*link)->next)
    if (strcmp((*link)->key, key) == 0) {
      Entry *dead = *link;
      *link = dead->next;
      free(dead->key);
      free(dead);
      t->size--;
      return 1;
    }
  return 0;
}
static int by_key(const void *a, const void *b) { return strcmp((*(Entry *const *)a)->key, (*(Entry *const *)b)->key); }

int main(void) {
  Table t;
  table_init(&t, 4);
  const char *text = "it was the best of times it was the worst of times it was the age of wisdom "
                     "it was the age of foolishness it was the epoch of belief it was the epoch of incredulity "
                     "it was the season of light it was the season of darkness";
  char *copy = malloc(strlen(text) + 1);
  strcpy(copy, text);
  for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
    Entry *e = lookup(&t, w);
    put(&t, w, e ? e->value + 1 : 1);
  }
  free(copy);
  printf("distinct words %zu, buckets %zu, resizes %d\n", t.size, t.nbuckets, t.resizes);
  Entry **all = malloc(t.size * sizeof *all);
  size_t k = 0;
  for (size_t i = 0; i < t.nbuckets; i++)
    for (Entry *e = t.buckets[i]; e; e = e->next) all[k++] = e;
  qsort(all, k, sizeof *all, by_key);
  for (size_t i = 0; i < k; i++) printf("%-12s %d\n", all[i]->key, all[i]->value);
  free(all);

  size_t longest = 0, empty = 0;
  for (size_t i = 0; i < t.nbuckets; i++) {
    size_t len = 0;
    for (Entry *e = t.buckets[i]; e; e = e->next) len++;
    if (len > longest) longest = len;
    if (!len) empty++;
  }
  printf("longest chain %zu, empty buckets %zu\n", longest, empty);

  const char *gone[] = {"it", "was", "nothing", "the", "it"};
  for (int i = 0; i < 5; i++) printf("erase %s: %d\n", gone[i], erase(&t, gone[i]));
  printf("size now %zu, 'of' -> %d, 'it' -> %s\n", t.size, lookup(&t, "of")->value, lookup(&t, "it") ? "present" : "absent");

  char key[16];
  for (int i = 0; i < 500; i++) { snprintf(key, sizeof key, "k%03d", i * 7 % 500); put(&t, key, i); }
  long total = 0;
  for (int i = 0; i < 500; i += 50) {
    snprintf(key, sizeof key, "k%03d", i);
    Entry *e = lookup(&t, key);
    printf("%s=%d ", key, e ? e->value : -1);
    total += e ? e->value : 0;
  }
  printf("\nsize %zu buckets %zu resizes %d total %ld\n", t.size, t.nbuckets, t.resizes, total);
  for (size_t i = 0; i < t.nbuckets; i++)
    for (Entry *e = t.buckets[i], *next; e; e = next) { next = e->next; free(e->key); free(e); }
  free(t.buckets);
  return 0;
}
