// How C values travel through a host call's 64-bit argument and result
// slots: integers and pointers zero-extended, an int as its 32-bit pattern,
// a double as its IEEE bits, a float as its 32 bits in the low half.
#ifndef COMET_HOST_CALL_ARGUMENTS_H
#define COMET_HOST_CALL_ARGUMENTS_H

#include "comet/host.h"

#include <bit>
#include <cstdint>
#include <span>

namespace comet {

inline int32_t intArgument(const HostCall &call, unsigned index) {
  return static_cast<int32_t>(static_cast<uint32_t>(call.arg(index)));
}
inline int64_t longArgument(const HostCall &call, unsigned index) {
  return static_cast<int64_t>(call.arg(index));
}
inline double doubleArgument(const HostCall &call, unsigned index) {
  return std::bit_cast<double>(call.arg(index));
}
inline float floatArgument(const HostCall &call, unsigned index) {
  return std::bit_cast<float>(static_cast<uint32_t>(call.arg(index)));
}
// The arguments from index first on: the variadic part of a call.
inline std::span<const uint64_t> argumentsFrom(const HostCall &call,
                                               unsigned first) {
  if (first >= call.count)
    return {};
  return {call.args + first, call.count - first};
}

inline uint64_t intResult(int32_t value) {
  return static_cast<uint32_t>(value);
}
inline uint64_t longResult(int64_t value) {
  return static_cast<uint64_t>(value);
}
inline uint64_t doubleResult(double value) {
  return std::bit_cast<uint64_t>(value);
}
inline uint64_t floatResult(float value) {
  return std::bit_cast<uint32_t>(value);
}

} // namespace comet

#endif
