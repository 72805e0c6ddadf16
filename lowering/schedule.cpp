#include "lowering/schedule.h"

#include <llvm/IR/Instructions.h>

#include <algorithm>

namespace comet::lowering {
namespace {

// An instruction that computes a value from its operands and nothing else,
// and cannot trap: running it later changes nothing but when its result
// is ready.
bool movable(const llvm::Instruction &instruction) {
  if (llvm::isa<llvm::GetElementPtrInst>(instruction))
    return true;
  if (!llvm::isa<llvm::BinaryOperator>(instruction))
    return false;
  switch (instruction.getOpcode()) {
  case llvm::Instruction::UDiv:
  case llvm::Instruction::SDiv:
  case llvm::Instruction::URem:
  case llvm::Instruction::SRem:
    return false;
  default:
    return true;
  }
}

// Where a loop's next value goes: before its first user in its block, or
// the terminator; null when it stays (the phi it is computed from is not
// read in between, or it would part a compare from the branch that tests
// it).
const llvm::Instruction *destination(const llvm::Instruction &value) {
  auto isPhi = [](const llvm::Value *v) { return llvm::isa<llvm::PHINode>(v); };
  if (!movable(value) ||
      std::none_of(value.user_begin(), value.user_end(), isPhi))
    return nullptr; // it feeds no phi (maybe through others)
  const llvm::Value *phi = nullptr;
  for (const llvm::Value *operand : value.operands())
    if (isPhi(operand))
      phi = operand;
  if (!phi)
    return nullptr;
  auto reads = [](const llvm::Instruction *instruction, const llvm::Value *v) {
    return std::find(instruction->op_begin(), instruction->op_end(), v) !=
           instruction->op_end();
  };
  const llvm::Instruction *to = value.getNextNode();
  bool phiReadBetween = false;
  for (; !to->isTerminator() && !reads(to, &value); to = to->getNextNode())
    phiReadBetween = phiReadBetween || reads(to, phi);
  if (!phiReadBetween)
    return nullptr;
  if (auto *branch = llvm::dyn_cast<llvm::BranchInst>(to);
      branch && branch->isConditional() &&
      llvm::isa<llvm::ICmpInst>(branch->getCondition()) &&
      branch->getCondition() == to->getPrevNode())
    return nullptr; // an integer compare and its branch run as one
  return to;
}

} // namespace

Schedule::Schedule(const llvm::Function &function, bool moveValues) {
  for (const llvm::BasicBlock &block : function) {
    std::unordered_map<const llvm::Instruction *,
                       std::vector<const llvm::Instruction *>>
        moved; // destination -> values that go before it, in order
    std::vector<const llvm::Instruction *> &order = orders[&block];
    for (const llvm::Instruction &instruction : block) {
      if (auto here = moved.find(&instruction); here != moved.end())
        order.insert(order.end(), here->second.begin(), here->second.end());
      if (const llvm::Instruction *to =
              moveValues ? destination(instruction) : nullptr)
        moved[to].push_back(&instruction);
      else
        order.push_back(&instruction);
    }
    for (size_t i = 0; i < order.size(); ++i)
      positions[order[i]] = i;
  }
}

} // namespace comet::lowering
