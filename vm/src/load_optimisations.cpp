// Shortcuts taken when a function is loaded, invisible to everything but
// the clock: compare-and-branch pairs (and an add before them: a loop's
// step), a jump to a jump, and the frequent pairs of COMET_DIRECT_PAIRS
// fused into one dispatch, and the hoisted constants of a function's entry set
// by copying a register template at each call instead of running one
// instruction each.
#include "interpreter.h"

#include <iterator>
#include <utility>

namespace comet {

void Interpreter::optimise(LoadedFunction &function,
                           const std::vector<bool> &targets) {
  const void *const *handlers = handlerTable();
  std::vector<Code> &code = function.code;

  // The leading li/addr instructions (addr was resolved to li at load)
  // into the template; a jump back into them still runs them, and they
  // set the values the template holds.
  // Padded to whole chunks of the copy in pushFrame.
  function.initialRegisters.assign((function.numRegs + RegisterChunk - 1) /
                                       RegisterChunk * RegisterChunk,
                                   0);
  const void *loadImmediate = handlers[unsigned(Opcode::LI)];
  const void *loadFloat32 = handlers[unsigned(Opcode::LF32)];
  const void *loadFloat64 = handlers[unsigned(Opcode::LF64)];
  uint32_t entry = 0;
  for (; entry < code.size(); ++entry) {
    const Code &record = code[entry];
    bool constant = record.handler == loadImmediate ||
                    record.handler == loadFloat32 ||
                    record.handler == loadFloat64;
    // Not r0, not a parameter (the arguments are copied in after).
    if (!constant || record.a <= function.numParams ||
        record.a >= function.numRegs)
      break;
    function.initialRegisters[record.a] = record.imm;
  }
  function.entry = entry;

  // Fuse a compare with a `br` testing its result, unless the branch is
  // itself a jump target (it must stay reachable alone).
  static const Opcode compares[] = {
#define FUSED_COMPARE(ID) Opcode::ID,
      COMET_FUSED_COMPARES(FUSED_COMPARE)
#undef FUSED_COMPARE
  };
  const void *branch = handlers[unsigned(Opcode::BR)];
  // The compare at `pc` if a `br` that tests it and is no jump target
  // follows; NOP otherwise.
  auto fusableCompare = [&](uint32_t pc) {
    if (pc + 1 >= code.size() || code[pc + 1].handler != branch ||
        code[pc + 1].a != code[pc].a || targets[pc + 1])
      return Opcode::NOP;
    for (Opcode op : compares)
      if (code[pc].handler == handlers[unsigned(op)])
        return op;
    return Opcode::NOP;
  };
  // First an add before such a pair, the compare no jump target either:
  // the pair's records stay as they are, the add's handler does all three.
  for (uint32_t pc = 0; pc + 1 < code.size(); ++pc) {
    Code &add = code[pc];
    Opcode width =
        add.handler == handlers[unsigned(Opcode::ADD_I32)]   ? Opcode::ADD_I32
        : add.handler == handlers[unsigned(Opcode::ADD_I64)] ? Opcode::ADD_I64
                                                             : Opcode::NOP;
    Opcode compare = fusableCompare(pc + 1);
    if (width == Opcode::NOP || compare == Opcode::NOP || targets[pc + 1])
      continue;
    function.fused.emplace_back(pc, add.handler);
    add.handler = fusedHandler(compare, width);
  }
  for (uint32_t pc = 0; pc < code.size(); ++pc) {
    Opcode compare = fusableCompare(pc);
    if (compare == Opcode::NOP)
      continue;
    function.fused.emplace_back(pc, code[pc].handler);
    code[pc].handler = fusedHandler(compare);
    code[pc].imm = uint64_t(code[pc + 1].b) << 32 | code[pc + 1].c;
  }

  // A jmp to a jmp (the latch of a loop whose body ends in several jumps
  // to it, as a switch's cases do) goes on to the second's target.
  const void *jump = handlers[unsigned(Opcode::JMP)];
  for (uint32_t pc = 0; pc < code.size(); ++pc) {
    uint32_t target = code[pc].a;
    if (code[pc].handler != jump || target >= code.size() ||
        code[target].handler != jump || target == pc)
      continue;
    function.fused.emplace_back(pc, jump);
    code[pc].handler = jumpToJumpHandler();
    code[pc].b = code[target].a;
  }

  // An ld.64 whose value a fused eq or ne and its branch test.
  const void *load = handlers[unsigned(Opcode::LD_64)];
  const void *fusedTests[] = {fusedHandler(Opcode::EQ),
                              fusedHandler(Opcode::NE)};
  for (uint32_t pc = 0; pc + 2 < code.size(); ++pc)
    for (Opcode compare : {Opcode::EQ, Opcode::NE})
      if (code[pc].handler == load && !targets[pc + 1] &&
          code[pc + 1].handler == fusedTests[compare == Opcode::NE] &&
          code[pc + 1].b == code[pc].a) {
        function.fused.emplace_back(pc, load);
        code[pc].handler = loadThenTestHandler(compare);
      }

  // Forwarding and direct pairs, of instructions no shortcut above has
  // taken; the second of a pair begins none (the pair runs it by its plain
  // handler). A forwarding pair's second must read the first's result in
  // the operand given (null for direct pairs).
  static const struct {
    Opcode first, second;
    uint32_t Code::*operand;
  } pairs[] = {
#define FORWARDING(FIRST, SECOND, SLOT)                                        \
  {Opcode::FIRST, Opcode::SECOND, &Code::SLOT},
#define A a // the list's slot names, as Code's members
#define B b
#define C c
#define D d
      COMET_FORWARDING_PAIRS(FORWARDING)
#undef A
#undef B
#undef C
#undef D
#undef FORWARDING
#define DIRECT(FIRST, SECOND) {Opcode::FIRST, Opcode::SECOND, nullptr},
          COMET_DIRECT_PAIRS(DIRECT)
#undef DIRECT
  };
  const void *const *pairHandlers = directPairHandlers();
  for (uint32_t pc = 0; pc + 1 < code.size(); ++pc) {
    if (targets[pc + 1])
      continue;
    for (size_t i = 0; i < std::size(pairs); ++i)
      if (code[pc].handler == handlers[unsigned(pairs[i].first)] &&
          code[pc + 1].handler == handlers[unsigned(pairs[i].second)] &&
          (!pairs[i].operand || code[pc + 1].*pairs[i].operand == code[pc].a)) {
        function.fused.emplace_back(pc, code[pc].handler);
        code[pc].handler = pairHandlers[i];
        ++pc;
        break;
      }
  }
}

void Interpreter::deoptimise(uint32_t index) {
  LoadedFunction &function = functions[index];
  function.entry = 0;
  for (auto [pc, handler] : function.fused)
    function.code[pc].handler = handler;
  function.fused.clear();
}

} // namespace comet
