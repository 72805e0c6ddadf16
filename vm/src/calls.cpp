// The call path of the dispatch loop, kept out of program.cpp so that it
// is compiled for speed while the rest of the Program interface is compiled
// for size: frames pushed, code addresses resolved, host functions invoked.
#include "host_functions.h"
#include "interpreter.h"

namespace comet {

// Out of the call path: it builds a message.
[[gnu::cold, gnu::noinline]] bool Interpreter::tooDeep(uint32_t function) {
  recordTrap(TrapKind::CallDepth, 0,
             "calling '" + module.functions[function].name + "' at depth " +
                 std::to_string(frames.size()));
  return false;
}

int64_t Interpreter::functionAt(uint64_t address) const {
  uint64_t offset = address - layout::FunctionBase;
  if (address < layout::FunctionBase ||
      offset % layout::CodeAddressStride != 0 ||
      offset / layout::CodeAddressStride >= functions.size())
    return -1;
  return int64_t(offset / layout::CodeAddressStride);
}

int64_t Interpreter::importAt(uint64_t address) const {
  uint64_t offset = address - layout::ImportBase;
  if (address < layout::ImportBase || offset % layout::CodeAddressStride != 0 ||
      offset / layout::CodeAddressStride >= importFunctions.size())
    return -1;
  return int64_t(offset / layout::CodeAddressStride);
}

RunStatus Interpreter::invokeHost(HostFunction function, const uint64_t *args,
                                  size_t count, uint64_t &result) {
  HostCall call{*this, memory, *libc, args, uint32_t(count)};
  try {
    result = function(call);
    return RunStatus::Returned;
  } catch (const GuestFault &fault) {
    return recordMemoryFault(fault.fault);
  } catch (const GuestExit &exit) {
    exitCode = exit.code;
    return RunStatus::Exited;
  } catch (const HostTrap &hostTrap) {
    return recordTrap(hostTrap.abort ? TrapKind::Abort : TrapKind::HostError, 0,
                      hostTrap.message);
  } catch (const GuestUnwind &) {
    return trap.kind == TrapKind::None ? RunStatus::Exited : RunStatus::Trapped;
  }
}

} // namespace comet
