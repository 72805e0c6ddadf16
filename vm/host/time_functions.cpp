// time.h and sys/time.h: the guest's clocks (GuestClock decides whether
// they are the host's or deterministic).
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

#include <cerrno>

namespace comet {
namespace {

constexpr int ClockRealtime = 0;
constexpr int64_t NanosPerSecond = 1000000000;

uint64_t hostTime(HostCall &call) {
  int64_t seconds = *call.libc.clock().read(ClockRealtime) / NanosPerSecond;
  if (uint64_t result = call.arg(0))
    call.memory.storeOrThrow<int64_t>(result, seconds);
  return longResult(seconds);
}

uint64_t hostClock(HostCall &call) {
  return longResult(call.libc.clock().processorMicros());
}

uint64_t hostClockGettime(HostCall &call) {
  std::optional<int64_t> nanos = call.libc.clock().read(intArgument(call, 0));
  if (!nanos) {
    call.libc.setErrno(EINVAL);
    return intResult(-1);
  }
  // struct timespec { time_t tv_sec; long tv_nsec; }
  uint64_t result = call.arg(1);
  call.memory.storeOrThrow<int64_t>(result, *nanos / NanosPerSecond);
  call.memory.storeOrThrow<int64_t>(result + 8, *nanos % NanosPerSecond);
  return 0;
}

uint64_t hostGettimeofday(HostCall &call) {
  int64_t nanos = *call.libc.clock().read(ClockRealtime);
  // struct timeval { time_t tv_sec; suseconds_t tv_usec; }
  if (uint64_t result = call.arg(0)) {
    call.memory.storeOrThrow<int64_t>(result, nanos / NanosPerSecond);
    call.memory.storeOrThrow<int64_t>(result + 8,
                                      nanos % NanosPerSecond / 1000);
  }
  // The obsolete struct timezone: UTC, no daylight saving.
  if (uint64_t zone = call.arg(1))
    call.memory.storeOrThrow<uint64_t>(zone, 0);
  return 0;
}

uint64_t hostDifftime(HostCall &call) {
  return doubleResult(static_cast<double>(longArgument(call, 0)) -
                      static_cast<double>(longArgument(call, 1)));
}

constexpr HostFunctionEntry timeFunctions[] = {
    {"time", hostTime},
    {"clock", hostClock},
    {"clock_gettime", hostClockGettime},
    {"gettimeofday", hostGettimeofday},
    {"difftime", hostDifftime},
};

} // namespace

std::span<const HostFunctionEntry> timeHostFunctions() { return timeFunctions; }

} // namespace comet
