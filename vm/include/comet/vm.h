// The C++ interface of the VM: a registry of host functions (VM) and
// programs, each a module loaded into its own isolated address space with
// one thread of execution (Program).
#ifndef COMET_VM_H
#define COMET_VM_H

#include "comet/host.h"
#include "comet/memory.h"
#include "comet/module.h"

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace comet {

enum class TrapKind : uint8_t {
  None,
  MemoryFault,
  DivideByZero,
  IntegerOverflow, // INT_MIN / -1
  Unreachable,
  Breakpoint, // the brk instruction
  StepLimit,
  MemoryLimit,
  CallDepth,
  StackOverflow,
  Abort,              // abort(), a failed assert
  HostError,          // a host function refused its arguments
  BadCall,            // an indirect call to an address that is no function
  BadLongjmp,         // a jmp_buf never set, or whose frame has returned
  UndefinedBehaviour, // a check instruction fired (UB-checking lowering)
};

// What the check instruction's immediate says happened.
enum class UndefinedBehaviourKind : uint8_t {
  SignedOverflow = 1,   // nsw
  UnsignedOverflow = 2, // nuw
  ShiftTooFar = 3,      // a shift amount >= the width
  InexactExact = 4,     // exact division or shift that drops bits
};
const char *undefinedBehaviourName(uint64_t kind);
const char *trapKindName(TrapKind kind);
// The exit status a driver reports for a trap, as a shell reports the
// matching signal of a native program (128 + signal number).
int trapExitStatus(TrapKind kind);

struct TrapInfo {
  TrapKind kind = TrapKind::None;
  uint32_t function = 0; // where it happened
  uint32_t pc = 0;
  uint64_t address = 0; // faulting address, for memory faults
  std::string message;
};

enum class RunStatus {
  Returned, // the called function returned
  Exited,   // the guest called exit()
  Trapped,
  Stopped, // at a breakpoint, or the requested number of steps ran
};

struct Limits {
  uint64_t maxSteps = UINT64_MAX;
  uint64_t maxMemory = uint64_t(1) << 32;
  uint32_t maxCallDepth = 100000;
  uint64_t registerStack = uint64_t(1) << 24; // registers, all frames
  uint64_t stackSize = layout::DefaultStackSize;
};

class VM {
public:
  VM(); // with the C library shim registered
  void registerHost(const std::string &name, HostFunction function);
  HostFunction findHost(const std::string &name) const;

private:
  std::map<std::string, HostFunction, std::less<>> hostFunctions;
};

struct ProgramOptions {
  Limits limits;
  OutputSink output;              // default: host stdout/stderr
  std::istream *input = nullptr;  // the guest's stdin; default: host's
  bool deterministicTime = false; // clock() and time() advance per call
};

struct Frame {
  uint32_t function;
  uint32_t pc; // the instruction executing (a call, while below it)
  uint64_t *registers;
  uint64_t serial; // tells this activation from every other, for debuggers
};

class Interpreter;

class Program {
public:
  // Verifies, links (every import must be a host function or host data)
  // and loads. Throws Error.
  Program(const VM &vm, Module module, ProgramOptions options = {});
  ~Program();

  const Module &module() const;
  AddressSpace &memory();
  Libc &libc();

  std::optional<uint32_t> findFunction(std::string_view name) const;
  uint64_t functionAddress(uint32_t function) const;
  // Where a data object of the module was loaded.
  uint64_t dataAddress(uint32_t data) const;

  // Starts a call; run() executes it. Arguments beyond the function's
  // parameters are ignored, missing ones are zero.
  void start(uint32_t function, std::span<const uint64_t> arguments);
  // Runs until return, exit, trap, a breakpoint, or `steps` instructions.
  RunStatus run(uint64_t steps = UINT64_MAX);
  // Calls a function to completion (start + run).
  RunStatus call(uint32_t function, std::span<const uint64_t> arguments);
  // Runs main(argc, argv) like a C runtime: argv in guest memory, then the
  // atexit handlers and a stdout flush. Returns the status; exitCode() is
  // main's result or exit()'s argument.
  RunStatus runMain(const std::vector<std::string> &arguments);
  // runMain in parts, for a debugger: startMain sets up argv and the call
  // of main; run() executes it, pausing at breakpoints; finishMain takes
  // the status run() ended with (Returned or Exited), runs the atexit
  // handlers and flushes stdout like runMain, and returns the final status.
  void startMain(const std::vector<std::string> &arguments);
  RunStatus finishMain(RunStatus status);

  // Writes out what the guest's stdout buffer holds.
  void flushOutput();
  const std::vector<uint64_t> &results() const;
  int exitCode() const;
  const TrapInfo &trap() const;
  uint64_t stepsExecuted() const;
  void setStepLimit(uint64_t maxSteps);

  // Inspection of the paused thread, innermost frame last.
  std::vector<Frame> frames() const;
  // The same one at a time, without building the list (index 0 is the
  // outermost frame).
  size_t frameCount() const;
  Frame frame(size_t index) const;

  void setBreakpoint(uint32_t function, uint32_t pc);
  void clearBreakpoint(uint32_t function, uint32_t pc);
  // Whether the last run() stopped at a breakpoint (rather than after the
  // steps it was given); run() then resumes by executing that instruction.
  bool stoppedAtBreakpoint() const;
  // Breakpoints reached inside guest code that a host function called back
  // (a qsort comparator), where the program cannot pause and so ran on:
  // (function, pc) -> times reached since the last call.
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> takePassedBreakpoints();
  // Executes exactly one instruction of the paused thread, a breakpoint
  // there or not: a call stops at the callee's first instruction, a host
  // function (with any guest callbacks) runs as one step.
  RunStatus step();

private:
  std::unique_ptr<Interpreter> interpreter;
};

} // namespace comet

#endif
