// Liveness questions answered by walking the CFG. Values joined by phis
// share registers when no two of them interfere: neither is read after
// the other is defined (a phi is defined on entry to its block, by the
// copies on the edges into it), so the register always holds the one
// value that is still to be read.
#include "lowering/register_sharing.h"

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/IR/CFG.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/Module.h>

#include <algorithm>
#include <unordered_map>

namespace comet::lowering {
namespace {

// Merging classes tests every pair across them: bounded, so that huge
// functions lower in bounded time (missing some sharing).
constexpr size_t MaxClassSize = 16;
constexpr size_t MaxInterferenceTests = 20000;

const llvm::BasicBlock *definingBlock(const llvm::Value *value) {
  if (auto *instruction = llvm::dyn_cast<llvm::Instruction>(value))
    return instruction->getParent();
  return nullptr; // an argument: defined before every block
}

// Whether `value` is read after `at` in `block` (after the block's phis
// when `at` is null), on some path that does not define it again: later in
// the block, or in a block reachable from there before the value's own.
// A phi reads its incoming value at the end of the incoming block.
bool readAfter(const llvm::Value *value, const llvm::BasicBlock *block,
               const llvm::Instruction *at, const Schedule &schedule) {
  const llvm::BasicBlock *home = definingBlock(value);
  if (block == home && !llvm::isa<llvm::PHINode>(value) &&
      (!at || schedule.before(at, llvm::cast<llvm::Instruction>(value))))
    return false; // every path on passes the definition first
  llvm::SmallPtrSet<const llvm::BasicBlock *, 16> reached;
  llvm::SmallVector<const llvm::BasicBlock *, 16> work;
  for (const llvm::BasicBlock *successor : llvm::successors(block))
    if (successor != home && reached.insert(successor).second)
      work.push_back(successor);
  while (!work.empty())
    for (const llvm::BasicBlock *successor :
         llvm::successors(work.pop_back_val()))
      if (successor != home && reached.insert(successor).second)
        work.push_back(successor);
  bool blockAgain = reached.contains(block);
  for (const llvm::Use &use : value->uses()) {
    auto *user = llvm::cast<llvm::Instruction>(use.getUser());
    const llvm::BasicBlock *where = user->getParent();
    if (auto *phi = llvm::dyn_cast<llvm::PHINode>(user)) {
      where = phi->getIncomingBlock(use);
      if (where == block || reached.contains(where))
        return true; // read at the end of `where`
    } else if (reached.contains(where) ||
               (where == block &&
                (blockAgain || !at || schedule.before(at, user)))) {
      return true;
    }
  }
  return false;
}

} // namespace

std::vector<ClassMember> phiClasses(const llvm::Function &function,
                                    const Schedule &schedule) {
  llvm::DominatorTree tree(const_cast<llvm::Function &>(function));
  // Classes of values sharing registers, each led by its argument if it
  // has one (whose registers are fixed), else by its first phi:
  // leader[v] is v's class, members[leader] the whole class.
  std::unordered_map<const llvm::Value *, const llvm::Value *> leader;
  std::unordered_map<const llvm::Value *, std::vector<const llvm::Value *>>
      members;
  size_t budget = MaxInterferenceTests;
  auto classOf = [&](const llvm::Value *value) -> const llvm::Value * {
    auto found = leader.find(value);
    return found == leader.end() ? nullptr : found->second;
  };
  // Where a value is defined: after the instruction, after the phis of its
  // block (null), or for an argument at the entry.
  auto block = [&](const llvm::Value *value) {
    auto *instruction = llvm::dyn_cast<llvm::Instruction>(value);
    return instruction ? instruction->getParent() : &function.getEntryBlock();
  };
  auto point = [](const llvm::Value *value) -> const llvm::Instruction * {
    auto *instruction = llvm::dyn_cast<llvm::Instruction>(value);
    return instruction && !llvm::isa<llvm::PHINode>(instruction) ? instruction
                                                                 : nullptr;
  };
  auto interfere = [&](const llvm::Value *a, const llvm::Value *b) {
    budget -= std::min<size_t>(budget, 2);
    return (llvm::isa<llvm::Argument>(a) && llvm::isa<llvm::Argument>(b)) ||
           readAfter(a, block(b), point(b), schedule) ||
           readAfter(b, block(a), point(a), schedule);
  };
  auto tryMerge = [&](const llvm::PHINode &phi, const llvm::Value &value) {
    const llvm::Value *to = classOf(&phi);
    const llvm::Value *from = classOf(&value);
    if (to && to == from)
      return;
    std::vector<const llvm::Value *> left =
        to ? members[to] : std::vector<const llvm::Value *>{&phi};
    std::vector<const llvm::Value *> right =
        from ? members[from] : std::vector<const llvm::Value *>{&value};
    if (left.size() + right.size() > MaxClassSize ||
        left.size() * right.size() * 2 > budget)
      return;
    for (const llvm::Value *a : left)
      for (const llvm::Value *b : right)
        if (interfere(a, b))
          return;
    // An argument leads its class (its registers are fixed), else the
    // phi's class leader does.
    const llvm::Value *head = from ? from : &value;
    if (!llvm::isa<llvm::Argument>(head))
      head = to ? to : &phi;
    members.erase(to);
    members.erase(from);
    left.insert(left.end(), right.begin(), right.end());
    for (const llvm::Value *member : left)
      leader[member] = head;
    members[head] = std::move(left);
  };
  // Values coming around a loop before others: those copies run most
  // often.
  std::vector<const llvm::PHINode *> phis;
  for (const llvm::BasicBlock &block : function)
    for (const llvm::PHINode &phi : block.phis())
      phis.push_back(&phi);
  for (bool backEdges : {true, false})
    for (const llvm::PHINode *phi : phis)
      for (unsigned i = 0; i < phi->getNumIncomingValues(); ++i) {
        const llvm::Value *value = phi->getIncomingValue(i);
        auto *instruction = llvm::dyn_cast<llvm::Instruction>(value);
        if (((instruction && !instruction->isTerminator()) ||
             llvm::isa<llvm::Argument>(value)) &&
            tree.dominates(phi->getParent(), phi->getIncomingBlock(i)) ==
                backEdges)
          tryMerge(*phi, *value);
      }
  std::vector<ClassMember> pairs;
  for (const llvm::BasicBlock &block : function)
    for (const llvm::Instruction &value : block)
      if (const llvm::Value *head = classOf(&value); head && head != &value)
        pairs.push_back({head, &value});
  return pairs;
}

namespace {

bool oneRegister(const llvm::Type *type) {
  return type->isPointerTy() || type->isFloatTy() || type->isDoubleTy() ||
         (type->isIntegerTy() && type->getIntegerBitWidth() <= 64);
}

// Lane by lane for vectors: a vector of one-register elements keeps a lane
// in each register.
bool changesNoBit(const llvm::Instruction &instruction) {
  if (!llvm::isa<llvm::CastInst>(instruction) &&
      !llvm::isa<llvm::FreezeInst>(instruction))
    return false;
  const llvm::Type *to = instruction.getType();
  const llvm::Type *from = instruction.getOperand(0)->getType();
  auto lanes = [](const llvm::Type *type) {
    auto *vector = llvm::dyn_cast<llvm::FixedVectorType>(type);
    return vector ? vector->getNumElements() : 0;
  };
  if (lanes(to) != lanes(from))
    return false;
  to = to->getScalarType();
  from = from->getScalarType();
  if (!oneRegister(to) || !oneRegister(from))
    return false;
  switch (instruction.getOpcode()) {
  case llvm::Instruction::ZExt:     // the canonical form is zero-extended
  case llvm::Instruction::IntToPtr: // the same, to 64 bits
    return true;
  case llvm::Instruction::Trunc:
    // Bits cut off are zero, or the result is poison: then the register
    // holds a value of no i<N> at all, which only a freeze could tell
    // (it truncates, and is never shared).
    return llvm::cast<llvm::TruncInst>(instruction).hasNoUnsignedWrap();
  case llvm::Instruction::Freeze:
    return to->getPrimitiveSizeInBits() == 64 || to->isPointerTy();
  case llvm::Instruction::PtrToInt:
    return to->getIntegerBitWidth() == 64;
  case llvm::Instruction::BitCast:
    return to->getPrimitiveSizeInBits() == from->getPrimitiveSizeInBits();
  default:
    return false;
  }
}

// The lane a constant-index extractelement reads, when the lane is one
// register.
std::optional<unsigned> extractedLane(const llvm::Instruction &instruction) {
  auto *extract = llvm::dyn_cast<llvm::ExtractElementInst>(&instruction);
  if (!extract || !oneRegister(extract->getType()))
    return std::nullopt;
  auto *index = llvm::dyn_cast<llvm::ConstantInt>(extract->getIndexOperand());
  if (!index || index->getZExtValue() >= llvm::cast<llvm::FixedVectorType>(
                                             extract->getVectorOperandType())
                                             ->getNumElements())
    return std::nullopt;
  return unsigned(index->getZExtValue());
}

bool readsOperandRegister(const llvm::Instruction &instruction);

// The offset of a getelementptr of constant indices that nothing but
// loads and stores read, as their address: they add the offset themselves.
std::optional<int64_t> accessOffset(const llvm::Instruction &instruction) {
  auto *gep = llvm::dyn_cast<llvm::GetElementPtrInst>(&instruction);
  if (!gep || gep->getType()->isVectorTy())
    return std::nullopt;
  for (const llvm::User *user : gep->users()) {
    auto *load = llvm::dyn_cast<llvm::LoadInst>(user);
    auto *store = llvm::dyn_cast<llvm::StoreInst>(user);
    if (!(load && load->getPointerOperand() == gep) &&
        !(store && store->getPointerOperand() == gep &&
          store->getValueOperand() != gep))
      return std::nullopt;
  }
  const llvm::DataLayout &layout = gep->getModule()->getDataLayout();
  llvm::APInt offset(64, 0);
  if (!gep->accumulateConstantOffset(layout, offset))
    return std::nullopt;
  return offset.getSExtValue();
}

// The lanes of an insertelement into a poison vector that only shuffles and
// extractelements read, lane by lane, of a value that reads no other's
// register itself (a cast of a loop counter keeps the counter's register
// only when nothing reads it in turn); 0 for anything else.
unsigned splatLanes(const llvm::Instruction &instruction) {
  auto *insert = llvm::dyn_cast<llvm::InsertElementInst>(&instruction);
  auto *type = insert ? llvm::dyn_cast<llvm::FixedVectorType>(insert->getType())
                      : nullptr;
  if (!type || !llvm::isa<llvm::UndefValue>(insert->getOperand(0)) ||
      !llvm::isa<llvm::ConstantInt>(insert->getOperand(2)) ||
      !oneRegister(type->getElementType()))
    return 0;
  auto *element = llvm::dyn_cast<llvm::Instruction>(insert->getOperand(1));
  if (element && readsOperandRegister(*element))
    return 0;
  for (const llvm::User *user : insert->users())
    if (!llvm::isa<llvm::ShuffleVectorInst>(user) &&
        !llvm::isa<llvm::ExtractElementInst>(user))
      return 0;
  return type->getNumElements();
}

bool readsOperandRegister(const llvm::Instruction &instruction) {
  return changesNoBit(instruction) || extractedLane(instruction) ||
         splatLanes(instruction) || accessOffset(instruction);
}

using Leaders = std::unordered_map<const llvm::Value *, const llvm::Value *>;

// Whether a cast (or lane) of a value whose register is written again (a phi,
// on entry to its block; a class member, by the other members) is read only
// later in its own block, before another member of `leader`'s class is
// defined, and by nothing that might read that register in turn.
bool readBeforeRewritten(const llvm::Instruction &cast,
                         const llvm::Value *leader, const Leaders &leaders,
                         const Schedule &schedule) {
  const llvm::Instruction *last = nullptr;
  for (const llvm::User *user : cast.users()) {
    auto *instruction = llvm::cast<llvm::Instruction>(user);
    if (instruction->getParent() != cast.getParent() ||
        llvm::isa<llvm::PHINode>(instruction) ||
        readsOperandRegister(*instruction))
      return false;
    if (!last || schedule.before(last, instruction))
      last = instruction;
  }
  if (!last)
    return true;
  const auto &order = schedule.order(*cast.getParent());
  for (size_t i = schedule.position(&cast) + 1; i < schedule.position(last);
       ++i) {
    auto member = leaders.find(order[i]);
    if (member != leaders.end() && member->second == leader)
      return false;
  }
  return true;
}

} // namespace

std::vector<SameBits> sameBitsCasts(const llvm::Function &function,
                                    const std::vector<ClassMember> &classes,
                                    const Schedule &schedule) {
  Leaders leaders;
  for (const ClassMember &member : classes) {
    leaders[member.leader] = member.leader;
    leaders[member.value] = member.leader;
  }
  std::vector<SameBits> casts;
  for (const llvm::BasicBlock &block : function)
    for (const llvm::Instruction &instruction : block) {
      if (!readsOperandRegister(instruction) || leaders.count(&instruction))
        continue;
      unsigned splat = splatLanes(instruction);
      // The register read: a splat's is its inserted value's.
      const llvm::Value *operand = instruction.getOperand(splat ? 1 : 0);
      if (!llvm::isa<llvm::Instruction>(operand) &&
          !llvm::isa<llvm::Argument>(operand))
        continue;
      auto member = leaders.find(operand);
      bool rewritten =
          member != leaders.end() || llvm::isa<llvm::PHINode>(operand);
      const llvm::Value *leader =
          member != leaders.end() ? member->second : operand;
      if (!rewritten ||
          readBeforeRewritten(instruction, leader, leaders, schedule))
        casts.push_back({&instruction, operand, extractedLane(instruction),
                         splat, accessOffset(instruction).value_or(0)});
    }
  return casts;
}

} // namespace comet::lowering
