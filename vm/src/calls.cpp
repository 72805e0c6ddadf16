// The call path of the dispatch loop, kept out of program.cpp so that it
// is compiled for speed while the rest of the Program interface is compiled
// for size: frames pushed, code addresses resolved, host functions invoked.
#include "host_functions.h"
#include "interpreter.h"

#include <cstring>

namespace comet {

// Out of the call path: it builds a message.
[[gnu::cold, gnu::noinline]] bool Interpreter::tooDeep(uint32_t function) {
  recordTrap(TrapKind::CallDepth, 0,
             "calling '" + module.functions[function].name + "' at depth " +
                 std::to_string(frames.size()));
  return false;
}

bool Interpreter::pushFrame(uint32_t function, const uint64_t *args,
                            size_t count) {
  const LoadedFunction &callee = functions[function];
  uint64_t *registers = frames.empty()
                            ? registerStack.get()
                            : frames.back().registers + frames.back().numRegs;
  size_t copied = callee.initialRegisters.size(); // whole chunks
  if (frames.size() >= options.limits.maxCallDepth ||
      registerStackEnd - registers < ptrdiff_t(copied)) [[unlikely]]
    return tooDeep(function);
  // Chunks of a fixed size, copied inline: frames are small, and a call of
  // memcpy would cost more than the copy.
  const uint64_t *initial = callee.initialRegisters.data();
  for (size_t i = 0; i < copied; i += RegisterChunk)
    std::memcpy(registers + i, initial + i, RegisterChunk * sizeof(uint64_t));
  size_t n = std::min<size_t>(count, callee.numParams);
  for (size_t i = 0; i < n; ++i)
    registers[1 + i] = args[i];
  // The leading constant instructions have run, in effect, when the
  // budget covers them; else they run one by one.
  uint32_t start = budget >= callee.entry ? callee.entry : 0;
  budget -= start;
  frames.push_back(ActiveFrame{function, callee.numRegs,
                               callee.code.data() + start, registers,
                               stackPointer, ++frameSerial});
  return true;
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
