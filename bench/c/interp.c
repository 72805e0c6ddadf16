/* interp.c - branch-heavy benchmark: a small stack-based bytecode
 * interpreter running a loop of a pseudo-random generator with a
 * data-dependent branch.
 *
 * Stresses: the dispatch loop (a switch compiled to a jump table, i.e. an
 * indirect branch that is hard to predict), operand loads, a value stack in
 * memory, 64-bit unsigned arithmetic.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of runs of the bytecode
 * program, each a 5000-iteration loop with a different seed; the work is
 * linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 500
#define LOOP_COUNT 5000

typedef unsigned long long u64;

enum op {
  PUSH,  /* push imm */
  LOAD,  /* push var[imm] */
  STORE, /* var[imm] = pop */
  ADD,   /* b = pop, a = pop, push a + b (likewise SUB, MUL, AND, XOR) */
  SUB,
  MUL,
  AND,
  XOR,
  SHR,  /* a = pop, push a >> imm */
  LT,   /* b = pop, a = pop, push a < b */
  JZ,   /* if pop == 0, jump to imm */
  JMP,  /* jump to imm */
  DUP,  /* push a copy of the top */
  POP,  /* drop the top */
  HALT, /* stop */
};

struct insn {
  int op;
  u64 imm;
};

enum { VAR_I, VAR_N, VAR_X, VAR_ACC, VAR_T, NVARS };

/* acc = 0; for (i = 0; i < n; i++) {
 *   x = x * 6364136223846793005 + 1442695040888963407; t = x >> 33;
 *   if (t & 1) acc = acc + t; else acc = (t * 3) ^ acc; } */
static const struct insn program[] = {
    {PUSH, 0},                      /* 0 */
    {STORE, VAR_I},                 /* 1 */
    {PUSH, 0},                      /* 2 */
    {STORE, VAR_ACC},               /* 3 */
    {LOAD, VAR_I},                  /* 4: loop */
    {LOAD, VAR_N},                  /* 5 */
    {LT, 0},                        /* 6 */
    {JZ, 36},                       /* 7 */
    {LOAD, VAR_X},                  /* 8 */
    {PUSH, 6364136223846793005ull}, /* 9 */
    {MUL, 0},                       /* 10 */
    {PUSH, 1442695040888963407ull}, /* 11 */
    {ADD, 0},                       /* 12 */
    {DUP, 0},                       /* 13 */
    {STORE, VAR_X},                 /* 14 */
    {SHR, 33},                      /* 15 */
    {DUP, 0},                       /* 16 */
    {STORE, VAR_T},                 /* 17 */
    {PUSH, 1},                      /* 18 */
    {AND, 0},                       /* 19 */
    {JZ, 25},                       /* 20 */
    {LOAD, VAR_ACC},                /* 21: odd */
    {LOAD, VAR_T},                  /* 22 */
    {ADD, 0},                       /* 23 */
    {JMP, 30},                      /* 24 */
    {LOAD, VAR_T},                  /* 25: even */
    {PUSH, 3},                      /* 26 */
    {MUL, 0},                       /* 27 */
    {LOAD, VAR_ACC},                /* 28 */
    {XOR, 0},                       /* 29 */
    {STORE, VAR_ACC},               /* 30: join */
    {LOAD, VAR_I},                  /* 31 */
    {PUSH, 1},                      /* 32 */
    {ADD, 0},                       /* 33 */
    {STORE, VAR_I},                 /* 34 */
    {JMP, 4},                       /* 35 */
    {HALT, 0},                      /* 36 */
};

/* Runs `code` on `var`; returns the number of instructions executed. */
static u64 run(const struct insn *code, u64 *var) {
  u64 stack[64];
  int sp = 0, pc = 0;
  u64 steps = 0;
  for (;;) {
    const struct insn *in = &code[pc++];
    steps++;
    switch (in->op) {
    case PUSH:
      stack[sp++] = in->imm;
      break;
    case LOAD:
      stack[sp++] = var[in->imm];
      break;
    case STORE:
      var[in->imm] = stack[--sp];
      break;
    case ADD:
      sp--;
      stack[sp - 1] += stack[sp];
      break;
    case SUB:
      sp--;
      stack[sp - 1] -= stack[sp];
      break;
    case MUL:
      sp--;
      stack[sp - 1] *= stack[sp];
      break;
    case AND:
      sp--;
      stack[sp - 1] &= stack[sp];
      break;
    case XOR:
      sp--;
      stack[sp - 1] ^= stack[sp];
      break;
    case SHR:
      stack[sp - 1] >>= in->imm;
      break;
    case LT:
      sp--;
      stack[sp - 1] = stack[sp - 1] < stack[sp];
      break;
    case JZ:
      if (stack[--sp] == 0)
        pc = (int)in->imm;
      break;
    case JMP:
      pc = (int)in->imm;
      break;
    case DUP:
      stack[sp] = stack[sp - 1];
      sp++;
      break;
    case POP:
      sp--;
      break;
    case HALT:
      return steps;
    default:
      abort();
    }
  }
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  u64 checksum = 0, steps = 0;
  for (int r = 0; r < scale; r++) {
    u64 var[NVARS] = {0};
    var[VAR_N] = LOOP_COUNT;
    var[VAR_X] = (u64)r * 0x9E3779B97F4A7C15ull + 1;
    steps += run(program, var);
    checksum = checksum * 1000003u + var[VAR_ACC];
  }
  printf("bytecode instructions executed: %llu\n", steps);
  printf("checksum %llu\n", checksum);
  return 0;
}
