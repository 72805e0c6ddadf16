// The debugger's C++ parts (scheme/debugger): how input lines become
// Scheme, where locations are, and the engine that runs the program to
// breakpoints, through steps and until watched values change.
#include "asm/assembly.h"
#include "debugger/command_line.h"
#include "debugger/locations.h"
#include "debugger/target.h"

#include <gtest/gtest.h>

using namespace comet;
using namespace comet::debugger;

namespace {

TEST(CommandLine, CommandsBecomeCalls) {
  EXPECT_EQ(translateInput("break main").scheme,
            "(%command \"break\" (string->symbol \"main\"))");
  EXPECT_TRUE(translateInput("break main").isCommand);
  // Case is kept (the Scheme reader would fold a plain symbol).
  EXPECT_EQ(translateInput("p/x %Idx").scheme,
            "(%command \"p\" \"/x\" (string->symbol \"%Idx\"))");
  EXPECT_EQ(translateInput("x/4xw 0x1000").scheme,
            "(%command \"x\" \"/4xw\" (string->integer \"0x1000\"))");
  EXPECT_EQ(translateInput("set string 16 = \"a b\"").scheme,
            "(%command \"set\" (string->symbol \"string\") (string->integer "
            "\"16\") (string->symbol \"=\") \"a b\")");
  // An expression: its text, and a thunk in which %names read values.
  EXPECT_EQ(translateInput("condition 1 (> %i \"%s\")").scheme,
            "(%command \"condition\" (string->integer \"1\") (%expr \"(> %i "
            "\\\"%s\\\")\" (lambda () (> ($ \"%i\") \"%s\"))))");
}

TEST(CommandLine, SchemeAndCommentsPassThrough) {
  Translation scheme = translateInput("  (+ 1 2)  ");
  EXPECT_FALSE(scheme.isCommand);
  EXPECT_EQ(scheme.scheme, "(+ 1 2)");
  EXPECT_EQ(translateInput("42").scheme, "42");
  EXPECT_EQ(translateInput("#t").scheme, "#t");
  EXPECT_EQ(translateInput("# a comment").scheme, "");
  EXPECT_EQ(translateInput("   ").scheme, "");
  EXPECT_THROW(translateInput("print (+ 1"), Error);
  EXPECT_THROW(translateInput("print \"open"), Error);
}

TEST(CommandLine, IRNamesInExpressions) {
  EXPECT_EQ(rewriteIRNames("(+ %a @g 1)"), "(+ ($ \"%a\") ($ \"@g\") 1)");
  // Not inside strings or after a quote, and not in the middle of a word.
  EXPECT_EQ(rewriteIRNames("(f \"%a\" '%b x%c)"), "(f \"%a\" '%b x%c)");
  EXPECT_EQ(rewriteIRNames("(list #\\% %x.1)"), "(list #\\% ($ \"%x.1\"))");
}

const char *const Program = R"(
.source "walk.txt"
.import strcpy
.data @text rw
  .zero 8
.end
.data @hi ro
  .asciz "hi"
.end
.func @leaf(%n)
  .loc 2 1
  li %one, 1
  add.i64 %m, %n, %one
  .loc 3 1
  ret [%m]
.end
.func @main(%argc, %argv)
  .loc 6 1
  li %x, 5
  .loc 7 1
  call [%y], @leaf, [%x]
  .loc 8 1
  addr %t, @text
  addr %h, @hi
  call [], @strcpy, [%t, %h]
  .loc 9 1
  ret [%y]
.end
)";

class TargetTest : public ::testing::Test {
protected:
  TargetTest()
      : module(assembly::parse(Program, "walk.cas")),
        target(module, std::make_shared<SourceMap>(plainSourceMap(module)),
               quiet(), {"walk"}) {}

  static ProgramOptions quiet() {
    ProgramOptions options;
    options.output = [](int, std::string_view) {};
    return options;
  }

  StopEvent go(Plan::Kind kind, uint64_t count = 1) {
    Plan plan;
    plan.kind = kind;
    plan.count = count;
    target.setPlan(plan);
    return target.resume();
  }
  std::string where() {
    Frame frame = target.frame(0);
    return module.functions[frame.function].name + ":" +
           std::to_string(frame.pc);
  }

  Module module;
  Target target;
};

TEST_F(TargetTest, BreakpointsStepsAndFinish) {
  StopPoint point;
  point.locations = resolveLocation(module, target.sourceMap(), "leaf", {});
  int number = target.stopPoints().add(point).number;
  target.start();
  StopEvent event = go(Plan::Kind::Continue);
  ASSERT_EQ(event.kind, StopEvent::Kind::Breakpoint);
  EXPECT_EQ(event.points, std::vector<int>{number});
  EXPECT_EQ(where(), "leaf:0");
  // step moves by .loc line: li and add are line 2.
  EXPECT_EQ(go(Plan::Kind::Step).kind, StopEvent::Kind::PlanDone);
  EXPECT_EQ(where(), "leaf:2");
  EXPECT_EQ(go(Plan::Kind::Finish).kind, StopEvent::Kind::PlanDone);
  EXPECT_EQ(where(), "main:2");                // after the call
  EXPECT_EQ(target.frame(0).registers[4], 6u); // %y
  // next steps over the host call to line 9.
  EXPECT_EQ(go(Plan::Kind::Next).kind, StopEvent::Kind::PlanDone);
  EXPECT_EQ(where(), "main:5");
  StopEvent end = go(Plan::Kind::Continue);
  EXPECT_EQ(end.kind, StopEvent::Kind::Exited);
  EXPECT_EQ(end.exitCode, 6);
  EXPECT_EQ(target.state(), TargetState::Exited);
}

TEST_F(TargetTest, WatchpointsSeeHostWritesAndFrameEnds) {
  target.start();
  StopPoint memory;
  memory.kind = StopPoint::Kind::MemoryWatch;
  memory.address = target.program()->dataAddress(0); // @text
  memory.size = 2;
  StopPoint &added = target.stopPoints().add(memory);
  target.snapshotWatch(added);
  int number = added.number;
  StopEvent event = go(Plan::Kind::Continue);
  ASSERT_EQ(event.kind, StopEvent::Kind::Watchpoint);
  EXPECT_EQ(event.points, std::vector<int>{number});
  EXPECT_EQ(where(), "main:5"); // just after strcpy wrote "hi"
  const StopPoint *seen = target.stopPoints().find(number);
  EXPECT_EQ(seen->lastBytes, (std::vector<uint8_t>{'h', 'i'}));
  EXPECT_EQ(seen->previousBytes, (std::vector<uint8_t>{0, 0}));
}

TEST_F(TargetTest, RegisterWatchEndsWithItsFrame) {
  StopPoint point;
  point.locations = resolveLocation(module, target.sourceMap(), "leaf", {});
  target.stopPoints().add(point);
  target.start();
  ASSERT_EQ(go(Plan::Kind::Continue).kind, StopEvent::Kind::Breakpoint);
  StopPoint watch;
  watch.kind = StopPoint::Kind::RegisterWatch;
  watch.registers = {3}; // %m
  watch.frameIndex = 1;
  watch.frameSerial = target.frame(0).serial;
  StopPoint &added = target.stopPoints().add(watch);
  target.snapshotWatch(added);
  StopEvent changed = go(Plan::Kind::Continue);
  ASSERT_EQ(changed.kind, StopEvent::Kind::Watchpoint);
  EXPECT_EQ(where(), "leaf:2");
  StopEvent scope = go(Plan::Kind::Continue);
  EXPECT_EQ(scope.kind, StopEvent::Kind::WatchScope);
  EXPECT_EQ(where(), "main:2");
}

TEST_F(TargetTest, LocationsAndTheirErrors) {
  const SourceMap &map = target.sourceMap();
  EXPECT_EQ(resolveLocation(module, map, "@main", {}).front().pc, 0u);
  EXPECT_EQ(resolveLocation(module, map, "*main:2", {}).front().pc, 2u);
  EXPECT_EQ(resolveLocation(module, map, "main:%t", {}).front().pc, 2u);
  // Line 4 has no code: the next line that has, 6.
  Location line = resolveLocation(module, map, "walk.txt:4", {}).front();
  EXPECT_EQ(module.functions[line.function].name, "main");
  EXPECT_EQ(line.pc, 0u);
  EXPECT_THROW(resolveLocation(module, map, "nosuch", {}), Error);
  EXPECT_THROW(resolveLocation(module, map, "*main:99", {}), Error);
  EXPECT_THROW(resolveLocation(module, map, "main:%nosuch", {}), Error);
  EXPECT_THROW(resolveLocation(module, map, "%x", {}), Error);
  EXPECT_THROW(resolveLocation(module, map, "99", {}), Error);
}

} // namespace
