// RUN: %difftest %s
// game_of_life.c — Conway's Game of Life on a 64x24 torus stored as one
// uint64_t bitset per row: neighbour counting with shifts/rotates, a
// glider and an R-pentomino, population counts per generation with
// __builtin_popcountll, and a few printed frames.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ROWS 24
static uint64_t grid[ROWS], next[ROWS];

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static void set(int r, int c) { grid[(r + ROWS) % ROWS] |= 1ULL << ((c + 64) % 64); }
static int population(void) { int p = 0; for (int r = 0; r < ROWS; r++) p += __builtin_popcountll(grid[r]); return p; }
static void step(void) {
  for (int r = 0; r < ROWS; r++) {
    uint64_t rows[3] = {grid[(r + ROWS - 1) % ROWS], grid[r], grid[(r + 1) % ROWS]};
    uint64_t nb[8];
    int k = 0;
    for (int i = 0; i < 3; i++) {
      nb[k++] = rotl(rows[i], 1);
      nb[k++] = rotl(rows[i], 63);
      if (i != 1) nb[k++] = rows[i];
    }
    // Bit-sliced addition of eight one-bit neighbour masks into 4-bit counts.
    uint64_t s0 = 0, s1 = 0, s2 = 0;
    for (int i = 0; i < 8; i++) {
      uint64_t c0 = s0 & nb[i];
      s0 ^= nb[i];
      uint64_t c1 = s1 & c0;
      s1 ^= c0;
      s2 |= c1;
    }
    // alive next if count == 3, or count == 2 and alive now (s2 marks >= 4)
    next[r] = ~s2 & s1 & (s0 | grid[r]);
  }
  memcpy(grid, next, sizeof grid);
}
static void show(int gen) {
  printf("generation %d, population %d\n", gen, population());
  for (int r = 0; r < ROWS; r++) {
    if (!grid[r]) continue;
    printf("%2d ", r);
    for (int c = 0; c < 64; c++) putchar(grid[r] >> c & 1 ? '#' : '.');
    putchar('\n');
  }
}

int main(void) {
  set(1, 2); set(2, 3); set(3, 1); set(3, 2); set(3, 3); // glider
  show(0);
  for (int g = 1; g <= 8; g++) { step(); if (g % 4 == 0) show(g); }
  memset(grid, 0, sizeof grid);
  set(11, 31); set(11, 32); set(12, 30); set(12, 31); set(13, 31); // R-pentomino
  printf("populations:");
  for (int g = 0; g < 120; g++) { if (g % 10 == 0) printf(" %d", population()); step(); }
  putchar('\n');
  show(120);
  return 0;
}
