/* fnptr.c - call-heavy benchmark: dispatch through function pointers.
 *
 * Stresses: indirect calls through a table of 16 small functions chosen by a
 * generated opcode stream, a comparison callback in a hand-written
 * insertion/shell sort, and a fold over an array with a callback.
 *
 * Argument: scale (default SCALE_DEFAULT) = number of rounds, each 65536
 * dispatches plus a callback sort of 1024 elements; the work is linear in it.
 * Output: one checksum line.
 */
#include <stdio.h>
#include <stdlib.h>

#define SCALE_DEFAULT 200
#define STREAM 65536
#define SORTN 1024

typedef unsigned int u32;
typedef u32 (*op_fn)(u32 state, u32 arg);

static u32 op_add(u32 s, u32 a) { return s + a; }
static u32 op_sub(u32 s, u32 a) { return s - a; }
static u32 op_xor(u32 s, u32 a) { return s ^ a; }
static u32 op_mul(u32 s, u32 a) { return s * (a | 1); }
static u32 op_rotl(u32 s, u32 a) {
  a &= 31;
  return a ? (s << a) | (s >> (32 - a)) : s;
}
static u32 op_rotr(u32 s, u32 a) {
  a &= 31;
  return a ? (s >> a) | (s << (32 - a)) : s;
}
static u32 op_not(u32 s, u32 a) { return ~s + (a & 1); }
static u32 op_and(u32 s, u32 a) { return (s & a) | (s >> 3); }
static u32 op_or(u32 s, u32 a) { return (s | (a & 0xFF)) + 1; }
static u32 op_shl(u32 s, u32 a) { return s << (a & 7) ^ s; }
static u32 op_shr(u32 s, u32 a) { return s >> (a & 7) ^ s; }
static u32 op_div(u32 s, u32 a) { return s / ((a & 0xFF) + 1) + s; }
static u32 op_mod(u32 s, u32 a) { return s % ((a & 0xFFFF) + 1) + a; }
static u32 op_neg(u32 s, u32 a) { return 0u - s + a; }
static u32 op_max(u32 s, u32 a) { return s > a ? s : a ^ s; }
static u32 op_min(u32 s, u32 a) { return s < a ? s + a : a; }

static op_fn const table[16] = {
    op_add, op_sub, op_xor, op_mul, op_rotl, op_rotr, op_not, op_and,
    op_or,  op_shl, op_shr, op_div, op_mod,  op_neg,  op_max, op_min};

static unsigned char codes[STREAM];
static u32 args[STREAM];

typedef int (*cmp_fn)(u32 a, u32 b);
static int cmp_up(u32 a, u32 b) { return (a > b) - (a < b); }
static int cmp_low_bits(u32 a, u32 b) { return cmp_up(a & 0xFFF, b & 0xFFF); }

static void shell_sort(u32 *v, int n, cmp_fn cmp) {
  static const int gaps[] = {301, 132, 57, 23, 10, 4, 1};
  for (int g = 0; g < 7; g++) {
    int gap = gaps[g];
    for (int i = gap; i < n; i++) {
      u32 x = v[i];
      int j = i;
      while (j >= gap && cmp(v[j - gap], x) > 0) {
        v[j] = v[j - gap];
        j -= gap;
      }
      v[j] = x;
    }
  }
}

typedef u32 (*fold_fn)(u32 acc, u32 x);
static u32 fold_hash(u32 acc, u32 x) { return (acc ^ x) * 16777619u; }
static u32 fold(const u32 *v, int n, u32 init, fold_fn f) {
  for (int i = 0; i < n; i++)
    init = f(init, v[i]);
  return init;
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : SCALE_DEFAULT;
  if (scale < 1)
    scale = 1;
  u32 r = 2463534242u;
  for (int i = 0; i < STREAM; i++) {
    r ^= r << 13;
    r ^= r >> 17;
    r ^= r << 5;
    codes[i] = (unsigned char)(r >> 28);
    args[i] = r * 2654435761u;
  }
  static u32 v[SORTN];
  unsigned long long checksum = 0;
  u32 state = 1;
  for (int round = 0; round < scale; round++) {
    for (int i = 0; i < STREAM; i++)
      state = table[codes[i]](state, args[i] + (u32)round);
    for (int i = 0; i < SORTN; i++)
      v[i] = args[(i * 61 + round) % STREAM] ^ state;
    shell_sort(v, SORTN, (round & 1) ? cmp_low_bits : cmp_up);
    checksum =
        checksum * 1000003u + state + fold(v, SORTN, 2166136261u, fold_hash);
  }
  printf("state %u\n", state);
  printf("checksum %llu\n", checksum);
  return 0;
}
