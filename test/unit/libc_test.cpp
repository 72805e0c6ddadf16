// The C library shim: its host functions acting on guest memory, the heap,
// buffering, rand, conversions, ctype tables, and their glibc-exactness.
#include "asm/assembly.h"
#include "comet/vm.h"
#include "glibc_random.h"
#include "heap.h"
#include "host_function_groups.h"
#include "libc.h"
#include "sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <sstream>

using namespace comet;

namespace {

constexpr uint64_t ScratchBase = 0x30000000;
constexpr uint64_t ScratchSize = 1 << 20;

// Host functions that never call back into guest code do not touch the
// interpreter; they get a reference to storage that is never used.
Interpreter &noInterpreter() {
  alignas(64) static unsigned char unused[64];
  return *reinterpret_cast<Interpreter *>(unused);
}

class LibcTest : public ::testing::Test {
protected:
  explicit LibcTest(LibcOptions options = {})
      : libc(
            memory,
            [this](int stream, std::string_view bytes) {
              (stream == 1 ? out : err).append(bytes);
              ++sinkCalls;
            },
            std::move(options)) {
    memory.map(ScratchBase, ScratchSize, PermRead | PermWrite, "scratch");
  }

  uint64_t call(std::string_view name, std::vector<uint64_t> args = {}) {
    HostFunction function = findHostFunction(standardHostFunctions(), name);
    if (!function)
      ADD_FAILURE() << "no host function " << name;
    HostCall hostCall{noInterpreter(), memory, libc, args.data(),
                      static_cast<uint32_t>(args.size())};
    return function(hostCall);
  }
  int32_t callInt(std::string_view name, std::vector<uint64_t> args = {}) {
    return static_cast<int32_t>(call(name, std::move(args)));
  }

  uint64_t guestString(std::string_view text) {
    uint64_t address = nextFree;
    memory.writeOrThrow(address, text.data(), text.size());
    memory.storeOrThrow<uint8_t>(address + text.size(), 0);
    nextFree += (text.size() + 16) & ~size_t(15);
    return address;
  }
  uint64_t scratch(size_t size) {
    uint64_t address = nextFree;
    nextFree += (size + 15) & ~size_t(15);
    return address;
  }
  std::string readString(uint64_t address) {
    return memory.readString(address);
  }
  static uint64_t doubleSlot(double value) {
    return std::bit_cast<uint64_t>(value);
  }

  AddressSpace memory;
  std::string out, err;
  int sinkCalls = 0;
  Libc libc;
  uint64_t nextFree = ScratchBase;
};

// ---- the host function table

TEST(HostFunctionTable, HasEveryFunctionOnceByName) {
  std::map<std::string_view, int> seen;
  for (const HostFunctionEntry &entry : standardHostFunctions()) {
    EXPECT_NE(entry.function, nullptr) << entry.name;
    EXPECT_EQ(++seen[entry.name], 1) << "listed twice: " << entry.name;
  }
  const char *required[] = {"printf",
                            "fprintf",
                            "sprintf",
                            "snprintf",
                            "vprintf",
                            "vfprintf",
                            "vsprintf",
                            "vsnprintf",
                            "puts",
                            "putchar",
                            "fputs",
                            "fputc",
                            "putc",
                            "fwrite",
                            "fflush",
                            "getchar",
                            "fgetc",
                            "getc",
                            "fgets",
                            "ungetc",
                            "perror",
                            "memcpy",
                            "memmove",
                            "memset",
                            "memcmp",
                            "memchr",
                            "strlen",
                            "strnlen",
                            "strcmp",
                            "strncmp",
                            "strcpy",
                            "strncpy",
                            "strcat",
                            "strncat",
                            "strchr",
                            "strrchr",
                            "strstr",
                            "strdup",
                            "strndup",
                            "strtok",
                            "strspn",
                            "strcspn",
                            "strpbrk",
                            "strerror",
                            "abs",
                            "labs",
                            "llabs",
                            "atoi",
                            "atol",
                            "atoll",
                            "strtol",
                            "strtoul",
                            "strtoll",
                            "strtoull",
                            "strtod",
                            "strtof",
                            "atof",
                            "qsort",
                            "bsearch",
                            "rand",
                            "srand",
                            "exit",
                            "_Exit",
                            "abort",
                            "__assert_fail",
                            "atexit",
                            "getenv",
                            "clock",
                            "time",
                            "clock_gettime",
                            "gettimeofday",
                            "__errno_location",
                            "isalpha",
                            "isdigit",
                            "isspace",
                            "toupper",
                            "tolower",
                            "__ctype_b_loc",
                            "__ctype_tolower_loc",
                            "__ctype_toupper_loc",
                            "malloc",
                            "calloc",
                            "realloc",
                            "free",
                            "aligned_alloc",
                            "posix_memalign",
                            "memalign",
                            "sscanf",
                            "__isoc99_sscanf",
                            "scanf",
                            "__isoc99_scanf"};
  for (const char *name : required)
    EXPECT_TRUE(seen.count(name)) << "missing " << name;
  const char *math[] = {
      "sin",       "cos",       "tan",    "asin",    "acos",  "atan",
      "atan2",     "sinh",      "cosh",   "tanh",    "asinh", "acosh",
      "atanh",     "exp",       "exp2",   "expm1",   "log",   "log2",
      "log10",     "log1p",     "pow",    "sqrt",    "cbrt",  "hypot",
      "fmod",      "remainder", "floor",  "ceil",    "trunc", "round",
      "rint",      "nearbyint", "lround", "llround", "lrint", "llrint",
      "fabs",      "fmin",      "fmax",   "fdim",    "fma",   "copysign",
      "ldexp",     "scalbn",    "frexp",  "modf",    "ilogb", "logb",
      "nextafter", "erf",       "erfc",   "tgamma",  "lgamma"};
  for (const char *name : math) {
    EXPECT_TRUE(seen.count(name)) << "missing " << name;
    EXPECT_TRUE(seen.count(std::string(name) + "f"))
        << "missing " << name << "f";
  }
}

// ---- the heap, on its own

TEST(GuestHeap, BlocksAreAlignedAndDisjoint) {
  GuestHeap heap(0x100000000, 1 << 30);
  uint64_t a = heap.allocate(1), b = heap.allocate(0), c = heap.allocate(100);
  for (uint64_t block : {a, b, c})
    EXPECT_EQ(block % 16, 0u);
  EXPECT_NE(a, b);
  EXPECT_GE(b, a + 16);
  EXPECT_GE(c, b + 16);
  EXPECT_EQ(heap.blockSize(c), 112u);
  EXPECT_EQ(heap.allocate(10, 4096) % 4096, 0u);
}

TEST(GuestHeap, FreedMemoryIsReusedAndCoalesced) {
  GuestHeap heap(0x100000000, 1 << 30);
  uint64_t a = heap.allocate(64), b = heap.allocate(64), c = heap.allocate(64);
  heap.allocate(16); // keeps c from returning to the wilderness
  ASSERT_TRUE(heap.release(a));
  ASSERT_TRUE(heap.release(b));
  // a and b merged: 128 bytes fit where they were.
  EXPECT_EQ(heap.allocate(128), a);
  ASSERT_TRUE(heap.release(c));
  EXPECT_FALSE(heap.release(c));      // double free
  EXPECT_FALSE(heap.release(a + 16)); // not a block start
}

TEST(GuestHeap, SmallBlocksAreReusedBySizeAndCoalescedBeforeGrowing) {
  GuestHeap heap(0x100000000, 1 << 30);
  std::vector<uint64_t> blocks;
  for (int i = 0; i < 8; ++i)
    blocks.push_back(heap.allocate(32));
  uint64_t fence = heap.allocate(16); // keeps them from the wilderness
  for (uint64_t block : blocks)
    ASSERT_TRUE(heap.release(block));
  // The last freed block of a size is the first reused.
  EXPECT_EQ(heap.allocate(20), blocks.back());
  ASSERT_TRUE(heap.release(blocks.back()));
  EXPECT_EQ(heap.blockCount(), 1u);
  // A size nothing was freed at: the freed blocks merge first, and the
  // request fits where they were instead of growing the heap.
  EXPECT_EQ(heap.allocate(200), blocks.front());
  EXPECT_LT(heap.allocate(16), fence);
  EXPECT_EQ(heap.untouchedFrom(), fence + 16);
}

TEST(GuestHeap, BlockSizesHoldLargeBlocksAndResizes) {
  // A block of 2^16 granules and more has its size kept apart; growing and
  // shrinking in place moves it between the two kinds.
  GuestHeap heap(0x100000000, 1 << 30);
  uint64_t small = heap.allocate(48);
  uint64_t large = heap.allocate(uint64_t(3) << 20);
  EXPECT_EQ(heap.blockSize(large), uint64_t(3) << 20);
  EXPECT_EQ(heap.blockSize(large + 16), std::nullopt);
  EXPECT_EQ(heap.blockSize(large + 8), std::nullopt);
  EXPECT_EQ(heap.blockSize(0x100000000 - 16), std::nullopt);
  EXPECT_EQ(heap.blockSize(uint64_t(1) << 40), std::nullopt);
  ASSERT_TRUE(heap.resizeInPlace(large, 4096));
  EXPECT_EQ(heap.blockSize(large), 4096u);
  ASSERT_TRUE(heap.resizeInPlace(large, uint64_t(5) << 20));
  EXPECT_EQ(heap.blockSize(large), uint64_t(5) << 20);
  ASSERT_TRUE(heap.resizeInPlace(small, 32));
  EXPECT_EQ(heap.blockSize(small), 32u);
  EXPECT_EQ(heap.blockCount(), 2u);
  EXPECT_EQ(heap.bytesAllocated(), 32u + (uint64_t(5) << 20));
  ASSERT_TRUE(heap.release(large));
  EXPECT_FALSE(heap.release(large));
  EXPECT_EQ(heap.blockSize(large), std::nullopt);
  EXPECT_EQ(heap.blockCount(), 1u);
  // It went back to the wilderness with the piece cut off the small block,
  // where the next block starts now.
  uint64_t next = heap.allocate(uint64_t(2) << 20);
  EXPECT_EQ(next, small + 32);
  EXPECT_EQ(heap.blockSize(next), uint64_t(2) << 20);
  EXPECT_EQ(heap.blockSize(large), std::nullopt);
}

TEST(GuestHeap, ABlockFarPastTheOthersCostsLittle) {
  // 60 GiB handed out and never touched, then a small block after it: the
  // sizes kept for the small one must not span the large one (a flat array
  // would take 7.5 GiB of host memory here).
  GuestHeap heap(0x100000000, uint64_t(1) << 36);
  uint64_t huge = heap.allocate(uint64_t(60) << 30);
  uint64_t small = heap.allocate(16);
  ASSERT_NE(huge, 0u);
  ASSERT_NE(small, 0u);
  EXPECT_EQ(heap.blockSize(huge), uint64_t(60) << 30);
  EXPECT_EQ(heap.blockSize(small), 16u);
  EXPECT_EQ(heap.blockSize(small - 16), std::nullopt);
  ASSERT_TRUE(heap.release(small));
  ASSERT_TRUE(heap.release(huge));
  EXPECT_EQ(heap.blockCount(), 0u);
}

TEST(GuestHeap, ExhaustionReturnsZero) {
  GuestHeap heap(0x100000000, 1 << 20);
  EXPECT_EQ(heap.allocate(2 << 20), 0u);
  EXPECT_EQ(heap.allocate(UINT64_MAX), 0u);
  uint64_t whole = heap.allocate(1 << 20);
  EXPECT_NE(whole, 0u);
  EXPECT_EQ(heap.allocate(1), 0u);
  heap.release(whole);
  EXPECT_NE(heap.allocate(1), 0u);
}

TEST(GuestHeap, RandomisedAgainstAModel) {
  constexpr uint64_t Base = 0x100000000, Reserve = 1 << 26;
  GuestHeap heap(Base, Reserve);
  std::map<uint64_t, uint64_t> live; // address -> requested size
  std::mt19937_64 random(12345);
  auto overlapsOthers = [&](uint64_t address, uint64_t size) {
    auto next = live.upper_bound(address);
    if (next != live.end() && next->first < address + size)
      return true;
    if (next != live.begin()) {
      auto previous = std::prev(next);
      if (previous->first != address &&
          previous->first + *heap.blockSize(previous->first) > address)
        return true;
    }
    return false;
  };
  for (int step = 0; step < 20000; ++step) {
    unsigned action = random() % 10;
    if (action < 5 || live.empty()) {
      uint64_t size = random() % 3 ? random() % 256 : random() % 70000;
      uint64_t alignment =
          random() % 8 == 0 ? uint64_t(1) << (random() % 13) : 16;
      uint64_t address = heap.allocate(size, alignment);
      ASSERT_NE(address, 0u);
      ASSERT_EQ(address % std::max<uint64_t>(alignment, 16), 0u);
      ASSERT_GE(address, Base);
      ASSERT_LE(address + size, Base + Reserve);
      ASSERT_GE(*heap.blockSize(address), size);
      ASSERT_FALSE(overlapsOthers(address, std::max<uint64_t>(size, 1)));
      live[address] = size;
    } else {
      auto victim = live.begin();
      std::advance(victim, random() % live.size());
      if (action < 8) {
        ASSERT_TRUE(heap.release(victim->first));
        live.erase(victim);
      } else {
        uint64_t size = random() % 4096;
        if (heap.resizeInPlace(victim->first, size)) {
          victim->second = size;
          ASSERT_GE(*heap.blockSize(victim->first), size);
          ASSERT_FALSE(overlapsOthers(victim->first, size));
        }
      }
    }
  }
  ASSERT_EQ(heap.blockCount(), live.size());
  for (auto &[address, size] : live)
    ASSERT_TRUE(heap.release(address));
  EXPECT_EQ(heap.bytesAllocated(), 0u);
}

// ---- the malloc family through guest calls

TEST_F(LibcTest, MallocGivesUsableAlignedHeapMemory) {
  uint64_t block = call("malloc", {100});
  ASSERT_NE(block, 0u);
  EXPECT_EQ(block % 16, 0u);
  EXPECT_EQ(memory.regionName(block), "heap");
  memory.writeOrThrow(block, "data", 5);
  call("free", {block});
  call("free", {0}); // free(NULL) does nothing
}

TEST_F(LibcTest, InvalidFreeTrapsLikeGlibcAborts) {
  uint64_t block = call("malloc", {32});
  try {
    call("free", {block + 8});
    FAIL() << "free of an interior pointer did not trap";
  } catch (const HostTrap &trap) {
    EXPECT_TRUE(trap.abort);
    EXPECT_EQ(trap.message,
              "free(): invalid pointer 0x" +
                  (std::stringstream() << std::hex << block + 8).str());
  }
  call("free", {block});
  EXPECT_THROW(call("free", {block}), HostTrap); // double free
  EXPECT_THROW(call("realloc", {block, 10}), HostTrap);
}

TEST_F(LibcTest, ReallocKeepsContents) {
  EXPECT_NE(call("realloc", {0, 24}), 0u); // realloc(NULL, n) is malloc
  uint64_t block = call("malloc", {16});
  uint64_t blocker = call("malloc", {16}); // so growth must move
  memory.writeOrThrow(block, "0123456789abcdef", 16);
  uint64_t grown = call("realloc", {block, 4000});
  ASSERT_NE(grown, 0u);
  EXPECT_NE(grown, block);
  EXPECT_EQ(memory.readString(grown, 16), "0123456789abcdef");
  uint64_t shrunk = call("realloc", {grown, 4});
  EXPECT_EQ(shrunk, grown);
  EXPECT_EQ(memory.readString(shrunk, 4), "0123");
  EXPECT_EQ(call("realloc", {shrunk, 0}), 0u); // frees, as glibc does
  EXPECT_THROW(call("free", {shrunk}), HostTrap);
  call("free", {blocker});
}

TEST_F(LibcTest, CallocClearsReusedMemory) {
  uint64_t block = call("malloc", {256});
  call("malloc", {16});
  memory.fill(block, 0xaa, 256);
  call("free", {block});
  uint64_t cleared = call("calloc", {16, 16});
  EXPECT_EQ(cleared, block);
  for (uint64_t i = 0; i < 256; ++i)
    ASSERT_EQ(memory.loadOrThrow<uint8_t>(cleared + i), 0) << i;
  // Overflowing count * size fails with ENOMEM.
  EXPECT_EQ(call("calloc", {uint64_t(1) << 40, uint64_t(1) << 40}), 0u);
  EXPECT_EQ(libc.errnoValue(), ENOMEM);
}

TEST_F(LibcTest, LargeCallocDoesNotMaterialisePages) {
  uint64_t before = memory.bytesMaterialised();
  uint64_t block = call("calloc", {1 << 20, 1024}); // 1 GiB
  ASSERT_NE(block, 0u);
  EXPECT_LT(memory.bytesMaterialised() - before, 1u << 20);
}

TEST_F(LibcTest, AlignedAllocation) {
  uint64_t aligned = call("aligned_alloc", {4096, 100});
  EXPECT_EQ(aligned % 4096, 0u);
  EXPECT_EQ(call("memalign", {64, 10}) % 64, 0u);
  uint64_t result = scratch(8);
  EXPECT_EQ(callInt("posix_memalign", {result, 256, 10}), 0);
  EXPECT_EQ(memory.loadOrThrow<uint64_t>(result) % 256, 0u);
  EXPECT_EQ(callInt("posix_memalign", {result, 24, 10}), EINVAL);
  EXPECT_EQ(callInt("posix_memalign", {result, 4, 10}), EINVAL);
}

TEST_F(LibcTest, HeapContentsSurviveRandomTraffic) {
  // Every live block holds a pattern of its own; any overlap or lost
  // realloc copy would break one.
  std::map<uint64_t, std::pair<uint64_t, uint8_t>> live; // size, pattern
  std::mt19937 random(7);
  auto check = [&](uint64_t address, uint64_t size, uint8_t pattern) {
    std::vector<uint8_t> bytes(size);
    memory.readOrThrow(address, bytes.data(), size);
    return std::all_of(bytes.begin(), bytes.end(),
                       [&](uint8_t b) { return b == pattern; });
  };
  for (int step = 0; step < 3000; ++step) {
    unsigned action = random() % 3;
    if (action == 0 || live.empty()) {
      uint64_t size = random() % 2000;
      uint64_t block = call("malloc", {size});
      uint8_t pattern = static_cast<uint8_t>(random());
      memory.fill(block, pattern, size);
      live[block] = {size, pattern};
    } else {
      auto victim = live.begin();
      std::advance(victim, random() % live.size());
      auto [address, entry] = *victim;
      ASSERT_TRUE(check(address, entry.first, entry.second));
      live.erase(victim);
      if (action == 1) {
        call("free", {address});
      } else {
        uint64_t size = random() % 3000 + 1;
        uint64_t moved = call("realloc", {address, size});
        ASSERT_TRUE(check(moved, std::min(size, entry.first), entry.second));
        memory.fill(moved, entry.second, size);
        live[moved] = {size, entry.second};
      }
    }
  }
  for (auto &[address, entry] : live)
    ASSERT_TRUE(check(address, entry.first, entry.second));
}

// ---- stdio

TEST_F(LibcTest, StdoutIsBufferedUntilFlush) {
  EXPECT_EQ(callInt("printf", {guestString("%d-%s\n"), 42, guestString("x")}),
            5);
  EXPECT_EQ(callInt("puts", {guestString("line")}), 5);
  EXPECT_EQ(callInt("putchar", {'!'}), '!');
  EXPECT_EQ(out, "");
  libc.flush();
  EXPECT_EQ(out, "42-x\nline\n!");
}

TEST_F(LibcTest, StderrIsUnbuffered) {
  uint64_t stderrHandle = layout::FileHandle(2);
  call("fprintf", {stderrHandle, guestString("%s!"), guestString("oops")});
  EXPECT_EQ(err, "oops!");
  call("fputs", {guestString("more"), stderrHandle});
  call("fputc", {'\n', stderrHandle});
  EXPECT_EQ(err, "oops!more\n");
  EXPECT_EQ(out, "");
}

TEST_F(LibcTest, FflushAndFullBufferWriteStdout) {
  uint64_t stdoutHandle = layout::FileHandle(1);
  call("fputs", {guestString("a"), stdoutHandle});
  call("fflush", {stdoutHandle});
  EXPECT_EQ(out, "a");
  call("putc", {'b', stdoutHandle});
  call("fflush", {0});
  EXPECT_EQ(out, "ab");
  // Past 64 KiB the buffer goes out by itself.
  std::string big(40000, 'z');
  uint64_t text = guestString(big);
  call("fwrite", {text, 1, big.size(), stdoutHandle});
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(call("fwrite", {text, 4, big.size() / 4, stdoutHandle}),
            big.size() / 4);
  EXPECT_EQ(out.size(), 2 + 2 * big.size());
}

TEST_F(LibcTest, SetvbufChangesStdoutBuffering) {
  uint64_t stdoutHandle = layout::FileHandle(1);
  call("setvbuf", {stdoutHandle, 0, 2 /* _IONBF */, 0});
  call("putchar", {'u'});
  EXPECT_EQ(out, "u");
  call("setvbuf", {stdoutHandle, 0, 1 /* _IOLBF */, 0});
  call("fputs", {guestString("ab"), stdoutHandle});
  EXPECT_EQ(out, "u");
  call("fputs", {guestString("c\nd"), stdoutHandle});
  EXPECT_EQ(out, "uabc\nd");
}

TEST_F(LibcTest, SprintfFamilyWritesGuestBuffers) {
  uint64_t buffer = scratch(64);
  EXPECT_EQ(callInt("sprintf", {buffer, guestString("%05.1f|%x"),
                                doubleSlot(3.14159), 255}),
            8);
  EXPECT_EQ(readString(buffer), "003.1|ff");
  memory.fill(buffer, 'Q', 64);
  EXPECT_EQ(callInt("snprintf",
                    {buffer, 4, guestString("%s"), guestString("truncated")}),
            9);
  EXPECT_EQ(readString(buffer), "tru");
  memory.fill(buffer, 'Q', 64);
  EXPECT_EQ(callInt("snprintf", {buffer, 0, guestString("abc")}), 3);
  EXPECT_EQ(memory.loadOrThrow<uint8_t>(buffer), 'Q');
  uint64_t result = scratch(8);
  EXPECT_EQ(callInt("asprintf", {result, guestString("<%d>"), 7}), 3);
  EXPECT_EQ(readString(memory.loadOrThrow<uint64_t>(result)), "<7>");
}

TEST_F(LibcTest, VprintfReadsAGuestVaList) {
  // A va_list whose register area is used up: arguments overflow.
  uint64_t overflow = scratch(16);
  memory.storeOrThrow<uint64_t>(overflow, 12);
  memory.storeOrThrow<uint64_t>(overflow + 8, guestString("va"));
  uint64_t vaList = scratch(24);
  memory.storeOrThrow<uint32_t>(vaList, 48);
  memory.storeOrThrow<uint32_t>(vaList + 4, 176);
  memory.storeOrThrow<uint64_t>(vaList + 8, overflow);
  memory.storeOrThrow<uint64_t>(vaList + 16, 0);
  uint64_t buffer = scratch(32);
  EXPECT_EQ(callInt("vsnprintf", {buffer, 32, guestString("%d %s"), vaList}),
            5);
  EXPECT_EQ(readString(buffer), "12 va");
  call("vprintf", {guestString("[%d %s]"), vaList});
  call("vfprintf", {layout::FileHandle(2), guestString("%d"), vaList});
  libc.flush();
  EXPECT_EQ(out, "[12 va]");
  EXPECT_EQ(err, "12");
}

TEST_F(LibcTest, InvalidFileTraps) {
  try {
    call("fputs", {guestString("x"), 0x1234});
    FAIL();
  } catch (const HostTrap &trap) {
    EXPECT_EQ(trap.message, "invalid FILE* 0x1234");
    EXPECT_FALSE(trap.abort);
  }
  EXPECT_THROW(call("fprintf", {0, guestString("x")}), HostTrap);
}

TEST_F(LibcTest, PerrorDescribesErrno) {
  libc.setErrno(ENOENT);
  call("perror", {guestString("open")});
  call("perror", {0});
  EXPECT_EQ(err, "open: No such file or directory\nNo such file or "
                 "directory\n");
  uint64_t message = call("strerror", {EDOM});
  EXPECT_EQ(readString(message), std::strerror(EDOM));
  EXPECT_EQ(call("strerror", {EDOM}), message);
  EXPECT_EQ(readString(call("strerror", {9999})), "Unknown error 9999");
}

class StdinTest : public LibcTest {
protected:
  static LibcOptions withInput(std::istream &input) {
    LibcOptions options;
    options.input = &input;
    return options;
  }
  StdinTest() : LibcTest(withInput(input)) {}
  static inline std::istringstream input;
  void SetUp() override {
    input.clear();
    input.str("ab\nsecond line\nlast");
  }
};

TEST_F(StdinTest, ReadsCharactersAndLines) {
  uint64_t stdinHandle = layout::FileHandle(0);
  EXPECT_EQ(callInt("getchar"), 'a');
  EXPECT_EQ(callInt("ungetc", {'Z', stdinHandle}), 'Z');
  EXPECT_EQ(callInt("fgetc", {stdinHandle}), 'Z');
  EXPECT_EQ(callInt("getc", {stdinHandle}), 'b');
  uint64_t buffer = scratch(64);
  EXPECT_EQ(call("fgets", {buffer, 64, stdinHandle}), buffer);
  EXPECT_EQ(readString(buffer), "\n");
  EXPECT_EQ(call("fgets", {buffer, 7, stdinHandle}), buffer);
  EXPECT_EQ(readString(buffer), "second");
  EXPECT_EQ(call("fgets", {buffer, 64, stdinHandle}), buffer);
  EXPECT_EQ(readString(buffer), " line\n");
  EXPECT_EQ(call("fgets", {buffer, 64, stdinHandle}), buffer);
  EXPECT_EQ(readString(buffer), "last");
  EXPECT_EQ(callInt("feof", {stdinHandle}), 1);
  EXPECT_EQ(call("fgets", {buffer, 64, stdinHandle}), 0u);
  EXPECT_EQ(callInt("getchar"), -1);
  EXPECT_EQ(callInt("ungetc", {uint64_t(uint32_t(-1)), stdinHandle}), -1);
  // Writing stdin or reading stdout fails without trapping.
  EXPECT_EQ(callInt("fgetc", {layout::FileHandle(1)}), -1);
  EXPECT_EQ(callInt("fputc", {'x', stdinHandle}), -1);
}

// ---- string.h

TEST_F(LibcTest, StringFunctionsOnGuestMemory) {
  uint64_t hello = guestString("hello, world");
  EXPECT_EQ(call("strlen", {hello}), 12u);
  EXPECT_EQ(call("strnlen", {hello, 5}), 5u);
  EXPECT_EQ(call("strchr", {hello, 'o'}), hello + 4);
  EXPECT_EQ(call("strrchr", {hello, 'o'}), hello + 8);
  EXPECT_EQ(call("strchr", {hello, 0}), hello + 12);
  EXPECT_EQ(call("strchr", {hello, 'z'}), 0u);
  EXPECT_EQ(call("strstr", {hello, guestString("wor")}), hello + 7);
  EXPECT_EQ(call("strstr", {hello, guestString("")}), hello);
  EXPECT_EQ(call("strstr", {hello, guestString("xyz")}), 0u);
  EXPECT_EQ(call("strspn", {hello, guestString("leh")}), 4u);
  EXPECT_EQ(call("strcspn", {hello, guestString(" ,")}), 5u);
  EXPECT_EQ(call("strpbrk", {hello, guestString("wr")}), hello + 7);
  EXPECT_EQ(call("strpbrk", {hello, guestString("q")}), 0u);
  EXPECT_EQ(call("memchr", {hello, 'w', 12}), hello + 7);
  EXPECT_EQ(call("memchr", {hello, 'w', 7}), 0u);

  // Comparisons return the byte difference, as glibc's x86-64 code does.
  EXPECT_EQ(callInt("strcmp", {guestString("abc"), guestString("abd")}),
            'c' - 'd');
  EXPECT_EQ(callInt("strcmp", {guestString("ab"), guestString("ab")}), 0);
  EXPECT_GT(callInt("strcmp", {guestString("\xff"), guestString("a")}), 0);
  EXPECT_EQ(callInt("strncmp", {guestString("abcX"), guestString("abcY"), 3}),
            0);
  EXPECT_LT(callInt("memcmp", {guestString(std::string_view("a\0a", 3)),
                               guestString(std::string_view("a\0b", 3)), 3}),
            0);
  EXPECT_EQ(callInt("strcasecmp", {guestString("HeLLo"), guestString("hello")}),
            0);

  uint64_t buffer = scratch(64);
  EXPECT_EQ(call("strcpy", {buffer, guestString("one")}), buffer);
  EXPECT_EQ(call("strcat", {buffer, guestString("+two")}), buffer);
  EXPECT_EQ(call("strncat", {buffer, guestString("+three"), 3}), buffer);
  EXPECT_EQ(readString(buffer), "one+two+th");
  memory.fill(buffer, 'Q', 16);
  call("strncpy", {buffer, guestString("ab"), 6});
  char padded[8];
  memory.readOrThrow(buffer, padded, 8);
  EXPECT_EQ(std::string(padded, 8), std::string("ab\0\0\0\0QQ", 8));
  uint64_t copy = call("strdup", {hello});
  EXPECT_EQ(readString(copy), "hello, world");
  EXPECT_EQ(memory.regionName(copy), "heap");
  EXPECT_EQ(readString(call("strndup", {hello, 4})), "hell");
}

TEST_F(LibcTest, MemoryFunctionsOnGuestMemory) {
  uint64_t buffer = scratch(32);
  EXPECT_EQ(call("memset", {buffer, 'x', 10}), buffer);
  memory.storeOrThrow<uint8_t>(buffer + 10, 0);
  EXPECT_EQ(readString(buffer), "xxxxxxxxxx");
  memory.writeOrThrow(buffer, "0123456789", 10);
  call("memmove", {buffer + 2, buffer, 8}); // overlapping, forwards
  EXPECT_EQ(readString(buffer), "0101234567");
  call("memmove", {buffer, buffer + 2, 8}); // overlapping, backwards
  EXPECT_EQ(readString(buffer), "0123456767");
  call("memcpy", {buffer, guestString("AB"), 2});
  EXPECT_EQ(readString(buffer), "AB23456767");
}

TEST_F(LibcTest, StrtokSplitsInPlace) {
  uint64_t text = guestString("  a,b;;c  ");
  uint64_t delimiters = guestString(" ,;");
  EXPECT_EQ(call("strtok", {text, delimiters}), text + 2);
  EXPECT_EQ(readString(text + 2), "a");
  EXPECT_EQ(readString(call("strtok", {0, delimiters})), "b");
  EXPECT_EQ(readString(call("strtok", {0, delimiters})), "c");
  EXPECT_EQ(call("strtok", {0, delimiters}), 0u);
  EXPECT_EQ(call("strtok", {0, delimiters}), 0u);
  uint64_t save = scratch(8);
  uint64_t other = guestString("x-y");
  EXPECT_EQ(readString(call("strtok_r", {other, guestString("-"), save})), "x");
  EXPECT_EQ(readString(call("strtok_r", {0, guestString("-"), save})), "y");
  EXPECT_EQ(call("strtok_r", {0, guestString("-"), save}), 0u);
}

TEST_F(LibcTest, BadPointersFault) {
  EXPECT_THROW(call("strlen", {0x1000}), GuestFault);
  EXPECT_THROW(call("memcpy", {0x1000, guestString("abc"), 3}), GuestFault);
  EXPECT_THROW(call("memset", {0x5000, 0, 1}), GuestFault);
  EXPECT_THROW(call("strcpy", {scratch(8), 0}), GuestFault);
  EXPECT_THROW(call("printf", {0}), GuestFault);
  EXPECT_THROW(call("puts", {0x10}), GuestFault);
  try {
    call("strcmp", {guestString("a"), 0x2000});
    FAIL();
  } catch (const GuestFault &fault) {
    EXPECT_EQ(fault.fault.address, 0x2000u);
    EXPECT_FALSE(fault.fault.write);
  }
  // The ctype tables are read-only to the guest.
  uint64_t table = memory.loadOrThrow<uint64_t>(call("__ctype_b_loc"));
  EXPECT_THROW(memory.storeOrThrow<uint16_t>(table, 0), GuestFault);
}

// ---- stdlib.h conversions

TEST_F(LibcTest, StrtolFamilyMatchesGlibc) {
  struct Case {
    const char *text;
    int base;
  } cases[] = {{"123abc", 10},
               {"  -42", 10},
               {"0x1F", 16},
               {"0x1F", 0},
               {"017", 0},
               {"z", 36},
               {"", 10},
               {"   ", 10},
               {"+", 10},
               {"0x", 16},
               {"99999999999999999999", 10},
               {"-99999999999999999999", 10},
               {"101", 2},
               {"12", 1},
               {"-1", 10},
               {"9223372036854775808", 10}};
  uint64_t end = scratch(8);
  for (auto [text, base] : cases) {
    uint64_t guest = guestString(text);
    // An invalid base leaves the end pointer as it was.
    char *hostEnd = nullptr;
    memory.storeOrThrow<uint64_t>(end, 0x5e7);
    errno = 0;
    long expected = std::strtol(text, &hostEnd, base);
    int expectedErrno = errno;
    libc.setErrno(0);
    EXPECT_EQ(static_cast<long>(
                  call("strtol", {guest, end, static_cast<uint32_t>(base)})),
              expected)
        << text;
    EXPECT_EQ(memory.loadOrThrow<uint64_t>(end),
              base == 1 ? 0x5e7 : guest + static_cast<uint64_t>(hostEnd - text))
        << text;
    EXPECT_EQ(libc.errnoValue(), expectedErrno) << text;
    EXPECT_EQ(call("strtoul", {guest, end, static_cast<uint32_t>(base)}),
              std::strtoul(text, nullptr, base))
        << text;
    EXPECT_EQ(static_cast<long long>(
                  call("strtoll", {guest, 0, static_cast<uint32_t>(base)})),
              std::strtoll(text, nullptr, base));
    EXPECT_EQ(call("strtoull", {guest, 0, static_cast<uint32_t>(base)}),
              std::strtoull(text, nullptr, base));
  }
  EXPECT_EQ(callInt("atoi", {guestString(" -77x")}), -77);
  EXPECT_EQ(static_cast<int64_t>(call("atol", {guestString("-5000000000")})),
            -5000000000);
  EXPECT_EQ(static_cast<int64_t>(call("atoll", {guestString("12")})), 12);
}

TEST_F(LibcTest, StrtodFamilyMatchesGlibc) {
  const char *cases[] = {"3.25xyz",
                         "  -1e300",
                         "1e400",
                         "-1e-400",
                         "0x1.8p1",
                         "inf",
                         "-Infinity",
                         "nan(123)",
                         ".5",
                         "e5",
                         "",
                         "4.9e-324",
                         "1.7976931348623157e308",
                         "0.1",
                         "12345678901234567890"};
  uint64_t end = scratch(8);
  for (const char *text : cases) {
    uint64_t guest = guestString(text);
    char *hostEnd;
    double expected = std::strtod(text, &hostEnd);
    double actual = std::bit_cast<double>(call("strtod", {guest, end}));
    EXPECT_EQ(std::bit_cast<uint64_t>(actual),
              std::bit_cast<uint64_t>(expected))
        << text;
    EXPECT_EQ(memory.loadOrThrow<uint64_t>(end) - guest,
              static_cast<uint64_t>(hostEnd - text))
        << text;
    float expectedFloat = std::strtof(text, nullptr);
    EXPECT_EQ(call("strtof", {guest, 0}),
              std::bit_cast<uint32_t>(expectedFloat))
        << text;
    EXPECT_EQ(call("atof", {guest}), std::bit_cast<uint64_t>(std::atof(text)));
  }
  libc.setErrno(0);
  call("strtod", {guestString("1e999"), 0});
  EXPECT_EQ(libc.errnoValue(), ERANGE);
  // errno lives where __errno_location says.
  EXPECT_EQ(memory.loadOrThrow<int32_t>(call("__errno_location")), ERANGE);
}

TEST_F(LibcTest, AbsFamily) {
  EXPECT_EQ(callInt("abs", {uint32_t(-5)}), 5);
  EXPECT_EQ(callInt("abs", {uint32_t(INT_MIN)}), INT_MIN);
  EXPECT_EQ(call("abs", {uint32_t(-5)}) >> 32, 0u); // an int result
  EXPECT_EQ(static_cast<int64_t>(call("labs", {uint64_t(-7)})), 7);
  EXPECT_EQ(static_cast<int64_t>(call("llabs", {uint64_t(LLONG_MIN)})),
            LLONG_MIN);
}

// ---- rand

TEST(GlibcRandom, MatchesHostRand) {
  for (unsigned seed : {1u, 0u, 2u, 42u, 12345u, 0x7fffffffu, 0xffffffffu}) {
    GlibcRandom guest;
    guest.seed(seed);
    srand(seed);
    for (int i = 0; i < 1000; ++i)
      ASSERT_EQ(guest.next(), rand()) << "seed " << seed << " draw " << i;
  }
  // Without srand, glibc behaves as if seeded with 1.
  GlibcRandom fresh;
  srand(1);
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(fresh.next(), rand());
}

TEST_F(LibcTest, RandThroughTheTable) {
  call("srand", {99});
  srand(99);
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(callInt("rand"), rand());
}

// ---- qsort and bsearch orders

struct Element {
  int key;
  int index;
};

TEST(Sort, MakesGlibcQsortsComparisonsInOrder) {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer's qsort interceptor makes comparisons of its own.
  GTEST_SKIP() << "host qsort is intercepted";
#endif
  std::mt19937 random(3);
  for (int count : {0, 1, 2, 3, 7, 16, 33, 100, 257}) {
    std::vector<Element> elements(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
      elements[static_cast<size_t>(i)] = {static_cast<int>(random() % 10), i};
    // What glibc's qsort compares, by original index.
    static std::vector<std::pair<int, int>> hostComparisons;
    hostComparisons.clear();
    std::vector<Element> hostSorted = elements;
    if (count > 0)
      qsort(hostSorted.data(), hostSorted.size(), sizeof(Element),
            [](const void *left, const void *right) {
              auto *a = static_cast<const Element *>(left);
              auto *b = static_cast<const Element *>(right);
              hostComparisons.push_back({a->index, b->index});
              return (a->key > b->key) - (a->key < b->key);
            });
    std::vector<std::pair<int, int>> comparisons;
    std::vector<uint64_t> order =
        mergeSortOrder(elements.size(), [&](uint64_t left, uint64_t right) {
          comparisons.push_back({int(left), int(right)});
          int a = elements[left].key, b = elements[right].key;
          return (a > b) - (a < b);
        });
    EXPECT_EQ(comparisons, hostComparisons) << count;
    ASSERT_EQ(order.size(), hostSorted.size());
    for (size_t i = 0; i < order.size(); ++i)
      EXPECT_EQ(int(order[i]), hostSorted[i].index); // stable, as glibc
  }
}

TEST(Sort, BinarySearchProbesLikeGlibc) {
  std::vector<int> sorted{1, 3, 3, 5, 8, 13, 21, 34};
  for (int key : {0, 1, 3, 4, 21, 34, 35}) {
    static std::vector<const int *> hostProbes;
    hostProbes.clear();
    const int *hostFound = static_cast<const int *>(
        bsearch(&key, sorted.data(), sorted.size(), sizeof(int),
                [](const void *k, const void *element) {
                  hostProbes.push_back(static_cast<const int *>(element));
                  int a = *static_cast<const int *>(k),
                      b = *static_cast<const int *>(element);
                  return (a > b) - (a < b);
                }));
    std::vector<const int *> probes;
    std::optional<uint64_t> found =
        binarySearch(sorted.size(), [&](uint64_t index) {
          probes.push_back(&sorted[index]);
          return (key > sorted[index]) - (key < sorted[index]);
        });
    EXPECT_EQ(probes, hostProbes) << key;
    EXPECT_EQ(found ? &sorted[*found] : nullptr, hostFound) << key;
  }
}

// ---- program control

TEST_F(LibcTest, ExitFlushesAndThrows) {
  call("printf", {guestString("bye")});
  try {
    call("exit", {uint32_t(-3)});
    FAIL();
  } catch (const GuestExit &exit) {
    EXPECT_EQ(exit.code, -3);
  }
  EXPECT_EQ(out, "bye");
}

TEST_F(LibcTest, QuickExitAndAbortLoseBufferedOutput) {
  call("printf", {guestString("lost")});
  EXPECT_THROW(call("_Exit", {0}), GuestExit);
  libc.flush();
  EXPECT_EQ(out, "");
  call("printf", {guestString("lost too")});
  try {
    call("abort");
    FAIL();
  } catch (const HostTrap &trap) {
    EXPECT_TRUE(trap.abort);
    EXPECT_EQ(trap.message, "abort() called");
  }
  libc.flush();
  EXPECT_EQ(out, "");
}

TEST_F(LibcTest, AssertFailurePrintsGlibcsMessage) {
  try {
    call("__assert_fail", {guestString("x > 0"), guestString("prog.c"), 12,
                           guestString("main")});
    FAIL();
  } catch (const HostTrap &trap) {
    EXPECT_TRUE(trap.abort);
  }
  EXPECT_EQ(err, "comet: prog.c:12: main: Assertion `x > 0' failed.\n");
}

TEST_F(LibcTest, AtexitHandlersRunInReverse) {
  call("atexit", {0x10000000});
  call("atexit", {0x10000010});
  call("atexit", {0x10000020});
  EXPECT_EQ(libc.takeAtexitHandlers(),
            (std::vector<uint64_t>{0x10000020, 0x10000010, 0x10000000}));
  EXPECT_TRUE(libc.takeAtexitHandlers().empty());
  EXPECT_EQ(call("getenv", {guestString("HOME")}), 0u);
}

// ---- ctype

TEST_F(LibcTest, CtypeTablesAreGlibcs) {
  uint64_t classes = memory.loadOrThrow<uint64_t>(call("__ctype_b_loc"));
  uint64_t lower = memory.loadOrThrow<uint64_t>(call("__ctype_tolower_loc"));
  uint64_t upper = memory.loadOrThrow<uint64_t>(call("__ctype_toupper_loc"));
  for (int c = -128; c < 256; ++c) {
    int64_t i = c;
    ASSERT_EQ(memory.loadOrThrow<uint16_t>(classes + uint64_t(i * 2)),
              (*__ctype_b_loc())[c])
        << c;
    ASSERT_EQ(memory.loadOrThrow<int32_t>(lower + uint64_t(i * 4)),
              (*__ctype_tolower_loc())[c]);
    ASSERT_EQ(memory.loadOrThrow<int32_t>(upper + uint64_t(i * 4)),
              (*__ctype_toupper_loc())[c]);
    uint64_t slot = static_cast<uint32_t>(c);
    // Through pointers: glibc's functions, not the compiler's builtins
    // (which return 1 rather than the class bit).
    int (*volatile isalpha)(int) = ::isalpha,
                   (*volatile isdigit)(int) = ::isdigit;
    int (*volatile isspace)(int) = ::isspace,
                   (*volatile ispunct)(int) = ::ispunct;
    int (*volatile isxdigit)(int) = ::isxdigit;
    ASSERT_EQ(callInt("isalpha", {slot}), isalpha(c)) << c;
    ASSERT_EQ(callInt("isdigit", {slot}), isdigit(c)) << c;
    ASSERT_EQ(callInt("isspace", {slot}), isspace(c)) << c;
    ASSERT_EQ(callInt("ispunct", {slot}), ispunct(c)) << c;
    ASSERT_EQ(callInt("isxdigit", {slot}), isxdigit(c)) << c;
    ASSERT_EQ(callInt("toupper", {slot}), toupper(c)) << c;
    ASSERT_EQ(callInt("tolower", {slot}), tolower(c)) << c;
  }
}

// ---- scanf

TEST_F(LibcTest, SscanfMatchesGlibc) {
  struct Case {
    const char *input, *format;
  } cases[] = {
      {"0xg", "%x%n%s"},
      {"0x", "%x%n"},
      {"abc", "%5c%n"},
      {"1e+x", "%lf%n%s"},
      {"", "%d"},
      {"   ", "%d"},
      {"x", "%d"},
      {"5", "%d %d"},
      {"5 x", "%d %d"},
      {"99999999999", "%d"},
      {"-", "%d%n"},
      {"abc", "%n"},
      {"", "%n"},
      {"", "abc"},
      {"a", "b"},
      {"1.5e", "%f%n"},
      {"infinity nan(abc) 0x1p3", "%lf %f %lf"},
      {"in", "%lf"},
      {"-0x", "%i%n"},
      {"08", "%i%n"},
      {"12345", "%3d%d"},
      {"abc]def", "%[]a-c]%n"},
      {"  %x", " %%%c"},
      {"5", "%*d%n"},
      {"0x1g", "%lf%n"},
      {".", "%lf%n"},
      {"1.", "%lf%n"},
      {"+x", "%s%n"},
      {"0x12", "%p"},
      {"-12", "%u"},
      {"1e5", "%2lf%n"},
      {"nax", "%lf%n"},
      {"  42  hello  3.5", "%d %s %f"},
      {"key=value;", "%[^=]=%[^;]"},
      {"-2147483649 4294967296", "%d %u"},
      {"18446744073709551616 -9223372036854775809", "%llu %lld"},
      {"300 70000 -1", "%hhd %hd %hhu"},
      {"0777 0x1F 10", "%i %i %i"},
      {"ff FF 0Xff", "%x %X %x"},
      {"12 34", "%2$d %1$d"},
      {"1,2,3", "%d,%d,%d%n"},
      {"a b", "%c%c%c"},
      {"  word", "%c"},
      {"hello world", "%4s%n"},
      {"-inf +INFINITY NaN", "%f %lf %f"},
      {"1e-400 1e400", "%lf %lf"},
      {"3.4028236e38", "%f"},
      {"0.1", "%f"},
      {"077", "%o%n"},
      {"-0", "%d"},
      {"+", "%i"},
      {"12abc", "%d%[a-z]%n"},
      {"abc", "%[^a]"},
      {"x-y", "%[a-z-]%n"},
      {"tab\there", "%s\t%s"},
      {"7", "%ld%n"},
      {"5", "%zd %jd"},
      {"1 2 3", "%*d %d %*d%n"},
      {"", ""},
      {"abc", "abd"},
      {"  x", "x"},
  };
  for (auto [input, format] : cases) {
    alignas(16) unsigned char host[4][64];
    std::memset(host, 0xaa, sizeof host);
    int expected = sscanf(input, format, host[0], host[1], host[2], host[3]);
    uint64_t guest = scratch(sizeof host);
    memory.fill(guest, 0xaa, sizeof host);
    int actual = callInt("__isoc99_sscanf",
                         {guestString(input), guestString(format), guest,
                          guest + 64, guest + 128, guest + 192});
    EXPECT_EQ(actual, expected) << input << " | " << format;
    unsigned char stored[4][64];
    memory.readOrThrow(guest, stored, sizeof stored);
    for (int i = 0; i < 4; ++i)
      EXPECT_EQ(std::memcmp(stored[i], host[i], 64), 0)
          << input << " | " << format << " target " << i;
  }
}

TEST_F(LibcTest, SscanfAllocatesWithM) {
  uint64_t pointer = scratch(8);
  EXPECT_EQ(callInt("sscanf",
                    {guestString("  dynamic!"), guestString("%ms"), pointer}),
            1);
  uint64_t copy = memory.loadOrThrow<uint64_t>(pointer);
  EXPECT_EQ(memory.regionName(copy), "heap");
  EXPECT_EQ(readString(copy), "dynamic!");
}

TEST_F(StdinTest, ScanfLeavesTheUnmatchedCharacter) {
  input.str("12abc 7\n3.5");
  uint64_t number = scratch(8), word = scratch(16), real = scratch(8);
  EXPECT_EQ(callInt("scanf", {guestString("%d"), number}), 1);
  EXPECT_EQ(memory.loadOrThrow<int32_t>(number), 12);
  EXPECT_EQ(callInt("getchar"), 'a');
  EXPECT_EQ(callInt("__isoc99_scanf", {guestString("%s %d"), word, number}), 2);
  EXPECT_EQ(readString(word), "bc");
  EXPECT_EQ(memory.loadOrThrow<int32_t>(number), 7);
  EXPECT_EQ(callInt("__isoc99_fscanf",
                    {layout::FileHandle(0), guestString("%lf"), real}),
            1);
  EXPECT_EQ(memory.loadOrThrow<double>(real), 3.5);
  EXPECT_EQ(callInt("scanf", {guestString("%d"), number}), -1);
}

// ---- through the interpreter: callbacks into guest code

TEST(LibcInProgram, QsortBsearchAndAtexitCallGuestCode) {
  const char *source = R"(
.data @numbers align 4 rw
  .i32 5, -3, 9, 0, -3, 7
.end
.data @key align 4 ro
  .i32 7
.end
.data @format align 1 ro
  .asciz "%d %d %d %d %d %d|%ld\n"
.end
.data @bye align 1 ro
  .asciz "bye"
.end
.func @compare(%a, %b)
  ld.s32 %x, %a, 0
  ld.s32 %y, %b, 0
  sgt.i32 %greater, %x, %y
  slt.i32 %less, %x, %y
  sub.i32 %result, %greater, %less
  ret [%result]
.end
.func @farewell()
  addr %text, @bye
  call [%ignored], @puts, [%text]
  ret []
.end
.func @main(%argc, %argv)
  addr %farewell, @farewell
  call [%registered], @atexit, [%farewell]
  addr %numbers, @numbers
  li %count, 6
  li %size, 4
  addr %compare, @compare
  call [], @qsort, [%numbers, %count, %size, %compare]
  addr %key, @key
  call [%found], @bsearch, [%key, %numbers, %count, %size, %compare]
  sub.i64 %offset, %found, %numbers
  ld.s32 %n0, %numbers, 0
  ld.s32 %n1, %numbers, 4
  ld.s32 %n2, %numbers, 8
  ld.s32 %n3, %numbers, 12
  ld.s32 %n4, %numbers, 16
  ld.s32 %n5, %numbers, 20
  addr %format, @format
  call [%printed], @printf, [%format, %n0, %n1, %n2, %n3, %n4, %n5, %offset]
  ret [r0]
.end
)";
  VM vm;
  std::string out;
  ProgramOptions options;
  options.output = [&](int, std::string_view bytes) { out.append(bytes); };
  Program program(vm, assembly::parse(source, "qsort.cas"), options);
  EXPECT_EQ(program.runMain({"qsort"}), RunStatus::Returned)
      << program.trap().message;
  EXPECT_EQ(out, "-3 -3 0 5 7 9|16\nbye\n");
}

TEST_F(StdinTest, GetlineGrowsItsBufferAsGlibcDoes) {
  std::string longLine(300, 'x');
  input.str("short\n" + longLine + "\nend");
  uint64_t line = scratch(8), size = scratch(8);
  memory.storeOrThrow<uint64_t>(line, 0);
  memory.storeOrThrow<uint64_t>(size, 0);
  uint64_t stdinHandle = layout::FileHandle(0);
  EXPECT_EQ(call("getline", {line, size, stdinHandle}), 6u);
  EXPECT_EQ(readString(memory.loadOrThrow<uint64_t>(line)), "short\n");
  EXPECT_EQ(memory.loadOrThrow<uint64_t>(size), 120u);
  EXPECT_EQ(call("getline", {line, size, stdinHandle}), 301u);
  EXPECT_EQ(readString(memory.loadOrThrow<uint64_t>(line)), longLine + "\n");
  EXPECT_EQ(memory.loadOrThrow<uint64_t>(size), 302u);
  EXPECT_EQ(call("getdelim", {line, size, 'n', stdinHandle}), 2u);
  EXPECT_EQ(readString(memory.loadOrThrow<uint64_t>(line)), "en");
  EXPECT_EQ(call("getline", {line, size, stdinHandle}), 1u);
  EXPECT_EQ(static_cast<int64_t>(call("getline", {line, size, stdinHandle})),
            -1);
  // glibc's inline getc falls back to __uflow.
  input.clear();
  input.str("q");
  libc.streams().clearInputEnd();
  EXPECT_EQ(callInt("__uflow", {stdinHandle}), 'q');
}

TEST_F(LibcTest, UnlockedAndInternalOutputNames) {
  uint64_t stdoutHandle = layout::FileHandle(1);
  call("putchar_unlocked", {'a'});
  call("__overflow", {stdoutHandle, 'b'});
  call("fputs_unlocked", {guestString("c"), stdoutHandle});
  libc.flush();
  EXPECT_EQ(out, "abc");
}

TEST_F(LibcTest, FortifiedFunctionsCheckSizes) {
  uint64_t buffer = scratch(16);
  EXPECT_EQ(call("__memcpy_chk", {buffer, guestString("abcd"), 5, 16}), buffer);
  EXPECT_EQ(readString(buffer), "abcd");
  try {
    call("__memcpy_chk", {buffer, guestString("abcd"), 5, 4});
    FAIL();
  } catch (const HostTrap &trap) {
    EXPECT_TRUE(trap.abort);
    EXPECT_EQ(trap.message, "*** buffer overflow detected ***: terminated");
  }
  EXPECT_THROW(call("__strcpy_chk", {buffer, guestString("toolong"), 7}),
               HostTrap);
  call("__strcat_chk", {buffer, guestString("ef"), 16});
  EXPECT_EQ(readString(buffer), "abcdef");
  EXPECT_EQ(callInt("__sprintf_chk", {buffer, 1, 16, guestString("<%d>"), 42}),
            4);
  EXPECT_EQ(readString(buffer), "<42>");
  EXPECT_THROW(call("__sprintf_chk", {buffer, 1, 4, guestString("<%d>"), 42}),
               HostTrap);
  EXPECT_EQ(callInt("__snprintf_chk",
                    {buffer, 3, 1, 16, guestString("%s"), guestString("xyz")}),
            3);
  EXPECT_EQ(readString(buffer), "xy");
  EXPECT_EQ(callInt("__printf_chk", {1, guestString("%s!"), guestString("p")}),
            2);
  call("__fprintf_chk", {layout::FileHandle(2), 1, guestString("e%d"), 2});
  libc.flush();
  EXPECT_EQ(out, "p!");
  EXPECT_EQ(err, "e2");
}

TEST_F(LibcTest, OnlyTheCLocaleExists) {
  uint64_t name = call("setlocale", {6 /* LC_ALL */, guestString("")});
  EXPECT_EQ(readString(name), "C");
  EXPECT_EQ(call("setlocale", {6, 0}), name);
  EXPECT_EQ(call("setlocale", {6, guestString("de_DE.UTF-8")}), 0u);
}

// ---- math

TEST_F(LibcTest, MathIsTheHostsLibm) {
  for (double x :
       {0.5, -2.25, 1e10, 0.0, -0.0, double(INFINITY), double(NAN)}) {
    EXPECT_EQ(call("sin", {doubleSlot(x)}), doubleSlot(std::sin(x)));
    EXPECT_EQ(call("exp", {doubleSlot(x)}), doubleSlot(std::exp(x)));
    EXPECT_EQ(call("pow", {doubleSlot(x), doubleSlot(1.5)}),
              doubleSlot(std::pow(x, 1.5)));
    float f = static_cast<float>(x);
    EXPECT_EQ(call("cosf", {std::bit_cast<uint32_t>(f)}),
              std::bit_cast<uint32_t>(std::cos(f)));
  }
  EXPECT_EQ(call("atan2f", {std::bit_cast<uint32_t>(1.0f),
                            std::bit_cast<uint32_t>(2.0f)}),
            std::bit_cast<uint32_t>(std::atan2(1.0f, 2.0f)));
  EXPECT_EQ(static_cast<int64_t>(call("lround", {doubleSlot(-2.5)})), -3);
  EXPECT_EQ(call("ldexp", {doubleSlot(1.5), 4}), doubleSlot(24.0));
  EXPECT_EQ(call("ldexp", {doubleSlot(1.0), uint32_t(-2)}), doubleSlot(0.25));
  uint64_t exponent = scratch(8);
  EXPECT_EQ(call("frexp", {doubleSlot(48.0), exponent}), doubleSlot(0.75));
  EXPECT_EQ(memory.loadOrThrow<int32_t>(exponent), 6);
  uint64_t whole = scratch(8);
  EXPECT_EQ(call("modf", {doubleSlot(-3.25), whole}), doubleSlot(-0.25));
  EXPECT_EQ(memory.loadOrThrow<double>(whole), -3.0);
  EXPECT_EQ(callInt("ilogb", {doubleSlot(1024.0)}), 10);
  libc.setErrno(0);
  call("log", {doubleSlot(0.0)});
  EXPECT_EQ(libc.errnoValue(), ERANGE);
  call("sqrt", {doubleSlot(-1.0)});
  EXPECT_EQ(libc.errnoValue(), EDOM);
}

// ---- time

class DeterministicTimeTest : public LibcTest {
protected:
  static LibcOptions deterministic() {
    LibcOptions options;
    options.deterministicTime = true;
    return options;
  }
  DeterministicTimeTest() : LibcTest(deterministic()) {}
};

TEST_F(DeterministicTimeTest, ClocksAdvanceAFixedStep) {
  uint64_t spec = scratch(16);
  EXPECT_EQ(callInt("clock_gettime", {1, spec}), 0);
  int64_t first = memory.loadOrThrow<int64_t>(spec) * 1000000000 +
                  memory.loadOrThrow<int64_t>(spec + 8);
  call("clock_gettime", {1, spec});
  int64_t second = memory.loadOrThrow<int64_t>(spec) * 1000000000 +
                   memory.loadOrThrow<int64_t>(spec + 8);
  EXPECT_EQ(second - first, GuestClock::DeterministicStepNanos);
  uint64_t seconds = scratch(8);
  EXPECT_EQ(static_cast<int64_t>(call("time", {seconds})),
            GuestClock::DeterministicEpochSeconds);
  EXPECT_EQ(memory.loadOrThrow<int64_t>(seconds),
            GuestClock::DeterministicEpochSeconds);
  uint64_t timeval = scratch(16);
  EXPECT_EQ(callInt("gettimeofday", {timeval, 0}), 0);
  EXPECT_EQ(memory.loadOrThrow<int64_t>(timeval),
            GuestClock::DeterministicEpochSeconds);
  int64_t c1 = static_cast<int64_t>(call("clock")),
          c2 = static_cast<int64_t>(call("clock"));
  EXPECT_EQ(c2 - c1, GuestClock::DeterministicStepNanos / 1000);
  EXPECT_EQ(callInt("clock_gettime", {999, spec}), -1);
  EXPECT_EQ(libc.errnoValue(), EINVAL);
}

TEST_F(LibcTest, RealTimeIsTheHosts) {
  int64_t now = static_cast<int64_t>(call("time", {0}));
  EXPECT_LE(std::abs(now - static_cast<int64_t>(::time(nullptr))), 2);
}

} // namespace
