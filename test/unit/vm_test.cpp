// The VM's C++ interface: isolation, stepping, breakpoints, limits and
// host functions that call back into the guest.
#include "asm/assembly.h"
#include "comet/vm.h"
#include "interpreter.h"

#include <gtest/gtest.h>

#include <bit>

using namespace comet;

namespace {

Module parse(const char *text) { return assembly::parse(text, "test.cas"); }

ProgramOptions quiet() {
  ProgramOptions options;
  options.output = [](int, std::string_view) {};
  return options;
}

const char *const Counter = R"(
.data @cell align 8 rw
  .i64 0
.end
.func @bump(%by)
  addr %p, @cell
  ld.64 %v, %p, 0
  add.i64 %v, %v, %by
  st.64 %v, %p, 0
  ret [%v]
.end
.func @loop(%n)
  li %i, 0
  li %one, 1
again:
  add.i64 %i, %i, %one
  ult %more, %i, %n
  br %more, again, done
done:
  ret [%i]
.end
)";

} // namespace

TEST(VM, AddressSpacesAreIsolated) {
  VM vm;
  Program a(vm, parse(Counter), quiet()), b(vm, parse(Counter), quiet());
  uint64_t five = 5, seven = 7;
  ASSERT_EQ(a.call(*a.findFunction("bump"), {&five, 1}), RunStatus::Returned);
  ASSERT_EQ(a.call(*a.findFunction("bump"), {&five, 1}), RunStatus::Returned);
  ASSERT_EQ(b.call(*b.findFunction("bump"), {&seven, 1}), RunStatus::Returned);
  EXPECT_EQ(a.results()[0], 10u);
  EXPECT_EQ(b.results()[0], 7u);
}

TEST(VM, CountsStepsExactlyAndStopsAtTheLimit) {
  VM vm;
  Program p(vm, parse(Counter), quiet());
  uint64_t n = 100;
  ASSERT_EQ(p.call(*p.findFunction("loop"), {&n, 1}), RunStatus::Returned);
  // li, li, then 100 x (add, ult, br), then ret.
  EXPECT_EQ(p.stepsExecuted(), 2u + 300u + 1u);

  Program limited(vm, parse(Counter), quiet());
  limited.setStepLimit(50);
  EXPECT_EQ(limited.call(*limited.findFunction("loop"), {&n, 1}),
            RunStatus::Trapped);
  EXPECT_EQ(limited.trap().kind, TrapKind::StepLimit);
  EXPECT_EQ(limited.stepsExecuted(), 50u);
  // 2 set-up instructions, then 16 rounds of 3: the 51st is an add (pc 2).
  EXPECT_EQ(limited.trap().pc, 2u);
}

TEST(VM, StepsOneInstructionAtATime) {
  VM vm;
  Program p(vm, parse(Counter), quiet());
  uint64_t n = 2;
  p.start(*p.findFunction("loop"), {&n, 1});
  std::vector<uint32_t> pcs;
  RunStatus status;
  while ((status = p.run(1)) == RunStatus::Stopped)
    pcs.push_back(p.frames().back().pc);
  EXPECT_EQ(status, RunStatus::Returned);
  EXPECT_EQ(pcs, (std::vector<uint32_t>{1, 2, 3, 4, 2, 3, 4, 5}));
  EXPECT_EQ(p.results()[0], 2u);
}

TEST(VM, BreakpointsStopBeforeTheInstructionAndResume) {
  VM vm;
  Program p(vm, parse(Counter), quiet());
  uint32_t loop = *p.findFunction("loop");
  p.setBreakpoint(loop, 3); // the compare
  uint64_t n = 3;
  p.start(loop, {&n, 1});
  int hits = 0;
  RunStatus status;
  while ((status = p.run()) == RunStatus::Stopped) {
    ++hits;
    EXPECT_EQ(p.frames().back().pc, 3u);
    EXPECT_EQ(p.frames().back().registers[2], uint64_t(hits)); // %i
  }
  EXPECT_EQ(status, RunStatus::Returned);
  EXPECT_EQ(hits, 3);
  p.clearBreakpoint(loop, 3);
  EXPECT_EQ(p.call(loop, {&n, 1}), RunStatus::Returned);
}

TEST(VM, FaultsAreReportedWithAddressAndRegion) {
  VM vm;
  Program p(vm, parse(R"(
.data @constant align 8 ro
  .i64 1
.end
.func @null()
  li %zero, 0
  ld.u32 %v, %zero, 16
  ret [%v]
.end
.func @readonly()
  addr %p, @constant
  st.64 %p, %p, 0
  ret [r0]
.end
)"),
            quiet());
  EXPECT_EQ(p.call(*p.findFunction("null"), {}), RunStatus::Trapped);
  EXPECT_EQ(p.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(p.trap().address, 16u);
  EXPECT_EQ(p.trap().pc, 1u);
  EXPECT_EQ(p.call(*p.findFunction("readonly"), {}), RunStatus::Trapped);
  EXPECT_EQ(p.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(p.trap().message, "write to read-only memory (in read-only data)");
}

TEST(VM, AnAccessFollowsItsAddressFromPageToPage) {
  // The same load and store go to a different page at every step, and the
  // load at last to an unmapped one: each access's own TLB hint is only a
  // guess to check.
  VM vm;
  Program p(vm, parse(R"(
.data @left align 8 rw size 8192
.end
.data @right align 8 rw size 8192
.end
.func @alternate(%n)
  addr %l, @left
  addr %r, @right
  li %i, 0
  li %one, 1
  li %sum, 0
again:
  and %odd, %i, %one
  select %p, %odd, %r, %l
  st.64 %i, %p, 4096
  ld.64 %v, %p, 4096
  add.i64 %sum, %sum, %v
  add.i64 %i, %i, %one
  ult %more, %i, %n
  br %more, again, done
done:
  ld.64 %a, %l, 4096
  ld.64 %b, %r, 4096
  ret [%sum, %a, %b]
.end
.func @walk(%n)
  addr %l, @left
  li %i, 0
  li %one, 1
again:
  eq %last, %i, %n
  select %p, %last, r0, %l
  ld.64 %v, %p, 8
  add.i64 %i, %i, %one
  jmp again
.end
)"),
            quiet());
  uint64_t n = 101;
  ASSERT_EQ(p.call(*p.findFunction("alternate"), {&n, 1}), RunStatus::Returned);
  EXPECT_EQ(p.results(), (std::vector<uint64_t>{5050, 100, 99}));
  ASSERT_EQ(p.call(*p.findFunction("walk"), {&n, 1}), RunStatus::Trapped);
  EXPECT_EQ(p.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(p.trap().address, 8u);
  EXPECT_EQ(p.trap().pc, 5u); // the ld
}

// A host function that calls the guest function passed as its argument
// twice, as qsort calls a comparator.
static uint64_t twice(HostCall &call) {
  uint64_t first = call.callGuest(call.arg(0), {call.arg(1)});
  return call.callGuest(call.arg(0), {first});
}

TEST(VM, HostFunctionsCallBackIntoTheGuest) {
  VM vm;
  vm.registerHost("twice", twice);
  Program p(vm, parse(R"(
.func @square(%x)
  mul.i64 %y, %x, %x
  ret [%y]
.end
.func @main()
  addr %f, @square
  li %three, 3
  call [%r], @twice, [%f, %three]
  ret [%r]
.end
.func @nested_fault()
  addr %f, @fault
  call [%r], @twice, [%f, r0]
  ret [%r]
.end
.func @fault(%x)
  ld.64 %v, %x, 0
  ret [%v]
.end
)"),
            quiet());
  ASSERT_EQ(p.call(*p.findFunction("main"), {}), RunStatus::Returned);
  EXPECT_EQ(p.results()[0], 81u);
  // A fault inside the callback traps with the whole stack intact.
  ASSERT_EQ(p.call(*p.findFunction("nested_fault"), {}), RunStatus::Trapped);
  EXPECT_EQ(p.trap().kind, TrapKind::MemoryFault);
  ASSERT_EQ(p.frames().size(), 2u);
  EXPECT_EQ(p.module().functions[p.frames().back().function].name, "fault");
}

TEST(VM, CallDepthIsBounded) {
  VM vm;
  ProgramOptions options = quiet();
  options.limits.maxCallDepth = 1000;
  Program p(vm, parse(R"(
.func @forever(%n)
  call [%r], @forever, [%n]
  ret [%r]
.end
)"),
            options);
  EXPECT_EQ(p.call(0, {}), RunStatus::Trapped);
  EXPECT_EQ(p.trap().kind, TrapKind::CallDepth);
  EXPECT_EQ(p.frames().size(), 1000u);
}

TEST(VM, MissingImportsFailAtLoadWithTheirName) {
  VM vm;
  try {
    Program p(vm, parse(R"(
.func @main()
  call [], @no_such_function, []
  ret [r0]
.end
)"),
              quiet());
    FAIL();
  } catch (const Error &e) {
    EXPECT_STREQ(e.what(), "undefined symbol 'no_such_function': no function "
                           "of the module and no host function has this name");
  }
}

// Vector instructions work lane by lane on consecutive registers, each at
// its width, and count one step.
TEST(VM, VectorInstructionsWorkLaneByLane) {
  VM vm;
  Program p(vm, parse(R"(
.data @words align 8 rw size 32
  .i32 1
  .i32 2
  .i32 3
  .i32 4294967295
.end
.func @lanes() regs 24
  addr r1, @words
  vld.u32 r2, r1, 0, 4
  vadd.i32 r6, r2, r2, 4
  vmul.i32 r10, r6, r2, 4
  vst.32 r10, r1, 16, 4
  vld.u32 r14, r1, 16, 4
  vlshr.i32 r18, r14, r2, 4
  ret [r14, r15, r16, r17, r18, r21]
.end
.func @floats() regs 12
  lf64 r1, 1.5
  lf64 r2, 2.25
  lf64 r3, 4.0
  lf64 r4, 0.5
  vfmul.f64 r5, r1, r3, 2
  vfdiv.f64 r7, r1, r3, 2
  ret [r5, r6, r7, r8]
.end
.func @fault() regs 8
  li r1, 4088
  vld.64 r2, r1, 0, 2
  ret [r0]
.end
)"),
            quiet());
  ASSERT_EQ(p.call(*p.findFunction("lanes"), {}), RunStatus::Returned);
  // 2a * a, wrapping at 32 bits; the last lane shifted by 0xffffffff >= 32.
  std::vector<uint64_t> expected = {2, 8, 18, 2, 1, 0};
  EXPECT_EQ(std::vector<uint64_t>(p.results().begin(), p.results().end()),
            expected);
  EXPECT_EQ(p.stepsExecuted(), 8u);
  ASSERT_EQ(p.call(*p.findFunction("floats"), {}), RunStatus::Returned);
  auto asDouble = [](uint64_t bits) { return std::bit_cast<double>(bits); };
  EXPECT_EQ(asDouble(p.results()[0]), 6.0);
  EXPECT_EQ(asDouble(p.results()[1]), 1.125);
  EXPECT_EQ(asDouble(p.results()[2]), 0.375);
  EXPECT_EQ(asDouble(p.results()[3]), 4.5);
  // The first page is never mapped: the first lane faults, at its address.
  EXPECT_EQ(p.call(*p.findFunction("fault"), {}), RunStatus::Trapped);
  EXPECT_EQ(p.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(p.trap().address, 4088u);
  EXPECT_EQ(p.trap().pc, 1u);
}

// Four-lane vectors of i32 (loaded, added, multiplied, stored) read only
// their registers' low 32 bits and leave their results zero-extended; a
// destination that overlaps an operand by one to three registers sees the
// lanes already written, lane by lane, as with any other lane count.
TEST(VM, FourLanesOfI32AreComputedLaneByLane) {
  const uint64_t x[4] = {0xdeadbeef00000003, 0x1fffffffe, 0xffffffffffffffff,
                         0x123456789abcdef0};
  const uint64_t y[4] = {0xffffffff, 0x8000000100000007, 3, 0xfedcba9876543210};
  for (const char *op : {"vadd.i32", "vmul.i32"})
    for (unsigned destination : {1u, 2u, 3u, 4u, 5u, 6u, 8u, 9u, 12u}) {
      // x in r1..r4, y in r5..r8; the result at `destination`.
      std::string source = ".func @f() regs 16\n";
      for (unsigned k = 0; k < 4; ++k)
        source += "  li r" + std::to_string(1 + k) + ", " +
                  std::to_string(x[k]) + "\n  li r" + std::to_string(5 + k) +
                  ", " + std::to_string(y[k]) + "\n";
      source += "  " + std::string(op) + " r" + std::to_string(destination) +
                ", r1, r5, 4\n  ret [";
      for (unsigned r = 1; r < 16; ++r)
        source += (r > 1 ? ", r" : "r") + std::to_string(r);
      source += "]\n.end\n";
      std::vector<uint64_t> expected(16, 0);
      for (unsigned k = 0; k < 4; ++k)
        expected[1 + k] = x[k], expected[5 + k] = y[k];
      for (unsigned k = 0; k < 4; ++k) {
        uint32_t a = uint32_t(expected[1 + k]), b = uint32_t(expected[5 + k]);
        expected[destination + k] =
            std::string(op) == "vadd.i32" ? uint32_t(a + b) : uint32_t(a * b);
      }
      VM vm;
      Program p(vm, parse(source.c_str()), quiet());
      ASSERT_EQ(p.call(0, {}), RunStatus::Returned);
      EXPECT_EQ(p.results(),
                std::vector<uint64_t>(expected.begin() + 1, expected.end()))
          << op << " into r" << destination;
    }

  // Stored, the registers' high halves are dropped; loaded, the lanes come
  // back zero-extended (twice: the first access to a page goes lane by
  // lane and fills the TLB, the second takes all four lanes at once).
  VM vm;
  Program p(vm, parse(R"(
.data @words align 8 rw size 16
.end
.func @f() regs 16
  addr r1, @words
  li r2, 0xdeadbeef00000001
  li r3, 0xffffffff
  li r4, 0x8000000000000002
  li r5, 0x123456789abcdef0
  vst.32 r2, r1, 0, 4
  vst.32 r2, r1, 0, 4
  vld.u32 r6, r1, 0, 4
  vld.u32 r10, r1, 0, 4
  ret [r6, r7, r8, r9, r10, r11, r12, r13]
.end
)"),
            quiet());
  ASSERT_EQ(p.call(0, {}), RunStatus::Returned);
  EXPECT_EQ(p.results(), (std::vector<uint64_t>{1, 0xffffffff, 2, 0x9abcdef0, 1,
                                                0xffffffff, 2, 0x9abcdef0}));
}

// vfmuladd rounds the product, then the sum, lane by lane (as the native
// code for llvm.fmuladd without FMA); vfneg flips each lane's sign bit.
TEST(VM, VectorMultiplyAddRoundsTwiceAndNegateFlipsSigns) {
  VM vm;
  Program p(vm, parse(R"(
.func @doubles() regs 16
  lf64 r1, 0x1.00000004p+0
  lf64 r2, 2.0
  lf64 r3, 0x1.fffffff8p-1
  lf64 r4, 3.0
  lf64 r5, -1.0
  lf64 r6, 1.0
  vfmuladd.f64 r7, r1, r3, r5, 2
  vfneg.f64 r9, r5, 2
  li r11, 0
  vfneg.f64 r11, r11, 1
  ret [r7, r8, r9, r10, r11]
.end
.func @floats() regs 16
  lf32 r1, 0x1.0008p+0
  lf32 r2, 0.5
  lf32 r3, 0x1.fffp-1
  lf32 r4, 0.5
  lf32 r5, -1.0
  lf32 r6, 0.25
  vfmuladd.f32 r7, r1, r3, r5, 2
  vfneg.f32 r9, r6, 1
  ret [r7, r8, r9]
.end
)"),
            quiet());
  auto asDouble = [](uint64_t bits) { return std::bit_cast<double>(bits); };
  auto asFloat = [](uint64_t bits) {
    return std::bit_cast<float>(uint32_t(bits));
  };
  ASSERT_EQ(p.call(*p.findFunction("doubles"), {}), RunStatus::Returned);
  // (1 + 2^-30)(1 - 2^-30) rounds to 1 before the add: 0, where fma gives
  // -2^-60; the second lane is 2 * 3 + 1.
  EXPECT_EQ(asDouble(p.results()[0]), 0.0);
  EXPECT_EQ(asDouble(p.results()[1]), 7.0);
  EXPECT_EQ(asDouble(p.results()[2]), 1.0);
  EXPECT_EQ(asDouble(p.results()[3]), -1.0);
  EXPECT_EQ(p.results()[4], 0x8000000000000000u); // -0.0
  EXPECT_EQ(p.stepsExecuted(), 11u);
  ASSERT_EQ(p.call(*p.findFunction("floats"), {}), RunStatus::Returned);
  // (1 + 2^-13)(1 - 2^-13) rounds to 1 in f32: 0 (fma: -2^-26).
  EXPECT_EQ(asFloat(p.results()[0]), 0.0f);
  EXPECT_EQ(asFloat(p.results()[1]), 0.5f);
  EXPECT_EQ(asFloat(p.results()[2]), -0.25f);
}

TEST(VM, VectorLanesMustExist) {
  VM vm;
  auto load = [&](const char *body) {
    std::string text =
        std::string(".func @f() regs 4\n") + body + "\n  ret [r0]\n.end\n";
    try {
      Program p(vm, parse(text.c_str()), quiet());
    } catch (const Error &error) {
      return std::string(error.what());
    }
    return std::string();
  };
  EXPECT_NE(
      load("  vadd.i32 r1, r1, r2, 3").find("lanes r2..r4 are out of range"),
      std::string::npos);
  EXPECT_NE(
      load("  vadd.i32 r1, r1, r1, 0").find("lane count 0 is not in 1..64"),
      std::string::npos);
  EXPECT_NE(load("  vld.u8 r0, r1, 0, 2").find("r0"), std::string::npos);
  EXPECT_EQ(load("  vxor r1, r1, r1, 3"), "");
}
