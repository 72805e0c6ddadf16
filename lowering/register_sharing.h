// Which values can share registers, decided on the IR before any register
// is given out: values with the phis they feed, so that the edges carrying
// them need no copy (a loop's counter and its next value, an accumulator
// and its sum, a state machine's phis of phis), and casts that change no
// bit with their operands, so that they need no copy at all.
#ifndef COMET_LOWERING_REGISTER_SHARING_H
#define COMET_LOWERING_REGISTER_SHARING_H

#include "lowering/schedule.h"

#include <llvm/IR/Instructions.h>

#include <optional>
#include <vector>

namespace comet::lowering {

struct ClassMember {
  const llvm::Value *leader;      // the class's argument, or else its first phi
  const llvm::Instruction *value; // another member: it takes the leader's
                                  // registers
};

// Classes of values joined by phis (a phi and its incoming values, those
// values' own phis, ..., at most one argument) in which no two interfere:
// none is read after another is defined. Each member but the leader
// appears once.
// Liveness follows the schedule's order within blocks.
std::vector<ClassMember> phiClasses(const llvm::Function &function,
                                    const Schedule &schedule);

struct SameBits {
  const llvm::Instruction *cast;
  const llvm::Value *operand;   // an instruction or argument
  std::optional<unsigned> lane; // the one register read, if not all
  unsigned splat = 0; // else the number of lanes that are all its register
  int64_t offset = 0; // an address: what its loads and stores add to it
};

// Casts whose result is the very register contents of their operand (zext
// to 64 bits or fewer of a zero-extended value, 64-bit pointer-integer
// casts, same-size bitcasts, freeze of 64 bits, trunc nuw), lane by lane
// for vectors, lanes taken out of vectors by a constant-index
// extractelement, and a value inserted into a poison vector that only
// shuffles and extracts read (every lane is the value's register: the
// poison lanes may hold it too; a splat then is one copy a lane), and
// getelementptrs of constant indices that only loads and stores use as
// their address (they add the offset themselves), whose
// operand's register holds it wherever the cast is read: written by
// nothing but its definition, or (a phi, a member of `classes`) not
// written again before the cast's last read, later in its own block. They
// can read that register where they are used.
std::vector<SameBits> sameBitsCasts(const llvm::Function &function,
                                    const std::vector<ClassMember> &classes,
                                    const Schedule &schedule);

} // namespace comet::lowering

#endif
