// RUN: %difftest %s
// switch_interpreter.c — a little stack-machine bytecode interpreter
// driven by a switch in a loop: arithmetic, comparisons, jumps, calls
// and returns, locals; runs factorial, Fibonacci, a prime sieve count and
// gcd programs and prints a trace of the first steps.
#include <stdio.h>

enum { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, CALL, RET, LOAD, STORE, PRINT, HALT };
static const char *const opnames[] = {"PUSH", "POP", "DUP", "SWAP", "OVER", "ADD", "SUB", "MUL", "DIV", "MOD",
                                      "LT", "EQ", "JMP", "JZ", "CALL", "RET", "LOAD", "STORE", "PRINT", "HALT"};

static long run(const long *code, int trace_steps, long *steps_out) {
  long stack[256], locals[16] = {0};
  int rstack[64];
  int sp = 0, rsp = 0, pc = 0;
  long steps = 0;
  for (;;) {
    long op = code[pc++];
    if (steps++ < trace_steps) printf("  pc=%-3d %-5s sp=%d top=%ld\n", pc - 1, op >= PUSH && op <= HALT ? opnames[op] : "?", sp, sp ? stack[sp - 1] : 0);
    long a, b;
    switch (op) {
    case PUSH: stack[sp++] = code[pc++]; break;
    case POP: sp--; break;
    case DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case SWAP: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
    case OVER: stack[sp] = stack[sp - 2]; sp++; break;
    case ADD: case SUB: case MUL: case DIV: case MOD: case LT: case EQ:
      b = stack[--sp]; a = stack[--sp];
      switch (op) {
      case ADD: a += b; break; case SUB: a -= b; break; case MUL: a *= b; break;
      case DIV: a /= b; break; case MOD: a %= b; break; case LT: a = a < b; break; default: a = a == b; break;
      }
      stack[sp++] = a;
      break;
    case JMP: pc = (int)code[pc]; break;
    case JZ: if (stack[--sp] == 0) pc = (int)code[pc]; else pc++; break;
    case CALL: rstack[rsp++] = pc + 1; pc = (int)code[pc]; break;
    case RET: pc = rstack[--rsp]; break;
    case LOAD: stack[sp++] = locals[code[pc++]]; break;
    case STORE: locals[code[pc++]] = stack[--sp]; break;
    case PRINT: printf("  out: %ld\n", stack[--sp]); break;
    case HALT: *steps_out = steps; return sp ? stack[sp - 1] : 0;
    default: printf("  bad opcode %ld\n", op); *steps_out = steps; return -1;
    }
  }
}

static void exec(const char *name, const long *code, int trace) {
  long steps;
  printf("%s:\n", name);
  long r = run(code, trace, &steps);
  printf("%s -> %ld in %ld steps\n", name, r, steps);
}

int main(void) {
  // factorial(12): n=12 acc=1; while n: acc*=n; n-=1
  const long fact[] = {PUSH, 12, STORE, 0, PUSH, 1, STORE, 1,
                       /*8*/ LOAD, 0, JZ, 28, LOAD, 1, LOAD, 0, MUL, STORE, 1, LOAD, 0, PUSH, 1, SUB, STORE, 0, JMP, 8,
                       /*28*/ LOAD, 1, HALT};
  exec("factorial", fact, 12);
  // Print the first 15 Fibonacci numbers: a=0 b=1 n=15
  const long fib[] = {PUSH, 0, STORE, 0, PUSH, 1, STORE, 1, PUSH, 15, STORE, 2,
                      /*12*/ LOAD, 2, JZ, 39, LOAD, 0, PRINT, LOAD, 0, LOAD, 1, ADD, LOAD, 1, STORE, 0, STORE, 1,
                      LOAD, 2, PUSH, 1, SUB, STORE, 2, JMP, 12, /*39*/ HALT};
  exec("fibonacci", fib, 0);
  // gcd as a subroutine: main pushes two numbers, CALL gcd, PRINT.
  const long gcd[] = {PUSH, 1071, PUSH, 462, CALL, 10, PRINT, PUSH, 7, HALT,
                      /*10 gcd(a b)*/ DUP, JZ, 18, SWAP, OVER, MOD, JMP, 10, /*18*/ POP, RET};
  exec("gcd", gcd, 8);
  // Collatz steps from 27: locals 0=n 1=steps
  const long collatz[] = {PUSH, 27, STORE, 0, PUSH, 0, STORE, 1,
                          /*8*/ LOAD, 0, PUSH, 1, EQ, JZ, 17, JMP, 52,
                          /*17*/ LOAD, 1, PUSH, 1, ADD, STORE, 1, LOAD, 0, PUSH, 2, MOD, JZ, 43,
                          /*31*/ LOAD, 0, PUSH, 3, MUL, PUSH, 1, ADD, STORE, 0, JMP, 8,
                          /*43*/ LOAD, 0, PUSH, 2, DIV, STORE, 0, JMP, 8,
                          /*52*/ LOAD, 1, HALT};
  exec("collatz", collatz, 4);
  // Sum of i*i for i < 100.
  const long squares[] = {PUSH, 0, STORE, 0, PUSH, 0, STORE, 1,
                          /*8*/ LOAD, 0, PUSH, 100, LT, JZ, 33, LOAD, 1, LOAD, 0, DUP, MUL, ADD, STORE, 1, LOAD, 0, PUSH, 1,
                          ADD, STORE, 0, JMP, 8, /*33*/ LOAD, 1, HALT};
  exec("squares", squares, 3);
  const long bad[] = {PUSH, 1, 99};
  exec("bad", bad, 2);
  return 0;
}
