// The scanf family: from a guest string or the guest's stdin.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"
#include "scanf.h"

namespace comet {
namespace {

uint64_t scanString(HostCall &call, uint64_t text, uint64_t format,
                    ArgumentReader &arguments) {
  std::string input = call.memory.readString(text);
  StringScanInput source(input);
  return intResult(formatScanf(call.memory, call.libc.heap(),
                               call.memory.readString(format), source,
                               arguments));
}

uint64_t scanStream(HostCall &call, uint64_t file, uint64_t format,
                    ArgumentReader &arguments) {
  if (guestStreamNumber(file) != 0) {
    call.libc.setErrno(EBADF);
    return intResult(-1);
  }
  std::string formatText = call.memory.readString(format);
  StreamScanInput source(call.libc.streams());
  return intResult(formatScanf(call.memory, call.libc.heap(), formatText,
                               source, arguments));
}

constexpr uint64_t StdinHandle = layout::FileHandle(0);

uint64_t hostSscanf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 2));
  return scanString(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostVsscanf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(2));
  return scanString(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostScanf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 1));
  return scanStream(call, StdinHandle, call.arg(0), arguments);
}
uint64_t hostVscanf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(1));
  return scanStream(call, StdinHandle, call.arg(0), arguments);
}
uint64_t hostFscanf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 2));
  return scanStream(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostVfscanf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(2));
  return scanStream(call, call.arg(0), call.arg(1), arguments);
}

// glibc's headers route C99 programs to the __isoc99_ names.
constexpr HostFunctionEntry scanfFunctions[] = {
    {"sscanf", hostSscanf},   {"__isoc99_sscanf", hostSscanf},
    {"vsscanf", hostVsscanf}, {"__isoc99_vsscanf", hostVsscanf},
    {"scanf", hostScanf},     {"__isoc99_scanf", hostScanf},
    {"vscanf", hostVscanf},   {"__isoc99_vscanf", hostVscanf},
    {"fscanf", hostFscanf},   {"__isoc99_fscanf", hostFscanf},
    {"vfscanf", hostVfscanf}, {"__isoc99_vfscanf", hostVfscanf},
};

} // namespace

std::span<const HostFunctionEntry> scanfHostFunctions() {
  return scanfFunctions;
}

} // namespace comet
