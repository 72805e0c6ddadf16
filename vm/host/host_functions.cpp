#include "host_function_groups.h"

#include <vector>

namespace comet {

std::span<const HostFunctionEntry> standardHostFunctions() {
  static const std::vector<HostFunctionEntry> table = [] {
    std::vector<HostFunctionEntry> all;
    for (auto group :
         {stdioHostFunctions(), inputHostFunctions(), scanfHostFunctions(),
          stringHostFunctions(), heapHostFunctions(), conversionHostFunctions(),
          processHostFunctions(), sortHostFunctions(), timeHostFunctions(),
          ctypeHostFunctions(), mathHostFunctions(), fortifyHostFunctions(),
          runtimeHostFunctions()})
      all.insert(all.end(), group.begin(), group.end());
    return all;
  }();
  return table;
}

} // namespace comet
