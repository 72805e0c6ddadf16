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
// the terminator; null when it stays (the phi is not read in between, or
// it would part a compare from the branch that tests it).
const llvm::Instruction *destination(const llvm::Instruction &value) {
  if (!movable(value))
    return nullptr;
  // The value feeds a phi (maybe through others) and is computed from one.
  bool feedsPhi = std::any_of(
      value.user_begin(), value.user_end(),
      [](const llvm::User *user) { return llvm::isa<llvm::PHINode>(user); });
  const llvm::Value *phi = nullptr;
  for (const llvm::Value *operand : value.operands())
    if (llvm::isa<llvm::PHINode>(operand))
      phi = operand;
  if (!feedsPhi || !phi)
    return nullptr;
  const llvm::Instruction *to = value.getParent()->getTerminator();
  for (const llvm::Instruction *next = value.getNextNode(); next != to;
       next = next->getNextNode())
    if (std::find(next->op_begin(), next->op_end(), &value) != next->op_end()) {
      to = next;
      break;
    }
  bool phiReadBetween = false;
  for (const llvm::Instruction *next = value.getNextNode(); next != to;
       next = next->getNextNode())
    phiReadBetween =
        phiReadBetween ||
        std::find(next->op_begin(), next->op_end(), phi) != next->op_end();
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
    std::unordered_map<const llvm::Instruction *, bool> staying;
    for (const llvm::Instruction &instruction : block) {
      const llvm::Instruction *to =
          moveValues ? destination(instruction) : nullptr;
      if (to)
        moved[to].push_back(&instruction);
      staying[&instruction] = !to;
    }
    std::vector<const llvm::Instruction *> &order = orders[&block];
    for (const llvm::Instruction &instruction : block) {
      if (auto here = moved.find(&instruction); here != moved.end())
        order.insert(order.end(), here->second.begin(), here->second.end());
      if (staying[&instruction])
        order.push_back(&instruction);
    }
    for (size_t i = 0; i < order.size(); ++i)
      position[order[i]] = i;
  }
}

} // namespace comet::lowering
