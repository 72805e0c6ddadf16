// The printf engine against the host's own snprintf (glibc): every case
// must come out byte for byte the same.
#include "printf.h"

#include "comet/host.h"

#include <gtest/gtest.h>

#include <bit>
#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstring>
#include <vector>

using namespace comet;

namespace {

constexpr uint64_t ScratchBase = 0x30000000;
constexpr uint64_t ScratchSize = 1 << 20;

class PrintfTest : public ::testing::Test {
protected:
  PrintfTest() {
    memory.map(ScratchBase, ScratchSize, PermRead | PermWrite, "scratch");
  }

  uint64_t guestBytes(const void *bytes, size_t size) {
    uint64_t address = nextFree;
    memory.writeOrThrow(address, bytes, size);
    nextFree += (size + 15) & ~size_t(15);
    return address;
  }
  uint64_t guestString(const char *text) {
    return text ? guestBytes(text, std::strlen(text) + 1) : 0;
  }

  // The 64-bit slot a guest call passes for each C argument type.
  uint64_t slot(int value) { return static_cast<uint32_t>(value); }
  uint64_t slot(unsigned value) { return value; }
  uint64_t slot(long value) { return static_cast<uint64_t>(value); }
  uint64_t slot(long long value) { return static_cast<uint64_t>(value); }
  uint64_t slot(unsigned long value) { return value; }
  uint64_t slot(unsigned long long value) { return value; }
  uint64_t slot(double value) { return std::bit_cast<uint64_t>(value); }
  uint64_t slot(const char *text) { return guestString(text); }
  uint64_t slot(const void *pointer) {
    return reinterpret_cast<uint64_t>(pointer);
  }

  std::string format(std::string_view text, std::vector<uint64_t> slots,
                     int guestErrno = 0) {
    SlotArgumentReader arguments(slots);
    PrintfResult result = formatPrintf(memory, text, arguments, guestErrno);
    EXPECT_FALSE(result.failed) << text;
    return result.text;
  }

  // Formats with the host's snprintf; guestFormat, if given, is what the
  // guest uses instead (an L the host would read as long double).
  template <typename... Args>
  void expectSameAsHost(const char *hostFormat, const char *guestFormat,
                        Args... args) {
    char expected[2048];
    // Opaque to the compiler, which would otherwise check (and warn about)
    // the deliberately odd arguments against the literal format.
    const char *volatile opaqueFormat = hostFormat;
    int length =
        std::snprintf(expected, sizeof expected, opaqueFormat, args..., 0);
    ASSERT_GE(length, 0) << hostFormat;
    ASSERT_LT(static_cast<size_t>(length), sizeof expected);
    std::string actual = format(guestFormat, {slot(args)...});
    EXPECT_EQ(actual, std::string(expected, static_cast<size_t>(length)))
        << "format \"" << guestFormat << "\"";
    ++casesChecked;
  }
  template <typename... Args>
  void expectSame(const char *format, Args... args) {
    expectSameAsHost(format, format, args...);
  }

  AddressSpace memory;
  uint64_t nextFree = ScratchBase;
  int casesChecked = 0;
};

TEST_F(PrintfTest, IntegersMatchGlibc) {
  const char *formats[] = {
      "%d",    "%i",     "%5d",   "%-5d",    "%05d",  "%+d",    "% d",   "%.3d",
      "%8.3d", "%-8.3d", "%+.0d", "%.0d",    "%x",    "%#x",    "%#o",   "%o",
      "%X",    "%#X",    "%u",    "%08x",    "%#08x", "%-#8x",  "%hhd",  "%hhu",
      "%hd",   "%hu",    "%hx",   "%+05d",   "%- 6d", "%#.0o",  "%#.0x", "%'d",
      "%b",    "%#b",    "%#B",   "%012.5d", "%hhx",  "[%-+8i]"};
  int values[] = {0,    1,     -1,    42,      -42,     255,     256,    300,
                  -129, 65535, 65536, INT_MAX, INT_MIN, 1000000, -32768, 0x7f};
  for (const char *format : formats)
    for (int value : values)
      expectSame(format, value);
}

TEST_F(PrintfTest, WideIntegersMatchGlibc) {
  const char *formats[] = {"%ld",     "%lld",  "%lu",     "%llx",  "%lx",
                           "%#lo",    "%20ld", "%-20lld", "%+lld", "%jd",
                           "%zd",     "%zu",   "%td",     "%qd",   "%Ld",
                           "%.25lld", "%llu",  "%#llX",   "%Zd",   "%lb"};
  long long values[] = {0,         LLONG_MIN,        LLONG_MAX,    -1,
                        1ll << 40, -1234567890123ll, 4294967296ll, INT_MIN};
  for (const char *format : formats)
    for (long long value : values)
      expectSame(format, value);
}

TEST_F(PrintfTest, IntArgumentsUseOnlyTheirLowHalf) {
  // An int slot is zero-extended; stray high bits must not matter either.
  EXPECT_EQ(format("%d %u %x",
                   {0xffffffffffffffffull, 0x1ffffffffull, 0xabcd00000010ull}),
            "-1 4294967295 10");
  EXPECT_EQ(format("%hhd %hd", {0x1ff, 0x18000}), "-1 -32768");
}

TEST_F(PrintfTest, FloatsMatchGlibc) {
  const char *formats[] = {"%f",   "%.0f",     "%.1f",    "%.10f",  "%e",
                           "%.3e", "%E",       "%g",      "%G",     "%.0g",
                           "%#g",  "%#.0f",    "%#.0e",   "%10.4f", "%-10.2f",
                           "%+f",  "% f",      "%010.3f", "%a",     "%A",
                           "%.3a", "%.0a",     "%.17g",   "%F",     "%.20e",
                           "%lf",  "%-+12.3e", "%#.3g",   "%.40f",  "%#a"};
  double values[] = {0.0,
                     -0.0,
                     1.0,
                     -1.5,
                     0.5,
                     2.5,
                     3.5,
                     1e300,
                     1e-300,
                     5e-324,
                     2.2250738585072014e-308,
                     DBL_MAX,
                     INFINITY,
                     -INFINITY,
                     NAN,
                     -NAN,
                     123456789.0,
                     0.1,
                     1e-5,
                     1e15,
                     1e16,
                     1e17,
                     0.000123456,
                     9.9999995,
                     1.005,
                     0.125,
                     -999.9999};
  for (const char *format : formats)
    for (double value : values)
      expectSame(format, value);
}

TEST_F(PrintfTest, LongDoubleConversionsTakeADouble) {
  // Comet has no long double: %Lf formats a double argument.
  double values[] = {1.5, -0.0, 1e300, INFINITY, 0.1};
  for (double value : values) {
    expectSameAsHost("%f", "%Lf", value);
    expectSameAsHost("%.3e", "%.3Le", value);
    expectSameAsHost("%g", "%Lg", value);
    expectSameAsHost("%a", "%La", value);
  }
}

TEST_F(PrintfTest, StringsMatchGlibc) {
  const char *formats[] = {"%s",      "%10s", "%-10s", "%.3s", "%.0s", "%10.2s",
                           "%-10.2s", "%.6s", "%.5s",  "%05s", "[%s]"};
  const char *values[] = {"", "hello", "hello world long", "\xff\x80", nullptr};
  for (const char *format : formats)
    for (const char *value : values)
      expectSame(format, value);
}

TEST_F(PrintfTest, CharactersMatchGlibc) {
  const char *formats[] = {"%c", "%5c", "%-5c", "[%c]", "%hhc"};
  int values[] = {'a', 'Z', 0, 255, 300, ' ', 0x7f};
  for (const char *format : formats)
    for (int value : values)
      expectSame(format, value);
}

TEST_F(PrintfTest, WideCharacters) {
  for (int value : {int('a'), 0, int(' '), 0x7f})
    expectSame("%lc|%3lc|%C", value, value, value);
  // Not encodable in the C locale: glibc gives up, and so does the engine.
  std::vector<uint64_t> slots{0xe9};
  SlotArgumentReader arguments(slots);
  EXPECT_TRUE(formatPrintf(memory, "x%lc", arguments).failed);
}

TEST_F(PrintfTest, PointersMatchGlibc) {
  const char *formats[] = {"%p", "%20p", "%-20p", "%+p", "% p", "%.20p"};
  const void *values[] = {nullptr, reinterpret_cast<const void *>(1),
                          reinterpret_cast<const void *>(0xdeadbeef),
                          reinterpret_cast<const void *>(0x7fffffffffff),
                          reinterpret_cast<const void *>(~uintptr_t(0))};
  for (const char *format : formats)
    for (const void *value : values)
      expectSame(format, value);
}

TEST_F(PrintfTest, StarWidthAndPrecision) {
  expectSame("%*d", 8, 42);
  expectSame("%-*d|", 8, 42);
  expectSame("%*d|", -8, 42); // a negative width is the '-' flag
  expectSame("%.*d", 5, 42);
  expectSame("%.*d", -5, 42); // a negative precision is none
  expectSame("%*.*f", 12, 3, 3.14159);
  expectSame("%-*.*e|", 15, 2, -2.5e-10);
  expectSame("%.*s", 3, "abcdef");
  expectSame("%.*s", -1, "abcdef");
  expectSame("%*s|", -7, "ab");
  expectSame("%0*d", 6, -12);
  expectSame("%*c|", 4, 'x');
  expectSame("%*.*s|", 10, 2, static_cast<const char *>(nullptr));
  expectSame("%.*f", 0, 0.5);
  expectSame("%.*f", 0, 1.5);
  expectSame("%*%", 5); // consumed, but '%' ignores it
}

TEST_F(PrintfTest, LiteralsAndOddConversions) {
  expectSame("%%");
  expectSame("100%% sure");
  expectSame("%5%|");
  expectSame("%-5%|");
  expectSame("%y");
  expectSame("%5y");
  expectSame("%hhy");
  expectSame("%ll|");
  expectSame("%l|");
  expectSame("%hhhd", 3);
  expectSame("%llld", 3);
  expectSame("%w32d", 3);
  expectSame("%*y %d", 1, 2);
  expectSame("plain text, no conversions");
  expectSame("");
  expectSame("tab\there\nnewline");
  expectSame("%0$d");
}

TEST_F(PrintfTest, NumberedArguments) {
  expectSame("%1$d %1$d", 5);
  expectSame("%2$s %1$d", 7, "x");
  expectSame("%2$d %d", 1, 2);
  expectSame("%3$.*1$f|%2$*1$d", 3, 42, 2.5);
  expectSame("%1$*2$.*3$e", 1.25, 12, 2);
  expectSame("%2$f %1$lld %3$s", -9ll, 0.25, "three");
}

TEST_F(PrintfTest, MixedConversionsInOneFormat) {
  expectSame("%s=%d (%5.2f%%) [%-6s] %c%c %#x %p", "answer", 42, 99.5, "ok",
             'o', 'k', 255u, reinterpret_cast<const void *>(0x1000));
  expectSame("%lld %f %d %e %u %g", 1ll << 50, 1.5, -3, 2.5e10, 7u, 1e-10);
}

TEST_F(PrintfTest, ErrnoConversions) {
  errno = EINVAL;
  char expected[128];
  // Through a variable: the compiler's format check does not know %#m.
  const char *errnoFormat = "%m|%#m|%20m|";
  std::snprintf(expected, sizeof expected, errnoFormat, 0);
  EXPECT_EQ(format(errnoFormat, {}, EINVAL), expected);
}

TEST_F(PrintfTest, FormatEndingInsideConversionFails) {
  for (const char *text : {"abc%", "x%5", "%l", "%.", "%-"}) {
    std::vector<uint64_t> none;
    SlotArgumentReader arguments(none);
    PrintfResult result = formatPrintf(memory, text, arguments);
    EXPECT_TRUE(result.failed) << text;
    EXPECT_EQ(result.text, std::string_view(text).substr(
                               0, std::string_view(text).find('%')));
  }
}

TEST_F(PrintfTest, CountConversionStoresBytesSoFar) {
  uint64_t counts = guestBytes("\xff\xff\xff\xff\xff\xff\xff\xff"
                               "\xff\xff\xff\xff\xff\xff\xff\xff"
                               "\xff\xff\xff\xff\xff\xff\xff\xff",
                               24);
  EXPECT_EQ(format("abc%nde%hhnf%hn%lln",
                   {counts, counts + 8, counts + 12, counts + 16}),
            "abcdef");
  EXPECT_EQ(memory.loadOrThrow<uint32_t>(counts), 3u);
  EXPECT_EQ(memory.loadOrThrow<uint32_t>(counts + 4), 0xffffffffu);
  EXPECT_EQ(memory.loadOrThrow<uint8_t>(counts + 8), 5u);
  EXPECT_EQ(memory.loadOrThrow<uint8_t>(counts + 9), 0xffu);
  EXPECT_EQ(memory.loadOrThrow<uint16_t>(counts + 12), 6u);
  EXPECT_EQ(memory.loadOrThrow<uint64_t>(counts + 16), 6u);
}

TEST_F(PrintfTest, StringPrecisionReadsNoFurther) {
  // The last bytes of the scratch region, unterminated: a precision that
  // stops inside them must not read past the end.
  uint64_t end = ScratchBase + ScratchSize;
  memory.writeOrThrow(end - 3, "abc", 3);
  EXPECT_EQ(format("%.3s", {end - 3}), "abc");
  EXPECT_THROW(format("%s", {end - 3}), GuestFault);
  EXPECT_THROW(format("%s", {0x1234}), GuestFault);
  EXPECT_THROW(format("%n", {0x1234}), GuestFault);
}

TEST_F(PrintfTest, WideStrings) {
  const wchar_t text[] = L"wide";
  uint64_t address = guestBytes(text, sizeof text);
  char expected[256];
  std::snprintf(expected, sizeof expected, "%ls|%6.2ls|%S", text, text, text);
  EXPECT_EQ(format("%ls|%6.2ls|%S", {address, address, address}), expected);
  const wchar_t *volatile noText = nullptr;
  std::snprintf(expected, sizeof expected, "%ls", noText);
  EXPECT_EQ(format("%ls", {0}), expected);
}

TEST_F(PrintfTest, MissingArgumentsTrap) {
  EXPECT_THROW(format("%d %d", {1}), HostTrap);
}

// A guest va_list over a register save area and an overflow area, laid out
// as the x86-64 SysV ABI has it.
class VaListTest : public PrintfTest {
protected:
  // integers go to rdi..r9 slots, doubles to xmm slots, the rest overflow;
  // gpUsed/fpUsed say how many registers the fixed arguments took.
  uint64_t buildVaList(unsigned gpUsed, unsigned fpUsed,
                       std::vector<uint64_t> registerIntegers,
                       std::vector<double> registerDoubles,
                       std::vector<uint64_t> overflow) {
    uint8_t saveArea[176] = {};
    for (size_t i = 0; i < registerIntegers.size(); ++i)
      std::memcpy(saveArea + 8 * (gpUsed + i), &registerIntegers[i], 8);
    for (size_t i = 0; i < registerDoubles.size(); ++i)
      std::memcpy(saveArea + 48 + 16 * (fpUsed + i), &registerDoubles[i], 8);
    uint64_t saveAddress = guestBytes(saveArea, sizeof saveArea);
    overflow.push_back(0); // never empty, so it has an address
    uint64_t overflowAddress = guestBytes(overflow.data(), overflow.size() * 8);
    struct {
      uint32_t gpOffset, fpOffset;
      uint64_t overflowArea, registerSaveArea;
    } vaList{8 * gpUsed, 48 + 16 * fpUsed, overflowAddress, saveAddress};
    static_assert(sizeof vaList == 24);
    return guestBytes(&vaList, sizeof vaList);
  }
};

TEST_F(VaListTest, ReadsRegistersThenOverflow) {
  // printf(fmt, ...) used rdi for fmt: five integer registers are left,
  // eight vector registers.
  uint64_t text = guestString("text");
  uint64_t vaList = buildVaList(
      1, 0, {1, static_cast<uint32_t>(-2), text, 4, 5},
      {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5},
      {6, std::bit_cast<uint64_t>(8.5), 7, std::bit_cast<uint64_t>(9.5)});
  VaListReader arguments(memory, vaList);
  PrintfResult result = formatPrintf(
      memory, "%d %d %s %d %d | %g %g %g %g %g %g %g %g | %d %g %d %g",
      arguments);
  EXPECT_EQ(result.text,
            "1 -2 text 4 5 | 0.5 1.5 2.5 3.5 4.5 5.5 6.5 7.5 | 6 8.5 7 9.5");
}

TEST_F(VaListTest, StartsInOverflowWhenRegistersAreUsedUp) {
  uint64_t vaList = buildVaList(
      6, 8, {}, {}, {std::bit_cast<uint64_t>(-1.25), 77, 0xffffffffffffffff});
  VaListReader arguments(memory, vaList);
  EXPECT_EQ(formatPrintf(memory, "%.2f %ld %lld", arguments).text,
            "-1.25 77 -1");
}

TEST_F(VaListTest, LeavesTheGuestVaListAlone) {
  uint64_t vaList = buildVaList(4, 7, {10, 20}, {1.0}, {30});
  uint8_t before[24], after[24];
  memory.readOrThrow(vaList, before, 24);
  VaListReader arguments(memory, vaList);
  EXPECT_EQ(formatPrintf(memory, "%d %d %g %d", arguments).text, "10 20 1 30");
  memory.readOrThrow(vaList, after, 24);
  EXPECT_EQ(std::memcmp(before, after, 24), 0);
}

TEST_F(VaListTest, NumberedArgumentsReadInOrder) {
  uint64_t vaList = buildVaList(2, 0, {3, 4}, {0.75}, {});
  VaListReader arguments(memory, vaList);
  EXPECT_EQ(formatPrintf(memory, "%3$g %2$d %1$d", arguments).text, "0.75 4 3");
}

} // namespace
