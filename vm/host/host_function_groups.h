// The shim's host functions, one group per header they stand in for.
// standardHostFunctions() is their union; tests look into single groups.
#ifndef COMET_HOST_HOST_FUNCTION_GROUPS_H
#define COMET_HOST_HOST_FUNCTION_GROUPS_H

#include "host_functions.h"

namespace comet {

std::span<const HostFunctionEntry> stdioHostFunctions();
std::span<const HostFunctionEntry> inputHostFunctions();
std::span<const HostFunctionEntry> scanfHostFunctions();
std::span<const HostFunctionEntry> stringHostFunctions();
std::span<const HostFunctionEntry> heapHostFunctions();
std::span<const HostFunctionEntry> conversionHostFunctions();
std::span<const HostFunctionEntry> processHostFunctions();
std::span<const HostFunctionEntry> sortHostFunctions();
std::span<const HostFunctionEntry> timeHostFunctions();
std::span<const HostFunctionEntry> ctypeHostFunctions();
std::span<const HostFunctionEntry> mathHostFunctions();
std::span<const HostFunctionEntry> fortifyHostFunctions();
std::span<const HostFunctionEntry> runtimeHostFunctions();

// The function of that name in a group, or null.
inline HostFunction findHostFunction(std::span<const HostFunctionEntry> group,
                                     std::string_view name) {
  for (const HostFunctionEntry &entry : group)
    if (entry.name == name)
      return entry.function;
  return nullptr;
}

} // namespace comet

#endif
