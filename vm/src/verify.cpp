#include "comet/binary.h"

#include <set>
#include <string>

namespace comet {

namespace {

constexpr uint64_t MaxRegisters = uint64_t(1) << 24;
constexpr uint64_t MaxAlignment = uint64_t(1) << 16;
constexpr uint64_t MaxDataSize = uint64_t(1) << 32;

bool isPowerOfTwo(uint64_t v) { return v && !(v & (v - 1)); }

bool isTerminator(Opcode op) {
  switch (op) {
  case Opcode::JMP:
  case Opcode::BR:
  case Opcode::SWITCH:
  case Opcode::RET:
  case Opcode::TCALL:
  case Opcode::TCALLI:
  case Opcode::UNREACHABLE:
  case Opcode::LONGJMP:
    return true;
  default:
    return false;
  }
}

class FunctionVerifier {
public:
  FunctionVerifier(const Module &module, const Function &function)
      : module(module), function(function) {}

  void run() {
    if (function.numRegs == 0 || function.numRegs > MaxRegisters)
      fail("register count " + std::to_string(function.numRegs) +
           " is out of range (1.." + std::to_string(MaxRegisters) + ")");
    if (function.numParams >= function.numRegs)
      fail(std::to_string(function.numParams) + " parameters need more than " +
           std::to_string(function.numRegs) + " registers");
    if (function.registerNames.size() > function.numRegs)
      fail("more register names than registers");
    for (const RegisterAlias &alias : function.registerAliases)
      if (alias.reg >= function.numRegs || alias.name.empty())
        fail("register alias '" + alias.name + "' of r" +
             std::to_string(alias.reg) + " names no register");
    if (!function.locations.empty() &&
        function.locations.size() != function.code.size())
      fail("source locations do not match the instructions");
    for (const auto &[index, name] : function.labelNames)
      if (index >= function.code.size())
        fail("label '" + name + "' is past the last instruction");
    if (function.code.empty())
      fail("has no instructions");
    if (!isTerminator(function.code.back().op))
      fail("falls off its end (the last instruction must be a jump, branch, "
           "switch, return, tail call, longjmp or unreachable)");
    for (index = 0; index < function.code.size(); ++index)
      instruction(function.code[index]);
  }

private:
  [[noreturn]] void fail(const std::string &what) const {
    std::string where = "function '" + function.name + "'";
    if (index < function.code.size())
      where += ", instruction " + std::to_string(index) + " (" +
               std::string(opcodeInfo(function.code[index].op).mnemonic) + ")";
    throw Error(where + ": " + what);
  }

  uint64_t next(const Instruction &insn) {
    if (cursor >= insn.operands.size())
      fail("too few operands");
    return insn.operands[cursor++];
  }
  void reg(uint64_t r, bool destination) {
    if (r >= function.numRegs)
      fail("register r" + std::to_string(r) + " is out of range (" +
           std::to_string(function.numRegs) + " registers)");
    if (destination && r == 0)
      fail("r0 always reads zero and cannot be written");
  }
  void label(uint64_t target) {
    if (target >= function.code.size())
      fail("label target " + std::to_string(target) + " is out of range (" +
           std::to_string(function.code.size()) + " instructions)");
  }
  void width(uint64_t w) {
    if (w < 1 || w > 64)
      fail("width " + std::to_string(w) + " is not in 1..64");
  }
  // Every v and w operand starts n registers that exist.
  void lanes(const Instruction &insn, uint64_t n) {
    if (n < 1 || n > MaxLanes)
      fail("lane count " + std::to_string(n) + " is not in 1.." +
           std::to_string(MaxLanes));
    std::string_view kinds = opcodeInfo(insn.op).operands;
    for (size_t k = 0; k < kinds.size(); ++k)
      if ((kinds[k] == 'v' || kinds[k] == 'w') &&
          insn.operands[k] + n > function.numRegs)
        fail("lanes r" + std::to_string(insn.operands[k]) + "..r" +
             std::to_string(insn.operands[k] + n - 1) + " are out of range (" +
             std::to_string(function.numRegs) + " registers)");
  }
  void alignment(uint64_t a) {
    if (!isPowerOfTwo(a) || a > MaxAlignment)
      fail("alignment " + std::to_string(a) +
           " is not a power of two <= " + std::to_string(MaxAlignment));
  }

  void instruction(const Instruction &insn) {
    if (static_cast<unsigned>(insn.op) >= NumOpcodes)
      fail("unknown opcode " + std::to_string(unsigned(insn.op)));
    cursor = 0;
    uint64_t callees = module.functions.size() + module.imports.size();
    uint64_t symbols = callees + module.data.size();
    for (char kind : opcodeInfo(insn.op).operands) {
      switch (kind) {
      case 'd':
        reg(next(insn), true);
        break;
      case 'r':
        reg(next(insn), false);
        break;
      case 'v':
      case 'w':
        reg(next(insn), kind == 'v');
        break;
      case 'n':
        lanes(insn, next(insn));
        break;
      case 'l':
        label(next(insn));
        break;
      case 'c':
        if (next(insn) >= callees)
          fail("callee index out of range");
        break;
      case 's':
        if (next(insn) >= symbols)
          fail("symbol index out of range");
        break;
      case 'D':
      case 'R': {
        uint64_t n = next(insn);
        for (uint64_t i = 0; i < n; ++i)
          reg(next(insn), kind == 'D');
        break;
      }
      case 't': {
        uint64_t n = next(insn);
        for (uint64_t i = 0; i < n; ++i) {
          next(insn);
          label(next(insn));
        }
        break;
      }
      case 'y':
        if (next(insn) > UINT32_MAX)
          fail("f32 constant has more than 32 bits");
        break;
      default: // i, x: any 64-bit value
        next(insn);
      }
    }
    if (cursor != insn.operands.size())
      fail("too many operands");
    immediates(insn);
  }

  // Rules on immediates that only some opcodes have.
  void immediates(const Instruction &insn) {
    const auto &o = insn.operands;
    switch (insn.op) {
    case Opcode::SEXT:
      width(o[2]);
      width(o[3]);
      break;
    case Opcode::TRUNC:
    case Opcode::FPTOSI_F32:
    case Opcode::FPTOSI_F64:
    case Opcode::FPTOUI_F32:
    case Opcode::FPTOUI_F64:
      width(o[2]);
      break;
    case Opcode::SALLOC:
      if (o[1] > MaxDataSize)
        fail("stack block too large");
      alignment(o[2]);
      break;
    case Opcode::SALLOCV:
      alignment(o[2]);
      break;
    default:
      break;
    }
  }

  const Module &module;
  const Function &function;
  size_t index = SIZE_MAX;
  size_t cursor = 0;
};

} // namespace

void verifyModule(const Module &module) {
  std::set<std::string> names;
  auto define = [&](const std::string &name, const char *what) {
    if (name.empty())
      throw Error(std::string("a ") + what + " has an empty name");
    if (!names.insert(name).second)
      throw Error(std::string("duplicate symbol '") + name + "' (" + what +
                  ")");
  };
  for (const Function &f : module.functions)
    define(f.name, "function");
  for (const DataObject &d : module.data)
    define(d.name, "data object");
  for (const std::string &name : module.imports)
    define(name, "import");

  uint64_t symbols =
      module.functions.size() + module.data.size() + module.imports.size();
  for (const DataObject &d : module.data) {
    auto fail = [&](const std::string &what) {
      throw Error("data '" + d.name + "': " + what);
    };
    if (!isPowerOfTwo(d.alignment) || d.alignment > MaxAlignment)
      fail("alignment " + std::to_string(d.alignment) +
           " is not a power of two <= " + std::to_string(MaxAlignment));
    if (d.size < d.bytes.size() || d.size > MaxDataSize)
      fail("size " + std::to_string(d.size) + " is out of range");
    for (const Relocation &r : d.relocations) {
      if (r.size != 4 && r.size != 8)
        fail("relocation size " + std::to_string(r.size) + " is not 4 or 8");
      if (r.minus > symbols)
        fail("relocation subtrahend index " + std::to_string(r.minus - 1) +
             " is out of range");
      if (r.offset > d.size || d.size - r.offset < r.size)
        fail("relocation at offset " + std::to_string(r.offset) +
             " does not fit in the object");
      if (r.symbol >= symbols)
        fail("relocation symbol index " + std::to_string(r.symbol) +
             " is out of range");
    }
  }
  for (const Function &f : module.functions)
    FunctionVerifier(module, f).run();
}

} // namespace comet
