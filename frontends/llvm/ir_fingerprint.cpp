#include "llvm/ir_fingerprint.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>

namespace comet::ir {

namespace {

class Hasher {
public:
  void add(uint64_t value) {
    state = (state ^ value) * 0x9e3779b97f4a7c15ull;
    state ^= state >> 29;
  }
  void add(const void *pointer) { add(reinterpret_cast<uintptr_t>(pointer)); }
  void add(llvm::StringRef text) {
    add(text.size());
    for (size_t i = 0; i < text.size(); i += 8) {
      uint64_t chunk = 0;
      for (size_t j = i; j < text.size() && j < i + 8; ++j)
        chunk = chunk << 8 | static_cast<unsigned char>(text[j]);
      add(chunk);
    }
  }
  uint64_t value() const { return state; }

private:
  uint64_t state = 0xcbf29ce484222325ull;
};

// What an instruction keeps besides its operands, type and flags.
void addInstructionState(Hasher &hash, const llvm::Instruction &instruction) {
  using namespace llvm;
  if (auto *compare = dyn_cast<CmpInst>(&instruction))
    hash.add(compare->getPredicate());
  else if (auto *load = dyn_cast<LoadInst>(&instruction))
    hash.add(load->getAlign().value() << 16 | load->isVolatile() << 8 |
             unsigned(load->getOrdering()));
  else if (auto *store = dyn_cast<StoreInst>(&instruction))
    hash.add(store->getAlign().value() << 16 | store->isVolatile() << 8 |
             unsigned(store->getOrdering()));
  else if (auto *alloca = dyn_cast<AllocaInst>(&instruction)) {
    hash.add(alloca->getAllocatedType());
    hash.add(alloca->getAlign().value());
  } else if (auto *gep = dyn_cast<GetElementPtrInst>(&instruction))
    hash.add(gep->getSourceElementType());
  else if (auto *call = dyn_cast<CallBase>(&instruction)) {
    hash.add(call->getAttributes().getRawPointer());
    hash.add(call->getFunctionType());
    hash.add(call->getCallingConv());
    if (auto *plainCall = dyn_cast<CallInst>(call))
      hash.add(plainCall->getTailCallKind());
  } else if (auto *phi = dyn_cast<PHINode>(&instruction)) {
    for (const BasicBlock *block : phi->blocks())
      hash.add(block);
  } else if (auto *shuffle = dyn_cast<ShuffleVectorInst>(&instruction)) {
    for (int lane : shuffle->getShuffleMask())
      hash.add(uint64_t(lane));
  } else if (auto *extract = dyn_cast<ExtractValueInst>(&instruction)) {
    for (unsigned index : extract->indices())
      hash.add(index);
  } else if (auto *insert = dyn_cast<InsertValueInst>(&instruction)) {
    for (unsigned index : insert->indices())
      hash.add(index);
  } else if (auto *rmw = dyn_cast<AtomicRMWInst>(&instruction)) {
    hash.add(unsigned(rmw->getOperation()) << 8 | unsigned(rmw->getOrdering()));
    hash.add(rmw->getAlign().value() << 1 | rmw->isVolatile());
  } else if (auto *exchange = dyn_cast<AtomicCmpXchgInst>(&instruction)) {
    hash.add(unsigned(exchange->getSuccessOrdering()) << 8 |
             unsigned(exchange->getFailureOrdering()));
    hash.add(exchange->getAlign().value() << 2 | exchange->isVolatile() << 1 |
             exchange->isWeak());
  } else if (auto *fence = dyn_cast<FenceInst>(&instruction))
    hash.add(unsigned(fence->getOrdering()));
}

void addInstruction(Hasher &hash, const llvm::Instruction &instruction,
                    bool everything) {
  hash.add(&instruction);
  hash.add(instruction.getOpcode());
  hash.add(instruction.getType());
  hash.add(instruction.getRawSubclassOptionalData());
  if (everything && instruction.hasName())
    hash.add(instruction.getName());
  for (const llvm::Use &operand : instruction.operands())
    hash.add(operand.get());
  addInstructionState(hash, instruction);
  if (!everything || !instruction.hasMetadata())
    return;
  llvm::SmallVector<std::pair<unsigned, llvm::MDNode *>, 4> metadata;
  instruction.getAllMetadata(metadata);
  for (const auto &[kind, node] : metadata) {
    hash.add(kind);
    hash.add(node);
  }
}

} // namespace

uint64_t fingerprint(const llvm::Function &function, bool everything) {
  Hasher hash;
  hash.add(function.getName());
  hash.add(function.getFunctionType());
  hash.add(function.getAttributes().getRawPointer());
  hash.add(function.getLinkage() << 16 | function.getVisibility() << 8 |
           function.getCallingConv());
  for (const llvm::Argument &argument : function.args()) {
    hash.add(&argument);
    if (everything)
      hash.add(argument.getName());
  }
  for (const llvm::BasicBlock &block : function) {
    hash.add(&block);
    if (everything && block.hasName())
      hash.add(block.getName());
    for (const llvm::Instruction &instruction : block)
      addInstruction(hash, instruction, everything);
  }
  return hash.value();
}

uint64_t globalsFingerprint(const llvm::Module &module) {
  Hasher hash;
  for (const llvm::GlobalVariable &global : module.globals()) {
    hash.add(&global);
    hash.add(global.getValueType());
    hash.add(global.hasInitializer() ? global.getInitializer() : nullptr);
    hash.add(global.getLinkage() << 16 | global.getVisibility() << 8 |
             global.isConstant() << 4 | unsigned(global.getUnnamedAddr()));
    hash.add(global.getAlign().valueOrOne().value());
    hash.add(global.getThreadLocalMode());
    hash.add(global.hasSection() ? global.getSection() : "");
    hash.add(global.getComdat());
  }
  for (const llvm::GlobalAlias &alias : module.aliases()) {
    hash.add(&alias);
    hash.add(alias.getAliasee());
    hash.add(alias.getLinkage());
  }
  return hash.value();
}

uint64_t moduleLevelFingerprint(const llvm::Module &module) {
  Hasher hash;
  hash.add(globalsFingerprint(module));
  for (const llvm::GlobalVariable &global : module.globals())
    hash.add(global.getName());
  for (const llvm::GlobalAlias &alias : module.aliases())
    hash.add(alias.getName());
  for (const llvm::Function &function : module) {
    hash.add(&function);
    hash.add(function.getName());
    hash.add(function.getFunctionType());
    hash.add(function.isDeclaration());
  }
  return hash.value();
}

} // namespace comet::ir
