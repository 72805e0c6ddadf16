// The snapshots of a pipeline: the IR after every numbered pass that
// changed it, lowered to Comet modules. Only the functions a pass changed
// are lowered again (cached by their text); a change at the module level
// (globals, declarations, functions added or removed) lowers the whole
// module again. Without unit texts (PipelineOptions::unitTexts) nothing is
// printed: the snapshots can be run but not shown.
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
  bool lowered = false;  // whether it can be run (see Recording::every)
  size_t lowering = 0;   // which symbol table its functions use
  std::vector<std::shared_ptr<const Function>> functions;
};

// Which snapshots are recorded, and which of those lowered.
struct Recording {
  // Only passes numbered after this are recorded (0: all of them).
  unsigned after = 0;
  // Lower only every n-th snapshot and the last (checkpoints): lowering
  // every change of a big function costs more than running the pipeline
  // again for the few snapshots a bisect looks at between two of them.
  unsigned every = 1;
};

class SnapshotSet {
public:
  // Runs the pipeline on the module (which it changes) and lowers the
  // snapshots. `onChange` also sees each change (e.g. to write files).
  SnapshotSet(llvm::Module &module, const ir::PipelineOptions &options,
              Recording recording = {},
              const ir::ChangeObserver &onChange = nullptr);
  ~SnapshotSet();

  // The module before any pass (recording all passes only).
  const Module &reference() const { return referenceModule; }
  const std::vector<Snapshot> &snapshots() const { return taken; }
  const std::vector<ir::PassRun> &passes() const { return allPasses; }
  bool lowered(size_t index) const { return taken[index].lowered; }
  // The Comet module after snapshot `index`'s pass; it must be lowered.
  Module moduleAt(size_t index) const;
  // Lowerings done (whole modules) and functions lowered again alone.
  size_t moduleLowerings() const { return lowerings.size(); }
  size_t functionLowerings() const { return functionsLowered; }

private:
  void lowerWholeModule(const llvm::Module &module);
  void record(const ir::PassChange &change, const llvm::Module &module);
  // Lowers what changed since the last checkpoint into the last snapshot.
  void checkpoint(const llvm::Module &module);

  struct Lowering {
    std::unique_ptr<lowering::ModuleLowering> lowering;
    Module symbols; // data objects; imports are taken from the lowering
    std::map<std::string, size_t> functionSlots;
  };
  Recording recording;
  bool texts; // the pipeline's unitTexts: IR texts kept, cache keyed by them
  std::vector<Lowering> lowerings;
  std::vector<std::shared_ptr<const Function>> current;
  // Changed since the last checkpoint (the module level: all of it).
  std::map<std::string, std::string> dirtyFunctions; // name -> text after
  bool moduleDirty = false;
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
