// What the VM gives debuggers: single steps that ignore breakpoints, main
// run in parts, activation serials and where a run stopped.
#include "asm/assembly.h"
#include "comet/vm.h"

#include <gtest/gtest.h>

#include <set>

using namespace comet;

namespace {

Module parse(const char *text) { return assembly::parse(text, "test.cas"); }

ProgramOptions capture(std::string &out) {
  ProgramOptions options;
  options.output = [&out](int, std::string_view text) { out += text; };
  return options;
}

const char *const Recursive = R"(
.import printf
.import atexit
.data @fmt ro
  .asciz "bye\n"
.end
.func @bye()
  addr %f, @fmt
  call [], @printf, [%f]
  ret []
.end
.func @down(%n)
  li %zero, 0
  eq %done, %n, %zero
  br %done, out, again
again:
  li %one, 1
  sub.i64 %m, %n, %one
  call [%r], @down, [%m]
  ret [%r]
out:
  ret [%n]
.end
.func @main(%argc, %argv)
  addr %h, @bye
  call [], @atexit, [%h]
  li %three, 3
  call [%r], @down, [%three]
  li %seven, 7
  ret [%seven]
.end
)";

} // namespace

TEST(VMDebug, StepExecutesTheInstructionUnderABreakpoint) {
  VM vm;
  std::string out;
  Program p(vm, parse(Recursive), capture(out));
  uint32_t down = *p.findFunction("down");
  p.setBreakpoint(down, 0);
  p.setBreakpoint(down, 1);
  uint64_t n = 1;
  p.start(down, {&n, 1});
  // Stepping goes through both breakpoints one instruction at a time.
  EXPECT_EQ(p.step(), RunStatus::Stopped);
  EXPECT_EQ(p.frames().back().pc, 1u);
  EXPECT_FALSE(p.stoppedAtBreakpoint());
  EXPECT_EQ(p.step(), RunStatus::Stopped);
  EXPECT_EQ(p.frames().back().pc, 2u);
  // run() pauses at the breakpoint of the recursive call's first
  // instruction, without executing it.
  EXPECT_EQ(p.run(), RunStatus::Stopped);
  EXPECT_TRUE(p.stoppedAtBreakpoint());
  EXPECT_EQ(p.frames().size(), 2u);
  EXPECT_EQ(p.frames().back().pc, 0u);
  // A step there executes it, and steps into nothing else.
  uint64_t before = p.stepsExecuted();
  EXPECT_EQ(p.step(), RunStatus::Stopped);
  EXPECT_EQ(p.stepsExecuted(), before + 1);
  EXPECT_EQ(p.frames().back().pc, 1u);
}

TEST(VMDebug, StepIntoACallStopsAtTheCalleesFirstInstruction) {
  VM vm;
  std::string out;
  Program p(vm, parse(Recursive), capture(out));
  uint64_t n = 1;
  p.start(*p.findFunction("down"), {&n, 1});
  for (int i = 0; i < 5; ++i) // li, eq, br, li, sub
    ASSERT_EQ(p.step(), RunStatus::Stopped);
  ASSERT_EQ(p.frames().size(), 1u);
  EXPECT_EQ(p.step(), RunStatus::Stopped); // the call
  ASSERT_EQ(p.frames().size(), 2u);
  EXPECT_EQ(p.frames().back().pc, 0u);
}

TEST(VMDebug, ActivationsHaveDistinctSerials) {
  VM vm;
  std::string out;
  Program p(vm, parse(Recursive), capture(out));
  uint32_t down = *p.findFunction("down");
  p.setBreakpoint(down, 7); // ret [%n] at the bottom
  uint64_t n = 3;
  p.start(down, {&n, 1});
  ASSERT_EQ(p.run(), RunStatus::Stopped);
  std::vector<Frame> frames = p.frames();
  ASSERT_EQ(frames.size(), 4u);
  std::set<uint64_t> serials;
  for (const Frame &frame : frames)
    serials.insert(frame.serial);
  EXPECT_EQ(serials.size(), 4u);
  // A later activation at the same depth is a different one.
  uint64_t bottom = frames.back().serial;
  p.clearBreakpoint(down, 7);
  ASSERT_EQ(p.run(), RunStatus::Returned);
  p.setBreakpoint(down, 7);
  p.start(down, {&n, 1});
  ASSERT_EQ(p.run(), RunStatus::Stopped);
  EXPECT_NE(p.frames().back().serial, bottom);
}

TEST(VMDebug, MainInPartsBehavesLikeRunMain) {
  VM vm;
  std::string whole, parts;
  Program a(vm, parse(Recursive), capture(whole));
  EXPECT_EQ(a.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(a.exitCode(), 7);

  Program b(vm, parse(Recursive), capture(parts));
  b.setBreakpoint(*b.findFunction("down"), 0);
  b.startMain({"prog"});
  RunStatus status;
  int stops = 0;
  while ((status = b.run()) == RunStatus::Stopped)
    ++stops;
  EXPECT_EQ(stops, 4);  // down(3), down(2), down(1), down(0)
  EXPECT_EQ(parts, ""); // the atexit handler has not run yet
  EXPECT_EQ(b.finishMain(status), RunStatus::Returned);
  EXPECT_EQ(b.exitCode(), 7);
  EXPECT_EQ(parts, whole);
  EXPECT_EQ(parts, "bye\n");
}

// The load-time shortcuts (compare-and-branch fusion, entry constants from
// a register template) change nothing a debugger or a step limit sees.
namespace {

const char *const Counting = R"(
.func @count(%n)
  li %zero, 0
  li %one, 1
  mov %i, %zero
loop:
  slt.i64 %more, %i, %n
  br %more, body, done
body:
  add.i64 %i, %i, %one
  jmp loop
done:
  ret [%i]
.end
.func @main(%argc, %argv)
  li %five, 5
  call [%r], @count, [%five]
  ret [%r]
.end
)";

Frame innermost(const Program &p) { return p.frame(p.frameCount() - 1); }

// Where main's run is after each single step, as (function, pc).
std::vector<std::pair<uint32_t, uint32_t>> trace(Program &p) {
  std::vector<std::pair<uint32_t, uint32_t>> at;
  p.startMain({"count"});
  while (p.frameCount() > 1 || p.frame(0).pc < 2) {
    Frame top = innermost(p);
    at.emplace_back(top.function, top.pc);
    if (p.step() != RunStatus::Stopped)
      break;
  }
  return at;
}

// Stopping main after n steps by a step limit leaves it where n single
// steps do, in the same function, at the same pc, for every n below total;
// in function 0 (the one under test) with the same values in the given
// registers.
void expectLimitsStopWhereStepsDo(const VM &vm, const char *source,
                                  uint64_t total,
                                  std::vector<unsigned> registers) {
  for (uint64_t n = 1; n < total; ++n) {
    Program p(vm, parse(source));
    p.startMain({"prog"});
    ASSERT_EQ(p.run(n), RunStatus::Stopped);
    EXPECT_EQ(p.stepsExecuted(), n);
    Program q(vm, parse(source));
    q.startMain({"prog"});
    for (uint64_t i = 0; i < n; ++i)
      ASSERT_EQ(q.step(), RunStatus::Stopped);
    EXPECT_EQ(innermost(p).function, innermost(q).function) << n;
    EXPECT_EQ(innermost(p).pc, innermost(q).pc) << n;
    if (innermost(p).function != 0)
      continue;
    for (unsigned r : registers)
      EXPECT_EQ(innermost(p).registers[r], innermost(q).registers[r]) << n;
  }
}

} // namespace

TEST(VMDebug, FusedAndSkippedInstructionsAreCountedOneByOne) {
  VM vm;
  Program p(vm, parse(Counting));
  ASSERT_EQ(p.runMain({"count"}), RunStatus::Returned);
  EXPECT_EQ(p.exitCode(), 5);
  // main: li, call, ret; count: 3 entry instructions, 5 x (slt, br, add,
  // jmp), then slt, br, ret.
  EXPECT_EQ(p.stepsExecuted(), 3u + 3u + 5u * 4u + 3u);
}

TEST(VMDebug, StepsStopBetweenAFusedCompareAndItsBranch) {
  VM vm;
  Program p(vm, parse(Counting));
  auto steps = trace(p);
  // Every instruction of count is a stop of its own, the entry constants
  // and each branch after its compare included.
  std::vector<uint32_t> countPcs;
  for (auto [function, pc] : steps)
    if (function == 0)
      countPcs.push_back(pc);
  ASSERT_GE(countPcs.size(), 8u);
  EXPECT_EQ(std::vector<uint32_t>(countPcs.begin(), countPcs.begin() + 8),
            (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 3}));
}

TEST(VMDebug, RunsOfAnyLengthStopAtTheExactInstruction) {
  VM vm;
  expectLimitsStopWhereStepsDo(vm, Counting, 29, {}); // 29 instructions
}

TEST(VMDebug, ABreakpointOnAFusedBranchStops) {
  VM vm;
  Program p(vm, parse(Counting));
  p.startMain({"count"});
  p.setBreakpoint(0, 4); // the br after slt
  ASSERT_EQ(p.run(), RunStatus::Stopped);
  EXPECT_EQ(innermost(p).pc, 4u);
  EXPECT_EQ(innermost(p).registers[5], 1u); // %more, set by the compare
}

// A loop's step, test and branch (add, compare, br) run as one dispatch;
// limits, single steps and breakpoints still see three instructions.
namespace {

const char *const StepTestBranch = R"(
.func @upto(%n)
  li %one, 1
  mov %i, r0
again:
  add.i64 %i, %i, %one
  ult %more, %i, %n
  br %more, again, done
done:
  ret [%i]
.end
.func @main(%argc, %argv)
  li %four, 4
  call [%r], @upto, [%four]
  ret [%r]
.end
)";

} // namespace

TEST(VMDebug, AFusedStepTestAndBranchCountsThreeInstructions) {
  VM vm;
  Program whole(vm, parse(StepTestBranch));
  ASSERT_EQ(whole.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(whole.exitCode(), 4);
  // main: li, call, ret; upto: li, mov, 4 x (add, ult, br), ret.
  uint64_t total = 3 + 2 + 4 * 3 + 1;
  EXPECT_EQ(whole.stepsExecuted(), total);
  expectLimitsStopWhereStepsDo(vm, StepTestBranch, total, {3, 4}); // %i, %more
  Program b(vm, parse(StepTestBranch));
  b.startMain({"prog"});
  b.setBreakpoint(0, 3); // the compare inside the fused three
  ASSERT_EQ(b.run(), RunStatus::Stopped);
  EXPECT_EQ(innermost(b).pc, 3u);
  EXPECT_EQ(innermost(b).registers[3], 1u); // %i, set by the add before it
  EXPECT_EQ(innermost(b).registers[4], 0u); // %more, not yet
}

// Two addmul in a row (a row, then a column) run as one dispatch; limits,
// single steps and breakpoints still see two instructions.
namespace {

const char *const RowColumn = R"(
.func @element(%base, %row, %column)
  addmul %line, %base, %row, 512
  addmul %at, %line, %column, 4
  addmul %next, %at, %row, 8
  ret [%next]
.end
.func @main(%argc, %argv)
  li %base, 4096
  li %row, 3
  li %column, 5
  call [%r], @element, [%base, %row, %column]
  ret [%r]
.end
)";

} // namespace

TEST(VMDebug, AFusedAddMulPairCountsTwoInstructions) {
  VM vm;
  Program whole(vm, parse(RowColumn));
  ASSERT_EQ(whole.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(whole.exitCode(), 4096 + 3 * 512 + 5 * 4 + 3 * 8);
  uint64_t total = 5 + 4;
  EXPECT_EQ(whole.stepsExecuted(), total);
  // %line, %at and %next
  expectLimitsStopWhereStepsDo(vm, RowColumn, total, {4, 5, 6});
  Program b(vm, parse(RowColumn));
  b.startMain({"prog"});
  b.setBreakpoint(0, 1); // the second of the pair
  ASSERT_EQ(b.run(), RunStatus::Stopped);
  EXPECT_EQ(innermost(b).pc, 1u);
  EXPECT_EQ(innermost(b).registers[4], 4096u + 3 * 512); // %line
  EXPECT_EQ(innermost(b).registers[5], 0u);              // %at, not yet
}

// An address computation (add.i64, addmul) and the load or store after it
// run as one dispatch; limits, single steps, breakpoints and faults still
// see two instructions.
namespace {

const char *const AddressThenAccess = R"(
.func @sum(%n)
  li %one, 1
  salloc %buffer, 64, 8
  mov %i, r0
  mov %total, r0
again:
  addmul %slot, %buffer, %i, 8
  st.64 %i, %slot, 0
  add.i64 %same, %slot, r0
  ld.64 %value, %same, 0
  add.i64 %total, %total, %value
  add.i64 %i, %i, %one
  ult %more, %i, %n
  br %more, again, done
done:
  add.i64 %wild, %total, r0
  ld.64 %never, %wild, 0
  ret [%never]
.end
.func @main(%argc, %argv)
  li %four, 4
  call [%r], @sum, [%four]
  ret [%r]
.end
)";

} // namespace

TEST(VMDebug, AFusedAddressAndAccessCountTwoInstructions) {
  VM vm;
  Program whole(vm, parse(AddressThenAccess));
  ASSERT_EQ(whole.runMain({"prog"}), RunStatus::Trapped);
  // The load from address 0 + 1 + 2 + 3 faults, after the add before it.
  EXPECT_EQ(whole.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(whole.trap().address, 6u);
  EXPECT_EQ(innermost(whole).pc, 13u);
  EXPECT_EQ(innermost(whole).registers[10], 6u); // %wild
  // main: li, call; sum: li, salloc, 2 x mov, 4 x 8 in the loop, then
  // add and the faulting ld.
  uint64_t total = 2 + 4 + 4 * 8 + 2;
  EXPECT_EQ(whole.stepsExecuted(), total);
  // %total, %slot, %same, %value
  expectLimitsStopWhereStepsDo(vm, AddressThenAccess, total, {5, 6, 7, 8});
  Program b(vm, parse(AddressThenAccess));
  b.startMain({"prog"});
  b.setBreakpoint(0, 7); // the ld after an add
  ASSERT_EQ(b.run(), RunStatus::Stopped);
  EXPECT_EQ(innermost(b).pc, 7u);
  EXPECT_EQ(innermost(b).registers[7], innermost(b).registers[6]); // %same
  EXPECT_EQ(innermost(b).registers[8], 0u); // %value, not yet
}

// An address pair takes the address from the first instruction's body; the
// access still reads every other operand from the registers, after the
// first has written its own: a store of the address itself stores it.
TEST(VMDebug, AnAddressPairStoringItsOwnAddressStoresIt) {
  VM vm;
  Program p(vm, parse(R"(
.func @main(%argc, %argv)
  salloc %buffer, 32, 8
  li %two, 2
  addmul %slot, %buffer, %two, 8
  st.64 %slot, %slot, 0
  add.i64 %other, %buffer, %two
  ld.64 %back, %slot, 0
  sub.i64 %offset, %back, %buffer
  ret [%offset]
.end
)"));
  ASSERT_EQ(p.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(p.exitCode(), 16);
  EXPECT_EQ(p.stepsExecuted(), 8u);
}

// A 32-bit index: added (wrapping at 32 bits), sign-extended, scaled into
// an address: the sign extension takes the add's result and the addmul
// the extension's, each from the body before it.
TEST(VMDebug, ForwardingPairsComputeAsTheirInstructions) {
  VM vm;
  const char *source = R"(
.func @main(%argc, %argv)
  li %base, 4096
  li %i, 2
  li %minus3, 4294967293
  add.i32 %k, %i, %minus3
  sext %wide, %k, 32, 64
  addmul %at, %base, %wide, 8
  sub.i64 %back, %base, %at
  ret [%back]
.end
)";
  Program p(vm, parse(source));
  ASSERT_EQ(p.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(p.exitCode(), 8); // 4096 - (4096 + (-1) * 8)
  expectLimitsStopWhereStepsDo(vm, source, 8, {6, 7, 8, 9}); // %k..%back
}

// A double computed and stored (fadd, fsub, fmuladd, each then st.64): the
// store takes the value from the arithmetic's body; a store that faults
// does so at its own pc, with the value already in its register.
TEST(VMDebug, ChainedResultsAreForwardedExactly) {
  // Each pair here runs as one dispatch, the second taking the first's
  // result from its body (shl/lshr into xor and and, xor into a 32-bit
  // multiply, an add into an add, a product into a multiply-add's addend).
  VM vm;
  const char *source = R"(
.func @main(%argc, %argv)
  li %x, 0x12345678
  li %five, 5
  li %three, 3
  shl.i32 %s, %x, %five
  xor %t, %s, %x
  lshr.i32 %u, %t, %three
  xor %v, %u, %t
  lshr.i32 %w, %v, %five
  and %m, %w, %x
  xor %h, %m, %five
  mul.i32 %p, %h, %x
  add.i64 %q, %p, %x
  add.i64 %r, %q, %p
  lf64 %f, 1.5
  lf64 %g, 2
  fmul.f64 %fg, %f, %g
  fmuladd.f64 %z, %f, %g, %fg
  fptosi.f64 %zi, %z, 32
  add.i64 %sum, %r, %zi
  li %mask, 255
  and %exit, %sum, %mask
  ret [%exit]
.end
)";
  Program p(vm, parse(source));
  p.startMain({"prog"});
  ASSERT_EQ(p.run(20), RunStatus::Stopped);
  const uint64_t *registers = innermost(p).registers;
  EXPECT_EQ(registers[7], 0x54be9978u);          // t
  EXPECT_EQ(registers[9], 0x5e294a57u);          // v
  EXPECT_EQ(registers[11], 0x2304250u);          // m
  EXPECT_EQ(registers[13], 0xb02ba5d8u);         // p: 32 bits
  EXPECT_EQ(registers[15], 6216720936u);         // r
  EXPECT_EQ(registers[19], 0x4018000000000000u); // z = 6.0
  ASSERT_EQ(p.run(), RunStatus::Returned);
  EXPECT_EQ(p.results(), std::vector<uint64_t>{46});
  EXPECT_EQ(p.stepsExecuted(), 22u);
  expectLimitsStopWhereStepsDo(vm, source, 22,
                               {6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19});
}

TEST(VMDebug, ALoadAndTheTestOfItsValueStepAlone) {
  // A list walk whose ld.64 of the next pointer runs as one dispatch with
  // the eq (or ne) and br testing it, and a walk that then loads through
  // the null pointer at the end.
  VM vm;
  const char *source = R"(
.data @list align 8 rw size 48
.end
.func @main(%argc, %argv)
  addr %head, @list
  li %sixteen, 16
  li %one, 1
  add.i64 %second, %head, %sixteen
  st.64 %second, %head, 0
  add.i64 %third, %second, %sixteen
  st.64 %third, %second, 0
  li %count, 0
  mov %node, %head
first:
  add.i64 %count, %count, %one
  ld.64 %node, %node, 0
  eq %end, %node, r0
  br %end, second, first
second:
  mov %node, %head
again:
  add.i64 %count, %count, %one
  ld.64 %node, %node, 0
  ne %more, %node, r0
  br %more, again, last
last:
  ret [%count]
.end
)";
  Program p(vm, parse(source));
  ASSERT_EQ(p.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(p.exitCode(), 6);
  // 9 before the loops, 3 x 4 in each, a mov between them and the ret.
  EXPECT_EQ(p.stepsExecuted(), 9u + 12u + 1u + 12u + 1u);
  expectLimitsStopWhereStepsDo(vm, source, 35, {8, 9, 10, 11});

  Program faulting(vm, parse(R"(
.func @main(%argc, %argv)
  li %node, 0
  ld.64 %next, %node, 8
  eq %end, %next, r0
  br %end, done, done
done:
  ret [r0]
.end
)"));
  ASSERT_EQ(faulting.runMain({"prog"}), RunStatus::Trapped);
  EXPECT_EQ(faulting.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(faulting.trap().address, 8u);
  EXPECT_EQ(faulting.trap().pc, 1u);
  EXPECT_EQ(faulting.stepsExecuted(), 2u); // the li and the faulting ld
}

// Every forwarding pair of the integer and floating-point chains in the
// benchmarks (hash steps, index arithmetic, loads whose value the next
// instruction uses, the terms of a distance or of an escape test, a
// condition computed and branched on), one after the other: each register
// at every step limit is what single steps (the instructions' own
// handlers) leave, and so is the result.
TEST(VMDebug, EveryForwardedPairComputesAsItsTwoInstructions) {
  VM vm;
  const char *source = R"(
.func @main(%argc, %argv)
  li %x, 0x9e3779b97f4a7c15
  li %three, 3
  li %five, 5
  lf64 %half, 0.5
  lf64 %two, 2
  salloc %buffer, 32, 8
  st.64 %x, %buffer, 0
  st.64 %half, %buffer, 8
  mul.i64 %a, %x, %x
  trunc %b, %a, 32
  lshr.i32 %c, %b, %three
  add.i32 %d, %c, %x
  uitofp.f64 %e, %d
  fdiv.f64 %f, %two, %e
  or %g, %d, %five
  add.i64 %h, %x, %g
  add.i32 %i, %h, %x
  ult %j, %i, %x
  ne %k, %i, %x
  and %l, %k, %h
  fmul.f64 %m, %f, %two
  fmuladd.f64 %n, %m, %half, %two
  fsub.f64 %o, %n, %half
  fadd.f64 %p, %two, %o
  fadd.f64 %q, %p, %half
  fmul.f64 %r, %q, %two
  fadd.f64 %s, %r, %half
  fcmp.ole.f64 %t, %s, %two
  ld.64 %u, %buffer, 8
  fsub.f64 %v, %u, %two
  mul.i64 %w, %three, %five
  addmul %y, %buffer, %w, 0
  trunc %z, %x, 16
  xor %aa, %x, %z
  ld.u8 %ab, %buffer, 1
  xor %ac, %aa, %ab
  xor %ad, %ab, %five
  addmul %ae, %buffer, %ad, 0
  xor %af, %ac, %x
  add.i32 %ag, %five, %af
  ld.u32 %ah, %buffer, 4
  sge.i32 %ai, %x, %ah
  slt.i32 %aj, %ag, %ah
  select %ak, %aj, %five, %three
  xor %al, %ah, %ag
  lshr.i32 %am, %al, %three
  ld.u8 %an, %buffer, 0
  addmul %ao, %buffer, %an, 0
  ld.u32 %ap, %buffer, 0
  add.i32 %aq, %ap, %am
  and %ar, %aq, %x
  add.i32 %as, %ar, %five
  ult %at, %as, %ap
  select %au, %ak, %at, %five
  ld.64 %av, %buffer, 8
  fsub.f64 %aw, %two, %av
  fmuladd.f64 %ax, %aw, %aw, %half
  fmuladd.f64 %ay, %two, %two, %ax
  fmuladd.f64 %az, %ay, %ay, %half
  sqrt.f64 %root, %az
  mov %copy, %az
  sqrt.f64 %ba, %az
  fmul.f64 %bb, %two, %ba
  fmul.f64 %bc, %bb, %half
  fdiv.f64 %bd, %two, %bc
  fneg.f64 %be, %bd
  fmul.f64 %bf, %two, %be
  ld.u32 %bg, %buffer, 0
  sgt.i32 %bh, %bg, %ap
  sub.i64 %bi, %x, %bg
  add.i64 %bj, %bh, %bi
  select %bk, %j, %l, %au
  br %bk, masked, odd
masked:
  and %bl, %bj, %five
  br %bl, odd, even
odd:
  xor %bm, %bj, %three
  ret [%bm]
even:
  ret [%bj]
.end
)";
  // The whole program by single steps, then at full speed.
  Program q(vm, parse(source));
  q.startMain({"prog"});
  RunStatus status;
  uint64_t steps = 0;
  while ((status = q.step()) == RunStatus::Stopped)
    ++steps;
  ASSERT_EQ(status, RunStatus::Returned);
  Program p(vm, parse(source));
  p.startMain({"prog"});
  ASSERT_EQ(p.run(), RunStatus::Returned);
  EXPECT_EQ(p.results(), q.results());
  EXPECT_EQ(p.stepsExecuted(), steps + 1);
  std::vector<unsigned> registers;
  for (unsigned r = 3; r < p.module().functions[0].numRegs; ++r)
    registers.push_back(r);
  expectLimitsStopWhereStepsDo(vm, source, steps + 1, registers);

  // A load that begins a pair and faults stops at its own pc, the
  // instruction after it not begun.
  Program faulting(vm, parse(R"(
.func @main(%argc, %argv)
  lf64 %two, 2
  li %nowhere, 64
  ld.64 %u, %nowhere, 0
  fsub.f64 %v, %u, %two
  ret [r0]
.end
)"));
  ASSERT_EQ(faulting.runMain({"prog"}), RunStatus::Trapped);
  EXPECT_EQ(faulting.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(faulting.trap().pc, 2u);
  EXPECT_EQ(faulting.stepsExecuted(), 3u);
}

TEST(VMDebug, StoredDoublesAreTheirInstructionsResults) {
  VM vm;
  const char *source = R"(
.func @main(%argc, %argv)
  salloc %buffer, 24, 8
  lf64 %x, 1.5
  lf64 %y, 0.25
  fadd.f64 %sum, %x, %y
  st.64 %sum, %buffer, 0
  fsub.f64 %difference, %x, %y
  st.64 %difference, %buffer, 8
  fmuladd.f64 %product, %x, %y, %sum
  st.64 %product, %buffer, 16
  ld.64 %a, %buffer, 0
  ld.64 %b, %buffer, 8
  ld.64 %c, %buffer, 16
  fadd.f64 %ab, %a, %b
  fadd.f64 %abc, %ab, %c
  lf64 %eight, 8
  fmul.f64 %total, %abc, %eight
  fptosi.f64 %exit, %total, 32
  ret [%exit]
.end
)";
  Program p(vm, parse(source));
  ASSERT_EQ(p.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(p.exitCode(), 41); // 8 x (1.75 + 1.25 + (0.375 + 1.75))
  EXPECT_EQ(p.stepsExecuted(), 18u);
  expectLimitsStopWhereStepsDo(vm, source, 18, {6, 7, 8});

  Program faulting(vm, parse(R"(
.func @main(%argc, %argv)
  lf64 %x, 1.5
  fsub.f64 %difference, %x, %x
  st.64 %difference, r0, 8
  ret [r0]
.end
)"));
  ASSERT_EQ(faulting.runMain({"prog"}), RunStatus::Trapped);
  EXPECT_EQ(faulting.trap().kind, TrapKind::MemoryFault);
  EXPECT_EQ(faulting.trap().address, 8u);
  EXPECT_EQ(faulting.trap().pc, 2u);
}

// Phi copies on a loop's back edge: mov, mov, li and the jmp back, run as
// two dispatches (a pair of moves, a constant and the jump).
namespace {

const char *const Fibonacci = R"(
.func @fib(%n)
  li %one, 1
  mov %a, r0
  mov %b, %one
  mov %i, r0
again:
  add.i64 %sum, %a, %b
  add.i64 %i, %i, %one
  ult %more, %i, %n
  br %more, copies, done
copies:
  mov %a, %b
  mov %b, %sum
  li %seven, 7
  jmp again
done:
  ret [%b]
.end
.func @main(%argc, %argv)
  li %ten, 10
  call [%r], @fib, [%ten]
  ret [%r]
.end
)";

} // namespace

TEST(VMDebug, FusedPhiCopiesCountOneStepEach) {
  VM vm;
  Program whole(vm, parse(Fibonacci));
  ASSERT_EQ(whole.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(whole.exitCode(), 55);
  // main: li, call, ret; fib: li, 3 x mov, 9 x 8 in the loop, then add,
  // add, ult, br, ret.
  uint64_t total = 3 + 4 + 9 * 8 + 5;
  EXPECT_EQ(whole.stepsExecuted(), total);
  // %a, %b, %sum, %seven
  expectLimitsStopWhereStepsDo(vm, Fibonacci, total, {3, 4, 6, 8});
  Program b(vm, parse(Fibonacci));
  b.startMain({"prog"});
  b.setBreakpoint(0, 9); // the second copy, on the loop's second round
  ASSERT_EQ(b.run(), RunStatus::Stopped);
  ASSERT_EQ(b.run(), RunStatus::Stopped);
  EXPECT_EQ(innermost(b).pc, 9u);
  EXPECT_EQ(innermost(b).registers[3], 1u); // %a, copied
  EXPECT_EQ(innermost(b).registers[6], 2u); // %sum
  EXPECT_EQ(innermost(b).registers[4], 1u); // %b, not yet
}

// A jmp whose target is a jmp (cases of a switch ending at a loop's latch)
// runs both in one dispatch; limits, single steps and breakpoints still see
// two instructions.
namespace {

const char *const JumpToJump = R"(
.func @sum(%n)
  li %one, 1
  li %two, 2
  mov %i, r0
  mov %total, r0
head:
  ult %more, %i, %n
  br %more, body, done
body:
  and %odd, %i, %one
  add.i64 %i, %i, %one
  br %odd, odd, even
odd:
  add.i64 %total, %total, %two
  jmp latch
even:
  add.i64 %total, %total, %one
  jmp latch
latch:
  jmp head
done:
  ret [%total]
.end
.func @main(%argc, %argv)
  li %six, 6
  call [%r], @sum, [%six]
  ret [%r]
.end
)";

} // namespace

TEST(VMDebug, AJumpToAJumpCountsTwoInstructions) {
  VM vm;
  Program whole(vm, parse(JumpToJump));
  ASSERT_EQ(whole.runMain({"prog"}), RunStatus::Returned);
  EXPECT_EQ(whole.exitCode(), 9);
  // main: li, call, ret; sum: 2 li, 2 mov, 6 x (ult, br, and, add, br, add,
  // jmp, jmp), then ult, br, ret.
  uint64_t total = 3 + 4 + 6 * 8 + 3;
  EXPECT_EQ(whole.stepsExecuted(), total);
  expectLimitsStopWhereStepsDo(vm, JumpToJump, total, {4, 5}); // %i, %total
  Program b(vm, parse(JumpToJump));
  b.startMain({"prog"});
  b.setBreakpoint(0, 13); // the latch's jmp, reached only by jumps
  ASSERT_EQ(b.run(), RunStatus::Stopped);
  EXPECT_EQ(innermost(b).pc, 13u);
  EXPECT_EQ(innermost(b).registers[5], 1u); // %total after the first round
  ASSERT_EQ(b.run(), RunStatus::Stopped);
  EXPECT_EQ(innermost(b).registers[5], 3u);
}
