// stdlib.h's string-to-number conversions. Each runs the host's own
// function (glibc) on a host copy of the guest string, so bases, prefixes,
// overflow clamping, errno and the end pointer all come out exactly.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

#include <cstdlib>

namespace comet {
namespace {

// Converts the guest string at call.arg(0) with convert(text, &end) and
// stores the end pointer through call.arg(1) if that is not null.
template <typename Convert>
auto convertString(HostCall &call, bool hasEndPointer, Convert convert) {
  uint64_t address = call.arg(0);
  std::string text = call.memory.readString(address);
  char *end = nullptr;
  auto value =
      withGuestErrno(call.libc, [&] { return convert(text.c_str(), &end); });
  if (hasEndPointer && call.arg(1) != 0)
    call.memory.storeOrThrow<uint64_t>(
        call.arg(1), address + static_cast<uint64_t>(end - text.c_str()));
  return value;
}

// glibc rejects these bases with EINVAL, a 0 result and *endptr left
// alone (decided here: sanitizer interceptors of strtol differ).
bool rejectBase(HostCall &call, int base) {
  if (base == 0 || (base >= 2 && base <= 36))
    return false;
  call.libc.setErrno(EINVAL);
  return true;
}

template <typename Convert>
uint64_t convertInteger(HostCall &call, Convert convert) {
  int base = intArgument(call, 2);
  if (rejectBase(call, base))
    return 0;
  return static_cast<uint64_t>(
      convertString(call, true, [&](const char *text, char **end) {
        return convert(text, end, base);
      }));
}

uint64_t hostStrtol(HostCall &call) {
  return convertInteger(call, [](const char *text, char **end, int base) {
    return std::strtol(text, end, base);
  });
}
uint64_t hostStrtoul(HostCall &call) {
  return convertInteger(call, [](const char *text, char **end, int base) {
    return std::strtoul(text, end, base);
  });
}
uint64_t hostStrtoll(HostCall &call) {
  return convertInteger(call, [](const char *text, char **end, int base) {
    return std::strtoll(text, end, base);
  });
}
uint64_t hostStrtoull(HostCall &call) {
  return convertInteger(call, [](const char *text, char **end, int base) {
    return std::strtoull(text, end, base);
  });
}
uint64_t hostStrtod(HostCall &call) {
  return doubleResult(
      convertString(call, true, [](const char *text, char **end) {
        return std::strtod(text, end);
      }));
}
uint64_t hostStrtof(HostCall &call) {
  return floatResult(
      convertString(call, true, [](const char *text, char **end) {
        return std::strtof(text, end);
      }));
}

// glibc's atoi and friends are strtol(text, NULL, 10) narrowed.
uint64_t hostAtoi(HostCall &call) {
  return intResult(static_cast<int32_t>(
      convertString(call, false, [](const char *text, char **end) {
        return std::strtol(text, end, 10);
      })));
}
uint64_t hostAtol(HostCall &call) {
  return longResult(
      convertString(call, false, [](const char *text, char **end) {
        return std::strtol(text, end, 10);
      }));
}
uint64_t hostAtof(HostCall &call) {
  return doubleResult(
      convertString(call, false, [](const char *text, char **end) {
        return std::strtod(text, end);
      }));
}

constexpr HostFunctionEntry conversionFunctions[] = {
    // Comet has no long double: strtold is strtod.
    {"strtol", hostStrtol},     {"strtoul", hostStrtoul},
    {"strtoll", hostStrtoll},   {"strtoull", hostStrtoull},
    {"strtoimax", hostStrtoll}, {"strtoumax", hostStrtoull},
    {"strtod", hostStrtod},     {"strtof", hostStrtof},
    {"strtold", hostStrtod},    {"atoi", hostAtoi},
    {"atol", hostAtol},         {"atoll", hostAtol},
    {"atof", hostAtof},
};

} // namespace

std::span<const HostFunctionEntry> conversionHostFunctions() {
  return conversionFunctions;
}

} // namespace comet
