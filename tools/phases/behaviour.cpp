#include "phases/behaviour.h"

#include <sstream>

namespace comet::phases {

bool Behaviour::sameAs(const Behaviour &other) const {
  return ending == other.ending && exitCode == other.exitCode &&
         trap == other.trap && out == other.out && err == other.err;
}

std::string Behaviour::describe() const {
  switch (ending) {
  case Ending::Exit:
    return "exit " + std::to_string(exitCode);
  case Ending::Trap:
    return std::string("trap: ") + trapKindName(trap) +
           (trapMessage.empty() ? "" : " (" + trapMessage + ")") + " in " +
           trapFunction;
  case Ending::Hang:
    return "hang: no end after " + std::to_string(steps) + " instructions";
  }
  return "";
}

Behaviour run(const VM &vm, Module module, const RunSettings &settings) {
  Behaviour behaviour;
  std::istringstream input(settings.input);
  ProgramOptions options;
  options.limits.maxSteps = settings.maxSteps;
  options.input = &input;
  options.deterministicTime = true;
  options.output = [&](int stream, std::string_view bytes) {
    (stream == 2 ? behaviour.err : behaviour.out).append(bytes);
  };
  Program program(vm, std::move(module), options);
  RunStatus status = program.runMain(settings.arguments);
  behaviour.steps = program.stepsExecuted();
  switch (status) {
  case RunStatus::Returned:
  case RunStatus::Exited:
    behaviour.exitCode = program.exitCode();
    break;
  case RunStatus::Trapped:
  case RunStatus::Stopped: {
    const TrapInfo &trap = program.trap();
    if (trap.kind == TrapKind::StepLimit) {
      behaviour.ending = Behaviour::Ending::Hang;
      break;
    }
    behaviour.ending = Behaviour::Ending::Trap;
    behaviour.trap = trap.kind;
    behaviour.trapMessage = trap.message;
    behaviour.trapFunction = program.module().functions[trap.function].name;
    behaviour.trapPc = trap.pc;
    behaviour.exitCode = trapExitStatus(trap.kind);
    break;
  }
  }
  return behaviour;
}

} // namespace comet::phases
