// Loads and stores of any type (by the DataLayout's sizes and offsets),
// address arithmetic, and stack allocation.
#include "lowering/function_lowering.h"

#include <llvm/IR/GetElementPtrTypeIterator.h>
#include <llvm/IR/Operator.h>

namespace comet::lowering {

uint32_t FunctionLowering::addOffset(uint32_t address, int64_t offset) {
  if (offset == 0)
    return address;
  uint32_t result = newRegister();
  emit(Opcode::ADD_I64, {result, address, constant(uint64_t(offset))});
  return result;
}

// Integers of 1 to 8 bytes, little-endian, from naturally sized pieces.
void FunctionLowering::loadInteger(unsigned bytes, uint32_t to,
                                   uint32_t address, uint64_t offset) {
  switch (bytes) {
  case 1:
    return emit(Opcode::LD_U8, {to, address, offset});
  case 2:
    return emit(Opcode::LD_U16, {to, address, offset});
  case 4:
    return emit(Opcode::LD_U32, {to, address, offset});
  case 8:
    return emit(Opcode::LD_64, {to, address, offset});
  }
  unsigned low = bytes >= 4 ? 4 : 2;
  uint32_t rest = newRegister(), shifted = newRegister();
  loadInteger(low, to, address, offset);
  loadInteger(bytes - low, rest, address, offset + low);
  emit(Opcode::SHL_I64, {shifted, rest, constant(8 * low)});
  emit(Opcode::OR, {to, to, shifted});
}

void FunctionLowering::storeInteger(unsigned bytes, uint32_t value,
                                    uint32_t address, uint64_t offset) {
  switch (bytes) {
  case 1:
    return emit(Opcode::ST_8, {value, address, offset});
  case 2:
    return emit(Opcode::ST_16, {value, address, offset});
  case 4:
    return emit(Opcode::ST_32, {value, address, offset});
  case 8:
    return emit(Opcode::ST_64, {value, address, offset});
  }
  unsigned low = bytes >= 4 ? 4 : 2;
  uint32_t rest = newRegister();
  storeInteger(low, value, address, offset);
  emit(Opcode::LSHR_I64, {rest, value, constant(8 * low)});
  storeInteger(bytes - low, rest, address, offset + low);
}

void FunctionLowering::loadValue(llvm::Type *type, uint32_t address,
                                 uint64_t offset, const Regs &into,
                                 size_t &next) {
  if (type->isIntegerTy()) {
    unsigned width = type->getIntegerBitWidth();
    uint64_t bytes = layout.getTypeStoreSize(type);
    for (uint64_t chunk = 0; chunk < bytes; chunk += 8) {
      uint32_t reg = into[next++];
      unsigned size = unsigned(std::min<uint64_t>(8, bytes - chunk));
      loadInteger(size, reg, address, offset + chunk);
      unsigned bits = std::min(64u, width - 8 * unsigned(chunk));
      if (bits < 8 * size)
        truncate(reg, reg, bits);
    }
    return;
  }
  if (type->isFloatTy())
    return loadInteger(4, into[next++], address, offset);
  if (type->isDoubleTy() || type->isPointerTy())
    return loadInteger(8, into[next++], address, offset);
  if (auto *structure = llvm::dyn_cast<llvm::StructType>(type)) {
    const llvm::StructLayout *fields = layout.getStructLayout(structure);
    for (unsigned i = 0; i < structure->getNumElements(); ++i)
      loadValue(structure->getElementType(i), address,
                offset + fields->getElementOffset(i).getFixedValue(), into,
                next);
    return;
  }
  if (auto *array = llvm::dyn_cast<llvm::ArrayType>(type)) {
    uint64_t step = layout.getTypeAllocSize(array->getElementType());
    for (uint64_t i = 0; i < array->getNumElements(); ++i)
      loadValue(array->getElementType(), address, offset + i * step, into,
                next);
    return;
  }
  if (auto *vector = llvm::dyn_cast<llvm::FixedVectorType>(type)) {
    llvm::Type *element = vector->getElementType();
    if (layout.getTypeSizeInBits(element) % 8 != 0) {
      // Bit-packed lanes (<8 x i1>): load the bits, then split them.
      uint64_t bytes = layout.getTypeStoreSize(type);
      Regs chunks((bytes + 7) / 8);
      for (size_t c = 0; c < chunks.size(); ++c) {
        chunks[c] = newRegister();
        loadInteger(unsigned(std::min<uint64_t>(8, bytes - 8 * c)), chunks[c],
                    address, offset + 8 * c);
      }
      for (uint32_t lane : fromBits(type, chunks))
        move(into[next++], lane);
      return;
    }
    unsigned lanes = vector->getNumElements();
    if (std::optional<Opcode> op = vectorAccess(element, lanes, true)) {
      Regs block =
          inLaneOrder(Regs(into.begin() + next, into.begin() + next + lanes));
      if (!block.empty() && block[0] == into[next]) {
        emit(*op, {block[0], address, offset, lanes});
        next += lanes;
        return;
      }
    }
    uint64_t step = layout.getTypeAllocSize(element);
    for (unsigned i = 0; i < lanes; ++i)
      loadValue(element, address, offset + i * step, into, next);
    return;
  }
  fail("load of this type");
}

std::optional<Opcode> FunctionLowering::vectorAccess(llvm::Type *element,
                                                     unsigned lanes,
                                                     bool load) const {
  // Lanes of one register each, packed with no padding.
  uint64_t size = layout.getTypeStoreSize(element);
  if (lanes > MaxLanes || size != layout.getTypeAllocSize(element) ||
      (element->isIntegerTy() && element->getIntegerBitWidth() != 8 * size) ||
      !(element->isIntegerTy() || element->isFloatTy() ||
        element->isDoubleTy() || element->isPointerTy()))
    return std::nullopt;
  switch (size) {
  case 1:
    return load ? Opcode::VLD_U8 : Opcode::VST_8;
  case 2:
    return load ? Opcode::VLD_U16 : Opcode::VST_16;
  case 4:
    return load ? Opcode::VLD_U32 : Opcode::VST_32;
  case 8:
    return load ? Opcode::VLD_64 : Opcode::VST_64;
  }
  return std::nullopt;
}

void FunctionLowering::storeValue(llvm::Type *type, uint32_t address,
                                  uint64_t offset, const Regs &from,
                                  size_t &next) {
  if (type->isIntegerTy()) {
    uint64_t bytes = layout.getTypeStoreSize(type);
    for (uint64_t chunk = 0; chunk < bytes; chunk += 8)
      storeInteger(unsigned(std::min<uint64_t>(8, bytes - chunk)), from[next++],
                   address, offset + chunk);
    return;
  }
  if (type->isFloatTy())
    return storeInteger(4, from[next++], address, offset);
  if (type->isDoubleTy() || type->isPointerTy())
    return storeInteger(8, from[next++], address, offset);
  if (auto *structure = llvm::dyn_cast<llvm::StructType>(type)) {
    const llvm::StructLayout *fields = layout.getStructLayout(structure);
    for (unsigned i = 0; i < structure->getNumElements(); ++i)
      storeValue(structure->getElementType(i), address,
                 offset + fields->getElementOffset(i).getFixedValue(), from,
                 next);
    return;
  }
  if (auto *array = llvm::dyn_cast<llvm::ArrayType>(type)) {
    uint64_t step = layout.getTypeAllocSize(array->getElementType());
    for (uint64_t i = 0; i < array->getNumElements(); ++i)
      storeValue(array->getElementType(), address, offset + i * step, from,
                 next);
    return;
  }
  if (auto *vector = llvm::dyn_cast<llvm::FixedVectorType>(type)) {
    llvm::Type *element = vector->getElementType();
    if (layout.getTypeSizeInBits(element) % 8 != 0) {
      Regs lanes(from.begin() + next,
                 from.begin() + next + vector->getNumElements());
      next += lanes.size();
      Regs chunks = toBits(type, lanes);
      uint64_t bytes = layout.getTypeStoreSize(type);
      for (size_t c = 0; c < chunks.size(); ++c)
        storeInteger(unsigned(std::min<uint64_t>(8, bytes - 8 * c)), chunks[c],
                     address, offset + 8 * c);
      return;
    }
    unsigned lanes = vector->getNumElements();
    if (std::optional<Opcode> op = vectorAccess(element, lanes, false)) {
      Regs block =
          inLaneOrder(Regs(from.begin() + next, from.begin() + next + lanes));
      if (!block.empty()) {
        emit(*op, {block[0], address, offset, lanes});
        next += lanes;
        return;
      }
    }
    uint64_t step = layout.getTypeAllocSize(element);
    for (unsigned i = 0; i < lanes; ++i)
      storeValue(element, address, offset + i * step, from, next);
    return;
  }
  fail("store of this type");
}

std::pair<uint32_t, int64_t>
FunctionLowering::accessAddress(const llvm::Value *pointer) {
  // A constant address (a field of a global): its global's hoisted
  // register, or r0, plus the offset.
  ConstantAddress known;
  if (auto *expr = llvm::dyn_cast<llvm::ConstantExpr>(pointer);
      expr && evaluateAddress(expr, layout, known) && !known.minus)
    return {known.global ? address(known.global) : 0, known.offset};
  auto *gep = llvm::dyn_cast<llvm::Instruction>(pointer);
  auto reading = gep ? sameBits.find(gep) : sameBits.end();
  return {scalar(pointer),
          reading != sameBits.end() ? reading->second.offset : 0};
}

void FunctionLowering::lowerLoad(const llvm::LoadInst &instruction) {
  auto [address, offset] = accessAddress(instruction.getPointerOperand());
  size_t next = 0;
  loadValue(instruction.getType(), address, uint64_t(offset),
            regsOf(&instruction), next);
}

void FunctionLowering::lowerStore(const llvm::StoreInst &instruction) {
  Regs value = operand(instruction.getValueOperand());
  auto [address, offset] = accessAddress(instruction.getPointerOperand());
  size_t next = 0;
  storeValue(instruction.getValueOperand()->getType(), address,
             uint64_t(offset), value, next);
}

Regs FunctionLowering::gepAddress(const llvm::GEPOperator &gep, unsigned end,
                                  unsigned first, uint32_t start) {
  unsigned lanes = 1;
  if (auto *vector = llvm::dyn_cast<llvm::FixedVectorType>(gep.getType()))
    lanes = vector->getNumElements();
  Regs base = first > 1 ? Regs{start} : operand(gep.getPointerOperand());
  if (!end)
    end = gep.getNumOperands();
  Regs result(lanes);
  for (unsigned lane = 0; lane < lanes; ++lane) {
    uint32_t address = base.size() == 1 ? base[0] : base[lane];
    int64_t offset = 0;
    auto type = llvm::gep_type_begin(&gep);
    std::advance(type, first - 1);
    for (unsigned i = first; i < end; ++i, ++type) {
      const llvm::Value *index = gep.getOperand(i);
      if (llvm::StructType *structure = type.getStructTypeOrNull()) {
        uint64_t field =
            llvm::cast<llvm::ConstantInt>(
                index->getType()->isVectorTy()
                    ? llvm::cast<llvm::Constant>(index)->getSplatValue()
                    : index)
                ->getZExtValue();
        offset += layout.getStructLayout(structure)
                      ->getElementOffset(unsigned(field))
                      .getFixedValue();
        continue;
      }
      int64_t size = int64_t(type.getSequentialElementStride(layout));
      if (auto *c = llvm::dyn_cast<llvm::Constant>(index)) {
        const llvm::Constant *laneConstant =
            c->getType()->isVectorTy() ? c->getAggregateElement(lane) : c;
        if (auto *integer =
                llvm::dyn_cast_or_null<llvm::ConstantInt>(laneConstant)) {
          offset += integer->getSExtValue() * size;
          continue;
        }
      }
      Regs indexRegs = operand(index);
      uint32_t value = indexRegs.size() == 1 ? indexRegs[0] : indexRegs[lane];
      unsigned width = index->getType()->getScalarSizeInBits();
      if (width > 64)
        fail("index wider than 64 bits");
      if (width < 64) {
        uint32_t extended = newRegister();
        signExtend(extended, value, width, 64);
        value = extended;
      }
      uint32_t sum = newRegister();
      if (size == 1)
        emit(Opcode::ADD_I64, {sum, address, value});
      else
        emit(Opcode::ADDMUL, {sum, address, value, uint64_t(size)});
      address = sum;
    }
    result[lane] = addOffset(address, offset);
  }
  return result;
}

void FunctionLowering::planHoistedPrefixes(const Loops &loops) {
  hoistedPrefixes.clear();
  prefixesBefore.clear();
  for (const llvm::BasicBlock &block : function) {
    const Loop *loop = loops.innermost(&block);
    if (!loop || !loop->preheader)
      continue;
    for (const llvm::Instruction &instruction : block) {
      auto *gep = llvm::dyn_cast<llvm::GetElementPtrInst>(&instruction);
      if (!gep || gep->getType()->isVectorTy() || sameBits.count(gep) ||
          !loop->invariant(gep->getPointerOperand()))
        continue;
      unsigned end = 1;
      bool variable = false;
      while (end < gep->getNumOperands() &&
             loop->invariant(gep->getOperand(end))) {
        variable = variable || !llvm::isa<llvm::Constant>(gep->getOperand(end));
        ++end;
      }
      if (!variable || end == gep->getNumOperands())
        continue; // nothing to save, or all of it (LLVM's LICM's job)
      // Its register is given now: the loop's blocks may be lowered first.
      hoistedPrefixes[gep] = {newRegister(), end};
      prefixesBefore[loop->preheader].push_back(gep);
    }
  }
}

void FunctionLowering::emitHoistedPrefixes(const llvm::BasicBlock *preheader) {
  auto planned = prefixesBefore.find(preheader);
  if (planned == prefixesBefore.end())
    return;
  // The code is the preheader's branch's: a breakpoint on the GEP's value
  // stops in the loop, where the value is computed.
  for (const llvm::GetElementPtrInst *gep : planned->second) {
    const HoistedPrefix &prefix = hoistedPrefixes.at(gep);
    // A variable index makes the last instruction write a new register:
    // it can write the prefix's instead.
    gepAddress(llvm::cast<llvm::GEPOperator>(*gep), prefix.end);
    out.code.back().operands[0] = prefix.address;
  }
}

void FunctionLowering::lowerGep(const llvm::GetElementPtrInst &instruction) {
  size_t start = out.code.size();
  auto hoisted = hoistedPrefixes.find(&instruction);
  Regs address = hoisted == hoistedPrefixes.end()
                     ? gepAddress(llvm::cast<llvm::GEPOperator>(instruction))
                     : gepAddress(llvm::cast<llvm::GEPOperator>(instruction), 0,
                                  hoisted->second.end, hoisted->second.address);
  const Regs &to = regsOf(&instruction);
  // Everything gepAddress emitted writes registers of its own: the last
  // of them can write the result instead of being copied to it.
  if (to.size() == 1 && out.code.size() > start &&
      out.code.back().operands[0] == address[0]) {
    out.code.back().operands[0] = to[0];
    return;
  }
  for (size_t i = 0; i < to.size(); ++i)
    move(to[i], address[i]);
}

void FunctionLowering::lowerAlloca(const llvm::AllocaInst &instruction) {
  uint64_t size = layout.getTypeAllocSize(instruction.getAllocatedType());
  uint64_t alignment = instruction.getAlign().value();
  uint32_t to = regsOf(&instruction)[0];
  const llvm::Value *count = instruction.getArraySize();
  if (auto *constantCount = llvm::dyn_cast<llvm::ConstantInt>(count)) {
    emit(Opcode::SALLOC,
         {to, std::max<uint64_t>(size * constantCount->getZExtValue(), 1),
          alignment});
    return;
  }
  uint32_t n = scalar(count);
  unsigned width = count->getType()->getIntegerBitWidth();
  if (width < 64) {
    uint32_t extended = newRegister();
    emit(Opcode::TRUNC, {extended, n, width}); // counts are unsigned
    n = extended;
  }
  uint32_t bytes = newRegister();
  emit(Opcode::MUL_I64, {bytes, n, constant(size)});
  emit(Opcode::SALLOCV, {to, bytes, alignment});
}

} // namespace comet::lowering
