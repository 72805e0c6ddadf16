#include "glibc_random.h"

namespace comet {

void GlibcRandom::seed(uint32_t value) {
  if (value == 0)
    value = 1;
  state[0] = static_cast<int32_t>(value);
  // Fill the table with 16807 * x mod (2^31 - 1), computed without
  // overflow by Schrage's method, as glibc's srandom_r does.
  // glibc keeps the running value in an int32_t: large seeds go negative.
  int64_t word = static_cast<int32_t>(value);
  for (int i = 1; i < Degree; ++i) {
    int64_t high = word / 127773, low = word % 127773;
    word = 16807 * low - 2836 * high;
    if (word < 0)
      word += 2147483647;
    state[i] = static_cast<int32_t>(word);
  }
  front = Separation;
  rear = 0;
  // glibc discards the first 10 * Degree outputs.
  for (int i = 0; i < 10 * Degree; ++i)
    next();
}

int32_t GlibcRandom::next() {
  uint32_t sum =
      static_cast<uint32_t>(state[front]) + static_cast<uint32_t>(state[rear]);
  state[front] = static_cast<int32_t>(sum);
  front = (front + 1) % Degree;
  rear = (rear + 1) % Degree;
  return static_cast<int32_t>(sum >> 1);
}

} // namespace comet
