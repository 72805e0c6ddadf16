#include "comet/isa.h"
#include "comet/module.h"

namespace comet {

namespace {
// The names in place, not pointers to them: a table of string_views would
// cost half as much again in the shared library, and a relocation each.
struct PackedInfo {
  char mnemonic[15]; // the longest, "bitreverse.i16", and its NUL
  char operands[6];  // the longest, "vwwwn", and its NUL
};
constexpr PackedInfo Table[] = {
#define OP(ID, MN, SIG, SEM) {MN, SIG},
#include "comet/isa.def"
};
static_assert(sizeof(Table) / sizeof(Table[0]) == NumOpcodes);
} // namespace

OpcodeInfo opcodeInfo(Opcode op) {
  const PackedInfo &info = Table[static_cast<unsigned>(op)];
  return {info.mnemonic, info.operands};
}

std::vector<Opcode> opcodesNamed(std::string_view mnemonic) {
  std::vector<Opcode> found;
  for (unsigned i = 0; i < NumOpcodes; ++i)
    if (Table[i].mnemonic == mnemonic)
      found.push_back(static_cast<Opcode>(i));
  return found;
}

uint64_t laneCount(const Instruction &instruction) {
  std::string_view kinds = opcodeInfo(instruction.op).operands;
  size_t at = kinds.find('n');
  // Vector instructions have no lists: operand k is kind k.
  if (at == std::string_view::npos || at >= instruction.operands.size())
    return 1;
  return instruction.operands[at];
}

} // namespace comet
