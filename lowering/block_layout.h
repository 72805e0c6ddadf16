// The order in which a function's blocks are lowered: the IR's, except
// that a loop's latch whose back edge would end in a jump of its own (an
// unconditional branch, or an edge block of phi copies) moves, with the
// blocks that fall into it, to just before its header. The back edge then
// falls through on every iteration, and the loop's entry jumps instead,
// once.
#ifndef COMET_LOWERING_BLOCK_LAYOUT_H
#define COMET_LOWERING_BLOCK_LAYOUT_H

#include "lowering/loops.h"

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/IR/Function.h>

#include <vector>

namespace comet::lowering {

// jumpsBack(latch, header): whether that back edge would need a jump of its
// own when the header is not the next block.
std::vector<const llvm::BasicBlock *> blockLayout(
    const llvm::Function &function, const Loops &loops,
    llvm::function_ref<bool(const llvm::BasicBlock *, const llvm::BasicBlock *)>
        jumpsBack);

} // namespace comet::lowering

#endif
