// ctype.h: the classification functions, and the table locations that
// clang-compiled <ctype.h> macros index directly. Both read the tables the
// Libc copied into guest memory, so they always agree.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

namespace comet {
namespace {

// glibc's class bits (ctype.h, little-endian layout).
enum : uint16_t {
  Upper = 1 << 8,
  Lower = 1 << 9,
  Alpha = 1 << 10,
  Digit = 1 << 11,
  HexDigit = 1 << 12,
  Space = 1 << 13,
  Print = 1 << 14,
  Graph = 1 << 15,
  Blank = 1 << 0,
  Control = 1 << 1,
  Punct = 1 << 2,
  AlphaNumeric = 1 << 3,
};

// Table entries exist for -128..255 (EOF is -1); anything else is
// undefined behaviour in C, and reads as "no class" here.
bool inTable(int32_t c) { return c >= -128 && c <= 255; }

uint64_t tableEntryAddress(HostCall &call, uint64_t location, int32_t c,
                           unsigned entrySize) {
  uint64_t table = call.memory.loadOrThrow<uint64_t>(location);
  return table + static_cast<uint64_t>(static_cast<int64_t>(c) * entrySize);
}

template <uint16_t Bits> uint64_t classify(HostCall &call) {
  int32_t c = intArgument(call, 0);
  if (!inTable(c))
    return 0;
  uint16_t classes = call.memory.loadOrThrow<uint16_t>(
      tableEntryAddress(call, Libc::ctypeClassLocation(), c, 2));
  return intResult(classes & Bits);
}

template <uint64_t Location> uint64_t mapCase(HostCall &call) {
  int32_t c = intArgument(call, 0);
  if (!inTable(c))
    return intResult(c);
  return intResult(call.memory.loadOrThrow<int32_t>(
      tableEntryAddress(call, Location, c, 4)));
}

uint64_t hostIsascii(HostCall &call) {
  return intResult((intArgument(call, 0) & ~0x7f) == 0);
}
uint64_t hostToascii(HostCall &call) {
  return intResult(intArgument(call, 0) & 0x7f);
}

uint64_t hostCtypeB(HostCall &) { return Libc::ctypeClassLocation(); }
uint64_t hostCtypeToLower(HostCall &) { return Libc::ctypeToLowerLocation(); }
uint64_t hostCtypeToUpper(HostCall &) { return Libc::ctypeToUpperLocation(); }

constexpr HostFunctionEntry ctypeFunctions[] = {
    {"isalpha", classify<Alpha>},
    {"isdigit", classify<Digit>},
    {"isalnum", classify<AlphaNumeric>},
    {"isxdigit", classify<HexDigit>},
    {"isspace", classify<Space>},
    {"isupper", classify<Upper>},
    {"islower", classify<Lower>},
    {"isprint", classify<Print>},
    {"isgraph", classify<Graph>},
    {"ispunct", classify<Punct>},
    {"iscntrl", classify<Control>},
    {"isblank", classify<Blank>},
    {"isascii", hostIsascii},
    {"toascii", hostToascii},
    {"tolower", mapCase<Libc::ctypeToLowerLocation()>},
    {"toupper", mapCase<Libc::ctypeToUpperLocation()>},
    {"__ctype_b_loc", hostCtypeB},
    {"__ctype_tolower_loc", hostCtypeToLower},
    {"__ctype_toupper_loc", hostCtypeToUpper},
};

} // namespace

std::span<const HostFunctionEntry> ctypeHostFunctions() {
  return ctypeFunctions;
}

} // namespace comet
