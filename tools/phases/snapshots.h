// The snapshots of a pipeline: the IR after every numbered pass that
// changed it, each lowered to a Comet module. Only the functions a pass
// changed are lowered again (cached by their text); a change at the module
// level (globals, declarations, functions added or removed) lowers the
// whole module again.
#ifndef COMET_PHASES_SNAPSHOTS_H
#define COMET_PHASES_SNAPSHOTS_H

#include "comet/module.h"
#include "llvm/pipeline.h"

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace llvm {
class Module;
}

namespace comet::lowering {
class ModuleLowering;
}

namespace comet::phases {

struct Snapshot {
  ir::PassRun pass;
  ir::PassChange change; // the IR units it changed, before and after
  size_t lowering = 0;   // which symbol table its functions use
  std::vector<std::shared_ptr<const Function>> functions;
};

class SnapshotSet {
public:
  // Runs the pipeline on the module (which it changes) and lowers every
  // snapshot. `onChange` also sees each change (e.g. to write files).
  SnapshotSet(llvm::Module &module, const ir::PipelineOptions &options,
              const ir::ChangeObserver &onChange = nullptr);
  ~SnapshotSet();

  const Module &reference() const { return referenceModule; }
  const std::vector<Snapshot> &snapshots() const { return taken; }
  const std::vector<ir::PassRun> &passes() const { return allPasses; }
  // The Comet module after snapshot `index`'s pass.
  Module moduleAt(size_t index) const;
  // Lowerings done (whole modules) and functions lowered again alone.
  size_t moduleLowerings() const { return lowerings.size(); }
  size_t functionLowerings() const { return functionsLowered; }

private:
  void lowerWholeModule(const llvm::Module &module);
  void record(const ir::PassChange &change, const llvm::Module &module);

  struct Lowering {
    std::unique_ptr<lowering::ModuleLowering> lowering;
    Module symbols; // data objects; imports are taken from the lowering
    std::map<std::string, size_t> functionSlots;
  };
  std::vector<Lowering> lowerings;
  std::vector<std::shared_ptr<const Function>> current;
  // Lowered functions by (lowering, IR text).
  std::map<std::pair<size_t, std::string>, std::shared_ptr<const Function>>
      cache;
  Module referenceModule;
  std::vector<Snapshot> taken;
  std::vector<ir::PassRun> allPasses;
  size_t functionsLowered = 0;
};

} // namespace comet::phases

#endif
