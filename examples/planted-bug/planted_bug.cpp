// A pass plugin with one deliberately wrong pass, to show (and test) that
// comet-vm bisect names the pass that miscompiles. Built three times, one
// bug each (COMET_PLANTED_BUG):
//   1 comet-wrong-fold    folds `sdiv X, 2^k` into `ashr X, k` (wrong for
//                         negative X: the shift rounds toward -infinity)
//   2 comet-drop-store    deletes a store to a global just before a return
//                         (a dead-store elimination that forgets the callers)
//   3 comet-wrong-branch  turns the first strict `icmp slt/ult` that feeds a
//                         branch into `sle/ule` (an off-by-one)
// Each runs after every InstCombine of the default pipelines (the peephole
// extension point) and by name in explicit pipelines; it changes each
// function at most once.
#include <llvm/IR/Constants.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/PassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/PassPlugin.h>

using namespace llvm;

namespace {

constexpr const char *Marker = "comet-planted-bug-applied";

bool wrongFold(Function &function) {
  for (BasicBlock &block : function)
    for (Instruction &instruction : block) {
      auto *division = dyn_cast<BinaryOperator>(&instruction);
      if (!division || division->getOpcode() != Instruction::SDiv)
        continue;
      auto *divisor = dyn_cast<ConstantInt>(division->getOperand(1));
      if (!divisor || !divisor->getValue().isPowerOf2() ||
          divisor->getValue().isOne())
        continue;
      auto *shift = BinaryOperator::CreateAShr(
          division->getOperand(0),
          ConstantInt::get(division->getType(), divisor->getValue().logBase2()),
          division->getName() + ".wrong", division);
      division->replaceAllUsesWith(shift);
      division->eraseFromParent();
      return true;
    }
  return false;
}

bool dropStore(Function &function) {
  if (function.getName() == "main")
    return false;
  for (BasicBlock &block : function) {
    auto *ret = dyn_cast<ReturnInst>(block.getTerminator());
    if (!ret)
      continue;
    // The last store before the return, with nothing reading memory after.
    for (Instruction *at = ret->getPrevNode(); at; at = at->getPrevNode()) {
      if (auto *store = dyn_cast<StoreInst>(at)) {
        if (!isa<GlobalVariable>(store->getPointerOperand()))
          break;
        store->eraseFromParent();
        return true;
      }
      if (at->mayReadOrWriteMemory())
        break;
    }
  }
  return false;
}

bool wrongBranch(Function &function) {
  for (BasicBlock &block : function) {
    auto *branch = dyn_cast<BranchInst>(block.getTerminator());
    if (!branch || !branch->isConditional())
      continue;
    auto *compare = dyn_cast<ICmpInst>(branch->getCondition());
    if (!compare)
      continue;
    if (compare->getPredicate() == ICmpInst::ICMP_SLT)
      compare->setPredicate(ICmpInst::ICMP_SLE);
    else if (compare->getPredicate() == ICmpInst::ICMP_ULT)
      compare->setPredicate(ICmpInst::ICMP_ULE);
    else
      continue;
    return true;
  }
  return false;
}

struct PlantedBug : PassInfoMixin<PlantedBug> {
  PreservedAnalyses run(Function &function, FunctionAnalysisManager &) {
    if (function.hasFnAttribute(Marker))
      return PreservedAnalyses::all();
    bool changed = COMET_PLANTED_BUG == 1   ? wrongFold(function)
                   : COMET_PLANTED_BUG == 2 ? dropStore(function)
                                            : wrongBranch(function);
    if (!changed)
      return PreservedAnalyses::all();
    function.addFnAttr(Marker);
    return PreservedAnalyses::none();
  }
  static StringRef name() {
    return COMET_PLANTED_BUG == 1   ? "comet-wrong-fold"
           : COMET_PLANTED_BUG == 2 ? "comet-drop-store"
                                    : "comet-wrong-branch";
  }
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "CometPlantedBug", "1",
          [](PassBuilder &builder) {
            builder.registerPeepholeEPCallback(
                [](FunctionPassManager &passes, OptimizationLevel) {
                  passes.addPass(PlantedBug());
                });
            builder.registerPipelineParsingCallback(
                [](StringRef name, FunctionPassManager &passes,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (name != PlantedBug::name())
                    return false;
                  passes.addPass(PlantedBug());
                  return true;
                });
          }};
}
