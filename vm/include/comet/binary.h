// The .cob binary module format: every field a ULEB128 number.
//
//   magic "\x7f" "COB", version, a fingerprint of the instruction set
//   (opcode numbers must mean the same), then five sections in this order, each
//   as (id, payload length, payload):
//     1 symbols   functions (name, params, registers), data objects (name,
//                 alignment, size, writable), imports (name)
//     2 code      per function: instruction count, then per instruction
//                 the opcode and its operands (lists as length + items)
//     3 data      per data object: initialised bytes (length + bytes)
//     4 relocs    (data object, offset, symbol, zigzag addend, 1 + symbol
//                 subtracted or 0, size 4 or 8) entries
//     5 source    source file, per function: register names, register
//                 aliases (register, name), label names, locations (none,
//                 or one (line, column) per instruction)
//   Strings are a length then bytes. A decoded module is verified before
//   anything uses it.
#ifndef COMET_BINARY_H
#define COMET_BINARY_H

#include "comet/module.h"

#include <cstdint>
#include <span>
#include <vector>

namespace comet {

constexpr uint64_t CobVersion = 4;

std::vector<uint8_t> encodeModule(const Module &module);
// Throws Error "offset N: what is wrong" for any malformed input.
Module decodeModule(std::span<const uint8_t> bytes);

// Checks every structural rule the interpreter relies on (operand counts
// and kinds, register and label ranges, symbol indices, widths, data
// layout). Throws Error naming the function, instruction and rule.
void verifyModule(const Module &module);

} // namespace comet

#endif
