// Cheap fingerprints of IR, to tell whether a pass changed a function or
// the module level without printing it. They hash identities (the
// instructions, operands and types a unit is made of, which LLVM uniques
// or allocates anew when a pass replaces them) and the state kept inside
// instructions (flags, predicates, alignment, orderings, masks, indices),
// so any change a pass makes changes the fingerprint; an equal fingerprint
// means an unchanged unit. A different fingerprint may still print the
// same (a value rebuilt identically), so callers compare the text then.
#ifndef COMET_LLVM_IR_FINGERPRINT_H
#define COMET_LLVM_IR_FINGERPRINT_H

#include <cstdint>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace comet::ir {

uint64_t fingerprint(const llvm::Function &function);

// Of what moduleLevelText() prints: globals, aliases, and each function's
// name, type and whether it is defined.
uint64_t moduleLevelFingerprint(const llvm::Module &module);

} // namespace comet::ir

#endif
