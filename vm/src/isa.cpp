#include "comet/isa.h"
#include "comet/module.h"

namespace comet {

static constexpr OpcodeInfo Table[] = {
#define OP(ID, MN, SIG, SEM) {MN, SIG},
#include "comet/isa.def"
};
static_assert(sizeof(Table) / sizeof(Table[0]) == NumOpcodes);

const OpcodeInfo &opcodeInfo(Opcode op) {
  return Table[static_cast<unsigned>(op)];
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
