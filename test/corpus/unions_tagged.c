// RUN: %difftest %s
// unions_tagged.c — tagged unions: a small dynamic value type (int, double,
// string, pair) with constructors, printing, equality and arithmetic that
// dispatches on the tag; an expression tree built from tagged nodes.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { V_INT, V_DBL, V_STR, V_PAIR } Tag;
typedef struct Value {
  Tag tag;
  union {
    long i;
    double d;
    const char *s;
    struct { struct Value *a, *b; } pair;
  } as;
} Value;

static Value vint(long i) { Value v; v.tag = V_INT; v.as.i = i; return v; }
static Value vdbl(double d) { Value v; v.tag = V_DBL; v.as.d = d; return v; }
static Value vstr(const char *s) { Value v; v.tag = V_STR; v.as.s = s; return v; }

static void print_value(const Value *v) {
  switch (v->tag) {
  case V_INT: printf("%ld", v->as.i); break;
  case V_DBL: printf("%.3f", v->as.d); break;
  case V_STR: printf("\"%s\"", v->as.s); break;
  case V_PAIR:
    putchar('(');
    print_value(v->as.pair.a);
    printf(" . ");
    print_value(v->as.pair.b);
    putchar(')');
    break;
  }
}

static Value add(Value a, Value b) {
  if (a.tag == V_INT && b.tag == V_INT) return vint(a.as.i + b.as.i);
  if ((a.tag == V_INT || a.tag == V_DBL) && (b.tag == V_INT || b.tag == V_DBL)) {
    double x = a.tag == V_INT ? (double)a.as.i : a.as.d;
    double y = b.tag == V_INT ? (double)b.as.i : b.as.d;
    return vdbl(x + y);
  }
  if (a.tag == V_STR && b.tag == V_STR) return vint((long)(strlen(a.as.s) + strlen(b.as.s)));
  return vstr("type error");
}

static int equal(const Value *a, const Value *b) {
  if (a->tag != b->tag) return 0;
  switch (a->tag) {
  case V_INT: return a->as.i == b->as.i;
  case V_DBL: return a->as.d == b->as.d;
  case V_STR: return strcmp(a->as.s, b->as.s) == 0;
  case V_PAIR: return equal(a->as.pair.a, b->as.pair.a) && equal(a->as.pair.b, b->as.pair.b);
  }
  return 0;
}

typedef struct Expr {
  enum { E_NUM, E_NEG, E_BIN } kind;
  union {
    double num;
    struct Expr *operand;
    struct { char op; struct Expr *l, *r; } bin;
  } u;
} Expr;

static Expr pool[32];
static int used;
static Expr *num(double d) { Expr *e = &pool[used++]; e->kind = E_NUM; e->u.num = d; return e; }
static Expr *neg(Expr *x) { Expr *e = &pool[used++]; e->kind = E_NEG; e->u.operand = x; return e; }
static Expr *bin(char op, Expr *l, Expr *r) {
  Expr *e = &pool[used++]; e->kind = E_BIN; e->u.bin.op = op; e->u.bin.l = l; e->u.bin.r = r; return e;
}
static double eval(const Expr *e) {
  switch (e->kind) {
  case E_NUM: return e->u.num;
  case E_NEG: return -eval(e->u.operand);
  case E_BIN: {
    double l = eval(e->u.bin.l), r = eval(e->u.bin.r);
    switch (e->u.bin.op) { case '+': return l + r; case '-': return l - r; case '*': return l * r; default: return l / r; }
  }
  }
  return 0;
}
static void show(const Expr *e) {
  if (e->kind == E_NUM) printf("%g", e->u.num);
  else if (e->kind == E_NEG) { printf("-("); show(e->u.operand); putchar(')'); }
  else { putchar('('); show(e->u.bin.l); printf(" %c ", e->u.bin.op); show(e->u.bin.r); putchar(')'); }
}

int main(void) {
  Value vals[] = {vint(40), vint(2), vdbl(1.5), vstr("hello"), vstr("worlds")};
  int n = 5;
  for (int i = 0; i < n; i++)
    for (int j = i; j < n; j++) {
      Value s = add(vals[i], vals[j]);
      print_value(&vals[i]); printf(" + "); print_value(&vals[j]); printf(" = "); print_value(&s);
      printf("  eq=%d\n", equal(&vals[i], &vals[j]));
    }
  Value p1 = {V_PAIR, {0}}, p2 = {V_PAIR, {0}};
  p1.as.pair.a = &vals[0]; p1.as.pair.b = &vals[3];
  p2.as.pair.a = &vals[0]; p2.as.pair.b = &vals[4];
  print_value(&p1); printf(" vs "); print_value(&p2); printf(" eq=%d self=%d\n", equal(&p1, &p2), equal(&p1, &p1));
  printf("sizeof(Value)=%zu\n", sizeof(Value));

  Expr *e = bin('+', bin('*', num(3), num(4)), neg(bin('/', num(10), bin('-', num(7), num(2)))));
  show(e); printf(" = %g\n", eval(e));
  Expr *f = bin('*', e, bin('+', num(0.5), neg(num(0.25))));
  show(f); printf(" = %g\n", eval(f));
  printf("nodes used %d\n", used);
  return 0;
}
