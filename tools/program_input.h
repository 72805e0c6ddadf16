// Reads a program of any kind the driver accepts into a Comet module:
// assembly and binary modules directly, LLVM IR and C through lowering.
#ifndef COMET_TOOLS_PROGRAM_INPUT_H
#define COMET_TOOLS_PROGRAM_INPUT_H

#include "asm/assembly.h"
#include "comet/module.h"
#include "lowering/lowering.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace comet::ir {
class IRLines;
} // namespace comet::ir

namespace comet::tools {

// What lowered input came from, kept alive for those who map the Comet
// module back to it (the debugger's source map).
struct IRProgram {
  IRProgram();
  ~IRProgram();
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
  std::unique_ptr<ir::IRLines> lines; // null for bitcode
  std::string sourceFile;             // as the lowered module names it
  lowering::Lowered lowered;
  std::string irFile; // the .ll text it was read from; "" for bitcode
};

struct ProgramInput {
  Module module;
  // For lowered input: the IR instruction each Comet instruction came
  // from, as comments for the assembly printer.
  assembly::PrintOptions printOptions;
  // For lowered input: the IR and the lowering's origins; null otherwise.
  std::shared_ptr<IRProgram> ir;
};

// cflags: for C input, clang flags replacing the defaults.
// instructionTexts: see lowering::LoweringOptions; a program only run
// needs them just if it traps into the debugger (addInstructionTexts).
ProgramInput readProgram(const std::string &path,
                         const std::vector<std::string> &cflags = {},
                         bool instructionTexts = true);
// Lowers input's IR again, with the IR instruction texts left out before:
// the same code, now with all the debugger's source map needs.
void addInstructionTexts(ProgramInput &input);

// Splits a --cflags string at spaces (no quoting).
std::vector<std::string> splitFlags(const std::string &flags);

} // namespace comet::tools

#endif
