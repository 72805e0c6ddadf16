// Shortcuts taken when a function is loaded, invisible to everything but
// the clock: compare-and-branch pairs (and an add before them: a loop's
// step) fused into one dispatch, and the hoisted constants of a function's
// entry set by copying a register template at each call instead of running
// one instruction each.
#include "interpreter.h"

namespace comet {

void Interpreter::optimise(LoadedFunction &function,
                           const std::vector<bool> &targets) {
  const void *const *handlers = handlerTable();
  std::vector<Code> &code = function.code;

  // The leading li/addr instructions (addr was resolved to li at load)
  // into the template; a jump back into them still runs them, and they
  // set the values the template holds.
  function.initialRegisters.assign(function.numRegs, 0);
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
  static const std::pair<Opcode, const void *> compares[] = {
#define FUSED_PAIR(ID) {Opcode::ID, fusedHandler(Opcode::ID)},
      COMET_FUSED_COMPARES(FUSED_PAIR)
#undef FUSED_PAIR
  };
  const void *branch = handlers[unsigned(Opcode::BR)];
  // First an add, a compare and a br testing it, neither of the last two a
  // jump target: their records stay as they are, the add's handler does
  // all three.
  for (uint32_t pc = 0; pc + 2 < code.size(); ++pc) {
    Code &add = code[pc];
    Opcode width =
        add.handler == handlers[unsigned(Opcode::ADD_I32)]   ? Opcode::ADD_I32
        : add.handler == handlers[unsigned(Opcode::ADD_I64)] ? Opcode::ADD_I64
                                                             : Opcode::NOP;
    const Code &compare = code[pc + 1], &test = code[pc + 2];
    if (width == Opcode::NOP || test.handler != branch || test.a != compare.a ||
        targets[pc + 1] || targets[pc + 2])
      continue;
    for (const auto &[op, fused] : compares) {
      if (compare.handler != handlers[unsigned(op)])
        continue;
      function.fused.emplace_back(pc, add.handler);
      add.handler = fusedHandler(op, width);
      break;
    }
  }
  for (uint32_t pc = 0; pc + 1 < code.size(); ++pc) {
    Code &compare = code[pc];
    const Code &next = code[pc + 1];
    if (next.handler != branch || next.a != compare.a || targets[pc + 1])
      continue;
    for (const auto &[op, fused] : compares) {
      if (compare.handler != handlers[unsigned(op)])
        continue;
      function.fused.emplace_back(pc, compare.handler);
      compare.handler = fused;
      compare.imm = uint64_t(next.b) << 32 | next.c;
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
