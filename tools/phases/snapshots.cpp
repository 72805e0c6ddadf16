#include "phases/snapshots.h"
#include "lowering/lowering.h"

#include <llvm/IR/Module.h>

namespace comet::phases {

SnapshotSet::SnapshotSet(llvm::Module &module,
                         const ir::PipelineOptions &options,
                         Recording recording,
                         const ir::ChangeObserver &onChange)
    : recording(recording), texts(options.unitTexts) {
  if (recording.after == 0) {
    lowerWholeModule(module);
    referenceModule = moduleAt(SIZE_MAX);
  } else {
    moduleDirty = true; // lowered whole at the first checkpoint
  }
  allPasses = ir::runPipeline(
      module, options,
      [&](const ir::PassChange &change, const llvm::Module &changed) {
        record(change, changed);
        if (onChange)
          onChange(change, changed);
      });
  // The last snapshot is always lowered, as the pipeline left the module.
  if (!taken.empty() && (moduleDirty || !dirtyFunctions.empty()))
    checkpoint(module);
}

SnapshotSet::~SnapshotSet() = default;

void SnapshotSet::lowerWholeModule(const llvm::Module &module) {
  Lowering &next = lowerings.emplace_back();
  lowering::LoweringOptions options;
  options.sourceMap = texts;
  next.lowering = std::make_unique<lowering::ModuleLowering>(
      module, nullptr, module.getModuleIdentifier(), options);
  lowering::Lowered lowered = next.lowering->lower();
  current.clear();
  for (Function &function : lowered.module.functions) {
    next.functionSlots[function.name] = current.size();
    current.push_back(std::make_shared<const Function>(std::move(function)));
  }
  lowered.module.functions.clear();
  next.symbols = std::move(lowered.module);
}

void SnapshotSet::record(const ir::PassChange &change,
                         const llvm::Module &module) {
  if (change.pass.number <= recording.after)
    return;
  // Functions added or removed change the symbol table too (they change
  // the module level, and with texts one side of their change is empty).
  moduleDirty = moduleDirty || change.moduleLevel;
  for (const ir::UnitChange &unit : change.functions) {
    moduleDirty = moduleDirty || unit.before.empty() != unit.after.empty();
    dirtyFunctions[unit.name] = unit.after;
  }
  // A later change attributed to the same pass amends its snapshot.
  bool amend = !taken.empty() && taken.back().pass.number == change.pass.number;
  Snapshot &snapshot = amend ? taken.back() : taken.emplace_back();
  snapshot.pass = change.pass;
  if (amend) {
    for (const ir::UnitChange &unit : change.functions)
      snapshot.change.functions.push_back(unit);
    if (change.moduleLevel) {
      snapshot.change.module.after = change.module.after;
      if (!snapshot.change.moduleLevel)
        snapshot.change.module.before = change.module.before;
      snapshot.change.moduleLevel = true;
    }
  } else {
    snapshot.change = change;
  }
  if ((taken.size() - 1) % recording.every == 0)
    checkpoint(module);
}

void SnapshotSet::checkpoint(const llvm::Module &module) {
  if (moduleDirty) {
    lowerWholeModule(module);
  } else {
    size_t which = lowerings.size() - 1;
    Lowering &lowering = lowerings.back();
    for (const auto &[name, text] : dirtyFunctions) {
      // Without texts there is no key: every change is lowered.
      auto key = std::make_pair(which, text);
      auto cached = texts ? cache.find(key) : cache.end();
      std::shared_ptr<const Function> lowered =
          cached != cache.end() ? cached->second : nullptr;
      if (!lowered) {
        lowering::Origins origins;
        lowered =
            std::make_shared<const Function>(lowering.lowering->lowerFunction(
                *module.getFunction(name), origins));
        ++functionsLowered;
        if (texts)
          cache.emplace(key, lowered);
      }
      current[lowering.functionSlots.at(name)] = std::move(lowered);
    }
  }
  moduleDirty = false;
  dirtyFunctions.clear();
  taken.back().lowered = true;
  taken.back().lowering = lowerings.size() - 1;
  taken.back().functions = current;
}

Module SnapshotSet::moduleAt(size_t index) const {
  size_t which = index == SIZE_MAX ? 0 : taken[index].lowering;
  // SIZE_MAX: the reference, lowered before the pipeline ran.
  const auto &functions = index == SIZE_MAX ? current : taken[index].functions;
  const Lowering &lowering = lowerings[which];
  Module module = lowering.symbols;
  module.imports = lowering.lowering->symbols().imports;
  for (const auto &function : functions)
    module.functions.push_back(*function);
  return module;
}

} // namespace comet::phases
