/* hashtable.c - memory benchmark: a chained hash table with string keys.
 *
 * Stresses: malloc/free of small nodes and strings, string hashing (FNV-1a),
 * strcmp/strlen/memcpy, pointer chasing through bucket chains, unpredictable
 * hit/miss branches.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of rounds; each round
 * inserts 20000 keys, looks up 40000 (half of them absent), deletes half and
 * then empties the table. The work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCALE_DEFAULT 40
#define BUCKETS (1 << 14)
#define KEYS 20000

typedef unsigned int u32;
typedef unsigned long long u64;

struct node {
  struct node *next;
  char *key;
  u64 value;
};

static struct node *table[BUCKETS];
static long live_nodes;

static u32 hash(const char *s) {
  u32 h = 2166136261u;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 16777619u;
  }
  return h;
}

/* Writes a key for n (base 36 digits after a prefix) into buf. */
static void make_key(char *buf, u32 n) {
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char tmp[16];
  int len = 0;
  do {
    tmp[len++] = digits[n % 36];
    n /= 36;
  } while (n);
  memcpy(buf, "key-", 4);
  for (int i = 0; i < len; i++)
    buf[4 + i] = tmp[len - 1 - i];
  buf[4 + len] = '\0';
}

static struct node **find_slot(const char *key) {
  struct node **p = &table[hash(key) & (BUCKETS - 1)];
  while (*p && strcmp((*p)->key, key) != 0)
    p = &(*p)->next;
  return p;
}

static void insert(const char *key, u64 value) {
  struct node **p = find_slot(key);
  if (*p) {
    (*p)->value += value;
    return;
  }
  struct node *n = malloc(sizeof *n);
  size_t len = strlen(key);
  n->key = malloc(len + 1);
  if (!n || !n->key)
    exit(1);
  memcpy(n->key, key, len + 1);
  n->value = value;
  n->next = NULL;
  *p = n;
  live_nodes++;
}

static int erase(const char *key) {
  struct node **p = find_slot(key);
  struct node *n = *p;
  if (!n)
    return 0;
  *p = n->next;
  free(n->key);
  free(n);
  live_nodes--;
  return 1;
}

static void clear(void) {
  for (int i = 0; i < BUCKETS; i++) {
    struct node *n = table[i];
    while (n) {
      struct node *next = n->next;
      free(n->key);
      free(n);
      n = next;
    }
    table[i] = NULL;
  }
  live_nodes = 0;
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  char key[32];
  u64 checksum = 0;
  long found = 0, erased = 0;
  for (int round = 0; round < scale; round++) {
    u32 base = (u32)round * 7919u;
    for (u32 i = 0; i < KEYS; i++) {
      make_key(key, (base + i * 2654435761u) % 100000u);
      insert(key, i);
    }
    for (u32 i = 0; i < 2 * KEYS; i++) {
      make_key(key, (base + i * 2654435761u) % 100000u + (i & 1) * 100000u);
      struct node *n = *find_slot(key);
      if (n) {
        found++;
        checksum = checksum * 1000003u + n->value;
      }
    }
    for (u32 i = 0; i < KEYS; i += 2) {
      make_key(key, (base + i * 2654435761u) % 100000u);
      erased += erase(key);
    }
    checksum += (u64)live_nodes;
    clear();
  }
  printf("found %ld, erased %ld\n", found, erased);
  printf("checksum %llu\n", checksum);
  return 0;
}
