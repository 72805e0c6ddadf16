// Integer and floating-point arithmetic, compares, casts and select,
// lane by lane for vectors. Integers of native widths (8, 16, 32, 64) map
// to one opcode; other widths up to 64 compute in 64 bits and truncate;
// widths up to 128 use two registers.
#include "lowering/function_lowering.h"

namespace comet::lowering {

namespace {

struct LaneShape {
  llvm::Type *element;
  unsigned lanes;
};

LaneShape lanesOf(llvm::Type *type) {
  if (auto *vector = llvm::dyn_cast<llvm::FixedVectorType>(type))
    return {vector->getElementType(), vector->getNumElements()};
  return {type, 1};
}

unsigned widthOf(llvm::Type *type) {
  return type->isPointerTy() ? 64 : type->getIntegerBitWidth();
}

Regs slice(const Regs &regs, unsigned lane, unsigned width) {
  return Regs(regs.begin() + lane * width, regs.begin() + (lane + 1) * width);
}

} // namespace

void FunctionLowering::truncate(uint32_t to, uint32_t from, unsigned width) {
  if (width >= 64)
    return move(to, from);
  emit(Opcode::TRUNC, {to, from, width});
}

void FunctionLowering::signExtend(uint32_t to, uint32_t from,
                                  unsigned fromWidth, unsigned toWidth) {
  emit(Opcode::SEXT, {to, from, fromWidth, std::min(toWidth, 64u)});
}

void FunctionLowering::integerBinary(unsigned opcode, unsigned width,
                                     uint32_t to, uint32_t a, uint32_t b) {
  using I = llvm::Instruction;
  switch (opcode) {
  case I::And:
    return emit(Opcode::AND, {to, a, b});
  case I::Or:
    return emit(Opcode::OR, {to, a, b});
  case I::Xor:
    return emit(Opcode::XOR, {to, a, b});
  }
  Opcode family;
  switch (opcode) {
  case I::Add:
    family = Opcode::ADD_I8;
    break;
  case I::Sub:
    family = Opcode::SUB_I8;
    break;
  case I::Mul:
    family = Opcode::MUL_I8;
    break;
  case I::Shl:
    family = Opcode::SHL_I8;
    break;
  case I::LShr:
    family = Opcode::LSHR_I8;
    break;
  case I::AShr:
    family = Opcode::ASHR_I8;
    break;
  case I::UDiv:
    family = Opcode::UDIV_I8;
    break;
  case I::SDiv:
    family = Opcode::SDIV_I8;
    break;
  case I::URem:
    family = Opcode::UREM_I8;
    break;
  case I::SRem:
    family = Opcode::SREM_I8;
    break;
  default:
    fail("integer operation");
  }
  if (isNativeWidth(width))
    return emit(atWidth(family, width), {to, a, b});
  Opcode wide = atWidth(family, 64);
  switch (opcode) {
  case I::LShr:
  case I::UDiv:
  case I::URem: // canonical (zero-extended) operands give the right result
    return emit(wide, {to, a, b});
  case I::AShr:
  case I::SDiv:
  case I::SRem: {
    uint32_t sa = newRegister(), sb = b;
    signExtend(sa, a, width, 64);
    if (opcode != I::AShr) {
      sb = newRegister();
      signExtend(sb, b, width, 64);
    }
    emit(wide, {to, sa, sb});
    return truncate(to, to, width);
  }
  default:
    emit(wide, {to, a, b});
    return truncate(to, to, width);
  }
}

// Two-register integers: lo holds bits 0..63, hi the rest (canonical).
void FunctionLowering::wideBinary(unsigned opcode, unsigned width,
                                  const Regs &to, const Regs &a,
                                  const Regs &b) {
  using I = llvm::Instruction;
  if (width > 128)
    fail("integer width above 128");
  unsigned high = width - 64;
  uint32_t lo = newRegister(), hi = newRegister();
  auto signedHigh = [&](uint32_t h) {
    if (high == 64)
      return h;
    uint32_t s = newRegister();
    signExtend(s, h, high, 64);
    return s;
  };
  switch (opcode) {
  case I::And:
  case I::Or:
  case I::Xor:
    integerBinary(opcode, 64, lo, a[0], b[0]);
    integerBinary(opcode, 64, hi, a[1], b[1]);
    break;
  case I::Add: {
    uint32_t carry = newRegister();
    emit(Opcode::ADD_I64, {lo, a[0], b[0]});
    emit(Opcode::ULT, {carry, lo, a[0]});
    emit(Opcode::ADD_I64, {hi, a[1], b[1]});
    emit(Opcode::ADD_I64, {hi, hi, carry});
    break;
  }
  case I::Sub: {
    uint32_t borrow = newRegister();
    emit(Opcode::ULT, {borrow, a[0], b[0]});
    emit(Opcode::SUB_I64, {lo, a[0], b[0]});
    emit(Opcode::SUB_I64, {hi, a[1], b[1]});
    emit(Opcode::SUB_I64, {hi, hi, borrow});
    break;
  }
  case I::Mul: {
    uint32_t cross = newRegister(), cross2 = newRegister();
    emit(Opcode::UMULH, {hi, a[0], b[0]});
    emit(Opcode::MUL_I64, {cross, a[0], b[1]});
    emit(Opcode::MUL_I64, {cross2, a[1], b[0]});
    emit(Opcode::ADD_I64, {hi, hi, cross});
    emit(Opcode::ADD_I64, {hi, hi, cross2});
    emit(Opcode::MUL_I64, {lo, a[0], b[0]});
    break;
  }
  case I::Shl:
  case I::LShr:
  case I::AShr: {
    // Amounts below 64 move bits across the halves; from 64 on, one half
    // shifts into the other. Shifts by 64 or more give 0, which covers the
    // amount-zero cross term.
    uint32_t s = b[0], big = newRegister(), s64 = newRegister(),
             back = newRegister(), t = newRegister(), u = newRegister();
    uint32_t sixtyFour = constant(64);
    emit(Opcode::UGE, {big, s, sixtyFour});
    emit(Opcode::SUB_I64, {s64, s, sixtyFour});
    emit(Opcode::SUB_I64, {back, sixtyFour, s});
    uint32_t smallLo = newRegister(), smallHi = newRegister(),
             bigLo = newRegister(), bigHi = newRegister();
    if (opcode == I::Shl) {
      emit(Opcode::SHL_I64, {smallLo, a[0], s});
      emit(Opcode::SHL_I64, {t, a[1], s});
      emit(Opcode::LSHR_I64, {u, a[0], back});
      emit(Opcode::OR, {smallHi, t, u});
      emit(Opcode::MOV, {bigLo, 0});
      emit(Opcode::SHL_I64, {bigHi, a[0], s64});
    } else {
      uint32_t top = opcode == I::AShr ? signedHigh(a[1]) : a[1];
      Opcode shift = opcode == I::AShr ? Opcode::ASHR_I64 : Opcode::LSHR_I64;
      emit(Opcode::LSHR_I64, {t, a[0], s});
      emit(Opcode::SHL_I64, {u, top, back});
      emit(Opcode::OR, {smallLo, t, u});
      emit(shift, {smallHi, top, s});
      emit(shift, {bigLo, top, s64});
      if (opcode == I::AShr)
        emit(Opcode::ASHR_I64, {bigHi, top, constant(63)});
      else
        emit(Opcode::MOV, {bigHi, 0});
    }
    emit(Opcode::SELECT, {lo, big, bigLo, smallLo});
    emit(Opcode::SELECT, {hi, big, bigHi, smallHi});
    break;
  }
  case I::UDiv:
  case I::SDiv:
  case I::URem:
  case I::SRem: {
    // Through the host, which has 128-bit division; narrower wide types
    // are widened to 128 bits first.
    bool isSigned = opcode == I::SDiv || opcode == I::SRem;
    uint32_t ah = isSigned ? signedHigh(a[1]) : a[1];
    uint32_t bh = isSigned ? signedHigh(b[1]) : b[1];
    uint64_t which = opcode == I::UDiv   ? 0
                     : opcode == I::SDiv ? 1
                     : opcode == I::URem ? 2
                                         : 3;
    uint32_t op = constant(which);
    callHost("__comet_divmod128_lo", {lo}, {op, a[0], ah, b[0], bh});
    callHost("__comet_divmod128_hi", {hi}, {op, a[0], ah, b[0], bh});
    break;
  }
  default:
    fail("integer operation on " + std::to_string(width) + " bits");
  }
  move(to[0], lo);
  truncate(to[1], hi, high);
}

void FunctionLowering::lowerBinary(const llvm::BinaryOperator &instruction) {
  LaneShape shape = lanesOf(instruction.getType());
  Regs a = operand(instruction.getOperand(0));
  Regs b = operand(instruction.getOperand(1));
  const Regs &to = regsOf(&instruction);
  unsigned opcode = instruction.getOpcode();
  if (shape.element->isFloatingPointTy()) {
    bool isDouble = shape.element->isDoubleTy();
    Opcode op;
    switch (opcode) {
    case llvm::Instruction::FAdd:
      op = atFloat(Opcode::FADD_F32, isDouble);
      break;
    case llvm::Instruction::FSub:
      op = atFloat(Opcode::FSUB_F32, isDouble);
      break;
    case llvm::Instruction::FMul:
      op = atFloat(Opcode::FMUL_F32, isDouble);
      break;
    case llvm::Instruction::FDiv:
      op = atFloat(Opcode::FDIV_F32, isDouble);
      break;
    case llvm::Instruction::FRem:
      op = atFloat(Opcode::FREM_F32, isDouble);
      break;
    default:
      fail("floating-point operation");
    }
    for (unsigned lane = 0; lane < shape.lanes; ++lane)
      emit(op, {to[lane], a[lane], b[lane]});
    return;
  }
  unsigned width = widthOf(shape.element);
  unsigned parts = partsOf(shape.element);
  for (unsigned lane = 0; lane < shape.lanes; ++lane) {
    if (parts == 1)
      integerBinary(opcode, width, to[lane], a[lane], b[lane]);
    else
      wideBinary(opcode, width, slice(to, lane, parts), slice(a, lane, parts),
                 slice(b, lane, parts));
  }
}

void FunctionLowering::lowerUnaryFloat(const llvm::UnaryOperator &instruction) {
  if (instruction.getOpcode() != llvm::Instruction::FNeg)
    fail("unary operation");
  LaneShape shape = lanesOf(instruction.getType());
  Regs a = operand(instruction.getOperand(0));
  const Regs &to = regsOf(&instruction);
  for (unsigned lane = 0; lane < shape.lanes; ++lane)
    emit(atFloat(Opcode::FNEG_F32, shape.element->isDoubleTy()),
         {to[lane], a[lane]});
}

void FunctionLowering::integerCompare(llvm::CmpInst::Predicate predicate,
                                      unsigned width, uint32_t to, uint32_t a,
                                      uint32_t b) {
  using P = llvm::CmpInst;
  switch (predicate) {
  case P::ICMP_EQ:
    return emit(Opcode::EQ, {to, a, b});
  case P::ICMP_NE:
    return emit(Opcode::NE, {to, a, b});
  case P::ICMP_ULT:
    return emit(Opcode::ULT, {to, a, b});
  case P::ICMP_ULE:
    return emit(Opcode::ULE, {to, a, b});
  case P::ICMP_UGT:
    return emit(Opcode::UGT, {to, a, b});
  case P::ICMP_UGE:
    return emit(Opcode::UGE, {to, a, b});
  default:
    break;
  }
  Opcode family = predicate == P::ICMP_SLT   ? Opcode::SLT_I8
                  : predicate == P::ICMP_SLE ? Opcode::SLE_I8
                  : predicate == P::ICMP_SGT ? Opcode::SGT_I8
                                             : Opcode::SGE_I8;
  if (isNativeWidth(width))
    return emit(atWidth(family, width), {to, a, b});
  uint32_t sa = newRegister(), sb = newRegister();
  signExtend(sa, a, width, 64);
  signExtend(sb, b, width, 64);
  emit(atWidth(family, 64), {to, sa, sb});
}

void FunctionLowering::wideCompare(llvm::CmpInst::Predicate predicate,
                                   unsigned width, uint32_t to, const Regs &a,
                                   const Regs &b) {
  using P = llvm::CmpInst;
  uint32_t eqLo = newRegister(), eqHi = newRegister();
  emit(Opcode::EQ, {eqLo, a[0], b[0]});
  emit(Opcode::EQ, {eqHi, a[1], b[1]});
  if (predicate == P::ICMP_EQ || predicate == P::ICMP_NE) {
    emit(Opcode::AND, {to, eqLo, eqHi});
    if (predicate == P::ICMP_NE)
      emit(Opcode::XOR, {to, to, constant(1)});
    return;
  }
  // The high halves decide unless they are equal; then the low halves do,
  // unsigned.
  uint32_t high = newRegister(), low = newRegister();
  integerCompare(predicate, width - 64, high, a[1], b[1]);
  integerCompare(P::isSigned(predicate) ? P::getUnsignedPredicate(predicate)
                                        : predicate,
                 64, low, a[0], b[0]);
  emit(Opcode::SELECT, {to, eqHi, low, high});
}

void FunctionLowering::floatCompare(llvm::CmpInst::Predicate predicate,
                                    bool isDouble, uint32_t to, uint32_t a,
                                    uint32_t b) {
  // FCMP_FALSE .. FCMP_TRUE are declared in LLVM's predicate order.
  unsigned offset = unsigned(predicate) - unsigned(llvm::CmpInst::FCMP_FALSE);
  Opcode first =
      static_cast<Opcode>(unsigned(Opcode::FCMP_FALSE_F32) + 2 * offset);
  emit(atFloat(first, isDouble), {to, a, b});
}

void FunctionLowering::lowerCompare(const llvm::CmpInst &instruction) {
  llvm::Type *operandType = instruction.getOperand(0)->getType();
  LaneShape shape = lanesOf(operandType);
  Regs a = operand(instruction.getOperand(0));
  Regs b = operand(instruction.getOperand(1));
  const Regs &to = regsOf(&instruction);
  llvm::CmpInst::Predicate predicate = instruction.getPredicate();
  unsigned parts = partsOf(shape.element);
  for (unsigned lane = 0; lane < shape.lanes; ++lane) {
    if (instruction.isFPPredicate())
      floatCompare(predicate, shape.element->isDoubleTy(), to[lane], a[lane],
                   b[lane]);
    else if (parts == 1)
      integerCompare(predicate, widthOf(shape.element), to[lane], a[lane],
                     b[lane]);
    else
      wideCompare(predicate, widthOf(shape.element), to[lane],
                  slice(a, lane, parts), slice(b, lane, parts));
  }
}

void FunctionLowering::lowerSelect(const llvm::SelectInst &instruction) {
  Regs condition = operand(instruction.getCondition());
  Regs a = operand(instruction.getTrueValue());
  Regs b = operand(instruction.getFalseValue());
  const Regs &to = regsOf(&instruction);
  unsigned perLane =
      condition.size() == 1 ? to.size() : to.size() / condition.size();
  for (size_t i = 0; i < to.size(); ++i)
    emit(Opcode::SELECT, {to[i], condition[i / perLane], a[i], b[i]});
}

Regs FunctionLowering::toBits(llvm::Type *type, const Regs &value) {
  LaneShape shape = lanesOf(type);
  if (shape.lanes == 1 && !shape.element->isIntegerTy(1))
    return value; // scalars are their bits already (f32 zero-extended)
  unsigned laneBits = unsigned(layout.getTypeSizeInBits(shape.element));
  if (laneBits > 64 || 64 % laneBits != 0)
    fail("bitcast of this vector type");
  unsigned total = laneBits * shape.lanes;
  Regs chunks((total + 63) / 64);
  for (uint32_t &chunk : chunks)
    chunk = newRegister();
  for (uint32_t chunk : chunks)
    emit(Opcode::MOV, {chunk, 0});
  for (unsigned lane = 0; lane < shape.lanes; ++lane) {
    unsigned bit = lane * laneBits;
    uint32_t shifted = newRegister();
    emit(Opcode::SHL_I64, {shifted, value[lane], constant(bit % 64)});
    emit(Opcode::OR, {chunks[bit / 64], chunks[bit / 64], shifted});
  }
  if (total < 64)
    truncate(chunks[0], chunks[0], total);
  return chunks;
}

Regs FunctionLowering::fromBits(llvm::Type *type, const Regs &bits) {
  LaneShape shape = lanesOf(type);
  if (shape.lanes == 1 && !shape.element->isIntegerTy(1))
    return bits;
  unsigned laneBits = unsigned(layout.getTypeSizeInBits(shape.element));
  if (laneBits > 64 || 64 % laneBits != 0)
    fail("bitcast to this vector type");
  Regs lanes(shape.lanes);
  for (unsigned lane = 0; lane < shape.lanes; ++lane) {
    unsigned bit = lane * laneBits;
    lanes[lane] = newRegister();
    emit(Opcode::LSHR_I64, {lanes[lane], bits[bit / 64], constant(bit % 64)});
    truncate(lanes[lane], lanes[lane], laneBits);
  }
  return lanes;
}

void FunctionLowering::castScalar(unsigned opcode, llvm::Type *from,
                                  llvm::Type *to, const Regs &source,
                                  const Regs &result) {
  using I = llvm::Instruction;
  switch (opcode) {
  case I::Trunc: {
    unsigned width = widthOf(to);
    if (result.size() == 1)
      return truncate(result[0], source[0], width);
    move(result[0], source[0]);
    return truncate(result[1], source[1], width - 64);
  }
  case I::ZExt:
    for (size_t i = 0; i < result.size(); ++i)
      move(result[i], i < source.size() ? source[i] : 0);
    return;
  case I::SExt: {
    unsigned fromWidth = widthOf(from), toWidth = widthOf(to);
    if (source.size() == 2) { // wide to wider wide
      move(result[0], source[0]);
      uint32_t high = newRegister();
      signExtend(high, source[1], fromWidth - 64, 64);
      return truncate(result[1], high, toWidth - 64);
    }
    if (result.size() == 1)
      return signExtend(result[0], source[0], fromWidth, toWidth);
    signExtend(result[0], source[0], fromWidth, 64);
    uint32_t high = newRegister();
    emit(Opcode::ASHR_I64, {high, result[0], constant(63)});
    return truncate(result[1], high, toWidth - 64);
  }
  case I::FPTrunc:
    return emit(Opcode::FPTRUNC, {result[0], source[0]});
  case I::FPExt:
    return emit(Opcode::FPEXT, {result[0], source[0]});
  case I::FPToSI:
  case I::FPToUI: {
    if (result.size() != 1)
      fail("conversion to an integer wider than 64 bits");
    bool isSigned = opcode == I::FPToSI;
    Opcode op = atFloat(isSigned ? Opcode::FPTOSI_F32 : Opcode::FPTOUI_F32,
                        from->isDoubleTy());
    return emit(op, {result[0], source[0], widthOf(to)});
  }
  case I::SIToFP:
  case I::UIToFP: {
    if (source.size() != 1)
      fail("conversion from an integer wider than 64 bits");
    bool isSigned = opcode == I::SIToFP;
    uint32_t value = source[0];
    unsigned width = widthOf(from);
    if (isSigned && width < 64) {
      value = newRegister();
      signExtend(value, source[0], width, 64);
    }
    Opcode op = atFloat(isSigned ? Opcode::SITOFP_F32 : Opcode::UITOFP_F32,
                        to->isDoubleTy());
    return emit(op, {result[0], value});
  }
  case I::PtrToInt:
  case I::IntToPtr:
    if (result.size() == 2) {
      move(result[0], source[0]);
      return move(result[1], 0);
    }
    return truncate(result[0], source[0], widthOf(to));
  case I::AddrSpaceCast:
    return move(result[0], source[0]);
  default:
    fail("cast");
  }
}

void FunctionLowering::lowerCast(const llvm::CastInst &instruction) {
  llvm::Type *fromType = instruction.getSrcTy(),
             *toType = instruction.getDestTy();
  Regs source = operand(instruction.getOperand(0));
  const Regs &result = regsOf(&instruction);
  if (instruction.getOpcode() == llvm::Instruction::BitCast) {
    Regs bits = fromBits(toType, toBits(fromType, source));
    for (size_t i = 0; i < result.size(); ++i)
      move(result[i], bits[i]);
    return;
  }
  LaneShape from = lanesOf(fromType), to = lanesOf(toType);
  unsigned fromParts = partsOf(from.element), toParts = partsOf(to.element);
  for (unsigned lane = 0; lane < to.lanes; ++lane)
    castScalar(instruction.getOpcode(), from.element, to.element,
               slice(source, lane, fromParts), slice(result, lane, toParts));
}

} // namespace comet::lowering
