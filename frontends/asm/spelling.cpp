#include "asm/spelling.h"

#include <bit>
#include <charconv>
#include <cstdio>
#include <system_error>

namespace comet::assembly {

namespace {

bool isLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool hasPrefix(std::string_view text, std::string_view lower) {
  if (text.size() < lower.size())
    return false;
  for (size_t i = 0; i < lower.size(); ++i)
    if ((text[i] | 0x20) != lower[i])
      return false;
  return true;
}

std::string hexBits(uint64_t bits) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%llx",
                static_cast<unsigned long long>(bits));
  return buffer;
}

// to_chars gives the shortest text that reads back exactly; a float must
// still look like a float, so "3" becomes "3.0".
template <typename Float> std::string shortestDecimal(Float value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  return text;
}

constexpr uint64_t F64Sign = uint64_t(1) << 63;
constexpr uint64_t F64Exponent = uint64_t(0x7ff) << 52;
constexpr uint64_t F64Mantissa = (uint64_t(1) << 52) - 1;
constexpr uint64_t F64QuietNaN = 0x7ff8000000000000;
constexpr uint32_t F32Sign = uint32_t(1) << 31;
constexpr uint32_t F32Exponent = uint32_t(0xff) << 23;
constexpr uint32_t F32Mantissa = (uint32_t(1) << 23) - 1;
constexpr uint32_t F32QuietNaN = 0x7fc00000;

template <typename Float>
NumberStatus parseFloatText(std::string_view text, std::chars_format format,
                            Float &value) {
  auto result =
      std::from_chars(text.data(), text.data() + text.size(), value, format);
  if (result.ec == std::errc::result_out_of_range)
    return NumberStatus::OutOfRange;
  if (result.ec != std::errc() || result.ptr != text.data() + text.size())
    return NumberStatus::Invalid;
  return NumberStatus::Ok;
}

template <typename Float, typename Bits>
NumberStatus parseFloatValue(std::string_view text, Bits &bits) {
  Float value = 0;
  NumberStatus status;
  if (hasPrefix(text, "0x"))
    status = parseFloatText(text.substr(2), std::chars_format::hex, value);
  else
    status = parseFloatText(text, std::chars_format::general, value);
  bits = std::bit_cast<Bits>(value);
  return status;
}

} // namespace

bool isNameChar(char c) {
  return isLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '$' ||
         c == '-';
}

bool isWordStart(char c) {
  return isLetter(c) || c == '_' || c == '.' || c == '$';
}

bool isWordChar(char c) { return isNameChar(c); }

bool isWord(std::string_view text) {
  if (text.empty() || !isWordStart(text[0]))
    return false;
  for (char c : text)
    if (!isWordChar(c))
      return false;
  return true;
}

bool isIntegerSyntax(std::string_view text) {
  auto allOf = [](std::string_view digits, auto predicate) {
    if (digits.empty())
      return false;
    for (char c : digits)
      if (!predicate(c))
        return false;
    return true;
  };
  if (hasPrefix(text, "0x"))
    return allOf(text.substr(2), [](char c) {
      return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    });
  if (hasPrefix(text, "0b"))
    return allOf(text.substr(2), [](char c) { return c == '0' || c == '1'; });
  return allOf(text, isDigit);
}

NumberStatus parseInteger(std::string_view digits, bool negative, unsigned bits,
                          uint64_t &value) {
  if (!isIntegerSyntax(digits))
    return NumberStatus::Invalid;
  int base = 10;
  if (hasPrefix(digits, "0x") || hasPrefix(digits, "0b")) {
    base = (digits[1] | 0x20) == 'x' ? 16 : 2;
    digits.remove_prefix(2);
  }
  uint64_t magnitude = 0;
  auto result = std::from_chars(digits.data(), digits.data() + digits.size(),
                                magnitude, base);
  if (result.ec != std::errc())
    return NumberStatus::OutOfRange;
  uint64_t limit = negative     ? uint64_t(1) << (bits - 1)
                   : bits >= 64 ? ~uint64_t(0)
                                : (uint64_t(1) << bits) - 1;
  if (magnitude > limit)
    return NumberStatus::OutOfRange;
  value = negative ? uint64_t(0) - magnitude : magnitude;
  return NumberStatus::Ok;
}

NumberStatus parseFloatBits(std::string_view text, bool negative, bool isF32,
                            uint64_t &bits) {
  uint64_t sign = isF32 ? F32Sign : F64Sign;
  if (text == "inf" || text == "nan") {
    if (text == "inf")
      bits = isF32 ? F32Exponent : F64Exponent;
    else
      bits = isF32 ? F32QuietNaN : F64QuietNaN;
    bits |= negative ? sign : 0;
    return NumberStatus::Ok;
  }
  if (text.empty() || !isDigit(text[0]) || hasPrefix(text, "0b"))
    return NumberStatus::Invalid;
  bool hexFloat = hasPrefix(text, "0x") &&
                  text.find_first_of(".pP") != std::string_view::npos;
  if (hasPrefix(text, "0x") && !hexFloat) {
    // A hex integer is the raw bit pattern: the only way to spell NaN
    // payloads.
    if (negative)
      return NumberStatus::NegativeBits;
    return parseInteger(text, false, isF32 ? 32 : 64, bits);
  }
  NumberStatus status;
  if (isF32) {
    uint32_t bits32 = 0;
    status = parseFloatValue<float>(text, bits32);
    bits = bits32;
  } else {
    status = parseFloatValue<double>(text, bits);
  }
  if (negative)
    bits ^= sign;
  return status;
}

std::string formatF64(uint64_t bits) {
  if ((bits & F64Exponent) == F64Exponent) {
    if ((bits & F64Mantissa) == 0)
      return bits & F64Sign ? "-inf" : "inf";
    return bits == F64QuietNaN ? "nan" : hexBits(bits);
  }
  return shortestDecimal(std::bit_cast<double>(bits));
}

std::string formatF32(uint64_t bits) {
  if (bits > UINT32_MAX)
    return hexBits(bits); // not an f32; printed as is so nothing is lost
  auto bits32 = static_cast<uint32_t>(bits);
  if ((bits32 & F32Exponent) == F32Exponent) {
    if ((bits32 & F32Mantissa) == 0)
      return bits32 & F32Sign ? "-inf" : "inf";
    return bits32 == F32QuietNaN ? "nan" : hexBits(bits);
  }
  return shortestDecimal(std::bit_cast<float>(bits32));
}

size_t globalNameLength(std::string_view text) {
  size_t length = 0;
  while (length < text.size() && isNameChar(text[length]))
    ++length;
  size_t minus = text.substr(0, length).rfind('-');
  if (minus != std::string_view::npos && minus > 0 &&
      isIntegerSyntax(text.substr(minus + 1, length - minus - 1)))
    return minus;
  return length;
}

std::string quoted(std::string_view text) {
  std::string result = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      result += "\\\"";
      break;
    case '\\':
      result += "\\\\";
      break;
    case '\n':
      result += "\\n";
      break;
    case '\t':
      result += "\\t";
      break;
    case '\r':
      result += "\\r";
      break;
    case '\0':
      result += "\\0";
      break;
    default:
      if (c >= 0x20 && c < 0x7f) {
        result += c;
      } else {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\x%02x",
                      static_cast<unsigned char>(c));
        result += buffer;
      }
    }
  }
  return result + "\"";
}

std::string registerSpelling(std::string_view name) {
  bool bare = !name.empty();
  for (char c : name)
    bare = bare && isNameChar(c);
  std::string spelling = "%";
  return spelling += bare ? std::string(name) : quoted(name);
}

std::string globalSpelling(std::string_view name) {
  bool bare = !name.empty() && globalNameLength(name) == name.size();
  std::string spelling = "@";
  return spelling += bare ? std::string(name) : quoted(name);
}

std::string labelSpelling(std::string_view name) {
  return isWord(name) ? std::string(name) : quoted(name);
}

} // namespace comet::assembly
