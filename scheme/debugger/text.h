// Small text helpers shared by the debugger's files.
#ifndef COMET_SCHEME_DEBUGGER_TEXT_H
#define COMET_SCHEME_DEBUGGER_TEXT_H

#include "comet/module.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace comet::debugger {

// prefix + text. (Written out because GCC 12 warns, wrongly, about
// "literal" + std::string temporaries: -Wrestrict, its bug 105651.)
inline std::string prefixed(std::string_view prefix, std::string_view text) {
  std::string result(prefix);
  result += text;
  return result;
}

// "0x1f", or zero-padded to `digits` hex digits.
inline std::string hex(uint64_t value, unsigned digits = 0) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "0x%0*" PRIx64, int(digits), value);
  return buffer;
}

// How an instruction names a register: %name, or rN when unnamed.
inline std::string registerLabel(const Function &f, uint64_t r) {
  if (r < f.registerNames.size() && !f.registerNames[r].empty())
    return prefixed("%", f.registerNames[r]);
  return prefixed("r", std::to_string(r));
}

// Every name of a function's registers, by register: its own name, then
// the aliases of values that share it (or add an offset to it).
inline std::vector<RegisterAlias> registerNameList(const Function &f) {
  std::vector<RegisterAlias> list;
  for (uint32_t r = 0; r < f.registerNames.size(); ++r)
    if (!f.registerNames[r].empty())
      list.push_back({r, f.registerNames[r]});
  list.insert(list.end(), f.registerAliases.begin(), f.registerAliases.end());
  std::stable_sort(list.begin(), list.end(),
                   [](const auto &a, const auto &b) { return a.reg < b.reg; });
  return list;
}

// The name register r goes by in the IR instruction `irText`: the one of
// its names that instruction defines, else its own.
inline std::string assignedName(const Function &f, uint32_t r,
                                std::string_view irText) {
  for (const auto &[reg, name, offset] : f.registerAliases)
    if (reg == r && !offset &&
        irText.substr(0, name.size() + 4) == "%" + name + " = ")
      return name;
  return r < f.registerNames.size() ? f.registerNames[r] : "";
}

} // namespace comet::debugger

#endif
