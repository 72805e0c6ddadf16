#include "guest_clock.h"

#include <ctime>

namespace comet {

// Linux clock ids; the guest uses the same numbers.
enum : int {
  ClockRealtime = 0,
  ClockMonotonic = 1,
  ClockProcessCpu = 2,
  ClockThreadCpu = 3,
  ClockMonotonicRaw = 4,
  ClockRealtimeCoarse = 5,
  ClockMonotonicCoarse = 6,
  ClockBoottime = 7,
};

std::optional<int64_t> GuestClock::read(int clockId) {
  if (!deterministic) {
    timespec now;
    if (clock_gettime(static_cast<clockid_t>(clockId), &now) != 0)
      return std::nullopt;
    return int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
  }
  switch (clockId) {
  case ClockRealtime:
  case ClockRealtimeCoarse:
    return DeterministicEpochSeconds * 1000000000 + nextDeterministicNanos();
  case ClockMonotonic:
  case ClockProcessCpu:
  case ClockThreadCpu:
  case ClockMonotonicRaw:
  case ClockMonotonicCoarse:
  case ClockBoottime:
    return nextDeterministicNanos();
  default:
    return std::nullopt;
  }
}

int64_t GuestClock::processorMicros() {
  if (!deterministic)
    return static_cast<int64_t>(std::clock());
  return nextDeterministicNanos() / 1000;
}

} // namespace comet
