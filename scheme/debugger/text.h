// Small text helpers shared by the debugger's files.
#ifndef COMET_SCHEME_DEBUGGER_TEXT_H
#define COMET_SCHEME_DEBUGGER_TEXT_H

#include "comet/module.h"

#include <cinttypes>
#include <cstdio>
#include <string>
#include <string_view>

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

} // namespace comet::debugger

#endif
