// The lowering of one function: value-to-register mapping, instruction
// emission with labels, and instruction selection (split by concern over
// function_lowering.cpp, arithmetic.cpp, memory.cpp and calls.cpp).
#ifndef COMET_LOWERING_FUNCTION_LOWERING_H
#define COMET_LOWERING_FUNCTION_LOWERING_H

#include "lowering/loops.h"
#include "lowering/lowering.h"
#include "lowering/register_sharing.h"
#include "lowering/schedule.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/DataLayout.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Operator.h>

#include <initializer_list>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace comet::lowering {

using Regs = std::vector<uint32_t>;

// Symbols and facts shared by every function of a module.
struct ModuleLowering::Context {
  const llvm::Module &module;
  const llvm::DataLayout &layout;
  const ir::IRLines *lines;
  LoweringOptions options;
  Module skeleton; // functions (names, no code), data, imports
  std::unordered_map<const llvm::Function *, uint32_t> functionIndex;
  std::unordered_map<const llvm::GlobalVariable *, uint32_t> dataIndex;
  std::unordered_map<std::string, uint32_t> importIndex;
  std::vector<std::string> irTexts;
  std::unordered_map<const llvm::Instruction *, uint32_t> irTextIndex;
  // For the function being lowered: the %N numbers of unnamed values and
  // each instruction's text, both as the IR printer shows them.
  std::unordered_map<const llvm::Value *, unsigned> localSlots;
  std::unordered_map<const llvm::Instruction *, std::string> printed;

  Context(const llvm::Module &module, const ir::IRLines *lines);
  // Unified symbol index (operand kind s) of a global value.
  uint64_t symbolOf(const llvm::GlobalValue *global);
  // Callee index (operand kind c) of a function.
  uint64_t calleeOf(const llvm::Function *function);
  uint32_t importOf(const std::string &name);
  uint32_t textOf(const llvm::Instruction *instruction);
  // Numbers and prints a function (once: printing instructions one at a
  // time would set up the printer for the whole module each time).
  void describe(const llvm::Function &function);
};

[[noreturn]] void unsupported(const llvm::Instruction &instruction,
                              const std::string &what,
                              const ir::IRLines *lines);

class FunctionLowering {
public:
  FunctionLowering(ModuleLowering::Context &context,
                   const llvm::Function &function, Function &out,
                   Origins &origins);
  void run();

  // ---- registers (function_lowering.cpp)
  // Registers a value occupies, in flattening order.
  unsigned partsOf(llvm::Type *type) const;
  // Where the member at `indices` (extractvalue/insertvalue) starts among
  // an aggregate's registers.
  size_t partOffset(llvm::Type *type, llvm::ArrayRef<unsigned> indices) const;
  uint32_t newRegister(const std::string &name = "");
  // The registers of an instruction result or argument.
  const Regs &regsOf(const llvm::Value *value);
  // The IR name of a value (its %N number if unnamed); "" without a source
  // map.
  std::string valueName(const llvm::Value *value) const;
  // Registers holding an operand's value; constants are materialised.
  Regs operand(const llvm::Value *value);
  uint32_t scalar(const llvm::Value *value); // a one-register operand
  uint32_t constant(uint64_t value);         // a register holding the value
  uint32_t address(const llvm::GlobalValue *global);
  bool constantRegisters(const llvm::Constant *constant, Regs &regs);
  // The li/addr instructions of the hoisted constants, at the entry.
  void insertPrologue();
  // A vector's lanes in consecutive registers, as vector instructions take
  // them: its own registers, or for constant lanes (shared, hoisted
  // registers) a block of their own set in the prologue; empty otherwise.
  Regs inLaneOrder(const Regs &lanes);
  // Emits the vector instruction `op` writing `to` from `sources` (their
  // first registers, then the lane count) when every one's lanes are in
  // consecutive registers, `to` its own, and there are at most MaxLanes;
  // false, emitting nothing, otherwise.
  bool emitVector(Opcode op, const Regs &to,
                  std::initializer_list<const Regs *> sources);
  // Materialises a constant (or global address) into the given registers.
  void materialise(const llvm::Constant *constant, const Regs &into);

  // ---- emission
  uint32_t newLabel();
  void placeLabel(uint32_t label);
  uint32_t blockLabel(const llvm::BasicBlock *block);
  void emit(Opcode op, std::vector<uint64_t> operands);
  void move(uint32_t to, uint32_t from);
  [[noreturn]] void fail(const std::string &what) const;

  // ---- instruction selection
  void lowerInstruction(const llvm::Instruction &instruction);
  void lowerTerminator(const llvm::Instruction &instruction);
  void lowerPhiCopies(const llvm::BasicBlock *from, const llvm::BasicBlock *to);
  // Whether the edge needs any copy (with every value in its phi's
  // registers already, a branch goes straight to the block).
  bool edgeNeedsCopies(const llvm::BasicBlock *from,
                       const llvm::BasicBlock *to);
  // The same judged before lowering, from the shared registers alone (it
  // allocates none): for the block layout.
  bool edgeMayNeedCopies(const llvm::BasicBlock *from,
                         const llvm::BasicBlock *to) const;
  // Gives the members of phiClasses their leaders' registers and those of
  // sameBitsCasts their operands'.
  void shareRegisters(const Schedule &schedule);
  // Lowers such a value into its phi's registers; or, where its code
  // would read them after writing one, into registers of its own, then
  // copied over.
  void lowerCoalesced(const llvm::Instruction &instruction);
  bool computedInPlace(size_t start, const Regs &shared) const;
  // arithmetic.cpp
  void lowerBinary(const llvm::BinaryOperator &instruction);
  void lowerUnaryFloat(const llvm::UnaryOperator &instruction);
  void lowerCompare(const llvm::CmpInst &instruction);
  void lowerCast(const llvm::CastInst &instruction);
  void lowerSelect(const llvm::SelectInst &instruction);
  void integerBinary(unsigned opcode, unsigned width, uint32_t to, uint32_t a,
                     uint32_t b);
  // Undefined-behaviour checks of one lane of an integer operation.
  void checkBinary(const llvm::BinaryOperator &instruction, unsigned width,
                   uint32_t a, uint32_t b);
  void wideBinary(unsigned opcode, unsigned width, const Regs &to,
                  const Regs &a, const Regs &b);
  void integerCompare(llvm::CmpInst::Predicate predicate, unsigned width,
                      uint32_t to, uint32_t a, uint32_t b);
  void wideCompare(llvm::CmpInst::Predicate predicate, unsigned width,
                   uint32_t to, const Regs &a, const Regs &b);
  void floatCompare(llvm::CmpInst::Predicate predicate, bool isDouble,
                    uint32_t to, uint32_t a, uint32_t b);
  // Lane by lane casts between scalar types.
  void castScalar(unsigned opcode, llvm::Type *from, llvm::Type *to,
                  const Regs &source, const Regs &result);
  void signExtend(uint32_t to, uint32_t from, unsigned fromWidth,
                  unsigned toWidth);
  void truncate(uint32_t to, uint32_t from, unsigned width);
  // Bits of a value as one little-endian sequence of 64-bit chunks.
  Regs toBits(llvm::Type *type, const Regs &value);
  Regs fromBits(llvm::Type *type, const Regs &bits);
  // One vector instruction for a whole vector operation, when its lanes
  // allow (false: lower it lane by lane).
  bool vectorBinary(unsigned opcode, llvm::Type *element, const Regs &to,
                    const Regs &a, const Regs &b);
  // A float add, sub, mul, div or rem of every lane: one vector
  // instruction when it can be, else one per lane.
  void floatBinary(unsigned opcode, llvm::Type *element, const Regs &to,
                   const Regs &a, const Regs &b);
  // memory.cpp
  // A load's or store's address register, and the offset it adds (that of
  // a getelementptr folded into it, see sameBitsCasts).
  std::pair<uint32_t, int64_t> accessAddress(const llvm::Value *pointer);
  void lowerLoad(const llvm::LoadInst &instruction);
  void lowerStore(const llvm::StoreInst &instruction);
  void lowerGep(const llvm::GetElementPtrInst &instruction);
  void lowerAlloca(const llvm::AllocaInst &instruction);
  void loadValue(llvm::Type *type, uint32_t address, uint64_t offset,
                 const Regs &into, size_t &next);
  void storeValue(llvm::Type *type, uint32_t address, uint64_t offset,
                  const Regs &from, size_t &next);
  void loadInteger(unsigned bytes, uint32_t to, uint32_t address,
                   uint64_t offset);
  // The vector load or store of `lanes` elements, if there is one.
  std::optional<Opcode> vectorAccess(llvm::Type *element, unsigned lanes,
                                     bool load) const;
  void storeInteger(unsigned bytes, uint32_t value, uint32_t address,
                    uint64_t offset);
  uint32_t addOffset(uint32_t address, int64_t offset);
  // The address of a GEP, lane by lane for vector GEPs; of a scalar GEP's
  // pointer and indices up to `end` (exclusive; 0: all), or of `start`
  // and the indices from `first` on, `start` being the address of the
  // ones before.
  Regs gepAddress(const llvm::GEPOperator &gep, unsigned end = 0,
                  unsigned first = 1, uint32_t start = 0);
  // A scalar getelementptr in a loop whose pointer and leading indices are
  // the same on every iteration, one of them not constant (the row of a
  // matrix), has that prefix computed once, in the loop's preheader.
  struct HoistedPrefix {
    uint32_t address; // the prefix's register
    unsigned end;     // the first index not in it
  };
  void planHoistedPrefixes(const Loops &loops);
  void emitHoistedPrefixes(const llvm::BasicBlock *preheader);
  std::unordered_map<const llvm::Instruction *, HoistedPrefix> hoistedPrefixes;
  std::unordered_map<const llvm::BasicBlock *,
                     std::vector<const llvm::GetElementPtrInst *>>
      prefixesBefore; // by preheader
  // calls.cpp
  void lowerCall(const llvm::CallBase &call);
  // Whether native code fuses llvm.fmuladd into one rounding: on x86-64
  // only with FMA among the function's target features.
  bool fusesMultiplyAdd() const;
  void lowerIntrinsic(const llvm::IntrinsicInst &call);
  void lowerVaArg(const llvm::VAArgInst &instruction);
  void lowerDivision(const llvm::CallBase &call, const Regs &results);
  void lowerAtomic(const llvm::Instruction &instruction);
  // A call of a C library function by name with one-register arguments.
  void callHost(const std::string &name, const Regs &results,
                const Regs &arguments);

  ModuleLowering::Context &context;
  const llvm::Function &function;
  const llvm::DataLayout &layout;
  Function &out;
  Origins &origins;
  const llvm::Instruction *current = nullptr;

  std::unordered_map<const llvm::Value *, Regs> values;
  // Values in another value's registers: their class leader's (phiClasses)
  // or a cast's operand's (sameBitsCasts, which need no code).
  std::unordered_map<const llvm::Instruction *, const llvm::Value *> sharing;
  // The shared values with no code, and the one register of their
  // operand's they read, if not all, or as every lane of a splat.
  std::unordered_map<const llvm::Instruction *, SameBits> sameBits;
  std::unordered_map<const llvm::BasicBlock *, uint32_t> blockLabels;
  // The block lowered after each (block_layout.h); none after the last.
  std::unordered_map<const llvm::BasicBlock *, const llvm::BasicBlock *>
      nextBlock;
  std::vector<int64_t> labelPositions;
  std::vector<std::pair<size_t, size_t>> labelUses; // (instruction, operand)
  uint32_t varargArea = 0; // hidden parameter of a variadic function
  // (is an address, value or symbol) -> register, set in the prologue.
  std::map<std::pair<bool, uint64_t>, uint32_t> hoisted;
  // Constant lanes -> the first of their consecutive copies, and what the
  // prologue sets each copy to.
  std::map<Regs, uint32_t> laneBlocks;
  std::vector<std::pair<uint32_t, std::pair<bool, uint64_t>>> laneBlockValues;
};

// A constant address: a global (or none), minus another global (or none;
// relative tables), plus a byte offset.
struct ConstantAddress {
  const llvm::GlobalValue *global = nullptr;
  const llvm::GlobalValue *minus = nullptr;
  int64_t offset = 0;
};
// Resolves constant pointer expressions down to global + offset.
bool evaluateAddress(const llvm::Constant *constant,
                     const llvm::DataLayout &layout, ConstantAddress &result);
// The number a block address stands for: its position in its function,
// tagged so that it is never zero; indirectbr switches on it.
uint64_t blockAddressId(const llvm::BlockAddress *block);

// The opcode of family `first` (an _I8 or _F32 member) at a width.
Opcode atWidth(Opcode first, unsigned width);
Opcode atFloat(Opcode first, bool isDouble);
bool isNativeWidth(unsigned width);

} // namespace comet::lowering

#endif
