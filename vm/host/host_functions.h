// The C library shim as a table of host functions, by their C names.
#ifndef COMET_HOST_HOST_FUNCTIONS_H
#define COMET_HOST_HOST_FUNCTIONS_H

#include "comet/host.h"

#include <span>
#include <string_view>

namespace comet {

struct HostFunctionEntry {
  std::string_view name;
  HostFunction function;
};

// Every function of the shim: stdio, string.h, stdlib.h, ctype.h, math.h,
// time. Each acts on the calling program's Libc (HostCall::libc).
std::span<const HostFunctionEntry> standardHostFunctions();

} // namespace comet

#endif
