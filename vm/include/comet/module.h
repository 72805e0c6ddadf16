// The Comet module: what the assembler produces, the .cob format stores, the
// lowering emits and the loader translates. Plain data, no behaviour.
#ifndef COMET_MODULE_H
#define COMET_MODULE_H

#include "comet/isa.h"

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace comet {

// Every malformed input (assembly, .cob, module, options) is reported as one.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One instruction in module form. Operands follow the opcode's kinds in
// isa.def; a list (D, R) is its length followed by its registers, a switch
// table (t) its number of cases followed by (value, label) pairs. A callee
// (c) is a function index, or functions.size() + import index. A symbol (s)
// is a function index, then functions.size() + data index, then
// functions.size() + data.size() + import index.
struct Instruction {
  Opcode op = Opcode::NOP;
  std::vector<uint64_t> operands;
  bool operator==(const Instruction &) const = default;
};

// Calls visit(slot, count, written) for each register operand: its index
// in operands, how many consecutive registers it names (the lane count for
// v and w, else 1) and whether they are written (d, D, v) or read (r, R,
// w).
template <typename Visit>
void forEachRegisterOperand(const Instruction &instruction, Visit visit) {
  const std::vector<uint64_t> &operands = instruction.operands;
  size_t at = 0;
  for (char kind : opcodeInfo(instruction.op).operands) {
    if (at >= operands.size())
      return;
    switch (kind) {
    case 'd':
    case 'r':
      visit(at++, uint64_t(1), kind == 'd');
      break;
    case 'v':
    case 'w':
      visit(at++, laneCount(instruction), kind == 'v');
      break;
    case 'D':
    case 'R': {
      uint64_t count = operands[at++];
      for (uint64_t i = 0; i < count && at < operands.size(); ++i)
        visit(at++, uint64_t(1), kind == 'D');
      break;
    }
    case 't':
      at += 1 + 2 * operands[at];
      break;
    default:
      ++at;
    }
  }
}

// Where an instruction came from (0 = unknown): line/column in sourceFile.
struct SourceLocation {
  uint32_t line = 0;
  uint32_t column = 0;
  bool operator==(const SourceLocation &) const = default;
};

// A further name of a named register: a value that shares it (a phi and
// the value computed into its register), or, with an offset, an address
// that is the register's value plus offset (a getelementptr of constant
// indices that the loads and stores using it add themselves: it has no
// register, and is no register operand).
struct RegisterAlias {
  uint32_t reg = 0;
  std::string name;
  int64_t offset = 0;
  bool operator==(const RegisterAlias &) const = default;
};

struct Function {
  std::string name;
  uint32_t numParams = 0; // parameters arrive in r1..rN
  uint32_t numRegs = 1;   // registers used, r0 included
  std::vector<Instruction> code;
  std::vector<std::string> registerNames; // by register; "" = unnamed
  std::vector<RegisterAlias> registerAliases;
  std::map<uint32_t, std::string> labelNames; // instruction index -> label
  std::vector<SourceLocation> locations;      // by instruction, or empty
  bool operator==(const Function &) const = default;
};

// A little-endian address written into a data object at load time:
// symbol + addend, or symbol - minus + addend (a relative table entry).
struct Relocation {
  uint64_t offset = 0;
  uint64_t symbol = 0; // unified symbol index, as for operand kind s
  int64_t addend = 0;
  uint64_t minus = 0; // 0, or 1 + the unified index of a symbol subtracted
  uint8_t size = 8;   // bytes written: 8, or 4 (truncated)
  bool operator==(const Relocation &) const = default;
};

struct DataObject {
  std::string name;
  uint64_t alignment = 1;
  uint64_t size = 0;          // bytes beyond bytes.size() are zero
  std::vector<uint8_t> bytes; // initialised prefix
  bool writable = true;
  std::vector<Relocation> relocations;
  bool operator==(const DataObject &) const = default;
};

struct Module {
  std::vector<Function> functions;
  std::vector<DataObject> data;
  std::vector<std::string> imports; // host functions and host data by name
  std::string sourceFile;           // what SourceLocations refer to
  bool operator==(const Module &) const = default;

  uint64_t importSymbol(uint64_t importIndex) const {
    return functions.size() + data.size() + importIndex;
  }
  uint64_t dataSymbol(uint64_t dataIndex) const {
    return functions.size() + dataIndex;
  }
  // The name of a unified symbol index (operand kind s), or "" if invalid.
  std::string symbolName(uint64_t symbol) const;
  // The name of a callee index (operand kind c), or "" if invalid.
  std::string calleeName(uint64_t callee) const;
};

} // namespace comet

#endif
