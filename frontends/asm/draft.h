// A module as the syntax pass reads it: operands already in their encoded
// layout, but registers, labels and globals still by name. The resolve pass
// turns names into numbers once everything is defined.
#ifndef COMET_ASM_DRAFT_H
#define COMET_ASM_DRAFT_H

#include "asm/diagnostic.h"
#include "comet/module.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace comet::assembly {

// A name and where it was written, for error messages.
struct NameUse {
  std::string name;
  Position at;
};

// An operand slot waiting for a number: Instruction::operands[slot].
struct RegisterUse {
  size_t slot = 0;
  std::optional<uint32_t> number; // rN; otherwise a %name
  NameUse name;
};
struct LabelUse {
  size_t slot = 0;
  NameUse label;
};
struct GlobalUse {
  size_t slot = 0; // operand slot, or relocation index in a data object
  NameUse global;
  bool callee = false; // operand kind c rather than a symbol
};

struct DraftInstruction {
  Instruction instruction;
  std::vector<RegisterUse> registers;
  std::vector<LabelUse> labels;
  std::vector<GlobalUse> globals;
};

struct DraftFunction {
  NameUse name;
  // Parameters then .locals, from r1 upward; "" = unnamed.
  std::vector<NameUse> params;
  std::vector<NameUse> locals;
  // .alias %name, %register [+ offset]: a further name of a declared
  // register, or of an address that is its value plus offset.
  struct Alias {
    NameUse name, target;
    int64_t offset = 0;
  };
  std::vector<Alias> aliases;
  uint32_t minimumRegisters = 0;
  std::vector<DraftInstruction> code;
  std::vector<SourceLocation> locations; // one per instruction
  std::map<std::string, uint32_t> labels;
  std::map<uint32_t, std::string> labelNames; // first label at an index
};

struct DraftData {
  Position at;
  DataObject object;
  std::map<std::string, uint64_t> labels; // byte offsets, for macros only
  std::vector<GlobalUse> relocations;     // slot = index in object.relocations
  std::vector<GlobalUse> subtrahends;     // the same, for symbols subtracted
};

struct DraftModule {
  std::string sourceFile;
  std::vector<NameUse> imports;  // explicit .import, in order
  std::vector<NameUse> mentions; // global references, in text order
  std::vector<DraftFunction> functions;
  std::vector<DraftData> data;
};

class MacroExpander;

// The syntax pass (parser.cpp) and the resolve pass (resolve.cpp). The
// expander (which may be null) expands the macros of one pass.
DraftModule parseDraft(const SourceText &source, MacroExpander *macros);
Module resolveDraft(DraftModule draft, const SourceText &source);

} // namespace comet::assembly

#endif
