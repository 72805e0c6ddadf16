// The .cob format: round trips, precise errors, and thousands of random
// corruptions that must each end in an Error or a clean run, never a crash.
#include "asm/assembly.h"
#include "comet/binary.h"
#include "comet/vm.h"

#include <gtest/gtest.h>

#include <random>

using namespace comet;

namespace {

const char *const Source = R"(
.source "sample.ll"
.data @table align 8 ro
  .i64 @square, @twice
.end
.data @counter align 4 rw size 64
  .i32 7
.end
.data @text align 1 ro
  .asciz "n=%d\n"
.end
.func @square(%x)
  mul.i64 %y, %x, %x
  ret [%y]
.end
.func @twice(%x)
  add.i64 %y, %x, %x
  ret [%y]
.end
.func @main(%argc, %argv)
  .locals %t, %i
  .alias %i.next, %i
  .alias %second, %t - 8
  .loc 3 7
  addr %t, @table
  li %i, 0
  li %sum, 0
loop:
  ld.64 %f, %t, 0
  li %three, 3
  calli [%r], %f, [%three]
  add.i64 %sum, %sum, %r
  li %eight, 8
  add.i64 %t, %t, %eight
  li %one, 1
  add.i64 %i, %i, %one
  li %two, 2
  switch %i, loop, [2: done, 5: loop]
done:
  addr %fmt, @text
  call [], @printf, [%fmt, %sum]
  lf64 %d, 1.5
  ret [%sum]
.end
)";

Module sample() { return assembly::parse(Source, "sample.cas"); }

} // namespace

TEST(Binary, RoundTripsAModule) {
  Module module = sample();
  ASSERT_EQ(module.functions[2].registerAliases.size(), 2u);
  ASSERT_EQ(module.functions[2].registerAliases[1].offset, -8);
  std::vector<uint8_t> bytes = encodeModule(module);
  EXPECT_EQ(decodeModule(bytes), module);
}

TEST(Binary, RejectsBadMagicAndVersion) {
  std::vector<uint8_t> bytes = encodeModule(sample());
  std::vector<uint8_t> bad = bytes;
  bad[1] = 'X';
  EXPECT_THROW(
      {
        try {
          decodeModule(bad);
        } catch (const Error &e) {
          EXPECT_STREQ(e.what(),
                       "offset 0: not a Comet module (bad magic number)");
          throw;
        }
      },
      Error);
  bad = bytes;
  bad[4] = 9;
  try {
    decodeModule(bad);
    FAIL();
  } catch (const Error &e) {
    EXPECT_STREQ(e.what(), "offset 4: unsupported version 9 (this build "
                           "reads version 4)");
  }
}

TEST(Binary, EveryTruncationIsAnErrorWithAnOffset) {
  std::vector<uint8_t> bytes = encodeModule(sample());
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + n);
    try {
      decodeModule(prefix);
      FAIL() << "a prefix of " << n << " bytes decoded";
    } catch (const Error &e) {
      EXPECT_EQ(std::string(e.what()).rfind("offset ", 0), 0u) << e.what();
    }
  }
}

TEST(Binary, NamesTheBadOpcode) {
  // Magic, version and instruction set fingerprint, as this build writes.
  std::vector<uint8_t> bytes = encodeModule(Module{});
  size_t header = 5;
  while (bytes[header] & 0x80)
    ++header;
  bytes.resize(header + 1);
  // One function "f" whose only instruction has opcode 9999.
  bytes.insert(bytes.end(), {1, 7, 1, 1, 'f', 0, 1, 0, 0, // symbols
                             2, 3, 1, 0x8f, 0x4e});       // code
  try {
    decodeModule(bytes);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(std::string(e.what()), "offset " +
                                         std::to_string(bytes.size() - 2) +
                                         ": unknown opcode 9999");
  }
}

TEST(Binary, RefusesAnotherInstructionSet) {
  std::vector<uint8_t> bytes = {0x7f, 'C', 'O', 'B', CobVersion, 1};
  try {
    decodeModule(bytes);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(std::string(e.what()).rfind(
                  "offset 5: written for another instruction set "
                  "(fingerprint 00000001, this build has ",
                  0),
              0u)
        << e.what();
  }
}

TEST(Binary, VerifierNamesFunctionInstructionAndRule) {
  Module bad = sample();
  bad.functions[0].code[0].operands[0] = 99;
  try {
    verifyModule(bad);
    FAIL();
  } catch (const Error &e) {
    EXPECT_STREQ(e.what(), "function 'square', instruction 0 (mul.i64): "
                           "register r99 is out of range (3 registers)");
  }
}

TEST(Binary, RandomCorruptionsNeverCrash) {
  const std::vector<uint8_t> original = encodeModule(sample());
  std::mt19937_64 random(20261124);
  VM vm;
  int decoded = 0, rejected = 0;
  for (int round = 0; round < 5000; ++round) {
    std::vector<uint8_t> bytes = original;
    int edits = 1 + int(random() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = random() % bytes.size();
      switch (random() % 4) {
      case 0:
        bytes[at] = uint8_t(random());
        break;
      case 1:
        bytes[at] ^= uint8_t(1u << (random() % 8));
        break;
      case 2:
        bytes.erase(bytes.begin() + at);
        break;
      default:
        bytes.insert(bytes.begin() + at, uint8_t(random()));
      }
      if (bytes.empty())
        bytes.push_back(0);
    }
    try {
      Module module = decodeModule(bytes);
      ++decoded;
      ProgramOptions options;
      options.limits.maxSteps = 10000;
      options.limits.maxMemory = 1 << 20;
      options.output = [](int, std::string_view) {};
      Program program(vm, std::move(module), options);
      if (auto main = program.findFunction("main"))
        program.runMain({"sample"});
    } catch (const Error &) {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 1000);
  EXPECT_GT(decoded, 0);
}
