// IR values and registers by name in a frame, and globals by name.
//   %name   the register(s) of an IR value (or a named assembly register);
//           an aggregate lowered to several registers is name.0, name.1...
//   rN      register N
//   @name   a data object or function: its address
#ifndef COMET_SCHEME_DEBUGGER_VALUES_H
#define COMET_SCHEME_DEBUGGER_VALUES_H

#include "debugger/source_map.h"

#include <string>
#include <vector>

namespace comet::debugger {

struct ValueRef {
  enum class Kind { Registers, Global };
  Kind kind = Kind::Registers;
  std::string name;                // as shown: "%idx", "r5", "@table"
  std::vector<uint32_t> registers; // Registers: in order of the parts
  int64_t offset = 0;        // an address alias: what it adds to its register
  std::string type;          // the IR type, "" if unknown
  std::string allocatedType; // for an alloca: what it points to
  int64_t data = -1;         // Global: data object index, or -1
  int64_t function = -1;     // Global: function index, or -1
};

// Throws Error ("no value '%x' in @main") if there is no such value.
ValueRef findValue(const Module &module, const SourceMap &map,
                   uint32_t function, const std::string &spec);

// The IR values (or named registers) of a function, in register order,
// each once: "%a", "%n", "%agg" (for agg.0, agg.1), ...
std::vector<std::string> valueNames(const Module &module, uint32_t function);

} // namespace comet::debugger

#endif
