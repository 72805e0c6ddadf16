#include "trap_report.h"
#include "asm/assembly.h"

#include <cinttypes>

namespace comet::tools {

void printTrapReport(Program &program, std::FILE *out) {
  const TrapInfo &trap = program.trap();
  const Module &module = program.module();
  std::fprintf(out, "comet-vm: trap: %s", trapKindName(trap.kind));
  if (!trap.message.empty())
    std::fprintf(out, ": %s", trap.message.c_str());
  if (trap.kind == TrapKind::MemoryFault || trap.kind == TrapKind::BadCall ||
      trap.kind == TrapKind::StackOverflow)
    std::fprintf(out, " at address 0x%" PRIx64, trap.address);
  std::fprintf(out, "\n");
  // Deep recursion shows its innermost and outermost frames only.
  constexpr size_t Innermost = 16, Outermost = 4;
  std::vector<Frame> frames = program.frames();
  for (size_t depth = 0; depth < frames.size(); ++depth) {
    if (depth == Innermost && frames.size() > Innermost + Outermost) {
      size_t skipped = frames.size() - Innermost - Outermost;
      std::fprintf(out, "  ... %zu frames omitted ...\n", skipped);
      depth += skipped - 1;
      continue;
    }
    const Frame &frame = frames[frames.size() - 1 - depth];
    const Function &function = module.functions[frame.function];
    std::string insn = assembly::printInstruction(module, function, frame.pc);
    std::fprintf(out, "  #%zu %s pc %u: %s", depth, function.name.c_str(),
                 frame.pc, insn.c_str());
    if (frame.pc < function.locations.size() &&
        function.locations[frame.pc].line)
      std::fprintf(out, "  (%s:%u:%u)", module.sourceFile.c_str(),
                   function.locations[frame.pc].line,
                   function.locations[frame.pc].column);
    std::fprintf(out, "\n");
  }
}

} // namespace comet::tools
