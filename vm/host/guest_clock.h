// The time a guest sees: the host's clocks, or under deterministic time a
// counter that starts at a fixed instant and advances a fixed step on every
// reading, so repeated runs behave identically.
#ifndef COMET_HOST_GUEST_CLOCK_H
#define COMET_HOST_GUEST_CLOCK_H

#include <cstdint>
#include <optional>

namespace comet {

class GuestClock {
public:
  // 2024-01-01T00:00:00Z: where deterministic wall-clock time starts.
  static constexpr int64_t DeterministicEpochSeconds = 1704067200;
  // How far deterministic time advances per reading: one millisecond.
  static constexpr int64_t DeterministicStepNanos = 1000000;

  explicit GuestClock(bool deterministic) : deterministic(deterministic) {}

  // Nanoseconds on a clock_gettime clock id (CLOCK_REALTIME...), or
  // nothing for an unknown clock.
  std::optional<int64_t> read(int clockId);
  // clock(): processor time in microseconds (CLOCKS_PER_SEC is 10^6).
  int64_t processorMicros();

private:
  int64_t nextDeterministicNanos() {
    elapsed += DeterministicStepNanos;
    return elapsed;
  }

  bool deterministic;
  int64_t elapsed = 0; // deterministic nanoseconds since the program began
};

} // namespace comet

#endif
