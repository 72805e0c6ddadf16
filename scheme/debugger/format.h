// Text for what the debugger shows: values by IR type (LLVM's constant
// syntax: "i32 5", "{ i32 1, ptr 0x20000000 }"), memory dumps, listings,
// disassembly, frames and traps.
#ifndef COMET_SCHEME_DEBUGGER_FORMAT_H
#define COMET_SCHEME_DEBUGGER_FORMAT_H

#include "debugger/target.h"
#include "debugger/values.h"

#include <optional>
#include <string>

namespace comet::debugger {

// Print formats, as in gdb: 0 natural, x hex, d signed, u unsigned, o
// octal, t binary, c character, f floating point, a address, s string.
bool isFormat(char format);

class Formatter {
public:
  explicit Formatter(Target &target) : target(target) {}

  // "TYPE TEXT" of a value of a frame (0 = innermost).
  std::string value(size_t frame, const ValueRef &ref, char format);
  // The bits of one register shown as `type` ("" = an untyped 64-bit
  // register).
  std::string scalar(uint64_t bits, const std::string &type, char format);
  // A value of `type` read from memory.
  std::string memory(uint64_t address, const std::string &type, char format);
  // " <@table+8>" for an address inside a data object or of a function.
  std::string symbolize(uint64_t address);
  // gdb's x/NFU: count units of `unit` bytes from address; next is where
  // the following x would continue.
  std::string examine(uint64_t address, uint64_t count, char format,
                      unsigned unit, uint64_t &next);
  // A function's Comet instructions, with the IR instruction each run
  // implements as a comment, "=>" at mark.
  std::string disassemble(uint32_t function, std::optional<uint32_t> mark);
  // Source (.ll) lines around a location, the Comet instructions of each
  // beside it, "=>" at the current one; without source, the instructions.
  std::string listing(uint32_t function, uint32_t pc, unsigned before,
                      unsigned after);
  // "#1  @sum (%a=0x7fff000fffc0, %n=5) at t.ll:29" (pc N without lines).
  std::string frameLine(size_t frame);
  // Where a frame is: "29\t  %cmp = icmp slt i32 %0, %1" when its line is
  // known, else "pc 4: slt.i32 %cmp, %0, %1"; with `instruction`, always
  // the Comet instruction too.
  std::string whereLine(size_t frame, bool instruction);
  // The trap, the IR (or Comet) instruction and the values of its
  // operands.
  std::string trapReport();

private:
  std::string typed(const std::string &type, const uint64_t *&parts,
                    const uint64_t *end, char format);
  std::string memoryBody(uint64_t address, const IRType &type, char format,
                         unsigned depth);
  std::string sourceLine(uint32_t function, uint32_t pc);
  std::string operandValues(size_t frame);
  // A type of the source map, or one built from its text: iN, float,
  // double, ptr, [N x T] (so that memory can be shown as any of them, in
  // programs without IR too).
  const IRType *typeOf(const std::string &text);

  Target &target;
  std::map<std::string, IRType> madeTypes;
};

} // namespace comet::debugger

#endif
