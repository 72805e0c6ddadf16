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

// (What each opcode does is in isa.def and docs/isa.md; libcomet keeps
// only what it needs to read and check code.)
struct OpcodeInfo {
  std::string_view mnemonic;
  std::string_view operands; // operand kinds, see isa.def
};

OpcodeInfo opcodeInfo(Opcode op);

// Every opcode sharing a mnemonic (the forms differ in operand kinds).
std::vector<Opcode> opcodesNamed(std::string_view mnemonic);

// The most lanes a vector instruction (operand kinds v, w, n) may have.
constexpr uint64_t MaxLanes = 64;

struct Instruction;
// The lane count (operand n) of a vector instruction; 1 for the others.
uint64_t laneCount(const Instruction &instruction);

} // namespace comet

#endif
