// Where each instruction of a module stands in its .ll file. LLVM keeps no
// positions after parsing, so the text is scanned: in a definition, every
// line that is not a label, comment, debug record or continuation holds
// the next instruction.
#ifndef COMET_LLVM_IR_LINES_H
#define COMET_LLVM_IR_LINES_H

#include "comet/module.h"

#include <string>
#include <unordered_map>

namespace llvm {
class Instruction;
class Module;
} // namespace llvm

namespace comet::ir {

class IRLines {
public:
  IRLines() = default;
  // A function whose lines do not line up with its instructions (a file
  // edited by hand in an unusual layout) simply gets no locations.
  IRLines(const std::string &irFile, const llvm::Module &module);

  SourceLocation locate(const llvm::Instruction *instruction) const;

private:
  std::unordered_map<const llvm::Instruction *, SourceLocation> locations;
};

} // namespace comet::ir

#endif
