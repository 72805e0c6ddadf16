// Vectors of four 32-bit lanes (one lane to a 64-bit register, zero-
// extended) moved and computed two registers at a time with SSE2, the
// baseline of x86-64. Every step of such a vector's way (the load, the
// arithmetic, the store) reads and writes its registers in the same 16-byte
// halves: a load that spans two separate stores cannot take its value from
// them and waits for both to reach the cache. Elsewhere, or for other
// shapes, these decline (return false) and the handlers go lane by lane.
#ifndef COMET_PACKED_LANES_H
#define COMET_PACKED_LANES_H

#include "semantics.h"

#include <cstddef>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace comet::packed {

#ifdef __SSE2__
inline __m128i loadPair(const uint64_t *registers) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i *>(registers));
}
inline void storePair(uint64_t *registers, __m128i value) {
  _mm_storeu_si128(reinterpret_cast<__m128i *>(registers), value);
}
#endif

// Four u32 from memory into four registers.
inline bool loadFourU32(uint64_t *to, const uint8_t *bytes) {
#ifdef __SSE2__
  __m128i lanes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes));
  __m128i zero = _mm_setzero_si128();
  storePair(to, _mm_unpacklo_epi32(lanes, zero));
  storePair(to + 2, _mm_unpackhi_epi32(lanes, zero));
  return true;
#else
  (void)to, (void)bytes;
  return false;
#endif
}

// The low 32 bits of four registers into memory.
inline bool storeFourU32(uint8_t *bytes, const uint64_t *from) {
#ifdef __SSE2__
  __m128i low = _mm_shuffle_epi32(loadPair(from), _MM_SHUFFLE(2, 0, 2, 0));
  __m128i high = _mm_shuffle_epi32(loadPair(from + 2), _MM_SHUFFLE(2, 0, 2, 0));
  _mm_storeu_si128(reinterpret_cast<__m128i *>(bytes),
                   _mm_unpacklo_epi64(low, high));
  return true;
#else
  (void)bytes, (void)from;
  return false;
#endif
}

// Which operation a lane function is, told by specialisation (a comparison
// of function addresses is no constant expression under UBSan).
enum class Packable { No, Add, Multiply };
template <auto Op> constexpr Packable packable = Packable::No;
template <> constexpr Packable packable<&sem::ADD<uint32_t>> = Packable::Add;
template <>
constexpr Packable packable<&sem::MUL<uint32_t>> = Packable::Multiply;

// to[k] = Op(x[k], y[k]) for four 32-bit lanes, when Op is an add or a
// multiply and the destination either is an operand or lies apart from it
// (lane by lane, a destination one to three registers past an operand
// would read lanes already written).
template <class U, U (*Op)(U, U)>
[[gnu::always_inline]] inline bool
fourLanes(uint64_t lanes, uint64_t *to, const uint64_t *x, const uint64_t *y) {
#ifdef __SSE2__
  if constexpr (packable<Op> != Packable::No) {
    auto apart = [to](const uint64_t *operand) {
      ptrdiff_t distance = to - operand;
      return distance == 0 || distance >= 4 || distance <= -4;
    };
    if (lanes != 4 || !apart(x) || !apart(y))
      return false;
    __m128i mask = _mm_set1_epi64x(0xffffffff);
    __m128i x01 = loadPair(x), x23 = loadPair(x + 2);
    __m128i y01 = loadPair(y), y23 = loadPair(y + 2);
    if constexpr (packable<Op> == Packable::Add) {
      storePair(to, _mm_and_si128(_mm_add_epi64(x01, y01), mask));
      storePair(to + 2, _mm_and_si128(_mm_add_epi64(x23, y23), mask));
    } else {
      storePair(to, _mm_and_si128(_mm_mul_epu32(x01, y01), mask));
      storePair(to + 2, _mm_and_si128(_mm_mul_epu32(x23, y23), mask));
    }
    return true;
  }
#endif
  (void)lanes, (void)to, (void)x, (void)y;
  return false;
}

} // namespace comet::packed

#endif
