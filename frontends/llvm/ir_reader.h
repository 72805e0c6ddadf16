// Reading programs into LLVM IR: .ll and .bc with LLVM 19, .c through
// clang-19. Errors are LLVM's and clang's own diagnostics.
#ifndef COMET_LLVM_IR_READER_H
#define COMET_LLVM_IR_READER_H

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace comet::ir {

struct ReadOptions {
  // Flags for clang when the input is C. Empty: the defaults, which keep
  // IR value names and leave the IR unoptimised but optimisable.
  std::vector<std::string> cflags;
  std::string clang = "clang-19";
  // Where to put the .ll made from a .c input; empty: a temporary file
  // that is removed when the program ends.
  std::string irOutput;
};

struct ReadResult {
  std::unique_ptr<llvm::Module> module;
  std::string irFile; // the textual IR the module came from, if any
};

// A new temporary .ll path ("/tmp/PREFIX-XXXXXX.ll"), removed when the
// program ends.
std::string temporaryIRFile(const std::string &prefix = "comet");

// The clang flags used when ReadOptions::cflags is empty.
std::vector<std::string> defaultCFlags();

// True for the file kinds readIR accepts: .ll, .bc, .c.
bool isIRInput(const std::string &path);

// Reads and verifies. Throws comet::Error with the diagnostic text
// (file:line:col, the line and a caret) on failure.
ReadResult readIR(const std::string &path, llvm::LLVMContext &context,
                  const ReadOptions &options = {});

} // namespace comet::ir

#endif
