// The compiler runtime that lowered code calls where the ISA has no
// instruction: 128-bit division and powi, as compiler-rt computes them.
#include "call_arguments.h"
#include "host_function_groups.h"

namespace comet {
namespace {

// op: 0 udiv, 1 sdiv, 2 urem, 3 srem; operands as (lo, hi) pairs.
unsigned __int128 divmod128(HostCall &call) {
  uint64_t op = call.arg(0);
  unsigned __int128 a = (unsigned __int128)call.arg(2) << 64 | call.arg(1);
  unsigned __int128 b = (unsigned __int128)call.arg(4) << 64 | call.arg(3);
  if (b == 0)
    throw HostTrap{"128-bit division by zero"};
  __int128 sa = (__int128)a, sb = (__int128)b;
  bool isSigned = op == 1 || op == 3;
  if (isSigned && sb == -1 && sa == (__int128)((unsigned __int128)1 << 127))
    throw HostTrap{"128-bit signed division overflow"};
  switch (op) {
  case 0:
    return a / b;
  case 1:
    return (unsigned __int128)(sa / sb);
  case 2:
    return a % b;
  default:
    return (unsigned __int128)(sa % sb);
  }
}

uint64_t divmod128Low(HostCall &call) { return uint64_t(divmod128(call)); }
uint64_t divmod128High(HostCall &call) {
  return uint64_t(divmod128(call) >> 64);
}

// Repeated squaring, the order of multiplications compiler-rt uses.
template <class F> F powi(F base, int64_t exponent) {
  bool reciprocal = exponent < 0;
  F result = 1;
  for (int64_t n = exponent;; n /= 2) {
    if (n % 2)
      result *= base;
    if (n / 2 == 0)
      break;
    base *= base;
  }
  return reciprocal ? 1 / result : result;
}

uint64_t powiDouble(HostCall &call) {
  return doubleResult(powi(doubleArgument(call, 0), intArgument(call, 1)));
}
uint64_t powiFloat(HostCall &call) {
  return floatResult(powi(floatArgument(call, 0), intArgument(call, 1)));
}

constexpr HostFunctionEntry entries[] = {
    {"__comet_divmod128_lo", divmod128Low},
    {"__comet_divmod128_hi", divmod128High},
    {"__powidf2", powiDouble},
    {"__powisf2", powiFloat},
};

} // namespace

std::span<const HostFunctionEntry> runtimeHostFunctions() { return entries; }

} // namespace comet
