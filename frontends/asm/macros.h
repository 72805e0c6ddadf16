// Assembler macros: `#(EXPRESSION)` in a .cas file is evaluated at
// assembly time by a macro expander, which the assembler does not provide
// itself (it has no Scheme): a driver installs one (comet-vm installs the
// Scheme expander of scheme/macros/). Without one, a file with macros is
// an error.
//
// A macro where a value goes (an operand, a data item, a name) becomes the
// assembly text of its value: a number, a string literal, a character, a
// name (a symbol: a label, %register or @global), or a list of these
// separated by commas. A macro at the start of a statement becomes
// assembly lines: a string holds lines, a list holds strings or
// instructions written as lists (MNEMONIC OPERAND...); nothing (#f, void,
// the empty list) adds no line.
//
// Macros may ask where labels are (an instruction index in a function, a
// byte offset in a data object). The file is assembled again with the
// addresses of the previous pass until they no longer change.
#ifndef COMET_ASM_MACROS_H
#define COMET_ASM_MACROS_H

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace comet::assembly {

struct MacroValue {
  enum class Kind { Nothing, Bool, Integer, Real, String, Char, Symbol, List };
  Kind kind = Kind::Nothing;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text; // String, Symbol; Char holds one byte
  std::vector<MacroValue> items;
};

// Labels as a pass found them: function or data object name -> label ->
// instruction index or byte offset.
using LabelAddresses = std::map<std::string, std::map<std::string, uint64_t>>;

// Where a macro is being expanded.
struct MacroSite {
  std::string scope; // the function or data object being assembled, or ""
  bool inData = false;
  uint64_t here = 0; // index of the next instruction, or of the next byte
  uint32_t line = 0; // of the macro in the file
};

class MacroExpander {
public:
  virtual ~MacroExpander() = default;
  // Starts a pass over the file, given the label addresses the previous
  // pass found (none before the first).
  virtual void beginPass(const LabelAddresses &labels) = 0;
  // Evaluates one macro's expression. Throws comet::Error with the reason
  // (the assembler adds the file and line).
  virtual MacroValue expand(const std::string &expression,
                            const MacroSite &site) = 0;
  // Whether this pass's expansions read label addresses (if none did,
  // another pass would change nothing).
  virtual bool usedLabels() const = 0;
};

using MacroExpanderFactory = std::function<std::unique_ptr<MacroExpander>()>;

// The expander for files with macros; an empty factory removes it.
void setMacroExpanderFactory(MacroExpanderFactory factory);
std::unique_ptr<MacroExpander> makeMacroExpander();

// How many passes may run before the assembler gives up on addresses that
// keep changing.
constexpr unsigned MaxMacroPasses = 16;

} // namespace comet::assembly

#endif
