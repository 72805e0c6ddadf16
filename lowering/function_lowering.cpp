// Registers, operands, emission and control flow of one function.
#include "lowering/function_lowering.h"
#include "lowering/block_layout.h"
#include "llvm/ir_lines.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>

namespace comet::lowering {

Opcode atWidth(Opcode first, unsigned width) {
  unsigned step = width == 8 ? 0 : width == 16 ? 1 : width == 32 ? 2 : 3;
  return static_cast<Opcode>(static_cast<unsigned>(first) + step);
}

Opcode atFloat(Opcode first, bool isDouble) {
  return static_cast<Opcode>(static_cast<unsigned>(first) + isDouble);
}

bool isNativeWidth(unsigned width) {
  return width == 8 || width == 16 || width == 32 || width == 64;
}

void unsupported(const llvm::Instruction &instruction, const std::string &what,
                 const ir::IRLines *lines) {
  std::string text;
  llvm::raw_string_ostream os(text);
  instruction.print(os);
  size_t start = text.find_first_not_of(' ');
  std::string where =
      "in function '" + instruction.getFunction()->getName().str() + "'";
  if (lines) {
    SourceLocation at = lines->locate(&instruction);
    if (at.line)
      where += " at line " + std::to_string(at.line);
  }
  throw Error("unsupported " + what + " " + where + ": " +
              (start == std::string::npos ? text : text.substr(start)));
}

FunctionLowering::FunctionLowering(ModuleLowering::Context &context,
                                   const llvm::Function &function,
                                   Function &out, Origins &origins)
    : context(context), function(function), layout(context.layout), out(out),
      origins(origins) {}

void FunctionLowering::fail(const std::string &what) const {
  if (current)
    unsupported(*current, what, context.lines);
  throw Error("unsupported " + what + " in function '" +
              function.getName().str() + "'");
}

// ---- registers

unsigned FunctionLowering::partsOf(llvm::Type *type) const {
  switch (type->getTypeID()) {
  case llvm::Type::VoidTyID:
  case llvm::Type::LabelTyID:
  case llvm::Type::MetadataTyID:
    return 0;
  case llvm::Type::IntegerTyID:
    if (type->getIntegerBitWidth() > 4096)
      fail("integer wider than 4096 bits");
    return (type->getIntegerBitWidth() + 63) / 64;
  case llvm::Type::FloatTyID:
  case llvm::Type::DoubleTyID:
  case llvm::Type::PointerTyID:
    return 1;
  case llvm::Type::FixedVectorTyID: {
    auto *vector = llvm::cast<llvm::FixedVectorType>(type);
    return vector->getNumElements() * partsOf(vector->getElementType());
  }
  case llvm::Type::ArrayTyID:
    return unsigned(type->getArrayNumElements()) *
           partsOf(type->getArrayElementType());
  case llvm::Type::StructTyID: {
    unsigned n = 0;
    for (llvm::Type *field : type->subtypes())
      n += partsOf(field);
    return n;
  }
  default: {
    std::string text;
    llvm::raw_string_ostream os(text);
    type->print(os);
    fail("type " + text);
  }
  }
}

uint32_t FunctionLowering::newRegister(const std::string &name) {
  uint32_t reg = out.numRegs++;
  if (!name.empty() || !out.registerNames.empty()) {
    out.registerNames.resize(out.numRegs);
    out.registerNames[reg] = name;
  }
  return reg;
}

std::string FunctionLowering::valueName(const llvm::Value *value) const {
  if (!context.options.sourceMap)
    return ""; // run and compared only: registers need no names
  if (value->hasName())
    return value->getName().str();
  if (llvm::isa<llvm::Instruction>(value) || llvm::isa<llvm::Argument>(value)) {
    // Unnamed values keep their %N numbers, as the IR printer shows them.
    auto slot = context.localSlots.find(value);
    if (slot != context.localSlots.end())
      return std::to_string(slot->second);
  }
  return "";
}

const Regs &FunctionLowering::regsOf(const llvm::Value *value) {
  auto it = values.find(value);
  if (it != values.end())
    return it->second;
  std::string name = valueName(value);
  auto partName = [&](size_t n, size_t i) {
    return n == 1 || name.empty() ? name : name + "." + std::to_string(i);
  };
  auto shared = sharing.find(llvm::dyn_cast<llvm::Instruction>(value));
  if (shared != sharing.end()) {
    Regs regs = regsOf(shared->second);
    int64_t offset = 0;
    if (auto reading = sameBits.find(shared->first);
        reading != sameBits.end()) {
      if (reading->second.lane)
        regs = Regs{regs[*reading->second.lane]};
      else if (reading->second.splat)
        regs = Regs(reading->second.splat, regs[0]);
      offset = reading->second.offset;
    }
    for (size_t i = 0; i < regs.size() && !name.empty(); ++i)
      out.registerAliases.push_back(
          {regs[i], partName(regs.size(), i), offset});
    return values[value] = std::move(regs);
  }
  Regs regs;
  unsigned n = partsOf(value->getType());
  for (unsigned i = 0; i < n; ++i)
    regs.push_back(newRegister(partName(n, i)));
  return values[value] = std::move(regs);
}

// Constants and global addresses get one register each per function, set
// once in a prologue (registers are unlimited; loops then load nothing).
uint32_t FunctionLowering::constant(uint64_t value) {
  if (value == 0)
    return 0; // r0 reads zero
  auto [it, added] = hoisted.emplace(std::make_pair(false, value), 0);
  if (added)
    it->second = newRegister();
  return it->second;
}

uint32_t FunctionLowering::address(const llvm::GlobalValue *global) {
  auto [it, added] =
      hoisted.emplace(std::make_pair(true, context.symbolOf(global)), 0);
  if (added)
    it->second = newRegister();
  return it->second;
}

// The registers of a constant that needs no code of its own, or false.
bool FunctionLowering::constantRegisters(const llvm::Constant *c, Regs &regs) {
  if (llvm::isa<llvm::UndefValue>(c) ||
      llvm::isa<llvm::ConstantAggregateZero>(c) ||
      llvm::isa<llvm::ConstantPointerNull>(c)) {
    regs.insert(regs.end(), partsOf(c->getType()), 0);
    return true;
  }
  if (auto *integer = llvm::dyn_cast<llvm::ConstantInt>(c)) {
    const llvm::APInt &value = integer->getValue();
    for (unsigned i = 0; 64 * i < value.getBitWidth(); ++i)
      regs.push_back(constant(value.extractBitsAsZExtValue(
          std::min(64u, value.getBitWidth() - 64 * i), 64 * i)));
    return true;
  }
  if (auto *fp = llvm::dyn_cast<llvm::ConstantFP>(c)) {
    if (!c->getType()->isFloatTy() && !c->getType()->isDoubleTy())
      return false;
    regs.push_back(constant(fp->getValueAPF().bitcastToAPInt().getZExtValue()));
    return true;
  }
  if (auto *global = llvm::dyn_cast<llvm::GlobalValue>(c)) {
    auto *function = llvm::dyn_cast<llvm::Function>(global);
    if (llvm::isa<llvm::GlobalAlias>(global) ||
        (function && function->isIntrinsic()))
      return false;
    regs.push_back(address(global));
    return true;
  }
  if (llvm::isa<llvm::ConstantDataSequential>(c) ||
      llvm::isa<llvm::ConstantVector>(c)) {
    auto *vector = llvm::dyn_cast<llvm::FixedVectorType>(c->getType());
    if (!vector)
      return false;
    size_t start = regs.size();
    for (unsigned i = 0; i < vector->getNumElements(); ++i)
      if (!constantRegisters(c->getAggregateElement(i), regs)) {
        regs.resize(start);
        return false;
      }
    return true;
  }
  return false;
}

Regs FunctionLowering::operand(const llvm::Value *value) {
  if (auto *c = llvm::dyn_cast<llvm::Constant>(value)) {
    Regs known;
    if (constantRegisters(c, known))
      return known;
    Regs regs(partsOf(c->getType()));
    for (uint32_t &reg : regs)
      reg = newRegister();
    materialise(c, regs);
    return regs;
  }
  return regsOf(value);
}

uint32_t FunctionLowering::scalar(const llvm::Value *value) {
  if (auto *integer = llvm::dyn_cast<llvm::ConstantInt>(value))
    if (integer->getBitWidth() <= 64)
      return constant(integer->getZExtValue());
  if (llvm::isa<llvm::ConstantPointerNull>(value) ||
      llvm::isa<llvm::UndefValue>(value))
    return 0;
  Regs regs = operand(value);
  if (regs.size() != 1)
    fail("multi-register value where one register is needed");
  return regs[0];
}

void FunctionLowering::materialise(const llvm::Constant *c, const Regs &into) {
  llvm::Type *type = c->getType();
  auto zeroAll = [&] {
    for (uint32_t reg : into)
      emit(Opcode::MOV, {reg, 0});
  };
  if (llvm::isa<llvm::UndefValue>(c) ||
      llvm::isa<llvm::ConstantAggregateZero>(c) ||
      llvm::isa<llvm::ConstantPointerNull>(c))
    return zeroAll(); // undef and poison are zero: deterministic
  if (auto *integer = llvm::dyn_cast<llvm::ConstantInt>(c)) {
    const llvm::APInt &value = integer->getValue();
    for (size_t i = 0; i < into.size(); ++i)
      emit(Opcode::LI,
           {into[i], value.extractBitsAsZExtValue(
                         std::min(64u, value.getBitWidth() - 64 * unsigned(i)),
                         64 * unsigned(i))});
    return;
  }
  if (auto *fp = llvm::dyn_cast<llvm::ConstantFP>(c)) {
    if (!type->isFloatTy() && !type->isDoubleTy())
      fail("floating-point type");
    emit(Opcode::LI,
         {into[0], fp->getValueAPF().bitcastToAPInt().getZExtValue()});
    return;
  }
  if (auto *global = llvm::dyn_cast<llvm::GlobalValue>(c)) {
    if (llvm::isa<llvm::GlobalAlias>(global)) {
      ConstantAddress address;
      if (!evaluateAddress(c, layout, address) || !address.global)
        fail("alias");
      emit(Opcode::ADDR, {into[0], context.symbolOf(address.global)});
      if (address.offset)
        emit(Opcode::ADD_I64, {into[0], into[0], constant(address.offset)});
      return;
    }
    if (auto *f = llvm::dyn_cast<llvm::Function>(global); f && f->isIntrinsic())
      fail("address of an intrinsic");
    emit(Opcode::ADDR, {into[0], context.symbolOf(global)});
    return;
  }
  if (auto *block = llvm::dyn_cast<llvm::BlockAddress>(c)) {
    emit(Opcode::LI, {into[0], blockAddressId(block)});
    return;
  }
  if (llvm::isa<llvm::ConstantDataSequential>(c) ||
      llvm::isa<llvm::ConstantVector>(c) || llvm::isa<llvm::ConstantArray>(c) ||
      llvm::isa<llvm::ConstantStruct>(c)) {
    unsigned count =
        llvm::isa<llvm::ConstantDataSequential>(c)
            ? llvm::cast<llvm::ConstantDataSequential>(c)->getNumElements()
            : c->getNumOperands();
    size_t next = 0;
    for (unsigned i = 0; i < count; ++i) {
      const llvm::Constant *element = c->getAggregateElement(i);
      Regs part(into.begin() + next,
                into.begin() + next + partsOf(element->getType()));
      materialise(element, part);
      next += part.size();
    }
    return;
  }
  if (auto *expr = llvm::dyn_cast<llvm::ConstantExpr>(c)) {
    ConstantAddress address;
    if ((type->isPointerTy() || type->isIntegerTy(64)) &&
        evaluateAddress(c, layout, address)) {
      if (address.global)
        emit(Opcode::ADDR, {into[0], context.symbolOf(address.global)});
      else
        emit(Opcode::MOV, {into[0], 0});
      if (address.minus) {
        uint32_t other = newRegister();
        emit(Opcode::ADDR, {other, context.symbolOf(address.minus)});
        emit(Opcode::SUB_I64, {into[0], into[0], other});
      }
      if (address.offset)
        emit(Opcode::ADD_I64,
             {into[0], into[0], constant(uint64_t(address.offset))});
      return;
    }
    // Any other expression: lower it as the instruction it stands for.
    llvm::Instruction *instruction = expr->getAsInstruction();
    const llvm::Instruction *outer = current;
    values[instruction] = into;
    lowerInstruction(*instruction);
    values.erase(instruction);
    current = outer;
    instruction->deleteValue();
    return;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  c->print(os);
  fail("constant " + text);
}

// ---- emission

uint32_t FunctionLowering::newLabel() {
  labelPositions.push_back(-1);
  return uint32_t(labelPositions.size() - 1);
}

void FunctionLowering::placeLabel(uint32_t label) {
  labelPositions[label] = int64_t(out.code.size());
}

uint32_t FunctionLowering::blockLabel(const llvm::BasicBlock *block) {
  auto [it, added] = blockLabels.emplace(block, 0);
  if (added)
    it->second = newLabel();
  return it->second;
}

void FunctionLowering::emit(Opcode op, std::vector<uint64_t> operands) {
  size_t index = out.code.size();
  // Remember where labels are used; they are patched in at the end.
  size_t at = 0;
  for (char kind : opcodeInfo(op).operands) {
    switch (kind) {
    case 'l':
      labelUses.emplace_back(index, at++);
      break;
    case 'D':
    case 'R':
      at += 1 + operands[at];
      break;
    case 't': {
      uint64_t n = operands[at++];
      for (uint64_t i = 0; i < n; ++i, at += 2)
        labelUses.emplace_back(index, at + 1);
      break;
    }
    default:
      ++at;
    }
  }
  out.code.push_back(Instruction{op, std::move(operands)});
  origins.byInstruction.push_back(current ? context.textOf(current)
                                          : UINT32_MAX);
  out.locations.push_back(current && context.lines
                              ? context.lines->locate(current)
                              : SourceLocation{});
}

void FunctionLowering::move(uint32_t to, uint32_t from) {
  if (to != from)
    emit(Opcode::MOV, {to, from});
}

// ---- the function

void FunctionLowering::run() {
  // Instructions of an earlier version of this function may have been
  // freed and their addresses reused.
  context.irTextIndex.clear();
  context.describe(function);
  out.numRegs = 1;
  out.registerNames.clear();
  out.registerAliases.clear();
  out.code.clear();
  out.locations.clear();
  out.labelNames.clear();
  for (const llvm::Argument &argument : function.args())
    regsOf(&argument);
  out.numParams = out.numRegs - 1;
  if (function.isVarArg()) {
    varargArea = newRegister("varargs");
    ++out.numParams;
  }
  Schedule schedule(function, !context.options.checkUndefinedBehaviour);
  shareRegisters(schedule);
  Loops loops(function);
  planHoistedPrefixes(loops);
  std::vector<const llvm::BasicBlock *> blocks = blockLayout(
      function, loops,
      [&](const llvm::BasicBlock *latch, const llvm::BasicBlock *header) {
        auto *branch = llvm::dyn_cast<llvm::BranchInst>(latch->getTerminator());
        return (branch && branch->isUnconditional()) ||
               edgeMayNeedCopies(latch, header);
      });
  nextBlock.clear();
  for (size_t i = 0; i + 1 < blocks.size(); ++i)
    nextBlock[blocks[i]] = blocks[i + 1];
  for (const llvm::BasicBlock *block : blocks) {
    placeLabel(blockLabel(block));
    if (block->hasName())
      out.labelNames[uint32_t(out.code.size())] = block->getName().str();
    for (const llvm::Instruction *instruction : schedule.order(*block)) {
      current = instruction;
      if (instruction->isTerminator()) {
        emitHoistedPrefixes(block);
        lowerTerminator(*instruction);
      } else if (sameBits.count(instruction))
        regsOf(instruction); // its operand's registers: nothing to do
      else if (sharing.count(instruction))
        lowerCoalesced(*instruction);
      else
        lowerInstruction(*instruction);
    }
    current = nullptr;
  }
  insertPrologue();
  for (auto [index, at] : labelUses) {
    uint64_t &operand = out.code[index].operands[at];
    operand = uint64_t(labelPositions[operand]);
  }
  // Labels of empty blocks that share a position: keep the first name.
  bool anyLocation = false;
  for (const SourceLocation &location : out.locations)
    anyLocation = anyLocation || location.line;
  if (!anyLocation)
    out.locations.clear();
  bool anyName = false;
  for (const std::string &name : out.registerNames)
    anyName = anyName || !name.empty();
  if (anyName)
    out.registerNames.resize(out.numRegs);
  else
    out.registerNames.clear();
}

Regs FunctionLowering::inLaneOrder(const Regs &lanes) {
  bool consecutive = true;
  for (size_t k = 1; k < lanes.size(); ++k)
    consecutive = consecutive && lanes[k] == lanes[0] + k;
  if (consecutive && lanes[0] != 0)
    return lanes;
  auto block = laneBlocks.find(lanes);
  if (block == laneBlocks.end()) {
    std::map<uint32_t, std::pair<bool, uint64_t>> valueOf = {{0, {false, 0}}};
    for (const auto &[key, reg] : hoisted)
      valueOf[reg] = key;
    for (uint32_t lane : lanes)
      if (!valueOf.count(lane))
        return {};
    block = laneBlocks.emplace(lanes, out.numRegs).first;
    for (uint32_t lane : lanes)
      laneBlockValues.emplace_back(newRegister(), valueOf[lane]);
  }
  Regs copies(lanes.size());
  for (size_t k = 0; k < copies.size(); ++k)
    copies[k] = block->second + uint32_t(k);
  return copies;
}

bool FunctionLowering::emitVector(Opcode op, const Regs &to,
                                  std::initializer_list<const Regs *> sources) {
  if (to.size() > MaxLanes || inLaneOrder(to) != to)
    return false;
  std::vector<uint64_t> operands{to[0]};
  for (const Regs *source : sources) {
    Regs lanes = inLaneOrder(*source);
    if (lanes.empty())
      return false;
    operands.push_back(lanes[0]);
  }
  operands.push_back(to.size());
  emit(op, operands);
  return true;
}

void FunctionLowering::insertPrologue() {
  std::vector<Instruction> prologue;
  for (auto [key, reg] : hoisted)
    prologue.push_back(
        Instruction{key.first ? Opcode::ADDR : Opcode::LI, {reg, key.second}});
  for (auto [reg, key] : laneBlockValues)
    prologue.push_back(
        Instruction{key.first ? Opcode::ADDR : Opcode::LI, {reg, key.second}});
  size_t n = prologue.size();
  if (!n)
    return;
  out.code.insert(out.code.begin(), prologue.begin(), prologue.end());
  origins.byInstruction.insert(origins.byInstruction.begin(), n, UINT32_MAX);
  out.locations.insert(out.locations.begin(), n, SourceLocation{});
  for (int64_t &position : labelPositions)
    position += int64_t(n);
  for (auto &[index, at] : labelUses)
    index += n;
  std::map<uint32_t, std::string> names;
  for (auto &[index, name] : out.labelNames)
    names[uint32_t(index + n)] = name;
  out.labelNames = std::move(names);
}

size_t FunctionLowering::partOffset(llvm::Type *type,
                                    llvm::ArrayRef<unsigned> indices) const {
  size_t offset = 0;
  for (unsigned index : indices) {
    if (auto *structure = llvm::dyn_cast<llvm::StructType>(type)) {
      for (unsigned i = 0; i < index; ++i)
        offset += partsOf(structure->getElementType(i));
      type = structure->getElementType(index);
    } else {
      type = type->getArrayElementType();
      offset += index * partsOf(type);
    }
  }
  return offset;
}

void FunctionLowering::lowerInstruction(const llvm::Instruction &instruction) {
  current = &instruction;
  if (auto *binary = llvm::dyn_cast<llvm::BinaryOperator>(&instruction))
    return lowerBinary(*binary);
  if (auto *unary = llvm::dyn_cast<llvm::UnaryOperator>(&instruction))
    return lowerUnaryFloat(*unary);
  if (auto *compare = llvm::dyn_cast<llvm::CmpInst>(&instruction))
    return lowerCompare(*compare);
  if (auto *cast = llvm::dyn_cast<llvm::CastInst>(&instruction))
    return lowerCast(*cast);
  if (auto *select = llvm::dyn_cast<llvm::SelectInst>(&instruction))
    return lowerSelect(*select);
  if (auto *load = llvm::dyn_cast<llvm::LoadInst>(&instruction))
    return lowerLoad(*load);
  if (auto *store = llvm::dyn_cast<llvm::StoreInst>(&instruction))
    return lowerStore(*store);
  if (auto *gep = llvm::dyn_cast<llvm::GetElementPtrInst>(&instruction))
    return lowerGep(*gep);
  if (auto *alloca = llvm::dyn_cast<llvm::AllocaInst>(&instruction))
    return lowerAlloca(*alloca);
  if (auto *call = llvm::dyn_cast<llvm::CallBase>(&instruction))
    return lowerCall(*call);
  if (auto *vaArg = llvm::dyn_cast<llvm::VAArgInst>(&instruction))
    return lowerVaArg(*vaArg);
  switch (instruction.getOpcode()) {
  case llvm::Instruction::PHI:
    regsOf(&instruction); // filled by the predecessors' edge copies
    return;
  case llvm::Instruction::Freeze: {
    // A narrow element is truncated to its width: its register may be a
    // trunc nuw's operand (see sameBitsCasts), and a frozen poison must be
    // one value of its type.
    const Regs &to = regsOf(&instruction);
    Regs from = operand(instruction.getOperand(0));
    llvm::Type *element = instruction.getType()->getScalarType();
    unsigned width = element->getPrimitiveSizeInBits();
    bool narrow = partsOf(element) == 1 && width < 64 && width > 0;
    for (size_t i = 0; i < to.size(); ++i)
      narrow ? truncate(to[i], from[i], width) : move(to[i], from[i]);
    return;
  }
  case llvm::Instruction::ExtractValue: {
    auto &extract = llvm::cast<llvm::ExtractValueInst>(instruction);
    Regs from = operand(extract.getAggregateOperand());
    llvm::Type *type = extract.getAggregateOperand()->getType();
    size_t offset = partOffset(type, extract.getIndices());
    const Regs &to = regsOf(&instruction);
    for (size_t i = 0; i < to.size(); ++i)
      move(to[i], from[offset + i]);
    return;
  }
  case llvm::Instruction::InsertValue: {
    auto &insert = llvm::cast<llvm::InsertValueInst>(instruction);
    Regs aggregate = operand(insert.getAggregateOperand());
    Regs element = operand(insert.getInsertedValueOperand());
    llvm::Type *type = insert.getType();
    size_t offset = partOffset(type, insert.getIndices());
    const Regs &to = regsOf(&instruction);
    for (size_t i = 0; i < to.size(); ++i)
      move(to[i], i >= offset && i < offset + element.size()
                      ? element[i - offset]
                      : aggregate[i]);
    return;
  }
  case llvm::Instruction::ExtractElement: {
    auto &extract = llvm::cast<llvm::ExtractElementInst>(instruction);
    Regs vector = operand(extract.getVectorOperand());
    auto *type =
        llvm::cast<llvm::FixedVectorType>(extract.getVectorOperandType());
    unsigned lanes = type->getNumElements();
    unsigned width = partsOf(type->getElementType());
    const Regs &to = regsOf(&instruction);
    if (auto *index =
            llvm::dyn_cast<llvm::ConstantInt>(extract.getIndexOperand())) {
      uint64_t lane = index->getZExtValue();
      for (unsigned i = 0; i < width; ++i)
        move(to[i], lane < lanes ? vector[lane * width + i] : 0);
      return;
    }
    uint32_t index = scalar(extract.getIndexOperand());
    for (unsigned i = 0; i < width; ++i)
      emit(Opcode::MOV, {to[i], 0});
    for (unsigned lane = 0; lane < lanes; ++lane) {
      uint32_t match = newRegister();
      emit(Opcode::EQ, {match, index, constant(lane)});
      for (unsigned i = 0; i < width; ++i)
        emit(Opcode::SELECT, {to[i], match, vector[lane * width + i], to[i]});
    }
    return;
  }
  case llvm::Instruction::InsertElement: {
    auto &insert = llvm::cast<llvm::InsertElementInst>(instruction);
    Regs vector = operand(insert.getOperand(0));
    Regs element = operand(insert.getOperand(1));
    auto *type = llvm::cast<llvm::FixedVectorType>(insert.getType());
    unsigned lanes = type->getNumElements();
    unsigned width = partsOf(type->getElementType());
    const Regs &to = regsOf(&instruction);
    if (auto *index = llvm::dyn_cast<llvm::ConstantInt>(insert.getOperand(2))) {
      uint64_t lane = index->getZExtValue();
      for (unsigned l = 0; l < lanes; ++l)
        for (unsigned i = 0; i < width; ++i)
          move(to[l * width + i],
               l == lane ? element[i] : vector[l * width + i]);
      return;
    }
    uint32_t index = scalar(insert.getOperand(2));
    for (unsigned l = 0; l < lanes; ++l) {
      uint32_t match = newRegister();
      emit(Opcode::EQ, {match, index, constant(l)});
      for (unsigned i = 0; i < width; ++i)
        emit(Opcode::SELECT,
             {to[l * width + i], match, element[i], vector[l * width + i]});
    }
    return;
  }
  case llvm::Instruction::ShuffleVector: {
    auto &shuffle = llvm::cast<llvm::ShuffleVectorInst>(instruction);
    Regs a = operand(shuffle.getOperand(0));
    Regs b = operand(shuffle.getOperand(1));
    auto *sourceType =
        llvm::cast<llvm::FixedVectorType>(shuffle.getOperand(0)->getType());
    unsigned lanes = sourceType->getNumElements();
    unsigned width = partsOf(sourceType->getElementType());
    const Regs &to = regsOf(&instruction);
    llvm::ArrayRef<int> mask = shuffle.getShuffleMask();
    for (size_t l = 0; l < mask.size(); ++l)
      for (unsigned i = 0; i < width; ++i) {
        int m = mask[l];
        uint32_t from = m < 0                 ? 0
                        : unsigned(m) < lanes ? a[m * width + i]
                                              : b[(m - lanes) * width + i];
        move(to[l * width + i], from);
      }
    return;
  }
  case llvm::Instruction::Fence:
    return; // one thread: nothing to order
  case llvm::Instruction::AtomicRMW:
  case llvm::Instruction::AtomicCmpXchg:
    return lowerAtomic(instruction);
  default:
    fail("instruction");
  }
}

// Copies for the phis of `to` on the edge from `from`, as one parallel
// assignment: sources are read before any phi register is written.
void FunctionLowering::lowerPhiCopies(const llvm::BasicBlock *from,
                                      const llvm::BasicBlock *to) {
  std::vector<std::pair<uint32_t, uint32_t>> moves;
  std::vector<std::pair<const llvm::Constant *, Regs>> constants;
  for (const llvm::PHINode &phi : to->phis()) {
    const Regs &target = regsOf(&phi);
    const llvm::Value *incoming = phi.getIncomingValueForBlock(from);
    if (auto *c = llvm::dyn_cast<llvm::Constant>(incoming)) {
      constants.emplace_back(c, target);
      continue;
    }
    const Regs &source = regsOf(incoming);
    for (size_t i = 0; i < target.size(); ++i)
      if (target[i] != source[i])
        moves.emplace_back(target[i], source[i]);
  }
  bool overlap = false;
  for (auto [target, source] : moves)
    for (auto [otherTarget, otherSource] : moves)
      overlap = overlap || otherSource == target;
  if (overlap) {
    std::vector<uint32_t> temporaries;
    for (auto [target, source] : moves) {
      temporaries.push_back(newRegister());
      move(temporaries.back(), source);
    }
    for (size_t i = 0; i < moves.size(); ++i)
      move(moves[i].first, temporaries[i]);
  } else {
    for (auto [target, source] : moves)
      move(target, source);
  }
  for (auto &[c, target] : constants)
    materialise(c, target);
}

bool FunctionLowering::edgeMayNeedCopies(const llvm::BasicBlock *from,
                                         const llvm::BasicBlock *to) const {
  auto leader = [&](const llvm::Value *value) {
    for (auto *instruction = llvm::dyn_cast<llvm::Instruction>(value);
         instruction && sharing.count(instruction) &&
         sharing.at(instruction) != value;
         instruction = llvm::dyn_cast<llvm::Instruction>(value))
      value = sharing.at(instruction);
    return value;
  };
  for (const llvm::PHINode &phi : to->phis()) {
    const llvm::Value *incoming = phi.getIncomingValueForBlock(from);
    if (llvm::isa<llvm::Constant>(incoming) || leader(incoming) != leader(&phi))
      return true;
  }
  return false;
}

bool FunctionLowering::edgeNeedsCopies(const llvm::BasicBlock *from,
                                       const llvm::BasicBlock *to) {
  for (const llvm::PHINode &phi : to->phis()) {
    const llvm::Value *incoming = phi.getIncomingValueForBlock(from);
    if (llvm::isa<llvm::Constant>(incoming) || regsOf(incoming) != regsOf(&phi))
      return true;
  }
  return false;
}

void FunctionLowering::shareRegisters(const Schedule &schedule) {
  sharing.clear();
  sameBits.clear();
  std::vector<ClassMember> classes = phiClasses(function, schedule);
  for (auto [leader, value] : classes)
    sharing.emplace(value, leader);
  for (const SameBits &reading : sameBitsCasts(function, classes, schedule)) {
    sharing.emplace(reading.cast, reading.operand);
    sameBits.emplace(reading.cast, reading);
  }
}

// Whether the code from `start` computes a value into `shared` without
// reading any of those registers after writing one: a read there could be
// of the phi or of the value's part, which cannot be told apart.
bool FunctionLowering::computedInPlace(size_t start, const Regs &shared) const {
  std::vector<bool> written(shared.size());
  auto part = [&](uint64_t reg) -> std::optional<size_t> {
    for (size_t k = 0; k < shared.size(); ++k)
      if (shared[k] == reg)
        return k;
    return std::nullopt;
  };
  for (size_t i = start; i < out.code.size(); ++i) {
    const Instruction &code = out.code[i];
    std::string_view kinds = opcodeInfo(code.op).operands;
    if (kinds.find_first_of("lt") != std::string_view::npos)
      return false; // control flow of its own: order is not time
    size_t writes = 0;
    bool reads = false;
    bool readAfterWrite = false;
    // A lane-wise instruction (vector sources, a lane count: vadd, vfneg,
    // vfmuladd) reads lane k of its sources, then writes lane k: a source
    // lane may be the same register as the destination lane.
    bool laneWise = kinds.size() >= 3 && kinds.front() == 'v' &&
                    kinds.back() == 'n' &&
                    kinds.find_first_not_of('w', 1) == kinds.size() - 1;
    forEachRegisterOperand(code, [&](size_t slot, uint64_t count, bool write) {
      for (uint64_t k = 0; k < count; ++k) {
        std::optional<size_t> p = part(code.operands[slot] + k);
        writes += write && p;
        reads = reads || (!write && p);
        readAfterWrite = readAfterWrite || (!write && p && written[*p]);
        laneWise = laneWise && (write || !p || p == part(code.operands[0] + k));
      }
    });
    // One instruction may read what it writes when it writes one register
    // (it reads its operands first), works lane by lane, or is a call
    // (results come back last).
    if (readAfterWrite || (reads && writes > 1 && !laneWise &&
                           code.op != Opcode::CALL && code.op != Opcode::CALLI))
      return false;
    forEachRegisterOperand(code, [&](size_t slot, uint64_t count, bool write) {
      for (uint64_t k = 0; write && k < count; ++k)
        if (std::optional<size_t> p = part(code.operands[slot] + k))
          written[*p] = true;
    });
  }
  return true;
}

void FunctionLowering::lowerCoalesced(const llvm::Instruction &instruction) {
  Regs shared = regsOf(&instruction);
  size_t start = out.code.size(), labelUseCount = labelUses.size();
  lowerInstruction(instruction);
  if (computedInPlace(start, shared))
    return;
  out.code.resize(start);
  origins.byInstruction.resize(start);
  out.locations.resize(start);
  labelUses.resize(labelUseCount);
  Regs own;
  for (size_t k = 0; k < shared.size(); ++k)
    own.push_back(newRegister());
  values[&instruction] = own;
  lowerInstruction(instruction);
  values[&instruction] = shared;
  for (size_t k = 0; k < shared.size(); ++k)
    move(shared[k], own[k]);
}

void FunctionLowering::lowerTerminator(const llvm::Instruction &instruction) {
  const llvm::BasicBlock *block = instruction.getParent();
  // A jump to the block lowered next is left out: the code falls through.
  const llvm::BasicBlock *next =
      nextBlock.count(block) ? nextBlock.at(block) : nullptr;
  auto jumpTo = [&](const llvm::BasicBlock *successor) {
    if (successor != next)
      emit(Opcode::JMP, {blockLabel(successor)});
  };
  // Successors with phis are reached through an edge block of copies.
  std::vector<std::pair<uint32_t, const llvm::BasicBlock *>> edges;
  std::unordered_map<const llvm::BasicBlock *, uint32_t> edgeLabels;
  auto target = [&](const llvm::BasicBlock *successor) -> uint64_t {
    if (!edgeNeedsCopies(block, successor))
      return blockLabel(successor);
    auto [it, added] = edgeLabels.emplace(successor, 0);
    if (added) {
      it->second = newLabel();
      edges.emplace_back(it->second, successor);
    }
    return it->second;
  };

  switch (instruction.getOpcode()) {
  case llvm::Instruction::Ret: {
    auto &ret = llvm::cast<llvm::ReturnInst>(instruction);
    Regs results;
    if (ret.getReturnValue())
      results = operand(ret.getReturnValue());
    std::vector<uint64_t> operands{results.size()};
    operands.insert(operands.end(), results.begin(), results.end());
    emit(Opcode::RET, operands);
    break;
  }
  case llvm::Instruction::Br: {
    auto &br = llvm::cast<llvm::BranchInst>(instruction);
    if (br.isUnconditional()) {
      lowerPhiCopies(block, br.getSuccessor(0));
      jumpTo(br.getSuccessor(0));
      return;
    }
    uint32_t condition = scalar(br.getCondition());
    emit(Opcode::BR,
         {condition, target(br.getSuccessor(0)), target(br.getSuccessor(1))});
    break;
  }
  case llvm::Instruction::Switch: {
    auto &sw = llvm::cast<llvm::SwitchInst>(instruction);
    if (sw.getCondition()->getType()->getIntegerBitWidth() > 64)
      fail("switch on more than 64 bits");
    uint32_t value = scalar(sw.getCondition());
    std::vector<uint64_t> operands{value, target(sw.getDefaultDest()),
                                   sw.getNumCases()};
    for (auto &c : sw.cases()) {
      operands.push_back(c.getCaseValue()->getZExtValue());
      operands.push_back(target(c.getCaseSuccessor()));
    }
    emit(Opcode::SWITCH, operands);
    break;
  }
  case llvm::Instruction::IndirectBr: {
    auto &br = llvm::cast<llvm::IndirectBrInst>(instruction);
    uint32_t address = scalar(br.getAddress());
    uint32_t bad = newLabel();
    std::vector<uint64_t> operands{address, bad, br.getNumDestinations()};
    for (unsigned i = 0; i < br.getNumDestinations(); ++i) {
      const llvm::BasicBlock *destination = br.getDestination(i);
      operands.push_back(blockAddressId(llvm::BlockAddress::get(
          const_cast<llvm::BasicBlock *>(destination))));
      operands.push_back(target(destination));
    }
    emit(Opcode::SWITCH, operands);
    placeLabel(bad);
    emit(Opcode::UNREACHABLE, {});
    break;
  }
  case llvm::Instruction::Unreachable:
    emit(Opcode::UNREACHABLE, {});
    break;
  default:
    fail("terminator");
  }
  // The edge block to the next block last, to fall through into it.
  std::stable_partition(edges.begin(), edges.end(),
                        [&](const auto &edge) { return edge.second != next; });
  for (size_t i = 0; i < edges.size(); ++i) {
    auto [label, successor] = edges[i];
    placeLabel(label);
    lowerPhiCopies(block, successor);
    if (i + 1 < edges.size())
      emit(Opcode::JMP, {blockLabel(successor)});
    else
      jumpTo(successor);
  }
}

} // namespace comet::lowering
