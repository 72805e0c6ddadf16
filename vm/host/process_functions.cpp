// stdlib.h's program control (exit, abort, atexit, assert), environment,
// errno, rand and the abs family.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

namespace comet {
namespace {

uint64_t hostExit(HostCall &call) {
  // The interpreter runs the atexit handlers on the way out.
  call.libc.flush();
  throw GuestExit{intArgument(call, 0)};
}
uint64_t hostQuickExit(HostCall &call) {
  // _Exit skips stdio cleanup: what stdout still buffers is lost.
  call.libc.streams().discardBufferedOutput();
  throw GuestExit{intArgument(call, 0)};
}
uint64_t hostAbort(HostCall &call) {
  // Since glibc 2.27 abort() does not flush stdio either.
  call.libc.streams().discardBufferedOutput();
  throw HostTrap{"abort() called", true};
}
uint64_t hostAssertFail(HostCall &call) {
  std::string expression = call.memory.readString(call.arg(0));
  std::string file = call.memory.readString(call.arg(1));
  unsigned line = static_cast<uint32_t>(call.arg(2));
  std::string function =
      call.arg(3) ? call.memory.readString(call.arg(3)) : std::string();
  // glibc's layout: "PROG: FILE:LINE: FUNC: Assertion `EXPR' failed.\n".
  const std::string &program = call.libc.options().programName;
  std::string message = program + (program.empty() ? "" : ": ") + file + ":" +
                        std::to_string(line) + ": " + function +
                        (function.empty() ? "" : ": ") + "Assertion `" +
                        expression + "' failed.";
  call.libc.streams().write(2, message + "\n");
  call.libc.streams().discardBufferedOutput();
  throw HostTrap{message, true};
}
uint64_t hostAtexit(HostCall &call) {
  call.libc.addAtexitHandler(call.arg(0));
  return 0;
}
uint64_t hostGetenv(HostCall &) {
  // The guest has an empty environment.
  return 0;
}
uint64_t hostSetlocale(HostCall &call) {
  // Only the C locale exists; asking for it (or the environment's, which
  // is empty) succeeds, anything else fails.
  std::string name =
      call.arg(1) ? call.memory.readString(call.arg(1)) : std::string("C");
  if (name != "C" && name != "POSIX" && !name.empty())
    return 0;
  return call.libc.internString("C");
}
uint64_t hostErrnoLocation(HostCall &call) { return call.libc.errnoAddress(); }

uint64_t hostRand(HostCall &call) {
  return intResult(call.libc.random().next());
}
uint64_t hostSrand(HostCall &call) {
  call.libc.random().seed(static_cast<uint32_t>(call.arg(0)));
  return 0;
}
uint64_t hostRandom(HostCall &call) {
  return longResult(call.libc.random().next());
}

uint64_t hostAbs(HostCall &call) {
  // Unsigned negation: abs(INT_MIN) is INT_MIN, as on the machine.
  int32_t value = intArgument(call, 0);
  return intResult(value < 0 ? static_cast<int32_t>(0u - uint32_t(value))
                             : value);
}
uint64_t hostLabs(HostCall &call) {
  uint64_t value = call.arg(0);
  return static_cast<int64_t>(value) < 0 ? 0 - value : value;
}

constexpr HostFunctionEntry processFunctions[] = {
    {"exit", hostExit},
    {"_Exit", hostQuickExit},
    {"_exit", hostQuickExit},
    {"abort", hostAbort},
    {"__assert_fail", hostAssertFail},
    {"atexit", hostAtexit},
    {"getenv", hostGetenv},
    {"secure_getenv", hostGetenv},
    {"setlocale", hostSetlocale},
    {"__errno_location", hostErrnoLocation},
    {"rand", hostRand},
    {"srand", hostSrand},
    {"random", hostRandom},
    {"srandom", hostSrand},
    {"abs", hostAbs},
    {"labs", hostLabs},
    {"llabs", hostLabs},
    {"imaxabs", hostLabs},
};

} // namespace

std::span<const HostFunctionEntry> processHostFunctions() {
  return processFunctions;
}

} // namespace comet
