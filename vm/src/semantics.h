// The meaning of each arithmetic opcode family of isa.def, as pure
// functions of unsigned width types (uint8_t .. uint64_t) or float types.
// The interpreter instantiates them per width; the unit tests call them.
#ifndef COMET_SEMANTICS_H
#define COMET_SEMANTICS_H

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace comet::sem {

template <class U> constexpr unsigned Width = sizeof(U) * 8;
template <class U> using S = std::make_signed_t<U>;

// Arithmetic goes through uint64_t so that narrow types never promote to a
// signed int (whose overflow would be undefined behaviour in the host).
template <class U> U ADD(U a, U b) { return U(uint64_t(a) + b); }
template <class U> U SUB(U a, U b) { return U(uint64_t(a) - b); }
template <class U> U MUL(U a, U b) { return U(uint64_t(a) * b); }
template <class U> U NEG(U a) { return U(uint64_t(0) - a); }

template <class U> U SHL(U a, U b) {
  return b >= Width<U> ? U(0) : U(uint64_t(a) << b);
}
template <class U> U LSHR(U a, U b) { return b >= Width<U> ? U(0) : U(a >> b); }
template <class U> U ASHR(U a, U b) {
  unsigned amount = b >= Width<U> ? Width<U> - 1 : unsigned(b);
  return U(S<U>(a) >> amount);
}
template <class U> U ROTL(U a, U b) { return std::rotl(a, int(b % Width<U>)); }
template <class U> U ROTR(U a, U b) { return std::rotr(a, int(b % Width<U>)); }

enum class DivideStatus { Ok, ByZero, Overflow };
template <class U> DivideStatus UDIV(U a, U b, U &out) {
  if (b == 0)
    return DivideStatus::ByZero;
  out = U(a / b);
  return DivideStatus::Ok;
}
template <class U> DivideStatus UREM(U a, U b, U &out) {
  if (b == 0)
    return DivideStatus::ByZero;
  out = U(a % b);
  return DivideStatus::Ok;
}
template <class U> DivideStatus SDIV(U a, U b, U &out) {
  if (b == 0)
    return DivideStatus::ByZero;
  if (S<U>(a) == std::numeric_limits<S<U>>::min() && S<U>(b) == -1)
    return DivideStatus::Overflow;
  out = U(int64_t(S<U>(a)) / int64_t(S<U>(b)));
  return DivideStatus::Ok;
}
template <class U> DivideStatus SREM(U a, U b, U &out) {
  if (b == 0)
    return DivideStatus::ByZero;
  if (S<U>(a) == std::numeric_limits<S<U>>::min() && S<U>(b) == -1)
    return DivideStatus::Overflow;
  out = U(int64_t(S<U>(a)) % int64_t(S<U>(b)));
  return DivideStatus::Ok;
}

template <class U> U SMIN(U a, U b) { return S<U>(a) < S<U>(b) ? a : b; }
template <class U> U SMAX(U a, U b) { return S<U>(a) > S<U>(b) ? a : b; }
template <class U> U UMIN(U a, U b) { return a < b ? a : b; }
template <class U> U UMAX(U a, U b) { return a > b ? a : b; }
template <class U> U ABS(U a) { return S<U>(a) < 0 ? NEG(a) : a; }

template <class U> U CLZ(U a) { return U(std::countl_zero(a)); }
template <class U> U CTZ(U a) { return U(std::countr_zero(a)); }
template <class U> U POPCOUNT(U a) { return U(std::popcount(a)); }
template <class U> U BSWAP(U a) {
  U result = 0;
  for (unsigned i = 0; i < sizeof(U); ++i)
    result = U((uint64_t(result) << 8) | ((a >> (8 * i)) & 0xff));
  return result;
}
template <class U> U BITREVERSE(U a) {
  uint64_t x = a;
  x = ((x >> 1) & 0x5555555555555555) | ((x & 0x5555555555555555) << 1);
  x = ((x >> 2) & 0x3333333333333333) | ((x & 0x3333333333333333) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0f) | ((x & 0x0f0f0f0f0f0f0f0f) << 4);
  x = BSWAP<uint64_t>(x);
  return U(x >> (64 - Width<U>));
}
template <class U> U FSHL(U a, U b, U c) {
  unsigned s = unsigned(c % Width<U>);
  return s == 0 ? a : U((uint64_t(a) << s) | (b >> (Width<U> - s)));
}
template <class U> U FSHR(U a, U b, U c) {
  unsigned s = unsigned(c % Width<U>);
  return s == 0 ? b : U((b >> s) | (uint64_t(a) << (Width<U> - s)));
}

template <class U> U UADDO(U a, U b, bool &overflow) {
  U r;
  overflow = __builtin_add_overflow(a, b, &r);
  return r;
}
template <class U> U SADDO(U a, U b, bool &overflow) {
  S<U> r;
  overflow = __builtin_add_overflow(S<U>(a), S<U>(b), &r);
  return U(r);
}
template <class U> U USUBO(U a, U b, bool &overflow) {
  U r;
  overflow = __builtin_sub_overflow(a, b, &r);
  return r;
}
template <class U> U SSUBO(U a, U b, bool &overflow) {
  S<U> r;
  overflow = __builtin_sub_overflow(S<U>(a), S<U>(b), &r);
  return U(r);
}
template <class U> U UMULO(U a, U b, bool &overflow) {
  U r;
  overflow = __builtin_mul_overflow(a, b, &r);
  return r;
}
template <class U> U SMULO(U a, U b, bool &overflow) {
  S<U> r;
  overflow = __builtin_mul_overflow(S<U>(a), S<U>(b), &r);
  return U(r);
}
template <class U> U UADDSAT(U a, U b) {
  bool overflow;
  U r = UADDO(a, b, overflow);
  return overflow ? std::numeric_limits<U>::max() : r;
}
template <class U> U USUBSAT(U a, U b) { return a < b ? U(0) : U(a - b); }
template <class U> U SADDSAT(U a, U b) {
  bool overflow;
  U r = SADDO(a, b, overflow);
  if (!overflow)
    return r;
  return S<U>(a) < 0 ? U(std::numeric_limits<S<U>>::min())
                     : U(std::numeric_limits<S<U>>::max());
}
template <class U> U SSUBSAT(U a, U b) {
  bool overflow;
  U r = SSUBO(a, b, overflow);
  if (!overflow)
    return r;
  return S<U>(a) < 0 ? U(std::numeric_limits<S<U>>::min())
                     : U(std::numeric_limits<S<U>>::max());
}

template <class U> bool SLT(U a, U b) { return S<U>(a) < S<U>(b); }
template <class U> bool SLE(U a, U b) { return S<U>(a) <= S<U>(b); }
template <class U> bool SGT(U a, U b) { return S<U>(a) > S<U>(b); }
template <class U> bool SGE(U a, U b) { return S<U>(a) >= S<U>(b); }

// Width changes at any width 1..64.
inline uint64_t lowBits(uint64_t a, unsigned width) {
  return width >= 64 ? a : a & ((uint64_t(1) << width) - 1);
}
inline uint64_t signExtend(uint64_t a, unsigned from, unsigned to) {
  unsigned shift = 64 - from;
  return lowBits(uint64_t(int64_t(a << shift) >> shift), to);
}

// ---- floating point
template <class F> F FADD(F a, F b) { return a + b; }
template <class F> F FSUB(F a, F b) { return a - b; }
template <class F> F FMUL(F a, F b) { return a * b; }
template <class F> F FDIV(F a, F b) { return a / b; }
// llvm.fmuladd as x86-64 code without FMA runs it: two roundings.
template <class F> F FMULADD(F a, F b, F c) { return F(a * b) + c; }
template <class F> F FREM(F a, F b) { return std::fmod(a, b); }
template <class F> F FMIN(F a, F b) { return std::fmin(a, b); }
template <class F> F FMAX(F a, F b) { return std::fmax(a, b); }
template <class F> F FMINIMUM(F a, F b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<F>::quiet_NaN();
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
template <class F> F FMAXIMUM(F a, F b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<F>::quiet_NaN();
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
template <class F> F COPYSIGN(F a, F b) { return std::copysign(a, b); }
template <class F> F FNEG(F a) { return -a; }
template <class F> F FABS(F a) { return std::fabs(a); }
template <class F> F SQRT(F a) { return std::sqrt(a); }
template <class F> F FLOOR(F a) { return std::floor(a); }
template <class F> F CEIL(F a) { return std::ceil(a); }
template <class F> F FTRUNC(F a) { return std::trunc(a); }
template <class F> F ROUND(F a) { return std::round(a); }
template <class F> F ROUNDEVEN(F a) { return std::nearbyint(a); }
template <class F> F RINT(F a) { return std::rint(a); }

template <class F> bool FCMP_FALSE(F, F) { return false; }
template <class F> bool FCMP_OEQ(F a, F b) { return a == b; }
template <class F> bool FCMP_OGT(F a, F b) { return a > b; }
template <class F> bool FCMP_OGE(F a, F b) { return a >= b; }
template <class F> bool FCMP_OLT(F a, F b) { return a < b; }
template <class F> bool FCMP_OLE(F a, F b) { return a <= b; }
template <class F> bool FCMP_ONE(F a, F b) { return a < b || a > b; }
template <class F> bool FCMP_ORD(F a, F b) {
  return !std::isnan(a) && !std::isnan(b);
}
template <class F> bool FCMP_UNO(F a, F b) {
  return std::isnan(a) || std::isnan(b);
}
template <class F> bool FCMP_UEQ(F a, F b) { return !(a < b || a > b); }
template <class F> bool FCMP_UGT(F a, F b) { return !(a <= b); }
template <class F> bool FCMP_UGE(F a, F b) { return !(a < b); }
template <class F> bool FCMP_ULT(F a, F b) { return !(a >= b); }
template <class F> bool FCMP_ULE(F a, F b) { return !(a > b); }
template <class F> bool FCMP_UNE(F a, F b) { return !(a == b); }
template <class F> bool FCMP_TRUE(F, F) { return true; }

// Float to integer of width 1..64, toward zero, saturating; NaN gives 0.
template <class F> uint64_t FPTOSI(F a, unsigned width) {
  if (std::isnan(a))
    return 0;
  double limit = std::ldexp(1.0, int(width) - 1); // 2^(W-1)
  double t = std::trunc(double(a));
  int64_t value;
  if (t >= limit)
    value = int64_t((uint64_t(1) << (width - 1)) - 1);
  else if (t <= -limit)
    value = int64_t(uint64_t(0) - (uint64_t(1) << (width - 1)));
  else
    value = int64_t(t);
  return lowBits(uint64_t(value), width);
}
template <class F> uint64_t FPTOUI(F a, unsigned width) {
  if (std::isnan(a) || !(a > 0))
    return 0;
  double limit = std::ldexp(1.0, int(width)); // 2^W
  double t = std::trunc(double(a));
  if (t >= limit)
    return lowBits(~uint64_t(0), width);
  return uint64_t(t);
}

// Registers hold f32 as its bits in the low half and f64 as its bits.
inline float asF32(uint64_t bits) {
  return std::bit_cast<float>(uint32_t(bits));
}
inline double asF64(uint64_t bits) { return std::bit_cast<double>(bits); }
inline uint64_t bitsOf(float value) { return std::bit_cast<uint32_t>(value); }
inline uint64_t bitsOf(double value) { return std::bit_cast<uint64_t>(value); }

} // namespace comet::sem

#endif
