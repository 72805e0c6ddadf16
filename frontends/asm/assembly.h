// Comet assembly (.cas): text to module and module to text.
#ifndef COMET_ASM_ASSEMBLY_H
#define COMET_ASM_ASSEMBLY_H

#include "comet/module.h"

#include <functional>
#include <string>
#include <string_view>

namespace comet::assembly {

// Parses assembly text. Throws comet::Error whose message reads
// "file:line:col: error: ..." followed by the source line and a caret.
Module parse(std::string_view text, std::string_view fileName);

struct PrintOptions {
  // Text for a comment line above instruction `index` of `function` (for
  // instance the IR instruction it implements); "" prints none.
  std::function<std::string(const Function &function, size_t index)> commentFor;
};

// Prints a module so that parse(print(m)) == m.
std::string print(const Module &module, const PrintOptions &options = {});

// One instruction as it would appear in print()'s output (no indent,
// no comment), for trap reports and debuggers.
std::string printInstruction(const Module &module, const Function &function,
                             size_t index);

} // namespace comet::assembly

#endif
