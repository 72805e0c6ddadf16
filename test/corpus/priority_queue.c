// RUN: %difftest %s
// priority_queue.c — a binary min-heap of structs (priority plus an
// insertion sequence number for deterministic ties), used for a task
// scheduler simulation and for Dijkstra's shortest paths on a small
// weighted graph stored as an adjacency matrix; path reconstruction.
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { int prio; int seq; int value; } Item;
typedef struct { Item *items; int n, cap, seq; } Heap;

static int less(const Item *a, const Item *b) { return a->prio != b->prio ? a->prio < b->prio : a->seq < b->seq; }
static void heap_push(Heap *h, int prio, int value) {
  if (h->n == h->cap) { h->cap = h->cap ? h->cap * 2 : 4; h->items = realloc(h->items, (size_t)h->cap * sizeof *h->items); }
  int i = h->n++;
  h->items[i] = (Item){prio, h->seq++, value};
  while (i > 0 && less(&h->items[i], &h->items[(i - 1) / 2])) {
    Item t = h->items[i]; h->items[i] = h->items[(i - 1) / 2]; h->items[(i - 1) / 2] = t;
    i = (i - 1) / 2;
  }
}
static Item heap_pop(Heap *h) {
  Item top = h->items[0];
  h->items[0] = h->items[--h->n];
  for (int i = 0;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < h->n && less(&h->items[l], &h->items[m])) m = l;
    if (r < h->n && less(&h->items[r], &h->items[m])) m = r;
    if (m == i) break;
    Item t = h->items[i]; h->items[i] = h->items[m]; h->items[m] = t;
    i = m;
  }
  return top;
}

#define V 8
int main(void) {
  Heap h = {NULL, 0, 0, 0};
  const char *tasks[] = {"compile", "link", "test", "deploy", "lint", "docs", "bench", "package"};
  int prios[] = {2, 3, 3, 9, 1, 5, 3, 7};
  for (int i = 0; i < 8; i++) heap_push(&h, prios[i], i);
  int clock = 0;
  while (h.n) {
    Item it = heap_pop(&h);
    clock += it.prio;
    printf("t=%2d run %-8s (prio %d, seq %d)\n", clock, tasks[it.value], it.prio, it.seq);
    if (it.value == 0) { heap_push(&h, 4, 6); printf("      requeue bench at prio 4\n"); }
  }
  static const int w[V][V] = {
      {0, 4, 0, 0, 0, 0, 0, 8}, {4, 0, 8, 0, 0, 0, 0, 11}, {0, 8, 0, 7, 0, 4, 0, 0}, {0, 0, 7, 0, 9, 14, 0, 0},
      {0, 0, 0, 9, 0, 10, 0, 0}, {0, 0, 4, 14, 10, 0, 2, 0}, {0, 0, 0, 0, 0, 2, 0, 1}, {8, 11, 0, 0, 0, 0, 1, 0}};
  int dist[V], prev[V], done[V] = {0};
  for (int i = 0; i < V; i++) { dist[i] = INT_MAX; prev[i] = -1; }
  dist[0] = 0;
  heap_push(&h, 0, 0);
  int pops = 0;
  while (h.n) {
    Item it = heap_pop(&h);
    pops++;
    int u = it.value;
    if (done[u]) continue;
    done[u] = 1;
    for (int v = 0; v < V; v++)
      if (w[u][v] && !done[v] && dist[u] + w[u][v] < dist[v]) {
        dist[v] = dist[u] + w[u][v];
        prev[v] = u;
        heap_push(&h, dist[v], v);
      }
  }
  for (int v = 0; v < V; v++) {
    int path[V], n = 0;
    for (int x = v; x != -1; x = prev[x]) path[n++] = x;
    printf("to %d: dist %2d path", v, dist[v]);
    while (n--) printf(" %d", path[n]);
    putchar('\n');
  }
  printf("heap pops %d, pushes %d\n", pops, h.seq);
  free(h.items);
  return 0;
}
