#include "comet/isa.h"

namespace comet {

static constexpr OpcodeInfo Table[] = {
#define OP(ID, MN, SIG, SEM) {MN, SIG, SEM},
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

} // namespace comet
