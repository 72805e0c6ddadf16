// The order in which a function's instructions are lowered: the IR's,
// except that a loop's next value (`%i.next = add %i, 1`) whose block
// still reads the phi after it is moved down to just before its first use
// in the block (or the block's terminator), so that the phi and the value
// can share a register (register_sharing.h) and the back edge copies
// nothing.
#ifndef COMET_LOWERING_SCHEDULE_H
#define COMET_LOWERING_SCHEDULE_H

#include <llvm/IR/Function.h>

#include <unordered_map>
#include <vector>

namespace comet::lowering {

class Schedule {
public:
  // With moveValues false, the IR's order (when undefined behaviour is
  // checked, a trap must come where the IR has it).
  Schedule(const llvm::Function &function, bool moveValues);

  // Where an instruction comes in its block's order.
  size_t position(const llvm::Instruction *instruction) const {
    return positions.at(instruction);
  }
  // Whether a runs before b; both in the same block.
  bool before(const llvm::Instruction *a, const llvm::Instruction *b) const {
    return position(a) < position(b);
  }
  // The block's instructions in the order they are lowered.
  const std::vector<const llvm::Instruction *> &
  order(const llvm::BasicBlock &block) const {
    return orders.at(&block);
  }

private:
  std::unordered_map<const llvm::Instruction *, size_t> positions;
  std::unordered_map<const llvm::BasicBlock *,
                     std::vector<const llvm::Instruction *>>
      orders;
};

} // namespace comet::lowering

#endif
