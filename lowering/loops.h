// Natural loops, found from the dominator tree (a back edge is an edge to
// a block that dominates its source): which blocks each loop holds, and
// the preheader through which it is entered, when there is one.
#ifndef COMET_LOWERING_LOOPS_H
#define COMET_LOWERING_LOOPS_H

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/IR/Function.h>

#include <memory>
#include <unordered_map>
#include <vector>

namespace comet::lowering {

struct Loop {
  const llvm::BasicBlock *header = nullptr;
  // The one block outside the loop that branches to the header, when it
  // branches nowhere else; null otherwise.
  const llvm::BasicBlock *preheader = nullptr;
  // The blocks that branch back to the header, in its predecessors' order.
  std::vector<const llvm::BasicBlock *> latches;
  llvm::SmallPtrSet<const llvm::BasicBlock *, 16> blocks;

  // Whether `value` is the same on every iteration: a constant, an
  // argument or an instruction outside the loop.
  bool invariant(const llvm::Value *value) const;
};

class Loops {
public:
  explicit Loops(const llvm::Function &function);
  // The innermost loop that holds `block`, or null.
  const Loop *innermost(const llvm::BasicBlock *block) const;
  // Every loop, by its header's place in the function.
  const std::vector<std::unique_ptr<Loop>> &all() const { return loops; }

private:
  std::vector<std::unique_ptr<Loop>> loops;
  std::unordered_map<const llvm::BasicBlock *, const Loop *> innermostLoop;
};

} // namespace comet::lowering

#endif
