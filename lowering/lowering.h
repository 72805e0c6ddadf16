// LLVM IR to Comet: one Comet function per defined IR function, one data
// object per global variable, one import per external function or
// variable the module uses. Every SSA value gets registers of its own
// (aggregates and vectors one per field or lane, i128 one per 64 bits), so
// no register allocation is needed and the registers keep the IR's names.
#ifndef COMET_LOWERING_LOWERING_H
#define COMET_LOWERING_LOWERING_H

#include "comet/module.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace comet::ir {
class IRLines;
}

namespace comet::lowering {

// What a Comet function implements, instruction by instruction: an index
// into Lowered::irTexts (the printed IR instruction) per Comet instruction.
struct Origins {
  std::vector<uint32_t> byInstruction;
};

struct Lowered {
  Module module;
  std::vector<Origins> origins; // by function
  std::vector<std::string> irTexts;
};

struct LoweringOptions {
  // Emit checks that trap where the IR's behaviour is undefined: nsw/nuw
  // overflow, shifts by the width or more, exact operations dropping bits
  // (division by zero, unreachable and wild accesses trap anyway).
  bool checkUndefinedBehaviour = false;
  // Keep the source map: each Comet instruction's IR instruction text
  // (Lowered::irTexts, for the debugger) and each register's IR name.
  // Without, texts and names are empty: cheaper for modules that are only
  // run and compared.
  bool sourceMap = true;
  // With the source map, the IR instruction texts too. Printing them is
  // most of the source map's cost; names and locations alone are enough
  // to run a program and report a trap. The code is the same either way.
  bool instructionTexts = true;
};

class ModuleLowering {
public:
  // lines may be null (bitcode input): then no source locations.
  ModuleLowering(const llvm::Module &module, const ir::IRLines *lines,
                 std::string sourceFile, LoweringOptions options = {});
  ~ModuleLowering();

  // Lowers the whole module. Throws comet::Error naming the instruction,
  // function and .ll line of anything unsupported.
  Lowered lower();

  // The symbol table: functions (names only), data objects and the
  // imports found so far (lowering a function may add imports).
  const Module &symbols() const;

  // Lowers one function alone, against the same symbol table (so that it
  // can replace that function of a module lowered before).
  Function lowerFunction(const llvm::Function &function, Origins &origins);

  struct Context; // shared state, defined in module_lowering.cpp

private:
  std::unique_ptr<Context> context;
};

} // namespace comet::lowering

#endif
