#include "scanf.h"

#include "comet/host.h"
#include "heap.h"
#include "streams.h"

#include <array>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace comet {

StreamScanInput::~StreamScanInput() {
  if (lookahead && *lookahead != End)
    streams.unreadChar(static_cast<unsigned char>(*lookahead));
}

int StreamScanInput::peek() {
  if (!lookahead)
    lookahead = streams.readChar();
  return *lookahead;
}

namespace {

// isspace in the C locale.
bool isSpace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool isDecimal(int c) { return c >= '0' && c <= '9'; }
int lower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

bool isDigitIn(int c, int base) {
  int value = isDecimal(c)                         ? c - '0'
              : lower(c) >= 'a' && lower(c) <= 'z' ? lower(c) - 'a' + 10
                                                   : 99;
  return value < base;
}

enum class Length { None, Char, Short, Long, LongDouble };

struct ScanConversion {
  unsigned position = 0; // 1-based for %n$, else 0
  bool suppress = false; // '*': scan but do not store
  bool allocate = false; // 'm': store a pointer to a new heap string
  std::optional<uint64_t> width;
  Length length = Length::None;
  char conversion = 0;
  std::array<bool, 256> scanset{}; // for %[
};

// Why scanning stopped early: a character that does not fit (matching
// failure) or the end of input (input failure).
enum class Outcome { Done, Mismatch, InputEnd };

class Scanner {
public:
  Scanner(AddressSpace &memory, GuestHeap &heap, ScanInput &input,
          ArgumentReader &arguments)
      : memory(memory), heap(heap), input(input), arguments(arguments) {}

  int run(std::string_view format) {
    size_t position = 0;
    while (position < format.size()) {
      unsigned char c = static_cast<unsigned char>(format[position]);
      Outcome outcome = Outcome::Done;
      if (isSpace(c)) {
        skipSpace();
        ++position;
      } else if (c != '%') {
        outcome = matchLiteral(c);
        ++position;
      } else {
        ++position;
        std::optional<ScanConversion> spec = parse(format, position);
        if (!spec)
          break; // the format ends inside a conversion
        outcome = convert(*spec);
      }
      // glibc: input failure before any assignment returns EOF.
      if (outcome == Outcome::InputEnd)
        return assigned == 0 ? -1 : assigned;
      if (outcome == Outcome::Mismatch)
        break;
    }
    return assigned;
  }

private:
  void skipSpace() {
    while (isSpace(input.peek()))
      input.advance();
  }

  Outcome matchLiteral(int c) {
    int next = input.peek();
    if (next == ScanInput::End)
      return Outcome::InputEnd;
    if (next != c)
      return Outcome::Mismatch;
    input.advance();
    return Outcome::Done;
  }

  static std::optional<unsigned> number(std::string_view text, size_t &at) {
    if (at >= text.size() || !isDecimal(text[at]))
      return std::nullopt;
    uint64_t value = 0;
    while (at < text.size() && isDecimal(text[at])) {
      value = value * 10 + unsigned(text[at++] - '0');
      if (value > 0x7fffffff)
        value = 0x7fffffff;
    }
    return static_cast<unsigned>(value);
  }

  std::optional<ScanConversion> parse(std::string_view text, size_t &at) {
    ScanConversion spec;
    size_t start = at;
    if (auto n = number(text, at); n && at < text.size() && text[at] == '$')
      spec.position = *n, ++at;
    else
      at = start;
    for (; at < text.size(); ++at) {
      if (text[at] == '*')
        spec.suppress = true;
      else if (text[at] == 'm')
        spec.allocate = true;
      else if (auto width = number(text, at)) {
        spec.width = *width;
        --at;
      } else
        break;
    }
    if (at < text.size()) {
      switch (text[at]) {
      case 'h':
        ++at;
        spec.length = Length::Short;
        if (at < text.size() && text[at] == 'h')
          ++at, spec.length = Length::Char;
        break;
      case 'l':
        ++at;
        spec.length = Length::Long;
        if (at < text.size() && text[at] == 'l')
          ++at;
        break;
      case 'L':
        ++at;
        spec.length = Length::LongDouble;
        break;
      case 'q':
      case 'j':
      case 'z':
      case 't':
        ++at;
        spec.length = Length::Long;
        break;
      default:
        break;
      }
    }
    if (at >= text.size())
      return std::nullopt;
    spec.conversion = text[at++];
    if (spec.conversion == '[' && !parseScanset(text, at, spec))
      return std::nullopt;
    return spec;
  }

  // [^]a-z...]: a ']' first is a member; '-' between two characters is a
  // range, elsewhere itself.
  static bool parseScanset(std::string_view text, size_t &at,
                           ScanConversion &spec) {
    bool negate = at < text.size() && text[at] == '^';
    if (negate)
      ++at;
    std::array<bool, 256> members{};
    size_t first = at;
    while (at < text.size() && (text[at] != ']' || at == first)) {
      unsigned char from = static_cast<unsigned char>(text[at]);
      if (at + 2 < text.size() && text[at + 1] == '-' && text[at + 2] != ']' &&
          static_cast<unsigned char>(text[at + 2]) >= from) {
        for (unsigned c = from; c <= static_cast<unsigned char>(text[at + 2]);
             ++c)
          members[c] = true;
        at += 3;
      } else {
        members[from] = true;
        ++at;
      }
    }
    if (at >= text.size())
      return false;
    ++at; // the closing ']'
    for (unsigned c = 0; c < 256; ++c)
      spec.scanset[c] = members[c] != negate;
    return true;
  }

  // The guest pointer to store the next result through.
  uint64_t target(const ScanConversion &spec) {
    if (spec.position == 0)
      return arguments.nextInteger();
    while (numbered.size() < spec.position)
      numbered.push_back(arguments.nextInteger());
    return numbered[spec.position - 1];
  }

  Outcome convert(const ScanConversion &spec) {
    char conversion = spec.conversion;
    if (spec.length == Length::Long &&
        (conversion == 's' || conversion == 'c' || conversion == '['))
      throw HostTrap{"scanf: wide-character conversions are not supported"};
    switch (conversion) {
    case 'n':
      if (!spec.suppress)
        storeInteger(target(spec), spec.length, input.consumed());
      return Outcome::Done;
    case '%':
      skipSpace();
      return matchLiteral('%');
    case 'c':
      return scanCharacters(spec);
    case 's':
    case '[':
      if (conversion == 's')
        skipSpace();
      return scanString(spec);
    case 'd':
      return scanInteger(spec, 10, true);
    case 'i':
      return scanInteger(spec, 0, true);
    case 'u':
      return scanInteger(spec, 10, false);
    case 'o':
      return scanInteger(spec, 8, false);
    case 'x':
    case 'X':
    case 'p':
      return scanInteger(spec, 16, false);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      return scanFloat(spec);
    default:
      return Outcome::Mismatch;
    }
  }

  Outcome scanCharacters(const ScanConversion &spec) {
    uint64_t count = spec.width.value_or(1);
    if (input.peek() == ScanInput::End)
      return Outcome::InputEnd;
    std::string text;
    while (text.size() < count && input.peek() != ScanInput::End) {
      text += static_cast<char>(input.peek());
      input.advance();
    }
    return store(spec, text, false);
  }

  Outcome scanString(const ScanConversion &spec) {
    if (input.peek() == ScanInput::End)
      return Outcome::InputEnd;
    uint64_t limit = spec.width.value_or(UINT64_MAX);
    std::string text;
    while (text.size() < limit) {
      int c = input.peek();
      if (c == ScanInput::End)
        break;
      bool member = spec.conversion == 's' ? !isSpace(c) : spec.scanset[c];
      if (!member)
        break;
      text += static_cast<char>(c);
      input.advance();
    }
    if (text.empty())
      return Outcome::Mismatch;
    return store(spec, text, true);
  }

  // Stores scanned characters (with a terminator for strings), or with
  // 'm' a new heap copy's address.
  Outcome store(const ScanConversion &spec, const std::string &text,
                bool terminate) {
    if (spec.suppress)
      return Outcome::Done;
    uint64_t size = text.size() + (terminate ? 1 : 0);
    uint64_t destination = target(spec);
    if (spec.allocate) {
      uint64_t buffer = heap.allocate(size);
      if (buffer == 0)
        throw HostTrap{"scanf: out of guest heap for %m"};
      memory.storeOrThrow<uint64_t>(destination, buffer);
      destination = buffer;
    }
    memory.writeOrThrow(destination, text.c_str(), size);
    ++assigned;
    return Outcome::Done;
  }

  // Takes the current character into text if width allows.
  bool take(std::string &text, uint64_t limit) {
    if (text.size() >= limit || input.peek() == ScanInput::End)
      return false;
    text += static_cast<char>(input.peek());
    input.advance();
    return true;
  }

  Outcome scanInteger(const ScanConversion &spec, int base, bool isSigned) {
    skipSpace();
    if (input.peek() == ScanInput::End)
      return Outcome::InputEnd;
    uint64_t limit = spec.width.value_or(UINT64_MAX);
    std::string text;
    if (input.peek() == '+' || input.peek() == '-')
      take(text, limit);
    bool digits = false;
    if (base == 0 || base == 16) {
      if (input.peek() == '0' && take(text, limit)) {
        digits = true;
        if (lower(input.peek()) == 'x' && take(text, limit))
          base = 16;
        else if (base == 0)
          base = 8;
      } else if (base == 0) {
        base = 10;
      }
    }
    while (isDigitIn(input.peek(), base) && take(text, limit))
      digits = true;
    if (!digits)
      return Outcome::Mismatch;
    if (spec.suppress)
      return Outcome::Done;
    // glibc converts with strtol/strtoul and narrows to the target type.
    uint64_t value =
        isSigned
            ? static_cast<uint64_t>(std::strtoll(text.c_str(), nullptr, base))
            : std::strtoull(text.c_str(), nullptr, base);
    Length length = spec.conversion == 'p' ? Length::Long : spec.length;
    storeInteger(target(spec), length, value);
    ++assigned;
    return Outcome::Done;
  }

  // Takes the characters of word, case-insensitively; false on a
  // mismatch (what was taken stays consumed, as in glibc).
  bool takeWord(std::string &text, uint64_t limit, std::string_view word) {
    for (char c : word)
      if (lower(input.peek()) != c || !take(text, limit))
        return false;
    return true;
  }

  Outcome scanFloat(const ScanConversion &spec) {
    skipSpace();
    if (input.peek() == ScanInput::End)
      return Outcome::InputEnd;
    uint64_t limit = spec.width.value_or(UINT64_MAX);
    std::string text;
    if (input.peek() == '+' || input.peek() == '-')
      take(text, limit);
    int first = lower(input.peek());
    if (first == 'i') {
      if (!takeWord(text, limit, "inf"))
        return Outcome::Mismatch;
      if (lower(input.peek()) == 'i' && !takeWord(text, limit, "inity"))
        return Outcome::Mismatch;
    } else if (first == 'n') {
      // glibc's scanf takes "nan" but not a "(chars)" after it.
      if (!takeWord(text, limit, "nan"))
        return Outcome::Mismatch;
    } else if (!takeDecimalOrHex(text, limit)) {
      return Outcome::Mismatch;
    }
    if (spec.suppress)
      return Outcome::Done;
    uint64_t destination = target(spec);
    if (spec.length == Length::None)
      memory.storeOrThrow<float>(destination,
                                 std::strtof(text.c_str(), nullptr));
    else
      memory.storeOrThrow<double>(destination,
                                  std::strtod(text.c_str(), nullptr));
    ++assigned;
    return Outcome::Done;
  }

  // digits [. digits] [e [sign] digits], or the 0x...p form.
  bool takeDecimalOrHex(std::string &text, uint64_t limit) {
    bool digits = false, hex = false;
    if (input.peek() == '0' && take(text, limit)) {
      digits = true;
      if (lower(input.peek()) == 'x' && take(text, limit))
        hex = true;
    }
    int base = hex ? 16 : 10;
    while (isDigitIn(input.peek(), base) && take(text, limit))
      digits = true;
    if (input.peek() == '.' && take(text, limit))
      while (isDigitIn(input.peek(), base) && take(text, limit))
        digits = true;
    if (!digits)
      return false;
    if (lower(input.peek()) == (hex ? 'p' : 'e') && take(text, limit)) {
      if (input.peek() == '+' || input.peek() == '-')
        take(text, limit);
      while (isDecimal(input.peek()) && take(text, limit)) {
      }
    }
    return true;
  }

  void storeInteger(uint64_t address, Length length, uint64_t value) {
    switch (length) {
    case Length::Char:
      memory.storeOrThrow<uint8_t>(address, static_cast<uint8_t>(value));
      break;
    case Length::Short:
      memory.storeOrThrow<uint16_t>(address, static_cast<uint16_t>(value));
      break;
    case Length::None:
      memory.storeOrThrow<uint32_t>(address, static_cast<uint32_t>(value));
      break;
    default:
      memory.storeOrThrow<uint64_t>(address, value);
      break;
    }
  }

  AddressSpace &memory;
  GuestHeap &heap;
  ScanInput &input;
  ArgumentReader &arguments;
  std::vector<uint64_t> numbered; // %n$ pointers read so far
  int assigned = 0;
};

} // namespace

int formatScanf(AddressSpace &memory, GuestHeap &heap, std::string_view format,
                ScanInput &input, ArgumentReader &arguments) {
  return Scanner(memory, heap, input, arguments).run(format);
}

} // namespace comet
