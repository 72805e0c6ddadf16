// Host functions: what a guest reaches outside itself, by name. The C
// library shim (vm/host) is one set of them; embedders register more.
#ifndef COMET_HOST_H
#define COMET_HOST_H

#include "comet/memory.h"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace comet {

class Interpreter;
class Libc;

// Where guest output goes: stream 1 is stdout, 2 is stderr.
using OutputSink = std::function<void(int stream, std::string_view bytes)>;

// Thrown by a host function to stop the guest: exit() and friends.
struct GuestExit {
  int code;
};
// Thrown by a host function to trap the guest with a message (abort, a
// failed assert, an invalid argument such as an unknown FILE*).
struct HostTrap {
  std::string message;
  bool abort = false; // abort() and __assert_fail: trap kind Abort
};

// One call of a host function. Memory accessors throw GuestFault, which
// the interpreter turns into a memory-fault trap at the call.
struct HostCall {
  Interpreter &thread;
  AddressSpace &memory;
  Libc &libc;
  const uint64_t *args;
  uint32_t count;

  uint64_t arg(unsigned i) const {
    if (i >= count) [[unlikely]]
      missingArgument(i);
    return args[i];
  }
  // Out of line, so that arg() is two instructions wherever it is inlined.
  [[noreturn]] static void missingArgument(unsigned i);
  // Calls guest code (a qsort comparator, an atexit handler) and returns
  // its first result. A trap or exit inside unwinds through the caller.
  uint64_t callGuest(uint64_t functionAddress,
                     std::initializer_list<uint64_t> arguments);
};

using HostFunction = uint64_t (*)(HostCall &call);

} // namespace comet

#endif
