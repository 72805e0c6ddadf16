// Integer and floating-point arithmetic, compares, casts and select,
// lane by lane for vectors. Integers of native widths (8, 16, 32, 64) map
// to one opcode; other widths up to 64 compute in 64 bits and truncate;
// widths up to 128 use two registers.
#include "comet/vm.h"
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

// Integers wider than 64 bits: one register per 64 bits, least
// significant first, the top part canonical at its remaining width.
void FunctionLowering::wideBinary(unsigned opcode, unsigned width,
                                  const Regs &to, const Regs &a,
                                  const Regs &b) {
  using I = llvm::Instruction;
  size_t n = a.size();
  unsigned topWidth = width - 64 * unsigned(n - 1);
  Regs result(n);
  for (uint32_t &reg : result)
    reg = newRegister();
  // The top part sign-extended to 64 bits, for signed operations.
  auto signedTop = [&](const Regs &value) {
    if (topWidth == 64)
      return value[n - 1];
    uint32_t s = newRegister();
    signExtend(s, value[n - 1], topWidth, 64);
    return s;
  };
  switch (opcode) {
  case I::And:
  case I::Or:
  case I::Xor:
    for (size_t i = 0; i < n; ++i)
      integerBinary(opcode, 64, result[i], a[i], b[i]);
    break;
  case I::Add:
  case I::Sub: {
    uint32_t carry = 0; // r0: no carry into the lowest part
    for (size_t i = 0; i < n; ++i) {
      uint32_t partial = newRegister(), first = newRegister(),
               second = newRegister();
      bool add = opcode == I::Add;
      // partial = a op b, then op carry; each step can carry out once.
      emit(add ? Opcode::UADDO_I64 : Opcode::USUBO_I64,
           {partial, first, a[i], b[i]});
      emit(add ? Opcode::UADDO_I64 : Opcode::USUBO_I64,
           {result[i], second, partial, carry});
      if (i + 1 < n) {
        carry = newRegister();
        emit(Opcode::OR, {carry, first, second});
      }
    }
    break;
  }
  case I::Mul: {
    // Schoolbook, keeping the low n parts: result[i + j] += a[i] * b[j].
    for (uint32_t reg : result)
      emit(Opcode::MOV, {reg, 0});
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; i + j < n; ++j) {
        uint32_t low = newRegister(), high = newRegister();
        emit(Opcode::MUL_I64, {low, a[i], b[j]});
        emit(Opcode::UMULH, {high, a[i], b[j]});
        // Add (high:low) at part i + j, carrying upwards.
        uint32_t addend = low;
        for (size_t k = i + j; k < n; ++k) {
          uint32_t carry = newRegister();
          emit(Opcode::UADDO_I64, {result[k], carry, result[k], addend});
          if (k == i + j) {
            uint32_t next = newRegister();
            emit(Opcode::ADD_I64, {next, high, carry});
            addend = next;
          } else {
            addend = carry;
          }
        }
      }
    break;
  }
  case I::Shl:
  case I::LShr:
  case I::AShr: {
    // Part k of the result takes part k -/+ q shifted by r, joined with its
    // neighbour, for each possible q = amount / 64 (selected at run time).
    uint32_t amount = b[0], q = newRegister(), r = newRegister(),
             back = newRegister();
    emit(Opcode::LSHR_I64, {q, amount, constant(6)});
    emit(Opcode::AND, {r, amount, constant(63)});
    emit(Opcode::SUB_I64, {back, constant(64), r});
    uint32_t fill = 0;
    Regs source = a;
    if (opcode == I::AShr) {
      source[n - 1] = signedTop(a);
      fill = newRegister();
      emit(Opcode::ASHR_I64, {fill, source[n - 1], constant(63)});
    }
    for (uint32_t reg : result)
      emit(Opcode::MOV, {reg, fill});
    for (size_t shift = 0; shift < n; ++shift) {
      uint32_t here = newRegister();
      emit(Opcode::EQ, {here, q, constant(shift)});
      for (size_t k = 0; k < n; ++k) {
        // The two source parts that meet in result part k.
        auto part = [&](int64_t index) -> uint32_t {
          if (index < 0)
            return 0;
          if (index >= int64_t(n))
            return fill;
          return source[index];
        };
        uint32_t joined = newRegister(), x = newRegister(), y = newRegister();
        if (opcode == I::Shl) {
          int64_t from = int64_t(k) - int64_t(shift);
          if (from < 0)
            continue;
          emit(Opcode::SHL_I64, {x, part(from), r});
          emit(Opcode::LSHR_I64, {y, part(from - 1), back});
        } else {
          int64_t from = int64_t(k) + int64_t(shift);
          if (from >= int64_t(n) && opcode == I::LShr)
            continue;
          emit(Opcode::LSHR_I64, {x, part(from), r});
          emit(Opcode::SHL_I64, {y, part(from + 1), back});
          if (opcode == I::AShr && from >= int64_t(n) - 1) {
            emit(Opcode::ASHR_I64, {x, part(from), r});
            if (from >= int64_t(n))
              emit(Opcode::MOV, {x, fill});
          }
        }
        emit(Opcode::OR, {joined, x, y});
        emit(Opcode::SELECT, {result[k], here, joined, result[k]});
      }
    }
    break;
  }
  case I::UDiv:
  case I::SDiv:
  case I::URem:
  case I::SRem: {
    if (n != 2)
      fail("division of integers wider than 128 bits");
    // Through the host, which has 128-bit division; narrower wide types
    // are widened to 128 bits first.
    bool isSigned = opcode == I::SDiv || opcode == I::SRem;
    uint32_t ah = isSigned ? signedTop(a) : a[1];
    uint32_t bh = isSigned ? signedTop(b) : b[1];
    uint64_t which = opcode == I::UDiv   ? 0
                     : opcode == I::SDiv ? 1
                     : opcode == I::URem ? 2
                                         : 3;
    uint32_t op = constant(which);
    callHost("__comet_divmod128_lo", {result[0]}, {op, a[0], ah, b[0], bh});
    callHost("__comet_divmod128_hi", {result[1]}, {op, a[0], ah, b[0], bh});
    break;
  }
  default:
    fail("integer operation on " + std::to_string(width) + " bits");
  }
  for (size_t i = 0; i + 1 < n; ++i)
    move(to[i], result[i]);
  truncate(to[n - 1], result[n - 1], topWidth);
}

void FunctionLowering::checkBinary(const llvm::BinaryOperator &instruction,
                                   unsigned width, uint32_t a, uint32_t b) {
  using I = llvm::Instruction;
  using UB = UndefinedBehaviourKind;
  auto check = [&](uint32_t condition, UB kind) {
    emit(Opcode::CHECK, {condition, uint64_t(kind)});
  };
  unsigned opcode = instruction.getOpcode();
  if (opcode == I::Shl || opcode == I::LShr || opcode == I::AShr) {
    uint32_t tooFar = newRegister();
    emit(Opcode::UGE, {tooFar, b, constant(width)});
    check(tooFar, UB::ShiftTooFar);
  }
  // Overflow flags are checked at the native widths.
  if (!isNativeWidth(width))
    return;
  auto overflowCheck = [&](Opcode signedFamily, Opcode unsignedFamily) {
    if (instruction.hasNoSignedWrap()) {
      uint32_t value = newRegister(), flag = newRegister();
      emit(atWidth(signedFamily, width), {value, flag, a, b});
      check(flag, UB::SignedOverflow);
    }
    if (instruction.hasNoUnsignedWrap()) {
      uint32_t value = newRegister(), flag = newRegister();
      emit(atWidth(unsignedFamily, width), {value, flag, a, b});
      check(flag, UB::UnsignedOverflow);
    }
  };
  // An operation whose inverse does not give back `a` lost bits.
  auto roundTrip = [&](Opcode forward, Opcode back, UB kind) {
    uint32_t there = newRegister(), again = newRegister(), lost = newRegister();
    emit(atWidth(forward, width), {there, a, b});
    emit(atWidth(back, width), {again, there, b});
    emit(Opcode::NE, {lost, again, a});
    check(lost, kind);
  };
  switch (opcode) {
  case I::Add:
    return overflowCheck(Opcode::SADDO_I8, Opcode::UADDO_I8);
  case I::Sub:
    return overflowCheck(Opcode::SSUBO_I8, Opcode::USUBO_I8);
  case I::Mul:
    return overflowCheck(Opcode::SMULO_I8, Opcode::UMULO_I8);
  case I::Shl:
    if (instruction.hasNoSignedWrap())
      roundTrip(Opcode::SHL_I8, Opcode::ASHR_I8, UB::SignedOverflow);
    if (instruction.hasNoUnsignedWrap())
      roundTrip(Opcode::SHL_I8, Opcode::LSHR_I8, UB::UnsignedOverflow);
    return;
  case I::LShr:
  case I::AShr:
    if (instruction.isExact())
      roundTrip(opcode == I::LShr ? Opcode::LSHR_I8 : Opcode::ASHR_I8,
                Opcode::SHL_I8, UB::InexactExact);
    return;
  case I::UDiv:
  case I::SDiv:
    if (instruction.isExact()) {
      uint32_t remainder = newRegister();
      emit(
          atWidth(opcode == I::UDiv ? Opcode::UREM_I8 : Opcode::SREM_I8, width),
          {remainder, a, b});
      check(remainder, UB::InexactExact);
    }
    return;
  default:
    return;
  }
}

bool FunctionLowering::vectorBinary(unsigned opcode, llvm::Type *element,
                                    const Regs &to, const Regs &a,
                                    const Regs &b) {
  using I = llvm::Instruction;
  // IR opcode, the vector family (its f32 or i8 member) and whether the
  // family has one member per width.
  static const struct {
    unsigned ir;
    Opcode first;
    bool floating, perWidth;
  } forms[] = {
      {I::FAdd, Opcode::VFADD_F32, true, true},
      {I::FSub, Opcode::VFSUB_F32, true, true},
      {I::FMul, Opcode::VFMUL_F32, true, true},
      {I::FDiv, Opcode::VFDIV_F32, true, true},
      {I::Add, Opcode::VADD_I8, false, true},
      {I::Sub, Opcode::VSUB_I8, false, true},
      {I::Mul, Opcode::VMUL_I8, false, true},
      {I::Shl, Opcode::VSHL_I8, false, true},
      {I::LShr, Opcode::VLSHR_I8, false, true},
      {I::AShr, Opcode::VASHR_I8, false, true},
      {I::And, Opcode::VAND, false, false},
      {I::Or, Opcode::VOR, false, false},
      {I::Xor, Opcode::VXOR, false, false},
  };
  std::optional<Opcode> op;
  for (const auto &form : forms) {
    if (form.ir != opcode)
      continue;
    if (form.floating && (element->isFloatTy() || element->isDoubleTy()))
      op = atFloat(form.first, element->isDoubleTy());
    else if (!form.floating && !form.perWidth && element->isIntegerTy())
      op = form.first;
    else if (!form.floating && element->isIntegerTy() &&
             isNativeWidth(element->getIntegerBitWidth()))
      op = atWidth(form.first, element->getIntegerBitWidth());
  }
  return op && emitVector(*op, to, {&a, &b});
}

void FunctionLowering::floatBinary(unsigned opcode, llvm::Type *element,
                                   const Regs &to, const Regs &a,
                                   const Regs &b) {
  if (to.size() > 1 && vectorBinary(opcode, element, to, a, b))
    return;
  bool isDouble = element->isDoubleTy();
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
  for (size_t lane = 0; lane < to.size(); ++lane)
    emit(op, {to[lane], a[lane], b[lane]});
}

void FunctionLowering::lowerBinary(const llvm::BinaryOperator &instruction) {
  LaneShape shape = lanesOf(instruction.getType());
  Regs a = operand(instruction.getOperand(0));
  Regs b = operand(instruction.getOperand(1));
  const Regs &to = regsOf(&instruction);
  unsigned opcode = instruction.getOpcode();
  if (shape.element->isFloatingPointTy())
    return floatBinary(opcode, shape.element, to, a, b);
  unsigned width = widthOf(shape.element);
  unsigned parts = partsOf(shape.element);
  if (shape.lanes > 1 && !context.options.checkUndefinedBehaviour &&
      vectorBinary(opcode, shape.element, to, a, b))
    return;
  for (unsigned lane = 0; lane < shape.lanes; ++lane) {
    if (parts == 1 && context.options.checkUndefinedBehaviour)
      checkBinary(instruction, width, a[lane], b[lane]);
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
  bool isDouble = shape.element->isDoubleTy();
  if (shape.lanes > 1 &&
      emitVector(atFloat(Opcode::VFNEG_F32, isDouble), to, {&a}))
    return;
  for (unsigned lane = 0; lane < shape.lanes; ++lane)
    emit(atFloat(Opcode::FNEG_F32, isDouble), {to[lane], a[lane]});
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
  size_t n = a.size();
  if (predicate == P::ICMP_EQ || predicate == P::ICMP_NE) {
    emit(Opcode::MOV, {to, constant(1)});
    for (size_t i = 0; i < n; ++i) {
      uint32_t same = newRegister();
      emit(Opcode::EQ, {same, a[i], b[i]});
      emit(Opcode::AND, {to, to, same});
    }
    if (predicate == P::ICMP_NE)
      emit(Opcode::XOR, {to, to, constant(1)});
    return;
  }
  // The most significant part that differs decides: the top part by the
  // predicate at its width, the others unsigned.
  P::Predicate lower =
      P::isSigned(predicate) ? P::getUnsignedPredicate(predicate) : predicate;
  integerCompare(lower, 64, to, a[0], b[0]);
  for (size_t i = 1; i < n; ++i) {
    uint32_t same = newRegister(), here = newRegister();
    emit(Opcode::EQ, {same, a[i], b[i]});
    if (i + 1 == n)
      integerCompare(predicate, width - 64 * unsigned(n - 1), here, a[i], b[i]);
    else
      integerCompare(lower, 64, here, a[i], b[i]);
    emit(Opcode::SELECT, {to, same, to, here});
  }
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
    for (size_t i = 0; i + 1 < result.size(); ++i)
      move(result[i], source[i]);
    return truncate(result.back(), source[result.size() - 1],
                    width - 64 * unsigned(result.size() - 1));
  }
  case I::ZExt:
    for (size_t i = 0; i < result.size(); ++i)
      move(result[i], i < source.size() ? source[i] : 0);
    return;
  case I::SExt: {
    unsigned fromWidth = widthOf(from), toWidth = widthOf(to);
    if (result.size() == 1)
      return signExtend(result[0], source[0], fromWidth, toWidth);
    // The source's top part sign-extended, then its sign in every part
    // above; the result's top part truncated to its width.
    size_t top = source.size() - 1;
    Regs parts(result.size());
    for (size_t i = 0; i < top; ++i)
      parts[i] = source[i];
    parts[top] = newRegister();
    signExtend(parts[top], source[top], fromWidth - 64 * unsigned(top), 64);
    uint32_t sign = newRegister();
    emit(Opcode::ASHR_I64, {sign, parts[top], constant(63)});
    for (size_t i = top + 1; i < parts.size(); ++i)
      parts[i] = sign;
    for (size_t i = 0; i + 1 < result.size(); ++i)
      move(result[i], parts[i]);
    return truncate(result.back(), parts.back(),
                    toWidth - 64 * unsigned(result.size() - 1));
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
    for (size_t i = 1; i < result.size(); ++i)
      move(result[i], 0);
    return truncate(result[0], source[0], std::min(widthOf(to), 64u));
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
