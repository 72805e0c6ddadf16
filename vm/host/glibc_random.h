// rand()/random() exactly as glibc computes them (the default TYPE_3
// additive feedback generator), so a guest sees the numbers a native run
// of the same program sees.
#ifndef COMET_HOST_GLIBC_RANDOM_H
#define COMET_HOST_GLIBC_RANDOM_H

#include <array>
#include <cstdint>

namespace comet {

class GlibcRandom {
public:
  GlibcRandom() { seed(1); } // glibc behaves as if srand(1) had been called
  void seed(uint32_t value);
  // The next number in [0, RAND_MAX].
  int32_t next();

private:
  static constexpr int Degree = 31;    // r[i] = r[i-31] + r[i-3]
  static constexpr int Separation = 3; // distance between the two taps
  std::array<int32_t, Degree> state{};
  int front = Separation; // glibc's fptr, as an index into state
  int rear = 0;           // glibc's rptr
};

} // namespace comet

#endif
