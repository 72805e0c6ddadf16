// Primitives for the program as a whole: its state, starting it, the
// stepping plans and resuming, frames, and the trap it stopped at.
#include "debugger/format.h"
#include "debugger/locations.h"
#include "debugger/session.h"
#include "debugger/text.h"

namespace comet::debugger {

using scheme::Arguments;
using scheme::SchemeError;
using scheme::Value;

Target &requireTarget(Target *target) {
  if (!target)
    throw SchemeError("there is no program (comet-vm repl debugs none)");
  return *target;
}

namespace {

const char *stateName(TargetState state) {
  switch (state) {
  case TargetState::NotStarted:
    return "not-started";
  case TargetState::Paused:
    return "stopped";
  case TargetState::Exited:
    return "exited";
  case TargetState::Trapped:
    return "trapped";
  }
  return "unknown";
}

Value eventValue(const StopEvent &event) {
  std::vector<Value> items;
  switch (event.kind) {
  case StopEvent::Kind::Breakpoint:
    items.push_back(Value::symbol("breakpoint"));
    break;
  case StopEvent::Kind::Watchpoint:
    items.push_back(Value::symbol("watchpoint"));
    break;
  case StopEvent::Kind::WatchScope:
    items.push_back(Value::symbol("watch-scope"));
    break;
  case StopEvent::Kind::PlanDone:
    items.push_back(Value::symbol("done"));
    break;
  case StopEvent::Kind::Exited:
    items.push_back(Value::symbol("exited"));
    items.push_back(Value::integerOf(event.exitCode));
    break;
  case StopEvent::Kind::Trapped:
    items.push_back(Value::symbol("trapped"));
    break;
  case StopEvent::Kind::Interrupted:
    items.push_back(Value::symbol("interrupted"));
    break;
  }
  for (int point : event.points)
    items.push_back(Value::integerOf(point));
  return Value::list(std::move(items));
}

// The optional frame number argument at `index` (default: the selected
// frame).
size_t frameArgument(const Arguments &args, size_t index, Target &target) {
  int64_t number = args.integerOr(index, int64_t(target.selectedFrame()));
  if (number < 0)
    args.fail("frame numbers start at 0");
  return size_t(number);
}

} // namespace

void defineProgramPrimitives(scheme::Interpreter &scheme, Target *&current) {
  definePrimitive(scheme, "program-state", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    if (!current)
      return Value::symbol("none");
    return Value::symbol(stateName(current->state()));
  });
  definePrimitive(scheme, "exit-code", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    Target &target = requireTarget(current);
    if (target.state() == TargetState::Trapped)
      return Value::integerOf(trapExitStatus(target.program()->trap().kind));
    return Value::integerOf(target.exitCode());
  });
  definePrimitive(
      scheme, "program-arguments", [&current](const Arguments &args) {
        args.expectCount(0, 0);
        std::vector<Value> items;
        for (const std::string &argument : requireTarget(current).arguments())
          items.push_back(Value::string(argument));
        return Value::list(std::move(items));
      });
  // (set-program-arguments! (list "a" "b")): argv[1..] of the next run.
  definePrimitive(
      scheme, "set-program-arguments!", [&current](const Arguments &args) {
        args.expectCount(1, 1);
        Target &target = requireTarget(current);
        if (args[0].kind != Value::Kind::List)
          args.wrongType(0, "a list of strings");
        std::vector<std::string> &arguments = target.arguments();
        arguments.resize(1);
        for (const Value &item : args[0].items)
          arguments.push_back(item.isText() ? item.text : writeValue(item));
        return Value::none();
      });
  // (dbg:start): a new run, paused before main's first instruction.
  definePrimitive(scheme, "dbg:start", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    requireTarget(current).start();
    return Value::none();
  });
  // (dbg:plan KIND [COUNT] [LOCATION]) with KIND one of continue, stepi,
  // step, next, finish, until, until-location.
  definePrimitive(scheme, "dbg:plan", [&current](const Arguments &args) {
    args.expectCount(1, 3);
    Target &target = requireTarget(current);
    std::string kind = args.text(0);
    Plan plan;
    if (kind == "continue")
      plan.kind = Plan::Kind::Continue;
    else if (kind == "stepi")
      plan.kind = Plan::Kind::StepInstruction;
    else if (kind == "step")
      plan.kind = Plan::Kind::Step;
    else if (kind == "next")
      plan.kind = Plan::Kind::Next;
    else if (kind == "finish")
      plan.kind = Plan::Kind::Finish;
    else if (kind == "until")
      plan.kind = Plan::Kind::Until;
    else if (kind == "until-location")
      plan.kind = Plan::Kind::UntilLocation;
    else
      args.fail("unknown plan '" + kind + "'");
    int64_t count = args.integerOr(1, 1);
    if (count < 1)
      args.fail("the count must be positive");
    plan.count = uint64_t(count);
    if (plan.kind == Plan::Kind::Finish &&
        target.state() == TargetState::Paused &&
        target.selectedFrame() + 1 >= target.frameCount())
      throw SchemeError("\"finish\" not meaningful in the outermost frame");
    if (plan.kind == Plan::Kind::UntilLocation) {
      std::optional<uint32_t> function;
      if (target.frameCount() > 0)
        function = target.frame(target.selectedFrame()).function;
      plan.locations = resolveLocation(target.module(), target.sourceMap(),
                                       args.text(2), function);
    }
    target.setPlan(std::move(plan));
    return Value::none();
  });
  // (dbg:resume): runs the plan; the stop event, as a list:
  // (breakpoint N...) (watchpoint N...) (watch-scope N) (done)
  // (exited CODE) (trapped) (interrupted).
  definePrimitive(scheme, "dbg:resume", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    Target &target = requireTarget(current);
    StopEvent event = target.resume();
    if (Program *program = target.program())
      program->flushOutput();
    std::fflush(stdout);
    return eventValue(event);
  });
  definePrimitive(scheme, "frame-count", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    return Value::integerOf(int64_t(requireTarget(current).frameCount()));
  });
  definePrimitive(scheme, "selected-frame", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    return Value::integerOf(int64_t(requireTarget(current).selectedFrame()));
  });
  definePrimitive(scheme, "select-frame!", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    Target &target = requireTarget(current);
    target.selectFrame(frameArgument(args, 0, target));
    return Value::none();
  });
  definePrimitive(scheme, "frame-function", [&current](const Arguments &args) {
    args.expectCount(0, 1);
    Target &target = requireTarget(current);
    Frame frame = target.frame(frameArgument(args, 0, target));
    return Value::string(target.module().functions[frame.function].name);
  });
  definePrimitive(scheme, "frame-pc", [&current](const Arguments &args) {
    args.expectCount(0, 1);
    Target &target = requireTarget(current);
    return Value::integerOf(target.frame(frameArgument(args, 0, target)).pc);
  });
  // An identity for the activation: it differs for every call.
  definePrimitive(scheme, "frame-id", [&current](const Arguments &args) {
    args.expectCount(0, 1);
    Target &target = requireTarget(current);
    return Value::integerOf(
        int64_t(target.frame(frameArgument(args, 0, target)).serial));
  });
  // (frame-number ID): the number the activation with that frame-id has
  // now; an error once it has returned (ids are never reused, so they
  // cannot come to name another activation).
  definePrimitive(scheme, "frame-number", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    Target &target = requireTarget(current);
    uint64_t id = uint64_t(args.integer(0));
    for (size_t number = 0; number < target.frameCount(); ++number)
      if (target.frame(number).serial == id)
        return Value::integerOf(int64_t(number));
    throw SchemeError("activation " + std::to_string(id) +
                      " has returned (or never existed)");
  });
  definePrimitive(
      scheme, "frame-description", [&current](const Arguments &args) {
        args.expectCount(0, 1);
        Target &target = requireTarget(current);
        return Value::string(
            Formatter(target).frameLine(frameArgument(args, 0, target)));
      });
  // (where-text [FRAME] [INSTRUCTION?]): the source line of a frame, or
  // its Comet instruction.
  definePrimitive(scheme, "where-text", [&current](const Arguments &args) {
    args.expectCount(0, 2);
    Target &target = requireTarget(current);
    bool instruction = args.has(1) && !args[1].isFalse();
    return Value::string(Formatter(target).whereLine(
        frameArgument(args, 0, target), instruction));
  });
  // (trap-info): #f, or an association list of the trap.
  definePrimitive(scheme, "trap-info", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    Target &target = requireTarget(current);
    if (target.state() != TargetState::Trapped)
      return Value::of(false);
    const TrapInfo &trap = target.program()->trap();
    const Module &module = target.module();
    return Value::list(
        {pair("kind", Value::string(trapKindName(trap.kind))),
         pair("message", Value::string(trap.message)),
         pair("address", Value::integerOf(int64_t(trap.address))),
         pair("function",
              Value::string(trap.function < module.functions.size()
                                ? module.functions[trap.function].name
                                : "")),
         pair("pc", Value::integerOf(trap.pc)),
         pair("exit-status", Value::integerOf(trapExitStatus(trap.kind)))});
  });
  definePrimitive(scheme, "trap-report", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    return Value::string(Formatter(requireTarget(current)).trapReport());
  });
  // (dbg:call-results): the values a `finish` brought back, as names of
  // the registers the call instruction before the pc wrote.
  definePrimitive(
      scheme, "dbg:call-results", [&current](const Arguments &args) {
        args.expectCount(0, 0);
        Target &target = requireTarget(current);
        std::vector<Value> names;
        if (target.frameCount() == 0)
          return Value::list();
        Frame frame = target.frame(0);
        const Function &f = target.module().functions[frame.function];
        if (frame.pc == 0)
          return Value::list();
        const Instruction &call = f.code[frame.pc - 1];
        if (call.op != Opcode::CALL && call.op != Opcode::CALLI)
          return Value::list();
        uint64_t count = call.operands.empty() ? 0 : call.operands[0];
        for (uint64_t i = 0; i < count && 1 + i < call.operands.size(); ++i) {
          names.push_back(
              Value::string(registerLabel(f, call.operands[1 + i])));
        }
        return Value::list(std::move(names));
      });
}

} // namespace comet::debugger
