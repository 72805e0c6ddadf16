#include "lowering/loops.h"

#include <llvm/IR/CFG.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/Instruction.h>

namespace comet::lowering {

bool Loop::invariant(const llvm::Value *value) const {
  auto *instruction = llvm::dyn_cast<llvm::Instruction>(value);
  return !instruction || !blocks.contains(instruction->getParent());
}

Loops::Loops(const llvm::Function &function) {
  llvm::DominatorTree tree(const_cast<llvm::Function &>(function));
  for (const llvm::BasicBlock &header : function) {
    auto loop = std::make_unique<Loop>();
    loop->header = &header;
    for (const llvm::BasicBlock *predecessor : llvm::predecessors(&header))
      if (tree.isReachableFromEntry(predecessor) &&
          tree.dominates(&header, predecessor))
        loop->latches.push_back(predecessor);
    if (loop->latches.empty())
      continue;
    // Backwards from every latch to the header: the loop's blocks.
    std::vector<const llvm::BasicBlock *> work = loop->latches;
    loop->blocks.insert(&header);
    while (!work.empty()) {
      const llvm::BasicBlock *block = work.back();
      work.pop_back();
      if (loop->blocks.insert(block).second)
        for (const llvm::BasicBlock *predecessor : llvm::predecessors(block))
          work.push_back(predecessor);
    }
    for (const llvm::BasicBlock *predecessor : llvm::predecessors(&header)) {
      if (loop->blocks.contains(predecessor))
        continue;
      if (loop->preheader || predecessor->getTerminator()->getNumSuccessors() !=
                                 1) { // two entries, or a shared edge
        loop->preheader = nullptr;
        break;
      }
      loop->preheader = predecessor;
    }
    loops.push_back(std::move(loop));
  }
  // Loops nest or are disjoint: the innermost holding a block is the
  // smallest.
  for (const auto &loop : loops)
    for (const llvm::BasicBlock *block : loop->blocks) {
      const Loop *&known = innermostLoop[block];
      if (!known || known->blocks.size() > loop->blocks.size())
        known = loop.get();
    }
}

const Loop *Loops::innermost(const llvm::BasicBlock *block) const {
  auto found = innermostLoop.find(block);
  return found == innermostLoop.end() ? nullptr : found->second;
}

} // namespace comet::lowering
