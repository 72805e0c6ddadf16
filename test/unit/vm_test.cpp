// The VM's C++ interface: isolation, stepping, breakpoints, limits and
// host functions that call back into the guest.
#include "asm/assembly.h"
#include "comet/vm.h"
#include "interpreter.h"

#include <gtest/gtest.h>

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
