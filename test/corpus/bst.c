// RUN: %difftest %s
// bst.c — binary search tree on the heap: insert, search, in/pre/post
// order traversal, height, delete (leaf, one child, two children with
// in-order successor), range counting, and freeing the whole tree.
#include <stdio.h>
#include <stdlib.h>

typedef struct Tree { int key; int count; struct Tree *left, *right; } Tree;

static Tree *insert(Tree *t, int key) {
  if (!t) { t = malloc(sizeof *t); t->key = key; t->count = 1; t->left = t->right = NULL; return t; }
  if (key < t->key) t->left = insert(t->left, key);
  else if (key > t->key) t->right = insert(t->right, key);
  else t->count++;
  return t;
}
static const Tree *find(const Tree *t, int key) {
  while (t && t->key != key) t = key < t->key ? t->left : t->right;
  return t;
}
static Tree *delete(Tree *t, int key) {
  if (!t) return NULL;
  if (key < t->key) t->left = delete(t->left, key);
  else if (key > t->key) t->right = delete(t->right, key);
  else if (!t->left || !t->right) {
    Tree *child = t->left ? t->left : t->right;
    free(t);
    return child;
  } else {
    Tree *succ = t->right;
    while (succ->left) succ = succ->left;
    t->key = succ->key;
    t->count = succ->count;
    succ->count = 1;
    t->right = delete(t->right, succ->key);
  }
  return t;
}
static int height(const Tree *t) {
  if (!t) return 0;
  int l = height(t->left), r = height(t->right);
  return 1 + (l > r ? l : r);
}
static int size(const Tree *t) { return t ? 1 + size(t->left) + size(t->right) : 0; }
static void inorder(const Tree *t) { if (t) { inorder(t->left); printf(" %d", t->key); if (t->count > 1) printf("x%d", t->count); inorder(t->right); } }
static void preorder(const Tree *t) { if (t) { printf(" %d", t->key); preorder(t->left); preorder(t->right); } }
static void postorder(const Tree *t) { if (t) { postorder(t->left); postorder(t->right); printf(" %d", t->key); } }
static int count_range(const Tree *t, int lo, int hi) {
  if (!t) return 0;
  if (t->key < lo) return count_range(t->right, lo, hi);
  if (t->key > hi) return count_range(t->left, lo, hi);
  return 1 + count_range(t->left, lo, hi) + count_range(t->right, lo, hi);
}
static void free_tree(Tree *t) { if (t) { free_tree(t->left); free_tree(t->right); free(t); } }
static void show(const char *what, const Tree *t) {
  printf("%s: size %d height %d\n  in:", what, size(t), height(t));
  inorder(t);
  printf("\n  pre:");
  preorder(t);
  printf("\n  post:");
  postorder(t);
  putchar('\n');
}

int main(void) {
  Tree *t = NULL;
  int keys[] = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30, 85, 10, 25, 75, 50};
  for (int i = 0; i < 16; i++) t = insert(t, keys[i]);
  show("built", t);
  int probes[] = {35, 36, 10, 90, 50};
  for (int i = 0; i < 5; i++) {
    const Tree *f = find(t, probes[i]);
    printf("find %d: %s", probes[i], f ? "yes" : "no");
    if (f) printf(" count %d", f->count);
    putchar('\n');
  }
  printf("range [25,65]: %d, [0,100]: %d, [86,99]: %d\n", count_range(t, 25, 65), count_range(t, 0, 100), count_range(t, 86, 99));
  t = delete(t, 10);   // leaf
  show("del 10", t);
  t = delete(t, 20);   // one child
  show("del 20", t);
  t = delete(t, 30);   // two children
  show("del 30", t);
  t = delete(t, 50);   // root
  show("del 50", t);
  t = delete(t, 999);  // missing
  printf("after missing delete size %d\n", size(t));

  Tree *big = NULL;
  unsigned s = 2024;
  for (int i = 0; i < 2000; i++) { s = s * 1103515245u + 12345u; big = insert(big, (int)(s >> 16) % 5000); }
  printf("big: size %d height %d range[1000,2000] %d\n", size(big), height(big), count_range(big, 1000, 2000));
  for (int k = 0; k < 5000; k += 2) big = delete(big, k);
  printf("big after deleting evens: size %d height %d\n", size(big), height(big));
  free_tree(big);
  free_tree(t);
  return 0;
}
