#include "lowering/block_layout.h"

#include <llvm/IR/CFG.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/Instructions.h>

#include <list>
#include <unordered_set>

namespace comet::lowering {

namespace {

// Whether `from` ends in an unconditional branch to `to`: it falls through
// when `to` comes next.
bool fallsInto(const llvm::BasicBlock *from, const llvm::BasicBlock *to) {
  auto *branch = llvm::dyn_cast<llvm::BranchInst>(from->getTerminator());
  return branch && branch->isUnconditional() && branch->getSuccessor(0) == to;
}

} // namespace

std::vector<const llvm::BasicBlock *> blockLayout(
    const llvm::Function &function,
    llvm::function_ref<bool(const llvm::BasicBlock *, const llvm::BasicBlock *)>
        jumpsBack) {
  std::list<const llvm::BasicBlock *> order;
  std::unordered_map<const llvm::BasicBlock *,
                     std::list<const llvm::BasicBlock *>::iterator>
      where;
  for (const llvm::BasicBlock &block : function)
    where[&block] = order.insert(order.end(), &block);
  llvm::DominatorTree tree(const_cast<llvm::Function &>(function));
  // Blocks already moved or moved next to: a later move must not separate
  // them again.
  std::unordered_set<const llvm::BasicBlock *> placed;
  const llvm::BasicBlock *entry = &function.getEntryBlock();

  for (const llvm::BasicBlock &header : function) {
    const llvm::BasicBlock *latch = nullptr;
    for (const llvm::BasicBlock *predecessor : llvm::predecessors(&header))
      if (predecessor != &header && tree.isReachableFromEntry(predecessor) &&
          tree.dominates(&header, predecessor) &&
          jumpsBack(predecessor, &header))
        latch = predecessor; // of several, any one
    if (!latch || placed.count(&header) || placed.count(latch))
      continue;
    // The latch and the blocks that fall into it, back to one that does not.
    auto first = where[latch];
    while (first != order.begin()) {
      const llvm::BasicBlock *previous = *std::prev(first);
      if (previous == entry || previous == &header || placed.count(previous) ||
          !fallsInto(previous, *first))
        break;
      --first;
    }
    // A header falling into the chain would jump to it instead: no gain.
    if (first != order.begin() && *std::prev(first) == &header &&
        fallsInto(&header, *first))
      continue;
    auto last = std::next(where[latch]);
    if (last != order.end() && *last == &header)
      continue; // already in place
    for (auto it = first; it != last; ++it)
      placed.insert(*it);
    placed.insert(&header);
    order.splice(where[&header], order, first, last);
  }
  return {order.begin(), order.end()};
}

} // namespace comet::lowering
