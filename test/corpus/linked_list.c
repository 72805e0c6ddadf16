// RUN: %difftest %s
// linked_list.c — singly and doubly linked lists on the heap: push/append,
// in-place reversal, sorted insert, merge sort of a list, removing by
// predicate, a doubly linked LRU list with move-to-front; everything is
// freed at the end.
#include <stdio.h>
#include <stdlib.h>

typedef struct Node { int value; struct Node *next; } Node;

static Node *push(Node *head, int v) { Node *n = malloc(sizeof *n); n->value = v; n->next = head; return n; }
static void print_list(const char *name, const Node *n) {
  printf("%s:", name);
  for (; n; n = n->next) printf(" %d", n->value);
  putchar('\n');
}
static Node *reverse(Node *n) {
  Node *prev = NULL;
  while (n) { Node *next = n->next; n->next = prev; prev = n; n = next; }
  return prev;
}
static Node *merge(Node *a, Node *b) {
  Node head = {0, NULL}, *tail = &head;
  while (a && b) {
    if (a->value <= b->value) { tail->next = a; a = a->next; }
    else { tail->next = b; b = b->next; }
    tail = tail->next;
  }
  tail->next = a ? a : b;
  return head.next;
}
static Node *merge_sort(Node *n) {
  if (!n || !n->next) return n;
  Node *slow = n, *fast = n->next;
  while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
  Node *second = slow->next;
  slow->next = NULL;
  return merge(merge_sort(n), merge_sort(second));
}
static Node *remove_if(Node *head, int (*pred)(int), int *removed) {
  Node **link = &head;
  while (*link) {
    if (pred((*link)->value)) { Node *dead = *link; *link = dead->next; free(dead); (*removed)++; }
    else link = &(*link)->next;
  }
  return head;
}
static int is_multiple_of_3(int v) { return v % 3 == 0; }
static void free_list(Node *n) { while (n) { Node *next = n->next; free(n); n = next; } }

typedef struct DNode { int key; struct DNode *prev, *next; } DNode;
typedef struct { DNode *head, *tail; int size, cap, hits, misses; } Lru;
static void lru_unlink(Lru *l, DNode *n) {
  if (n->prev) n->prev->next = n->next; else l->head = n->next;
  if (n->next) n->next->prev = n->prev; else l->tail = n->prev;
}
static void lru_front(Lru *l, DNode *n) {
  n->prev = NULL; n->next = l->head;
  if (l->head) l->head->prev = n; else l->tail = n;
  l->head = n;
}
static void lru_access(Lru *l, int key) {
  for (DNode *n = l->head; n; n = n->next)
    if (n->key == key) { l->hits++; lru_unlink(l, n); lru_front(l, n); return; }
  l->misses++;
  if (l->size == l->cap) { DNode *victim = l->tail; lru_unlink(l, victim); free(victim); l->size--; }
  DNode *n = malloc(sizeof *n);
  n->key = key;
  lru_front(l, n);
  l->size++;
}

int main(void) {
  Node *list = NULL;
  unsigned seed = 7;
  for (int i = 0; i < 25; i++) { seed = seed * 1664525u + 1013904223u; list = push(list, (int)(seed >> 24) - 100); }
  print_list("initial", list);
  list = reverse(list);
  print_list("reversed", list);
  list = merge_sort(list);
  print_list("sorted", list);
  int removed = 0;
  list = remove_if(list, is_multiple_of_3, &removed);
  printf("removed %d\n", removed);
  print_list("filtered", list);
  long sum = 0; int count = 0;
  for (Node *n = list; n; n = n->next) { sum += n->value; count++; }
  printf("count %d sum %ld\n", count, sum);
  free_list(list);

  Lru lru = {NULL, NULL, 0, 4, 0, 0};
  int accesses[] = {1, 2, 3, 1, 4, 5, 2, 1, 6, 1, 3, 3, 7, 4, 1, 2};
  for (int i = 0; i < 16; i++) {
    lru_access(&lru, accesses[i]);
    printf("after %d:", accesses[i]);
    for (DNode *n = lru.head; n; n = n->next) printf(" %d", n->key);
    printf("  (back:");
    for (DNode *n = lru.tail; n; n = n->prev) printf(" %d", n->key);
    printf(")\n");
  }
  printf("hits %d misses %d\n", lru.hits, lru.misses);
  while (lru.head) { DNode *n = lru.head; lru.head = n->next; free(n); }
  return 0;
}
