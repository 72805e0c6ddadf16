// The integer operations a debugger needs and TinyScheme lacks. Scheme
// integers are 64-bit and wrap, so they double as raw register contents:
// these primitives treat them as 64-bit patterns.
#include "runtime/interpreter.h"

#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace comet::scheme {

namespace {

uint64_t bits(const Arguments &args, size_t index) {
  return uint64_t(args.integer(index));
}

Value integer(uint64_t pattern) { return Value::integerOf(int64_t(pattern)); }

unsigned width(const Arguments &args, size_t index) {
  int64_t w = args.integer(index);
  if (w < 1 || w > 64)
    args.fail("bit width must be 1..64, got " + std::to_string(w));
  return unsigned(w);
}

uint64_t lowBits(uint64_t value, unsigned w) {
  return w >= 64 ? value : value & ((uint64_t(1) << w) - 1);
}

// Folds a variadic bitwise operation over its arguments.
template <class Op> Primitive fold(uint64_t identity, Op op) {
  return [identity, op](const Arguments &args) {
    uint64_t result = identity;
    for (size_t i = 0; i < args.size(); ++i)
      result = op(result, bits(args, i));
    return integer(result);
  };
}

// "0x..." "0b..." "0o..." "#x..." or decimal, optionally negative; the
// full unsigned 64-bit range is accepted (and wraps to negative).
bool parseInteger(std::string text, uint64_t &out) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  int base = 10;
  if (text.size() > 2 && (text[0] == '0' || text[0] == '#')) {
    char prefix = char(text[1] | 0x20);
    base = prefix == 'x' ? 16 : prefix == 'b' ? 2 : prefix == 'o' ? 8 : 10;
    if (base != 10 || text[0] == '#')
      text.erase(0, 2);
  }
  if (text.empty() || text[0] == '-' || text[0] == '+' || text[0] == ' ')
    return false;
  errno = 0;
  char *end = nullptr;
  unsigned long long value = std::strtoull(text.c_str(), &end, base);
  if (errno != 0 || *end != '\0')
    return false;
  out = negative ? uint64_t(0) - value : value;
  return true;
}

} // namespace

void defineNumberPrimitives(Interpreter &in) {
  in.define("bitwise-and",
            fold(~uint64_t(0), [](uint64_t a, uint64_t b) { return a & b; }));
  in.define("bitwise-or",
            fold(0, [](uint64_t a, uint64_t b) { return a | b; }));
  in.define("bitwise-xor",
            fold(0, [](uint64_t a, uint64_t b) { return a ^ b; }));
  in.define("bitwise-not", [](const Arguments &args) {
    args.expectCount(1, 1);
    return integer(~bits(args, 0));
  });
  // (arithmetic-shift n count): left for count > 0, arithmetic right for
  // count < 0 (SRFI 60).
  in.define("arithmetic-shift", [](const Arguments &args) {
    args.expectCount(2, 2);
    int64_t n = args.integer(0), count = args.integer(1);
    if (count >= 64)
      return integer(0);
    if (count >= 0)
      return integer(uint64_t(n) << count);
    if (count <= -64)
      return integer(n < 0 ? ~uint64_t(0) : 0);
    return integer(uint64_t(n >> -count));
  });
  in.define("shift-left", [](const Arguments &args) {
    args.expectCount(2, 2);
    int64_t count = args.integer(1);
    if (count < 0)
      args.fail("negative shift count");
    return integer(count >= 64 ? 0 : bits(args, 0) << count);
  });
  // Logical (unsigned) right shift of the 64-bit pattern.
  in.define("shift-right", [](const Arguments &args) {
    args.expectCount(2, 2);
    int64_t count = args.integer(1);
    if (count < 0)
      args.fail("negative shift count");
    return integer(count >= 64 ? 0 : bits(args, 0) >> count);
  });
  in.define("bit-count", [](const Arguments &args) {
    args.expectCount(1, 1);
    return Value::integerOf(std::popcount(bits(args, 0)));
  });
  // (truncate-bits n w): the low w bits (zero extension from w bits).
  in.define("truncate-bits", [](const Arguments &args) {
    args.expectCount(2, 2);
    return integer(lowBits(bits(args, 0), width(args, 1)));
  });
  // (sign-extend n w): the low w bits read as a signed w-bit integer.
  in.define("sign-extend", [](const Arguments &args) {
    args.expectCount(2, 2);
    unsigned w = width(args, 1);
    uint64_t low = lowBits(bits(args, 0), w);
    if (w < 64 && (low >> (w - 1)) & 1)
      low |= ~uint64_t(0) << w;
    return integer(low);
  });
  in.define("unsigned<?", [](const Arguments &args) {
    args.expectCount(2, 2);
    return Value::of(bits(args, 0) < bits(args, 1));
  });
  // (number->hex n [w]): "0x..." of the unsigned pattern, zero-padded to
  // w bits' worth of digits when w is given.
  in.define("number->hex", [](const Arguments &args) {
    args.expectCount(1, 2);
    uint64_t value = bits(args, 0);
    int digits = 0;
    if (args.has(1)) {
      unsigned w = width(args, 1);
      value = lowBits(value, w);
      digits = int((w + 3) / 4);
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%0*llx", digits,
                  (unsigned long long)value);
    return Value::string(buffer);
  });
  in.define("number->unsigned", [](const Arguments &args) {
    args.expectCount(1, 2);
    uint64_t value = bits(args, 0);
    if (args.has(1))
      value = lowBits(value, width(args, 1));
    return Value::string(std::to_string(value));
  });
  // (string->integer "0xffffffffffffffff") => -1: C and gdb spellings of
  // 64-bit numbers; #f if the text is no integer.
  in.define("string->integer", [](const Arguments &args) {
    args.expectCount(1, 1);
    uint64_t value = 0;
    if (!parseInteger(args.text(0), value))
      return Value::of(false);
    return integer(value);
  });
  in.define("bits->double", [](const Arguments &args) {
    args.expectCount(1, 1);
    return Value::realOf(std::bit_cast<double>(bits(args, 0)));
  });
  in.define("double->bits", [](const Arguments &args) {
    args.expectCount(1, 1);
    return integer(std::bit_cast<uint64_t>(args.real(0)));
  });
  in.define("bits->float", [](const Arguments &args) {
    args.expectCount(1, 1);
    return Value::realOf(double(std::bit_cast<float>(uint32_t(bits(args, 0)))));
  });
  in.define("float->bits", [](const Arguments &args) {
    args.expectCount(1, 1);
    return integer(std::bit_cast<uint32_t>(float(args.real(0))));
  });
}

} // namespace comet::scheme
