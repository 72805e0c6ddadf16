// Running an optimisation pipeline in-process and watching it: every pass
// is numbered exactly as `opt -opt-bisect-limit` numbers it (the same
// OptPassGate mechanism), and after each numbered pass the functions and
// the module-level IR (globals, declarations) it changed are reported.
#ifndef COMET_LLVM_PIPELINE_H
#define COMET_LLVM_PIPELINE_H

#include <functional>
#include <string>
#include <vector>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace comet::ir {

struct PipelineOptions {
  std::string passes;               // opt's -passes= syntax
  std::vector<std::string> plugins; // pass plugin shared objects
  // Run only passes numbered up to this (opt's -opt-bisect-limit); -1 all.
  long limit = -1;
  // Called with the module just before the pass numbered `limit` runs.
  std::function<void(const llvm::Module &)> beforeLimit;
  // Whether observed changes carry the units' text before and after; when
  // not, only the changed units' names (a cheaper run: nothing printed).
  bool unitTexts = true;
};

// One numbered pass execution, as opt -opt-bisect-limit prints it:
// "BISECT: running pass (NUMBER) PASS on UNIT".
struct PassRun {
  unsigned number = 0;
  std::string pass;
  std::string unit;
};

// The text of one IR unit before and after a pass ("" before: added;
// "" after: removed). Without unit texts, both are "".
struct UnitChange {
  std::string name; // a function's name, or "" for the module level
  std::string before, after;
};

struct PassChange {
  PassRun pass;
  std::vector<UnitChange> functions; // changed, added or removed functions
  bool moduleLevel = false;          // globals or declarations changed too
  UnitChange module;                 // their text, when moduleLevel
};

// Called after each numbered pass that changed the IR, with the module as
// the pass left it; called again with the same pass when a required
// (unnumbered) pass after it changes the IR, since opt's output at that
// limit includes the change.
using ChangeObserver =
    std::function<void(const PassChange &change, const llvm::Module &module)>;

// A function's text with attribute group numbers (" #3") blanked: they
// change when another function's attributes do, which changes nothing in
// this one.
std::string functionText(const llvm::Function &function);

// The module-level text of a module: everything but function bodies.
std::string moduleLevelText(const llvm::Module &module);

// Runs the pipeline on the module. Throws comet::Error for an unknown pass
// name or a plugin that fails to load. Returns every numbered pass run.
std::vector<PassRun> runPipeline(llvm::Module &module,
                                 const PipelineOptions &options,
                                 const ChangeObserver &observer = nullptr);

// clang's optimisation level of a default<O1..3,s,z> pipeline, or "".
std::string defaultPipelineLevel(const std::string &passes);

} // namespace comet::ir

#endif
