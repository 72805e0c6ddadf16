#include "printf.h"

#include "comet/host.h"

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cwchar>
#include <optional>
#include <variant>
#include <vector>

namespace comet {

namespace {

enum class Length { None, Char, Short, Long, LongLong, LongDouble, Wide };

// One parsed conversion. Argument positions are 1-based when the format
// numbers its arguments (%2$d, %*3$d) and 0 when they come in order.
struct Conversion {
  std::string flags;
  std::optional<int> width;
  bool widthFromArgument = false;
  unsigned widthPosition = 0;
  std::optional<int> precision;
  bool precisionFromArgument = false;
  unsigned precisionPosition = 0;
  Length length = Length::None;
  std::string lengthText; // as written, for conversions glibc rejects
  char conversion = 0;
  unsigned valuePosition = 0;
};

// Either literal text or a conversion.
using Piece = std::variant<std::string_view, Conversion>;

struct ParsedFormat {
  std::vector<Piece> pieces;
  bool endsInsideConversion = false;
};

enum class ArgumentClass { Integer, Floating, None };

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads a decimal number at position; nothing if there are no digits.
std::optional<unsigned> readNumber(std::string_view text, size_t &position) {
  if (position >= text.size() || !isDigit(text[position]))
    return std::nullopt;
  uint64_t value = 0;
  while (position < text.size() && isDigit(text[position])) {
    value = value * 10 + unsigned(text[position++] - '0');
    if (value > 0x7fffffff)
      value = 0x7fffffff;
  }
  return static_cast<unsigned>(value);
}

// Reads "n$" (n > 0) at position, leaving position alone if absent.
unsigned readPosition(std::string_view text, size_t &position) {
  size_t start = position;
  std::optional<unsigned> number = readNumber(text, position);
  if (number && *number > 0 && position < text.size() &&
      text[position] == '$') {
    ++position;
    return *number;
  }
  position = start;
  return 0;
}

void parseLength(std::string_view text, size_t &position, Conversion &spec) {
  size_t start = position;
  if (position >= text.size())
    return;
  switch (text[position]) {
  case 'h':
    ++position;
    spec.length = Length::Short;
    if (position < text.size() && text[position] == 'h') {
      ++position;
      spec.length = Length::Char;
    }
    break;
  case 'l':
    ++position;
    spec.length = Length::Long;
    if (position < text.size() && text[position] == 'l') {
      ++position;
      spec.length = Length::LongLong;
    }
    break;
  case 'L':
    ++position;
    spec.length = Length::LongDouble;
    break;
  case 'q':
    ++position;
    spec.length = Length::LongLong;
    break;
  case 'j':
  case 'z':
  case 'Z':
  case 't':
    ++position;
    spec.length = Length::Wide;
    break;
  default:
    break;
  }
  spec.lengthText = std::string(text.substr(start, position - start));
}

// Parses the conversion whose '%' is just before position, the way glibc
// does: [n$] flags [width | * | *m$] [. [precision | * | *m$]] length conv.
std::optional<Conversion> parseConversion(std::string_view text,
                                          size_t &position) {
  Conversion spec;
  spec.valuePosition = readPosition(text, position);
  while (position < text.size() &&
         std::string_view("-+ #0'I").find(text[position]) !=
             std::string_view::npos)
    spec.flags += text[position++];
  if (position < text.size() && text[position] == '*') {
    ++position;
    spec.widthFromArgument = true;
    spec.widthPosition = readPosition(text, position);
  } else if (auto width = readNumber(text, position)) {
    spec.width = static_cast<int>(*width);
  }
  if (position < text.size() && text[position] == '.') {
    ++position;
    if (position < text.size() && text[position] == '*') {
      ++position;
      spec.precisionFromArgument = true;
      spec.precisionPosition = readPosition(text, position);
    } else {
      spec.precision = static_cast<int>(readNumber(text, position).value_or(0));
    }
  }
  parseLength(text, position, spec);
  if (position >= text.size())
    return std::nullopt;
  spec.conversion = text[position++];
  return spec;
}

ParsedFormat parseFormat(std::string_view format) {
  ParsedFormat parsed;
  size_t position = 0;
  while (position < format.size()) {
    size_t percent = format.find('%', position);
    if (percent == std::string_view::npos)
      percent = format.size();
    if (percent > position)
      parsed.pieces.emplace_back(format.substr(position, percent - position));
    if (percent == format.size())
      break;
    position = percent + 1;
    std::optional<Conversion> spec = parseConversion(format, position);
    if (!spec) {
      parsed.endsInsideConversion = true;
      break;
    }
    parsed.pieces.emplace_back(std::move(*spec));
  }
  return parsed;
}

ArgumentClass valueClass(char conversion) {
  switch (conversion) {
  case 'd':
  case 'i':
  case 'u':
  case 'o':
  case 'x':
  case 'X':
  case 'b':
  case 'B':
  case 'c':
  case 'C':
  case 's':
  case 'S':
  case 'p':
  case 'n':
    return ArgumentClass::Integer;
  case 'f':
  case 'F':
  case 'e':
  case 'E':
  case 'g':
  case 'G':
  case 'a':
  case 'A':
    return ArgumentClass::Floating;
  default:
    return ArgumentClass::None;
  }
}

// Hands out arguments in order, or, for a format that numbers them,
// by number after reading them all in order of their numbers (which is
// the only order a va_list can be read in).
class ArgumentSource {
public:
  ArgumentSource(ArgumentReader &reader, ParsedFormat &format)
      : reader(reader) {
    std::vector<ArgumentClass> classes;
    auto note = [&](unsigned position, ArgumentClass kind) {
      if (position == 0)
        return;
      numbered = true;
      if (classes.size() < position)
        classes.resize(position, ArgumentClass::Integer);
      classes[position - 1] = kind;
    };
    for (Piece &piece : format.pieces)
      if (auto *spec = std::get_if<Conversion>(&piece)) {
        note(spec->widthPosition, ArgumentClass::Integer);
        note(spec->precisionPosition, ArgumentClass::Integer);
        note(spec->valuePosition, valueClass(spec->conversion));
      }
    if (!numbered)
      return;
    // Unnumbered conversions mixed in take arguments from the first on.
    unsigned nextUnnumbered = 1;
    for (Piece &piece : format.pieces)
      if (auto *spec = std::get_if<Conversion>(&piece)) {
        if (spec->widthFromArgument && spec->widthPosition == 0)
          note(spec->widthPosition = nextUnnumbered++, ArgumentClass::Integer);
        if (spec->precisionFromArgument && spec->precisionPosition == 0)
          note(spec->precisionPosition = nextUnnumbered++,
               ArgumentClass::Integer);
        ArgumentClass kind = valueClass(spec->conversion);
        if (kind != ArgumentClass::None && spec->valuePosition == 0)
          note(spec->valuePosition = nextUnnumbered++, kind);
      }
    for (ArgumentClass kind : classes)
      values.push_back(kind == ArgumentClass::Floating
                           ? std::bit_cast<uint64_t>(reader.nextDouble())
                           : reader.nextInteger());
  }

  uint64_t integer(unsigned position) {
    return numbered ? values[position - 1] : reader.nextInteger();
  }
  double floating(unsigned position) {
    return numbered ? std::bit_cast<double>(values[position - 1])
                    : reader.nextDouble();
  }

private:
  ArgumentReader &reader;
  bool numbered = false;
  std::vector<uint64_t> values; // by number, when numbered
};

// Appends what the host's snprintf (glibc) prints for one conversion.
// False when glibc reports an error (an unencodable wide character).
template <typename Value>
bool appendHostFormatted(std::string &out, const std::string &spec,
                         Value value) {
  char small[256];
  int length = std::snprintf(small, sizeof small, spec.c_str(), value);
  if (length < 0)
    return false;
  if (static_cast<size_t>(length) < sizeof small) {
    out.append(small, static_cast<size_t>(length));
    return true;
  }
  size_t start = out.size();
  out.resize(start + static_cast<size_t>(length) + 1);
  std::snprintf(out.data() + start, static_cast<size_t>(length) + 1,
                spec.c_str(), value);
  out.resize(start + static_cast<size_t>(length));
  return true;
}

int64_t signedValue(uint64_t slot, Length length) {
  switch (length) {
  case Length::Char:
    return static_cast<int8_t>(slot);
  case Length::Short:
    return static_cast<int16_t>(slot);
  case Length::None:
    return static_cast<int32_t>(slot);
  default:
    return static_cast<int64_t>(slot);
  }
}

uint64_t unsignedValue(uint64_t slot, Length length) {
  switch (length) {
  case Length::Char:
    return static_cast<uint8_t>(slot);
  case Length::Short:
    return static_cast<uint16_t>(slot);
  case Length::None:
    return static_cast<uint32_t>(slot);
  default:
    return slot;
  }
}

std::string guestWideString(AddressSpace &memory, uint64_t address,
                            std::optional<int> precision) {
  // Each wide character prints as at least one byte, so a precision of n
  // never needs more than n of them.
  std::wstring text;
  uint64_t limit = precision ? static_cast<uint64_t>(*precision) : ~0ull;
  for (uint64_t i = 0; i < limit; ++i) {
    uint32_t unit = memory.loadOrThrow<uint32_t>(address + 4 * i);
    if (unit == 0)
      break;
    text.push_back(static_cast<wchar_t>(unit));
  }
  std::string bytes;
  return bytes.assign(reinterpret_cast<const char *>(text.c_str()),
                      (text.size() + 1) * sizeof(wchar_t));
}

class Formatter {
public:
  Formatter(AddressSpace &memory, ArgumentSource &arguments, int guestErrno)
      : memory(memory), arguments(arguments), guestErrno(guestErrno) {}

  // Appends one conversion to out; false if glibc would fail.
  bool format(Conversion &spec, std::string &out) {
    resolveStars(spec);
    std::string head = "%" + spec.flags;
    if (spec.width)
      head += std::to_string(*spec.width);
    if (spec.precision) {
      head += '.';
      head += std::to_string(*spec.precision);
    }
    char conversion = spec.conversion;
    switch (conversion) {
    case 'd':
    case 'i':
      return appendHostFormatted(
          out, head + "ll" + conversion,
          static_cast<long long>(signedValue(value(spec), spec.length)));
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'b':
    case 'B':
      return appendHostFormatted(out, head + "ll" + conversion,
                                 static_cast<unsigned long long>(
                                     unsignedValue(value(spec), spec.length)));
    case 'c':
      if (spec.length == Length::Long)
        return appendHostFormatted(out, head + "lc",
                                   static_cast<wint_t>(value(spec)));
      return appendHostFormatted(out, head + "c",
                                 static_cast<int>(value(spec) & 0xff));
    case 'C':
      return appendHostFormatted(out, head + "lc",
                                 static_cast<wint_t>(value(spec)));
    case 's':
      if (spec.length == Length::Long)
        return formatWideString(spec, head + "ls", out);
      return formatString(spec, head + "s", out);
    case 'S':
      return formatWideString(spec, head + "ls", out);
    case 'p':
      return appendHostFormatted(out, head + "p",
                                 reinterpret_cast<void *>(value(spec)));
    case 'n':
      storeCount(value(spec), spec.length, out.size());
      return true;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      // Length modifiers are dropped: L would make the host read a long
      // double, and glibc ignores the others here.
      return appendHostFormatted(out, head + conversion,
                                 arguments.floating(spec.valuePosition));
    case 'm':
      errno = guestErrno;
      return appendHostFormatted(out, head + "m", 0);
    default:
      // '%' and conversions glibc does not know: it prints something of
      // the conversion text itself, which the host reproduces.
      return appendHostFormatted(out, head + spec.lengthText + conversion, 0);
    }
  }

private:
  uint64_t value(const Conversion &spec) {
    return arguments.integer(spec.valuePosition);
  }

  void resolveStars(Conversion &spec) {
    if (spec.widthFromArgument) {
      int width = static_cast<int32_t>(arguments.integer(spec.widthPosition));
      // A negative width is the '-' flag and its magnitude.
      if (width < 0) {
        spec.flags += '-';
        width = width == INT32_MIN ? INT32_MAX : -width;
      }
      spec.width = width;
    }
    if (spec.precisionFromArgument) {
      int precision =
          static_cast<int32_t>(arguments.integer(spec.precisionPosition));
      // A negative precision is taken as if it were omitted.
      if (precision >= 0)
        spec.precision = precision;
    }
  }

  bool formatString(const Conversion &spec, const std::string &hostSpec,
                    std::string &out) {
    uint64_t address = value(spec);
    if (address == 0)
      return appendHostFormatted(out, hostSpec,
                                 static_cast<const char *>(nullptr));
    // glibc reads no further than the precision allows.
    std::string text =
        spec.precision
            ? memory.readString(address, static_cast<uint64_t>(*spec.precision))
            : memory.readString(address);
    return appendHostFormatted(out, hostSpec, text.c_str());
  }

  bool formatWideString(const Conversion &spec, const std::string &hostSpec,
                        std::string &out) {
    uint64_t address = value(spec);
    if (address == 0)
      return appendHostFormatted(out, hostSpec,
                                 static_cast<const wchar_t *>(nullptr));
    std::string wide = guestWideString(memory, address, spec.precision);
    return appendHostFormatted(out, hostSpec,
                               reinterpret_cast<const wchar_t *>(wide.data()));
  }

  void storeCount(uint64_t address, Length length, size_t count) {
    switch (length) {
    case Length::Char:
      memory.storeOrThrow<uint8_t>(address, static_cast<uint8_t>(count));
      break;
    case Length::Short:
      memory.storeOrThrow<uint16_t>(address, static_cast<uint16_t>(count));
      break;
    case Length::None:
      memory.storeOrThrow<uint32_t>(address, static_cast<uint32_t>(count));
      break;
    default:
      memory.storeOrThrow<uint64_t>(address, count);
      break;
    }
  }

  AddressSpace &memory;
  ArgumentSource &arguments;
  int guestErrno;
};

} // namespace

PrintfResult formatPrintf(AddressSpace &memory, std::string_view format,
                          ArgumentReader &arguments, int guestErrno) {
  ParsedFormat parsed = parseFormat(format);
  ArgumentSource source(arguments, parsed);
  Formatter formatter(memory, source, guestErrno);
  PrintfResult result;
  for (Piece &piece : parsed.pieces) {
    if (auto *literal = std::get_if<std::string_view>(&piece)) {
      result.text.append(*literal);
    } else if (!formatter.format(std::get<Conversion>(piece), result.text)) {
      result.failed = true;
      return result;
    }
  }
  result.failed = parsed.endsInsideConversion;
  return result;
}

} // namespace comet
