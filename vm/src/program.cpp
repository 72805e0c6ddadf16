// Program: the public face of a loaded module and its thread; and the
// interpreter services that live outside the dispatch loop.
#include "host_functions.h"
#include "interpreter.h"

#include <cstring>
#include <utility>

namespace comet {

const char *trapKindName(TrapKind kind) {
  switch (kind) {
  case TrapKind::None:
    return "none";
  case TrapKind::MemoryFault:
    return "memory fault";
  case TrapKind::DivideByZero:
    return "division by zero";
  case TrapKind::IntegerOverflow:
    return "integer overflow in division";
  case TrapKind::Unreachable:
    return "unreachable executed";
  case TrapKind::Breakpoint:
    return "breakpoint instruction";
  case TrapKind::StepLimit:
    return "step limit reached";
  case TrapKind::MemoryLimit:
    return "memory limit reached";
  case TrapKind::CallDepth:
    return "call depth limit reached";
  case TrapKind::StackOverflow:
    return "stack overflow";
  case TrapKind::Abort:
    return "aborted";
  case TrapKind::HostError:
    return "host function error";
  case TrapKind::BadCall:
    return "call to an address that is no function";
  case TrapKind::BadLongjmp:
    return "longjmp to a jmp_buf that is not set or whose frame returned";
  case TrapKind::UndefinedBehaviour:
    return "undefined behaviour";
  }
  return "unknown";
}

const char *undefinedBehaviourName(uint64_t kind) {
  switch (static_cast<UndefinedBehaviourKind>(kind)) {
  case UndefinedBehaviourKind::SignedOverflow:
    return "signed overflow of an nsw operation";
  case UndefinedBehaviourKind::UnsignedOverflow:
    return "unsigned overflow of an nuw operation";
  case UndefinedBehaviourKind::ShiftTooFar:
    return "shift by the width or more";
  case UndefinedBehaviourKind::InexactExact:
    return "an exact division or shift dropped bits";
  }
  return "undefined behaviour";
}

int trapExitStatus(TrapKind kind) {
  switch (kind) {
  case TrapKind::MemoryFault:
  case TrapKind::StackOverflow:
  case TrapKind::CallDepth:
  case TrapKind::BadCall:
    return 128 + 11; // SIGSEGV
  case TrapKind::DivideByZero:
  case TrapKind::IntegerOverflow:
    return 128 + 8; // SIGFPE
  case TrapKind::Unreachable:
  case TrapKind::Breakpoint:
    return 128 + 4; // SIGILL, as clang's ud2 for unreachable
  case TrapKind::Abort:
  case TrapKind::HostError:
  case TrapKind::BadLongjmp:
  case TrapKind::UndefinedBehaviour:
    return 128 + 6; // SIGABRT, as a sanitizer's abort
  case TrapKind::StepLimit:
    return 128 + 24; // SIGXCPU
  case TrapKind::MemoryLimit:
    return 128 + 9; // SIGKILL, as the OOM killer
  case TrapKind::None:
    return 0;
  }
  return 1;
}

VM::VM() {
  for (const HostFunctionEntry &entry : standardHostFunctions())
    hostFunctions[std::string(entry.name)] = entry.function;
}

void VM::registerHost(const std::string &name, HostFunction function) {
  hostFunctions[name] = function;
}

HostFunction VM::findHost(const std::string &name) const {
  auto it = hostFunctions.find(name);
  return it == hostFunctions.end() ? nullptr : it->second;
}

// ---- interpreter services

RunStatus Interpreter::recordTrap(TrapKind kind, uint64_t address,
                                  std::string message) {
  trap.kind = kind;
  trap.address = address;
  trap.message = std::move(message);
  if (!frames.empty()) {
    const ActiveFrame &top = frames.back();
    trap.function = top.function;
    trap.pc = uint32_t(top.pc - functions[top.function].code.data());
  }
  return RunStatus::Trapped;
}

RunStatus Interpreter::recordMemoryFault(const MemoryFault &fault) {
  if (fault.kind == MemoryFault::Limit)
    return recordTrap(TrapKind::MemoryLimit, fault.address,
                      "more than " + std::to_string(memory.memoryLimit()) +
                          " bytes of guest memory");
  std::string what = fault.write ? "write to " : "read from ";
  what += fault.kind == MemoryFault::ReadOnly ? "read-only" : "unmapped";
  what += " memory";
  std::string region = memory.regionName(fault.address);
  if (!region.empty())
    what += " (in " + region + ")";
  return recordTrap(TrapKind::MemoryFault, fault.address, what);
}

RunStatus Interpreter::run(size_t baseDepth, bool pauseAllowed) {
  for (bool first = true;; first = false) {
    const ActiveFrame &top = frames.back();
    uint32_t pc = uint32_t(top.pc - functions[top.function].code.data());
    auto breakpoint = breakpoints.find({top.function, pc});
    bool stepOver = breakpoint != breakpoints.end() &&
                    (!pauseAllowed || (first && resumeAtBreakpoint));
    if (breakpoint != breakpoints.end() && !pauseAllowed && budget > 0)
      ++passedBreakpoints[{top.function, pc}];
    RunStatus status;
    if (stepOver && budget > 0) {
      // Run the one instruction under the breakpoint with its own handler.
      Code &code = const_cast<Code &>(*top.pc);
      code.handler = breakpoint->second;
      uint64_t rest = budget - 1;
      budget = 1;
      status = execute(baseDepth);
      code.handler = breakpointHandler();
      budget += rest;
      if (status == RunStatus::Stopped && budget > 0)
        status = execute(baseDepth);
    } else {
      status = execute(baseDepth);
    }
    resumeAtBreakpoint = false;
    if (status != RunStatus::Stopped)
      return status;
    if (budget > 0) { // at a breakpoint
      if (pauseAllowed) {
        resumeAtBreakpoint = true;
        return status;
      }
      continue;
    }
    if (pauseAllowed || budgetIsStepLimit)
      return status;
    // A requested step count ran out inside a host function's callback:
    // carry on up to the step limit.
    uint64_t used = stepsExecuted + granted;
    budget = stepLimit > used ? stepLimit - used : 0;
    granted += budget;
    budgetIsStepLimit = true;
    if (budget == 0)
      return status;
  }
}

void HostCall::missingArgument(unsigned i) {
  throw HostTrap{"host call is missing argument " + std::to_string(i + 1)};
}

uint64_t HostCall::callGuest(uint64_t address,
                             std::initializer_list<uint64_t> arguments) {
  return thread.callGuest(address, arguments.begin(), arguments.size());
}

uint64_t Interpreter::callGuest(uint64_t address, const uint64_t *args,
                                size_t count) {
  int64_t function = functionAt(address);
  if (function < 0) {
    int64_t import = importAt(address);
    if (import >= 0 && importFunctions[import]) {
      uint64_t result = 0;
      if (invokeHost(importFunctions[import], args, count, result) !=
          RunStatus::Returned)
        throw GuestUnwind{};
      return result;
    }
    recordTrap(TrapKind::BadCall, address,
               "a host function called back into a non-function");
    throw GuestUnwind{};
  }
  size_t depth = frames.size();
  if (!pushFrame(uint32_t(function), args, count))
    throw GuestUnwind{};
  ++nesting;
  RunStatus status = run(depth, false);
  --nesting;
  if (status == RunStatus::Stopped) // out of steps inside a callback
    recordTrap(TrapKind::StepLimit, 0,
               std::to_string(stepLimit) + " instructions executed");
  if (status != RunStatus::Returned)
    throw GuestUnwind{};
  return results.empty() ? 0 : results[0];
}

// ---- Program

Program::Program(const VM &vm, Module module, ProgramOptions options)
    : interpreter(
          std::make_unique<Interpreter>(vm, std::move(module), options)) {}
Program::~Program() = default;

const Module &Program::module() const { return interpreter->module; }
AddressSpace &Program::memory() { return interpreter->memory; }
Libc &Program::libc() { return *interpreter->libc; }

std::optional<uint32_t> Program::findFunction(std::string_view name) const {
  const auto &functions = interpreter->module.functions;
  for (size_t i = 0; i < functions.size(); ++i)
    if (functions[i].name == name)
      return uint32_t(i);
  return std::nullopt;
}

uint64_t Program::functionAddress(uint32_t function) const {
  return layout::FunctionBase + function * layout::CodeAddressStride;
}

uint64_t Program::dataAddress(uint32_t data) const {
  const Interpreter &in = *interpreter;
  uint64_t symbol = in.module.dataSymbol(data);
  if (data >= in.module.data.size() || symbol >= in.symbolAddresses.size())
    throw Error("no data object number " + std::to_string(data));
  return in.symbolAddresses[symbol];
}

void Program::start(uint32_t function, std::span<const uint64_t> arguments) {
  Interpreter &in = *interpreter;
  if (function >= in.functions.size())
    throw Error("no function number " + std::to_string(function));
  in.frames.clear();
  in.spilledArguments.clear(); // left by a call that trapped
  in.stackPointer = layout::StackTop;
  in.trap = TrapInfo{};
  in.results.clear();
  in.resumeAtBreakpoint = false;
  if (!in.pushFrame(function, arguments.data(), arguments.size()))
    throw Error("cannot start '" + in.module.functions[function].name + "'");
}

RunStatus Program::run(uint64_t steps) {
  Interpreter &in = *interpreter;
  if (in.frames.empty())
    throw Error("nothing to run: call start() first");
  uint64_t left =
      in.stepLimit > in.stepsExecuted ? in.stepLimit - in.stepsExecuted : 0;
  in.granted = std::min(steps, left);
  in.budget = in.granted;
  in.budgetIsStepLimit = left <= steps;
  in.trap = TrapInfo{};
  RunStatus status = in.run(0, true);
  in.stepsExecuted += in.granted - in.budget;
  in.granted = in.budget = 0;
  if (status == RunStatus::Stopped && !in.resumeAtBreakpoint &&
      in.budgetIsStepLimit)
    status = in.recordTrap(TrapKind::StepLimit, 0,
                           std::to_string(in.stepsExecuted) +
                               " instructions executed");
  if (status == RunStatus::Returned || status == RunStatus::Exited)
    in.frames.clear();
  return status;
}

RunStatus Program::call(uint32_t function,
                        std::span<const uint64_t> arguments) {
  start(function, arguments);
  return run();
}

RunStatus Program::runMain(const std::vector<std::string> &arguments) {
  startMain(arguments);
  return finishMain(run());
}

void Program::startMain(const std::vector<std::string> &arguments) {
  Interpreter &in = *interpreter;
  std::optional<uint32_t> main = findFunction("main");
  if (!main)
    throw Error("the module has no function 'main'");
  // argv strings and the argv array go at the top of the guest stack.
  uint64_t top = layout::StackTop;
  std::vector<uint64_t> pointers;
  for (const std::string &arg : arguments) {
    top -= arg.size() + 1;
    in.memory.write(top, arg.c_str(), arg.size() + 1);
    pointers.push_back(top);
  }
  pointers.push_back(0);
  top = (top - pointers.size() * 8) & ~uint64_t(15);
  in.memory.write(top, pointers.data(), pointers.size() * 8);
  uint64_t args[] = {arguments.size(), top};
  start(*main, args);
  in.stackPointer = in.frames.back().savedStackPointer = top;
  in.mainStackTop = top;
}

RunStatus Program::finishMain(RunStatus status) {
  Interpreter &in = *interpreter;
  uint64_t top = in.mainStackTop;
  if (status == RunStatus::Returned)
    in.exitCode = int(uint32_t(in.results.empty() ? 0 : in.results[0]));
  // exit() and a return from main both run the atexit handlers.
  if (status == RunStatus::Returned || status == RunStatus::Exited) {
    in.granted = in.budget =
        in.stepLimit > in.stepsExecuted ? in.stepLimit - in.stepsExecuted : 0;
    in.budgetIsStepLimit = true;
    for (uint64_t handler : in.libc->takeAtexitHandlers()) {
      in.frames.clear();
      in.stackPointer = top;
      try {
        HostCall call{in, in.memory, *in.libc, nullptr, 0};
        call.callGuest(handler, {});
      } catch (const GuestUnwind &) {
        if (in.trap.kind != TrapKind::None) {
          status = RunStatus::Trapped;
          break;
        }
        status = RunStatus::Exited; // exit() inside a handler
      }
    }
    in.stepsExecuted += in.granted - in.budget;
    in.granted = in.budget = 0;
    in.frames.clear();
  }
  in.libc->flush();
  return status;
}

void Program::flushOutput() { interpreter->libc->flush(); }

const std::vector<uint64_t> &Program::results() const {
  return interpreter->results;
}
int Program::exitCode() const { return interpreter->exitCode; }
const TrapInfo &Program::trap() const { return interpreter->trap; }
uint64_t Program::stepsExecuted() const { return interpreter->stepsExecuted; }
void Program::setStepLimit(uint64_t maxSteps) {
  interpreter->stepLimit = maxSteps;
}

std::vector<Frame> Program::frames() const {
  std::vector<Frame> result;
  for (size_t i = 0; i < interpreter->frames.size(); ++i)
    result.push_back(frame(i));
  return result;
}

size_t Program::frameCount() const { return interpreter->frames.size(); }

Frame Program::frame(size_t index) const {
  const ActiveFrame &f = interpreter->frames.at(index);
  return Frame{f.function,
               uint32_t(f.pc - interpreter->functions[f.function].code.data()),
               f.registers, f.serial};
}

void Program::setBreakpoint(uint32_t function, uint32_t pc) {
  Interpreter &in = *interpreter;
  if (function >= in.functions.size() ||
      pc >= in.functions[function].code.size())
    throw Error("no instruction " + std::to_string(pc) + " in function " +
                std::to_string(function));
  if (in.breakpoints.count({function, pc}))
    return;
  in.deoptimise(function);
  Code &code = in.functions[function].code[pc];
  in.breakpoints[{function, pc}] = code.handler;
  code.handler = Interpreter::breakpointHandler();
}

void Program::clearBreakpoint(uint32_t function, uint32_t pc) {
  Interpreter &in = *interpreter;
  auto it = in.breakpoints.find({function, pc});
  if (it == in.breakpoints.end())
    return;
  in.functions[function].code[pc].handler = it->second;
  in.breakpoints.erase(it);
}

std::map<std::pair<uint32_t, uint32_t>, uint64_t>
Program::takePassedBreakpoints() {
  return std::exchange(interpreter->passedBreakpoints, {});
}

bool Program::stoppedAtBreakpoint() const {
  return interpreter->resumeAtBreakpoint;
}

RunStatus Program::step() {
  Interpreter &in = *interpreter;
  if (in.frames.empty())
    throw Error("nothing to run: call start() first");
  // Marked as stopped at a breakpoint, run() executes the instruction at
  // the pc with its own handler whether a breakpoint is set there or not.
  in.resumeAtBreakpoint = true;
  return run(1);
}

} // namespace comet
