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

// Without `everything`, only what lowering reads counts: renaming values
// and blocks or changing instructions' metadata leaves it as it was (half
// the cost: names and metadata live in tables of their own), which suits
// callers that look at behaviour only.
uint64_t fingerprint(const llvm::Function &function, bool everything = true);

// Of the globals and aliases, their names aside: what a function pass may
// change outside its function (InferAlignment raises globals' alignment).
uint64_t globalsFingerprint(const llvm::Module &module);

// Of what moduleLevelText() prints: globals, aliases, and each function's
// name, type and whether it is defined.
uint64_t moduleLevelFingerprint(const llvm::Module &module);

} // namespace comet::ir

#endif
