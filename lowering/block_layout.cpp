#include "lowering/block_layout.h"

#include <llvm/IR/CFG.h>
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

// Whether `from` branches to `to` on the side of a test for zero (or
// null) that finds it: the side a static estimate (LLVM's zero and
// pointer heuristics) holds to be the rarer.
bool onZeroSide(const llvm::BasicBlock *from, const llvm::BasicBlock *to) {
  auto *branch = llvm::dyn_cast<llvm::BranchInst>(from->getTerminator());
  auto *test = branch && branch->isConditional()
                   ? llvm::dyn_cast<llvm::ICmpInst>(branch->getCondition())
                   : nullptr;
  auto *constant =
      test ? llvm::dyn_cast<llvm::Constant>(test->getOperand(1)) : nullptr;
  if (!constant || !constant->isNullValue() || !test->isEquality() ||
      branch->getSuccessor(0) == branch->getSuccessor(1))
    return false;
  bool equal = test->getPredicate() == llvm::ICmpInst::ICMP_EQ;
  return branch->getSuccessor(equal ? 0 : 1) == to;
}

} // namespace

std::vector<const llvm::BasicBlock *> blockLayout(
    const llvm::Function &function, const Loops &loops,
    llvm::function_ref<bool(const llvm::BasicBlock *, const llvm::BasicBlock *)>
        jumpsBack) {
  std::list<const llvm::BasicBlock *> order;
  std::unordered_map<const llvm::BasicBlock *,
                     std::list<const llvm::BasicBlock *>::iterator>
      where;
  for (const llvm::BasicBlock &block : function)
    where[&block] = order.insert(order.end(), &block);
  // Blocks already moved or moved next to: a later move must not separate
  // them again.
  std::unordered_set<const llvm::BasicBlock *> placed;
  const llvm::BasicBlock *entry = &function.getEntryBlock();

  for (const auto &loop : loops.all()) {
    const llvm::BasicBlock &header = *loop->header;
    const llvm::BasicBlock *latch = nullptr;
    for (const llvm::BasicBlock *candidate : loop->latches)
      if (candidate != &header && jumpsBack(candidate, &header))
        latch = candidate; // of several, any one
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

  // A block that the one before it enters only on a test for zero (the
  // rarer side) is entered by falling instead from a predecessor that
  // jumps to it unconditionally, if one can move: a tail call turned into
  // a loop (ack(m - 1, ack(m, n - 1)) with n == 0 apart).
  for (auto it = std::next(order.begin()); it != order.end(); ++it) {
    const llvm::BasicBlock *block = *it;
    if (placed.count(block) || !onZeroSide(*std::prev(it), block))
      continue;
    for (const llvm::BasicBlock *predecessor : llvm::predecessors(block)) {
      auto at = where[predecessor];
      if (predecessor == entry || placed.count(predecessor) ||
          !fallsInto(predecessor, block) ||
          (at != order.begin() && fallsInto(*std::prev(at), predecessor)))
        continue;
      order.splice(it, order, at);
      placed.insert(predecessor);
      placed.insert(block);
      break;
    }
  }
  return {order.begin(), order.end()};
}

} // namespace comet::lowering
