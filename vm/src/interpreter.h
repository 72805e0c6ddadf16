// The loaded form of a program and the interpreter that runs it.
//
// At load every function is translated once into fixed-width Code records
// (handler address, four 32-bit slots, one 64-bit immediate), so the hot
// loop never decodes anything: registers and labels fill slots a, b, c, d in
// operand order, the first immediate goes to imm and later ones to the next
// slot; lists, switch tables and call sites live in side records that imm
// points to. Dispatch is direct-threaded (computed goto).
#ifndef COMET_INTERPRETER_H
#define COMET_INTERPRETER_H

#include "comet/vm.h"
#include "libc.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace comet {

// A call (call, calli) with exactly one result register and a ret with
// exactly one value register also keep that register in c, with d = 1: a
// return then moves one value without reading the side records. A `call` of
// a guest function keeps its LoadedFunction's address in a and b (one
// word), so that the call need not read its side record first. A scalar
// load or store keeps in d the TLB slot it used last (see
// AddressSpace::load), which it rewrites when its address moves on.
struct Code {
  const void *handler;
  uint32_t a, b, c, d;
  uint64_t imm;
};

struct LoadedFunction;

struct CallSite {
  const LoadedFunction *callee = nullptr; // when host is null
  HostFunction host = nullptr;            // a direct call of a host import
  std::vector<uint32_t> results;          // destination registers
  std::vector<uint32_t> args;             // argument registers
};

struct RegisterList {
  std::vector<uint32_t> registers;
};

struct SwitchTable {
  std::vector<uint64_t> values; // sorted
  std::vector<uint32_t> targets;
};

// pushFrame copies a callee's register template in chunks of this many
// registers (past the frame's end when it is not a whole number of them).
constexpr size_t RegisterChunk = 4;

struct LoadedFunction {
  uint32_t index; // in Interpreter::functions
  uint32_t numParams;
  uint32_t numRegs;
  std::vector<Code> code;
  // The registers as the function's leading constant instructions (li,
  // addr: the hoisted constants) leave them. A call copies them in and
  // starts at `entry`, after those instructions, charging their steps, so
  // counts and limits are as if they ran.
  std::vector<uint64_t> initialRegisters; // padded to RegisterChunk
  uint32_t entry = 0;
  // Compare-and-branch pairs fused at load into one record at the
  // compare's pc, with the compare's own handler (restored when a
  // breakpoint is set in the function).
  std::vector<std::pair<uint32_t, const void *>> fused;
};

// Internal superinstructions, made at load and never seen outside the
// interpreter: an integer compare fused with the `br` right after it that
// tests its result. In dispatch-table order.
// clang-format 14 reflows this list differently on every run.
// clang-format off
#define COMET_FUSED_COMPARES(X)                                                \
  X(EQ)                                                                        \
  X(NE)                                                                        \
  X(ULT)                                                                       \
  X(ULE)                                                                       \
  X(UGT)                                                                       \
  X(UGE)                                                                       \
  X(SLT_I32)                                                                   \
  X(SLE_I32)                                                                   \
  X(SGT_I32)                                                                   \
  X(SGE_I32)                                                                   \
  X(SLT_I64)                                                                   \
  X(SLE_I64)                                                                   \
  X(SGT_I64)                                                                   \
  X(SGE_I64)
// clang-format on

// Pairs of instructions run as one dispatch when the second follows the
// first and is no jump target (made at load, invisible but to the clock).
// Forwarding pairs X(FIRST, SECOND, SLOT): the second's operand in SLOT
// is the first's result, and the second takes it from the first's body
// rather than reading it back from the register file (an address
// computation and the scalar access at that address, the two parts of a
// two-dimensional index, a 32-bit index sign-extended and scaled, a double
// computed and stored, the steps of hashes and xorshift generators, a sum
// of three, a product that a multiply-add adds, a value loaded and used at
// once, the links of a chain of arithmetic such as a matrix element's index
// converted and divided or a distance's terms, a condition computed and
// branched on): besides the dispatch, the chain skips a store and a load
// of the register file, which it would otherwise wait for. Direct pairs:
// the first's body, then the second's own handler entered by a direct jump
// (vector accesses, phi copies, multiply-add). The pairs most frequent in
// the benchmarks, in dispatch-table order, forwarding pairs first (a pair
// listed earlier is taken first where two could start at one record).
// clang-format 14 reflows these lists differently on every run.
// clang-format off
#define COMET_SCALAR_ACCESSES_AFTER(X, FIRST)                                  \
  X(FIRST, LD_U8, B)                                                           \
  X(FIRST, LD_S8, B)                                                           \
  X(FIRST, LD_U16, B)                                                          \
  X(FIRST, LD_S16, B)                                                          \
  X(FIRST, LD_U32, B)                                                          \
  X(FIRST, LD_S32, B)                                                          \
  X(FIRST, LD_64, B)                                                           \
  X(FIRST, ST_8, B)                                                            \
  X(FIRST, ST_16, B)                                                           \
  X(FIRST, ST_32, B)                                                           \
  X(FIRST, ST_64, B)
#define COMET_FORWARDING_PAIRS(X)                                              \
  X(MUL_I64, TRUNC, B)                                                         \
  X(LSHR_I32, ADD_I32, B)                                                      \
  X(UITOFP_F64, FDIV_F64, C)                                                   \
  X(OR, ADD_I64, C)                                                            \
  X(ADD_I32, ULT, B)                                                           \
  X(NE, AND, B)                                                                \
  X(FMUL_F64, FMULADD_F64, B)                                                  \
  X(FSUB_F64, FADD_F64, C)                                                     \
  X(FADD_F64, FMUL_F64, B)                                                     \
  X(FADD_F64, FCMP_OLE_F64, B)                                                 \
  X(LD_64, FSUB_F64, B)                                                        \
  X(MUL_I64, ADDMUL, C)                                                        \
  X(TRUNC, XOR, C)                                                             \
  X(LD_U8, XOR, C)                                                             \
  X(XOR, ADDMUL, C)                                                            \
  X(XOR, ADD_I32, C)                                                           \
  X(LD_U32, SGE_I32, C)                                                        \
  X(SLT_I32, SELECT, B)                                                        \
  X(XOR, LSHR_I32, B)                                                          \
  X(LD_U8, ADDMUL, C)                                                          \
  X(LD_U32, ADD_I32, B)                                                        \
  X(AND, ADD_I32, B)                                                           \
  X(ULT, SELECT, C)                                                            \
  X(LD_64, FSUB_F64, C)                                                        \
  X(FMULADD_F64, FMULADD_F64, D)                                               \
  X(FMULADD_F64, SQRT_F64, B)                                                  \
  X(SQRT_F64, FMUL_F64, C)                                                     \
  X(FMUL_F64, FDIV_F64, C)                                                     \
  X(FNEG_F64, FMUL_F64, C)                                                     \
  X(SELECT, BR, A)                                                             \
  X(AND, BR, A)                                                                \
  X(LD_U32, SGT_I32, B)                                                        \
  X(SUB_I64, ADD_I64, C)                                                       \
  COMET_SCALAR_ACCESSES_AFTER(X, ADD_I64)                                      \
  COMET_SCALAR_ACCESSES_AFTER(X, ADDMUL)                                       \
  X(ADDMUL, ADDMUL, B)                                                         \
  X(ADD_I32, SEXT, B)                                                          \
  X(SEXT, ADDMUL, C)                                                           \
  X(FADD_F64, ST_64, A)                                                        \
  X(FSUB_F64, ST_64, A)                                                        \
  X(FMULADD_F64, ST_64, A)                                                     \
  X(SHL_I32, XOR, B)                                                           \
  X(LSHR_I32, XOR, B)                                                          \
  X(LSHR_I32, AND, B)                                                          \
  X(XOR, MUL_I32, B)                                                           \
  X(ADD_I64, ADD_I64, B)                                                       \
  X(FMUL_F64, FMULADD_F64, D)
#define COMET_VECTOR_ACCESSES_AFTER(X, FIRST)                                  \
  X(FIRST, VLD_U8)                                                             \
  X(FIRST, VLD_U16)                                                            \
  X(FIRST, VLD_U32)                                                            \
  X(FIRST, VLD_64)                                                             \
  X(FIRST, VST_8)                                                              \
  X(FIRST, VST_16)                                                             \
  X(FIRST, VST_32)                                                             \
  X(FIRST, VST_64)
#define COMET_DIRECT_PAIRS(X)                                                  \
  COMET_VECTOR_ACCESSES_AFTER(X, ADD_I64)                                      \
  COMET_VECTOR_ACCESSES_AFTER(X, ADDMUL)                                       \
  X(ADDMUL, ADD_I64)                                                           \
  X(MOV, MOV)                                                                  \
  X(MOV, JMP)                                                                  \
  X(FMUL_F64, FADD_F64)                                                        \
  X(LI, JMP)                                                                   \
  X(MOV, LI)                                                                   \
  X(LI, MOV)
// clang-format on

struct ActiveFrame {
  uint32_t function;
  uint32_t numRegs;
  const Code *pc;
  const Code *base; // the function's code: a return need not look it up
  uint64_t *registers;
  uint64_t savedStackPointer;
  uint64_t serial; // tells this activation from later ones at its depth
};

// What setjmp saved: the frame (by depth and serial), where to resume and
// the register that receives longjmp's value.
struct JumpRecord {
  uint64_t buffer;
  size_t depth;
  uint64_t serial;
  const Code *pc;
  uint64_t stackPointer;
  uint32_t result;
};
// setjmp writes this tag and the record's index into the jmp_buf.
constexpr uint64_t JumpTag = uint64_t(0x4a4d5042) << 32;

// Thrown through a host function when guest code it called back into
// trapped or exited; the state is already recorded.
struct GuestUnwind {};

class Interpreter {
public:
  Interpreter(const VM &vm, Module module, ProgramOptions options);

  Module module;
  ProgramOptions options;
  AddressSpace memory;
  std::unique_ptr<Libc> libc;

  // Loaded code and linked addresses.
  std::vector<LoadedFunction> functions;
  std::vector<HostFunction> importFunctions; // null for host data imports
  std::vector<uint64_t> symbolAddresses;     // by unified symbol index
  std::vector<std::unique_ptr<CallSite>> callSites;
  std::vector<std::unique_ptr<RegisterList>> registerLists;
  std::vector<std::unique_ptr<SwitchTable>> switchTables;
  std::map<std::pair<uint32_t, uint32_t>, const void *> breakpoints;
  // Breakpoints reached where the program cannot pause (in guest code a
  // host function called back): (function, pc) -> times, for debuggers to
  // tell.
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> passedBreakpoints;

  // Thread state.
  std::unique_ptr<uint64_t[]> registerStack;
  uint64_t *registerStackEnd = nullptr;
  std::vector<ActiveFrame> frames;
  uint64_t frameSerial = 0;
  std::vector<JumpRecord> jumps;
  uint64_t stackPointer = layout::StackTop;
  uint64_t mainStackTop = layout::StackTop; // below argv, set by startMain
  uint64_t stackLimit = 0;
  uint64_t budget = 0;             // steps left in this run
  uint64_t granted = 0;            // steps this run may take (budget included)
  bool budgetIsStepLimit = false;  // the budget ends at the step limit
  bool resumeAtBreakpoint = false; // stopped at a breakpoint, not past it
  uint64_t stepsExecuted = 0;      // in all runs before this one
  uint64_t stepLimit = UINT64_MAX;
  unsigned nesting = 0; // guest calls made from host functions
  std::vector<uint64_t> results;
  TrapInfo trap;
  int exitCode = 0;

  // Runs from the top frame until the frame at depth baseDepth returns,
  // stepping over breakpoints where pausing is not allowed (inside host
  // functions) and pausing at them otherwise.
  RunStatus run(size_t baseDepth, bool pauseAllowed);
  // The dispatch loop itself: stops at any breakpoint or empty budget.
  RunStatus execute(size_t baseDepth);
  // The loop's body; with a null interpreter it only publishes its labels.
  static RunStatus dispatch(Interpreter *self, size_t baseDepth);
  // The dispatch table (handler addresses by opcode) and the breakpoint
  // handler, taken from execute's labels.
  static const void *const *handlerTable();
  static const void *breakpointHandler();
  // The fused compare-and-branch handler for a compare opcode, or null.
  // The handler of a compare fused with the br after it; with `before`
  // ADD_I32 or ADD_I64, of that add fused with both.
  static const void *fusedHandler(Opcode compare, Opcode before = Opcode::NOP);
  // The handlers of COMET_FORWARDING_PAIRS then COMET_DIRECT_PAIRS, in
  // their order.
  static const void *const *directPairHandlers();
  // The handler of a jmp whose target is a jmp: it runs both, the second's
  // target in slot b.
  static const void *jumpToJumpHandler();
  // The handler of an ld.64 whose value the fused eq (or ne) and br after
  // it test (in operand b): it runs all three.
  static const void *loadThenTestHandler(Opcode compare);

  // Pushes a frame for function with the given arguments; false (with a
  // trap recorded) if the call depth or register stack is exhausted.
  bool pushFrame(uint32_t function, const uint64_t *args, size_t count) {
    uint64_t *registers = frames.empty()
                              ? registerStack.get()
                              : frames.back().registers + frames.back().numRegs;
    return pushFrameAt(functions[function], registers, budget, count,
                       [args](size_t i) { return args[i]; }) != nullptr;
  }
  // The same for the dispatch loop, which knows where the new frame's
  // registers begin and keeps the budget in `steps`; argument i is
  // argumentAt(i): a guest call reads its arguments straight from the
  // caller's registers, which lie below the new frame (a tail call, which
  // reuses the caller's place, gathers them first). Returns the record the
  // callee starts at (the loop need not read it back from the frame), or
  // null as pushFrame returns false.
  template <typename ArgumentAt>
  const Code *pushFrameAt(const LoadedFunction &callee, uint64_t *registers,
                          uint64_t &steps, size_t count, ArgumentAt argumentAt);
  bool tooDeep(uint32_t function); // records the call-depth trap; false
  // A call's argument values: in `local` when they fit, else in a buffer
  // that stays put until released (calls release in reverse order).
  static constexpr size_t LocalArguments = 16;
  uint64_t *gatherArguments(const CallSite &site, const uint64_t *registers,
                            uint64_t *local) {
    uint64_t *values = local;
    if (site.args.size() > LocalArguments)
      values = spilledArguments
                   .emplace_back(std::make_unique<uint64_t[]>(site.args.size()))
                   .get();
    for (size_t i = 0; i < site.args.size(); ++i)
      values[i] = registers[site.args[i]];
    return values;
  }
  void releaseArguments(const CallSite &site) {
    if (site.args.size() > LocalArguments)
      spilledArguments.pop_back();
  }
  std::vector<std::unique_ptr<uint64_t[]>> spilledArguments;

  // Maps a code address to a function index, or -1.
  int64_t functionAt(uint64_t address) const;
  int64_t importAt(uint64_t address) const;
  uint64_t callGuest(uint64_t address, const uint64_t *args, size_t count);
  // Runs a host function for the instruction at pc of the top frame.
  RunStatus invokeHost(HostFunction function, const uint64_t *args,
                       size_t count, uint64_t &result);
  RunStatus recordTrap(TrapKind kind, uint64_t address, std::string message);
  RunStatus recordMemoryFault(const MemoryFault &fault);

  // Undoes the load-time shortcuts of a function (fused pairs, skipped
  // constant instructions), so that every instruction runs by its own
  // handler: done before a breakpoint is set in it.
  void deoptimise(uint32_t function);

private:
  void mapData();
  void linkImports(const VM &vm);
  void loadFunctions();
  void optimise(LoadedFunction &function, const std::vector<bool> &targets);
  static const void *const *exportedTable;
  static const void *const *exportedFused;
  static const void *const *exportedFusedAdd32;
  static const void *const *exportedFusedAdd64;
  static const void *exportedBreakpoint;
  static const void *exportedJumpToJump;
  static const void *exportedLoadThenTest[2];
  static const void *const *exportedDirectPairs;
};

template <typename ArgumentAt>
[[gnu::always_inline]] inline const Code *
Interpreter::pushFrameAt(const LoadedFunction &callee, uint64_t *registers,
                         uint64_t &steps, size_t count, ArgumentAt argumentAt) {
  size_t copied = callee.initialRegisters.size(); // whole chunks
  // The depth in bytes: frames.size() would divide by the record's size.
  size_t depthBytes =
      reinterpret_cast<const char *>(std::to_address(frames.end())) -
      reinterpret_cast<const char *>(frames.data());
  if (depthBytes >= options.limits.maxCallDepth * sizeof(ActiveFrame) ||
      registerStackEnd - registers < ptrdiff_t(copied)) [[unlikely]] {
    tooDeep(callee.index);
    return nullptr;
  }
  // Chunks of a fixed size, copied inline: frames are small, and a call of
  // memcpy would cost more than the copy.
  const uint64_t *initial = callee.initialRegisters.data();
  for (size_t i = 0; i < copied; i += RegisterChunk)
    std::memcpy(registers + i, initial + i, RegisterChunk * sizeof(uint64_t));
  size_t n = std::min<size_t>(count, callee.numParams);
  for (size_t i = 0; i < n; ++i)
    registers[1 + i] = argumentAt(i);
  // The leading constant instructions have run, in effect, when the
  // budget covers them; else they run one by one.
  uint32_t start = steps >= callee.entry ? callee.entry : 0;
  steps -= start;
  const Code *pc = callee.code.data() + start;
  frames.push_back(ActiveFrame{callee.index, callee.numRegs, pc,
                               callee.code.data(), registers, stackPointer,
                               ++frameSerial});
  return pc;
}

} // namespace comet

#endif
