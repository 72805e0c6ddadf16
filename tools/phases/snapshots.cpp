#include "phases/snapshots.h"
#include "lowering/lowering.h"

#include <llvm/IR/Module.h>

namespace comet::phases {

SnapshotSet::SnapshotSet(llvm::Module &module,
                         const ir::PipelineOptions &options,
                         const ir::ChangeObserver &onChange) {
  lowerWholeModule(module);
  referenceModule = moduleAt(SIZE_MAX);
  allPasses = ir::runPipeline(
      module, options,
      [&](const ir::PassChange &change, const llvm::Module &changed) {
        record(change, changed);
        if (onChange)
          onChange(change, changed);
      });
}

SnapshotSet::~SnapshotSet() = default;

void SnapshotSet::lowerWholeModule(const llvm::Module &module) {
  Lowering &next = lowerings.emplace_back();
  next.lowering = std::make_unique<lowering::ModuleLowering>(
      module, nullptr, module.getModuleIdentifier());
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
  // Functions added or removed change the symbol table too.
  bool wholeModule = change.moduleLevel;
  for (const ir::UnitChange &unit : change.functions)
    wholeModule = wholeModule || unit.before.empty() || unit.after.empty();
  if (wholeModule) {
    lowerWholeModule(module);
  } else {
    size_t which = lowerings.size() - 1;
    Lowering &lowering = lowerings.back();
    for (const ir::UnitChange &unit : change.functions) {
      auto key = std::make_pair(which, unit.after);
      auto cached = cache.find(key);
      if (cached == cache.end()) {
        lowering::Origins origins;
        const llvm::Function *function = module.getFunction(unit.name);
        auto lowered = std::make_shared<const Function>(
            lowering.lowering->lowerFunction(*function, origins));
        ++functionsLowered;
        cached = cache.emplace(key, std::move(lowered)).first;
      }
      current[lowering.functionSlots.at(unit.name)] = cached->second;
    }
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
  snapshot.lowering = lowerings.size() - 1;
  snapshot.functions = current;
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
