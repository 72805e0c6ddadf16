// Opcode enumeration and the static table generated from isa.def.
#ifndef COMET_ISA_H
#define COMET_ISA_H

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace comet {

enum class Opcode : uint16_t {
#define OP(ID, MN, SIG, SEM) ID,
#include "comet/isa.def"
  Count
};

constexpr unsigned NumOpcodes = static_cast<unsigned>(Opcode::Count);

struct OpcodeInfo {
  std::string_view mnemonic;
  std::string_view operands; // operand kinds, see isa.def
  std::string_view semantics;
};

const OpcodeInfo &opcodeInfo(Opcode op);

// Every opcode sharing a mnemonic (the forms differ in operand kinds).
std::vector<Opcode> opcodesNamed(std::string_view mnemonic);

} // namespace comet

#endif
