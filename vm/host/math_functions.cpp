// math.h in double and float forms. Each calls the host's libm, which is
// glibc's, so results are bit-identical to a native run; errno is passed
// on to the guest as libm sets it.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

#include <math.h>

namespace comet {
namespace {

// clang-format reflows these lists differently on every run.
// clang-format off
// f(x) -> same type
#define COMET_UNARY_MATH(X)  \
  X(sin)                     \
  X(cos)                     \
  X(tan)                     \
  X(asin)                    \
  X(acos)                    \
  X(atan)                    \
  X(sinh)                    \
  X(cosh)                    \
  X(tanh)                    \
  X(asinh)                   \
  X(acosh)                   \
  X(atanh)                   \
  X(exp)                     \
  X(exp2)                    \
  X(expm1)                   \
  X(log)                     \
  X(log2)                    \
  X(log10)                   \
  X(log1p)                   \
  X(sqrt)                    \
  X(cbrt)                    \
  X(floor)                   \
  X(ceil)                    \
  X(trunc)                   \
  X(round)                   \
  X(rint)                    \
  X(nearbyint)               \
  X(fabs)                    \
  X(logb)                    \
  X(erf)                     \
  X(erfc)                    \
  X(tgamma)                  \
  X(lgamma)                  \
  X(exp10)                   \
  X(significand)
// f(x, y) -> same type
#define COMET_BINARY_MATH(X)  \
  X(atan2)                    \
  X(pow)                      \
  X(hypot)                    \
  X(fmod)                     \
  X(remainder)                \
  X(fmin)                     \
  X(fmax)                     \
  X(fdim)                     \
  X(copysign)                 \
  X(nextafter)
// clang-format on
// f(x) -> long
#define COMET_TO_LONG_MATH(X) X(lround) X(llround) X(lrint) X(llrint)

#define COMET_DEFINE_UNARY(name)                                               \
  uint64_t name##Double(HostCall &call) {                                      \
    double x = doubleArgument(call, 0);                                        \
    return doubleResult(withGuestErrno(call.libc, [&] { return ::name(x); })); \
  }                                                                            \
  uint64_t name##Float(HostCall &call) {                                       \
    float x = floatArgument(call, 0);                                          \
    return floatResult(                                                        \
        withGuestErrno(call.libc, [&] { return ::name##f(x); }));              \
  }
COMET_UNARY_MATH(COMET_DEFINE_UNARY)

#define COMET_DEFINE_BINARY(name)                                              \
  uint64_t name##Double(HostCall &call) {                                      \
    double x = doubleArgument(call, 0), y = doubleArgument(call, 1);           \
    return doubleResult(                                                       \
        withGuestErrno(call.libc, [&] { return ::name(x, y); }));              \
  }                                                                            \
  uint64_t name##Float(HostCall &call) {                                       \
    float x = floatArgument(call, 0), y = floatArgument(call, 1);              \
    return floatResult(                                                        \
        withGuestErrno(call.libc, [&] { return ::name##f(x, y); }));           \
  }
COMET_BINARY_MATH(COMET_DEFINE_BINARY)

#define COMET_DEFINE_TO_LONG(name)                                             \
  uint64_t name##Double(HostCall &call) {                                      \
    double x = doubleArgument(call, 0);                                        \
    return longResult(withGuestErrno(call.libc, [&] { return ::name(x); }));   \
  }                                                                            \
  uint64_t name##Float(HostCall &call) {                                       \
    float x = floatArgument(call, 0);                                          \
    return longResult(                                                         \
        withGuestErrno(call.libc, [&] { return ::name##f(x); }));              \
  }
COMET_TO_LONG_MATH(COMET_DEFINE_TO_LONG)

uint64_t fmaDouble(HostCall &call) {
  double x = doubleArgument(call, 0), y = doubleArgument(call, 1),
         z = doubleArgument(call, 2);
  return doubleResult(
      withGuestErrno(call.libc, [&] { return ::fma(x, y, z); }));
}
uint64_t fmaFloat(HostCall &call) {
  float x = floatArgument(call, 0), y = floatArgument(call, 1),
        z = floatArgument(call, 2);
  return floatResult(
      withGuestErrno(call.libc, [&] { return ::fmaf(x, y, z); }));
}

// ldexp and scalbn take an int exponent.
uint64_t ldexpDouble(HostCall &call) {
  double x = doubleArgument(call, 0);
  int exponent = intArgument(call, 1);
  return doubleResult(
      withGuestErrno(call.libc, [&] { return ::ldexp(x, exponent); }));
}
uint64_t ldexpFloat(HostCall &call) {
  float x = floatArgument(call, 0);
  int exponent = intArgument(call, 1);
  return floatResult(
      withGuestErrno(call.libc, [&] { return ::ldexpf(x, exponent); }));
}
uint64_t scalblnDouble(HostCall &call) {
  double x = doubleArgument(call, 0);
  long exponent = longArgument(call, 1);
  return doubleResult(
      withGuestErrno(call.libc, [&] { return ::scalbln(x, exponent); }));
}
uint64_t scalblnFloat(HostCall &call) {
  float x = floatArgument(call, 0);
  long exponent = longArgument(call, 1);
  return floatResult(
      withGuestErrno(call.libc, [&] { return ::scalblnf(x, exponent); }));
}

uint64_t ilogbDouble(HostCall &call) {
  double x = doubleArgument(call, 0);
  return intResult(withGuestErrno(call.libc, [&] { return ::ilogb(x); }));
}
uint64_t ilogbFloat(HostCall &call) {
  float x = floatArgument(call, 0);
  return intResult(withGuestErrno(call.libc, [&] { return ::ilogbf(x); }));
}

// frexp, modf, remquo and sincos return parts through guest pointers.
uint64_t frexpDouble(HostCall &call) {
  int exponent;
  double mantissa = ::frexp(doubleArgument(call, 0), &exponent);
  call.memory.storeOrThrow<int32_t>(call.arg(1), exponent);
  return doubleResult(mantissa);
}
uint64_t frexpFloat(HostCall &call) {
  int exponent;
  float mantissa = ::frexpf(floatArgument(call, 0), &exponent);
  call.memory.storeOrThrow<int32_t>(call.arg(1), exponent);
  return floatResult(mantissa);
}
uint64_t modfDouble(HostCall &call) {
  double whole;
  double fraction = ::modf(doubleArgument(call, 0), &whole);
  call.memory.storeOrThrow<double>(call.arg(1), whole);
  return doubleResult(fraction);
}
uint64_t modfFloat(HostCall &call) {
  float whole;
  float fraction = ::modff(floatArgument(call, 0), &whole);
  call.memory.storeOrThrow<float>(call.arg(1), whole);
  return floatResult(fraction);
}
uint64_t remquoDouble(HostCall &call) {
  double x = doubleArgument(call, 0), y = doubleArgument(call, 1);
  int quotient = 0;
  double remainder =
      withGuestErrno(call.libc, [&] { return ::remquo(x, y, &quotient); });
  call.memory.storeOrThrow<int32_t>(call.arg(2), quotient);
  return doubleResult(remainder);
}
uint64_t remquoFloat(HostCall &call) {
  float x = floatArgument(call, 0), y = floatArgument(call, 1);
  int quotient = 0;
  float remainder =
      withGuestErrno(call.libc, [&] { return ::remquof(x, y, &quotient); });
  call.memory.storeOrThrow<int32_t>(call.arg(2), quotient);
  return floatResult(remainder);
}
uint64_t sincosDouble(HostCall &call) {
  double x = doubleArgument(call, 0);
  call.memory.storeOrThrow<double>(call.arg(1), ::sin(x));
  call.memory.storeOrThrow<double>(call.arg(2), ::cos(x));
  return 0;
}
uint64_t sincosFloat(HostCall &call) {
  float x = floatArgument(call, 0);
  call.memory.storeOrThrow<float>(call.arg(1), ::sinf(x));
  call.memory.storeOrThrow<float>(call.arg(2), ::cosf(x));
  return 0;
}

// nan("...") reads its tag from guest memory.
uint64_t nanDouble(HostCall &call) {
  return doubleResult(::nan(call.memory.readString(call.arg(0)).c_str()));
}
uint64_t nanFloat(HostCall &call) {
  return floatResult(::nanf(call.memory.readString(call.arg(0)).c_str()));
}

#define COMET_ENTRIES(name) {#name, name##Double}, {#name "f", name##Float},
constexpr HostFunctionEntry mathFunctions[] = {
    COMET_UNARY_MATH(COMET_ENTRIES) COMET_BINARY_MATH(COMET_ENTRIES)
        COMET_TO_LONG_MATH(COMET_ENTRIES) COMET_ENTRIES(fma)
            COMET_ENTRIES(ldexp) COMET_ENTRIES(ilogb) COMET_ENTRIES(frexp)
                COMET_ENTRIES(modf) COMET_ENTRIES(remquo) COMET_ENTRIES(sincos)
                    COMET_ENTRIES(nan)
    // scalbn(x, n) is ldexp(x, n) for binary floating point.
    {"scalbn", ldexpDouble},
    {"scalbnf", ldexpFloat},
    {"scalbln", scalblnDouble},
    {"scalblnf", scalblnFloat},
    {"gamma", lgammaDouble},
    {"gammaf", lgammaFloat},
};

} // namespace

std::span<const HostFunctionEntry> mathHostFunctions() { return mathFunctions; }

} // namespace comet
