// Calls (direct, indirect, host, variadic), intrinsics, varargs,
// setjmp/longjmp and atomics.
//
// Variadic guest functions take their variadic arguments in memory, as the
// x86-64 ABI's overflow area: the caller lays them out on the stack (8-byte
// slots, 16-byte aligned where the type is) and passes the area's address
// as a hidden last parameter; va_start points a va_list at it with both
// register areas marked used, so clang's inline va_arg code reads from it.
// Host functions (the C library) take every argument in registers.
#include "lowering/function_lowering.h"

#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>
#include <llvm/TargetParser/Triple.h>

namespace comet::lowering {

namespace {

bool isSetjmp(llvm::StringRef name) {
  return name == "setjmp" || name == "_setjmp" || name == "__sigsetjmp" ||
         name == "sigsetjmp";
}
bool isLongjmp(llvm::StringRef name) {
  return name == "longjmp" || name == "_longjmp" || name == "siglongjmp" ||
         name == "__longjmp_chk";
}

// div, ldiv, lldiv and imaxdiv return a struct the host cannot: inline.
bool isDivision(llvm::StringRef name) {
  return name == "div" || name == "ldiv" || name == "lldiv" ||
         name == "imaxdiv";
}

// libm names of the math intrinsics that have no opcode.
const char *mathFunction(llvm::Intrinsic::ID id) {
  switch (id) {
  case llvm::Intrinsic::pow:
    return "pow";
  case llvm::Intrinsic::exp:
    return "exp";
  case llvm::Intrinsic::exp2:
    return "exp2";
  case llvm::Intrinsic::exp10:
    return "exp10";
  case llvm::Intrinsic::log:
    return "log";
  case llvm::Intrinsic::log2:
    return "log2";
  case llvm::Intrinsic::log10:
    return "log10";
  case llvm::Intrinsic::sin:
    return "sin";
  case llvm::Intrinsic::cos:
    return "cos";
  case llvm::Intrinsic::tan:
    return "tan";
  case llvm::Intrinsic::ldexp:
    return "ldexp";
  case llvm::Intrinsic::lround:
    return "lround";
  case llvm::Intrinsic::llround:
    return "llround";
  case llvm::Intrinsic::lrint:
    return "lrint";
  case llvm::Intrinsic::llrint:
    return "llrint";
  case llvm::Intrinsic::powi:
    return "__powidf2";
  default:
    return nullptr;
  }
}

uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

} // namespace

bool FunctionLowering::fusesMultiplyAdd() const {
  llvm::Triple triple(function.getParent()->getTargetTriple());
  if (!triple.isX86())
    return true;
  llvm::StringRef features =
      function.getFnAttribute("target-features").getValueAsString();
  return features.contains("+fma");
}

void FunctionLowering::callHost(const std::string &name, const Regs &results,
                                const Regs &arguments) {
  std::vector<uint64_t> operands{results.size()};
  operands.insert(operands.end(), results.begin(), results.end());
  operands.push_back(context.skeleton.functions.size() +
                     context.importOf(name));
  operands.push_back(arguments.size());
  operands.insert(operands.end(), arguments.begin(), arguments.end());
  emit(Opcode::CALL, operands);
}

void FunctionLowering::lowerCall(const llvm::CallBase &call) {
  if (!llvm::isa<llvm::CallInst>(call))
    fail("call kind (exceptions are not supported)");
  if (call.isInlineAsm())
    fail("inline assembly");
  if (auto *intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(&call))
    return lowerIntrinsic(*intrinsic);
  const llvm::Function *callee = call.getCalledFunction();
  Regs results = call.getType()->isVoidTy() ? Regs() : regsOf(&call);

  if (callee && isSetjmp(callee->getName())) {
    emit(Opcode::SETJMP, {results.empty() ? newRegister() : results[0],
                          scalar(call.getArgOperand(0))});
    return;
  }
  if (callee && callee->isDeclaration() && isDivision(callee->getName()) &&
      call.arg_size() == 2)
    return lowerDivision(call, results);
  if (callee && isLongjmp(callee->getName())) {
    emit(Opcode::LONGJMP,
         {scalar(call.getArgOperand(0)), scalar(call.getArgOperand(1))});
    return;
  }

  llvm::FunctionType *type = call.getFunctionType();
  bool host = callee && callee->isDeclaration();
  unsigned fixed = type->getNumParams();
  Regs arguments;
  // byval arguments are the callee's own copies, made on the caller's
  // stack for the duration of the call.
  uint32_t savedStack = 0;
  for (unsigned i = 0; i < call.arg_size(); ++i) {
    if (type->isVarArg() && !host && i >= fixed)
      break;
    Regs value = operand(call.getArgOperand(i));
    if (call.isByValArgument(i)) {
      llvm::Type *copied = call.getParamByValType(i);
      uint64_t size = std::max<uint64_t>(layout.getTypeAllocSize(copied), 1);
      uint64_t alignment = call.getParamAlign(i).valueOrOne().value();
      alignment = std::max(alignment, layout.getABITypeAlign(copied).value());
      if (!savedStack) {
        savedStack = newRegister();
        emit(Opcode::SSAVE, {savedStack});
      }
      uint32_t copy = newRegister();
      emit(Opcode::SALLOC, {copy, size, alignment});
      emit(Opcode::MEMCPY, {copy, value[0], constant(size)});
      value = {copy};
    }
    arguments.insert(arguments.end(), value.begin(), value.end());
  }
  if (type->isVarArg() && !host) {
    // The overflow area, in the x86-64 layout.
    uint64_t size = 0;
    std::vector<std::pair<uint64_t, Regs>> slots;
    for (unsigned i = fixed; i < call.arg_size(); ++i) {
      llvm::Type *argType = call.getArgOperand(i)->getType();
      uint64_t alignment =
          layout.getABITypeAlign(argType).value() >= 16 ? 16 : 8;
      size = alignUp(size, alignment);
      slots.emplace_back(size, operand(call.getArgOperand(i)));
      size += alignUp(layout.getTypeAllocSize(argType), 8);
    }
    uint32_t area = newRegister();
    emit(Opcode::SALLOC, {area, std::max<uint64_t>(size, 8), 16});
    for (auto &[offset, regs] : slots)
      for (size_t part = 0; part < regs.size(); ++part)
        emit(Opcode::ST_64, {regs[part], area, offset + 8 * part});
    arguments.push_back(area);
  }

  std::vector<uint64_t> operands{results.size()};
  operands.insert(operands.end(), results.begin(), results.end());
  Opcode op = Opcode::CALL;
  if (callee) {
    operands.push_back(context.calleeOf(callee));
  } else {
    op = Opcode::CALLI;
    operands.push_back(scalar(call.getCalledOperand()));
  }
  operands.push_back(arguments.size());
  operands.insert(operands.end(), arguments.begin(), arguments.end());
  emit(op, operands);
  if (savedStack)
    emit(Opcode::SRESTORE, {savedStack});
}

void FunctionLowering::lowerDivision(const llvm::CallBase &call,
                                     const Regs &results) {
  // As x86-64 returns them: div_t {int, int} packed in one i64, the
  // 64-bit forms as two registers.
  unsigned width = call.getArgOperand(0)->getType()->getIntegerBitWidth();
  uint32_t a = scalar(call.getArgOperand(0)), b = scalar(call.getArgOperand(1));
  uint32_t quotient = newRegister(), remainder = newRegister();
  emit(atWidth(Opcode::SDIV_I8, width), {quotient, a, b});
  emit(atWidth(Opcode::SREM_I8, width), {remainder, a, b});
  if (results.size() == 2) {
    move(results[0], quotient);
    move(results[1], remainder);
    return;
  }
  if (results.size() != 1 || width != 32)
    fail("division function with this signature");
  uint32_t high = newRegister();
  emit(Opcode::SHL_I64, {high, remainder, constant(32)});
  emit(Opcode::OR, {results[0], quotient, high});
}

void FunctionLowering::lowerVaArg(const llvm::VAArgInst &instruction) {
  // Reads the next slot of the overflow area and advances it.
  uint32_t list = scalar(instruction.getPointerOperand());
  uint32_t area = newRegister();
  emit(Opcode::LD_64, {area, list, 8});
  llvm::Type *type = instruction.getType();
  if (layout.getABITypeAlign(type).value() >= 16) {
    uint32_t rounded = newRegister();
    emit(Opcode::ADD_I64, {rounded, area, constant(15)});
    emit(Opcode::AND, {area, rounded, constant(~uint64_t(15))});
  }
  size_t next = 0;
  loadValue(type, area, 0, regsOf(&instruction), next);
  uint32_t advanced = newRegister();
  emit(Opcode::ADD_I64,
       {advanced, area, constant(alignUp(layout.getTypeAllocSize(type), 8))});
  emit(Opcode::ST_64, {advanced, list, 8});
}

void FunctionLowering::lowerAtomic(const llvm::Instruction &instruction) {
  // One thread: an atomic operation is its plain load, operation, store.
  if (auto *rmw = llvm::dyn_cast<llvm::AtomicRMWInst>(&instruction)) {
    llvm::Type *type = rmw->getValOperand()->getType();
    if (!type->isIntegerTy() || type->getIntegerBitWidth() > 64)
      fail("atomicrmw of this type");
    unsigned width = type->getIntegerBitWidth();
    uint32_t address = scalar(rmw->getPointerOperand());
    uint32_t value = scalar(rmw->getValOperand());
    uint32_t old = regsOf(&instruction)[0];
    size_t next = 0;
    loadValue(type, address, 0, {old}, next);
    uint32_t updated = newRegister();
    using B = llvm::AtomicRMWInst;
    switch (rmw->getOperation()) {
    case B::Xchg:
      move(updated, value);
      break;
    case B::Add:
      integerBinary(llvm::Instruction::Add, width, updated, old, value);
      break;
    case B::Sub:
      integerBinary(llvm::Instruction::Sub, width, updated, old, value);
      break;
    case B::And:
      emit(Opcode::AND, {updated, old, value});
      break;
    case B::Or:
      emit(Opcode::OR, {updated, old, value});
      break;
    case B::Xor:
      emit(Opcode::XOR, {updated, old, value});
      break;
    case B::Nand:
      emit(Opcode::AND, {updated, old, value});
      emit(Opcode::XOR, {updated, updated, constant(~uint64_t(0))});
      truncate(updated, updated, width);
      break;
    case B::Max:
    case B::Min:
    case B::UMax:
    case B::UMin: {
      uint32_t pick = newRegister();
      auto predicate = rmw->getOperation() == B::Max   ? llvm::CmpInst::ICMP_SGT
                       : rmw->getOperation() == B::Min ? llvm::CmpInst::ICMP_SLT
                       : rmw->getOperation() == B::UMax
                           ? llvm::CmpInst::ICMP_UGT
                           : llvm::CmpInst::ICMP_ULT;
      integerCompare(predicate, width, pick, old, value);
      emit(Opcode::SELECT, {updated, pick, old, value});
      break;
    }
    default:
      fail("atomicrmw operation");
    }
    next = 0;
    storeValue(type, address, 0, {updated}, next);
    return;
  }
  auto &cmpxchg = llvm::cast<llvm::AtomicCmpXchgInst>(instruction);
  llvm::Type *type = cmpxchg.getCompareOperand()->getType();
  if (partsOf(type) != 1)
    fail("cmpxchg of this type");
  uint32_t address = scalar(cmpxchg.getPointerOperand());
  uint32_t expected = scalar(cmpxchg.getCompareOperand());
  uint32_t desired = scalar(cmpxchg.getNewValOperand());
  const Regs &result = regsOf(&instruction); // {old value, success}
  size_t next = 0;
  loadValue(type, address, 0, {result[0]}, next);
  emit(Opcode::EQ, {result[1], result[0], expected});
  uint32_t stored = newRegister();
  emit(Opcode::SELECT, {stored, result[1], desired, result[0]});
  next = 0;
  storeValue(type, address, 0, {stored}, next);
}

void FunctionLowering::lowerIntrinsic(const llvm::IntrinsicInst &call) {
  using namespace llvm;
  Intrinsic::ID id = call.getIntrinsicID();
  Type *type = call.getType();
  Regs results = type->isVoidTy() ? Regs() : regsOf(&call);
  auto arg = [&](unsigned i) { return operand(call.getArgOperand(i)); };
  Type *element = type->getScalarType();
  unsigned lanes =
      type->isVectorTy() ? cast<FixedVectorType>(type)->getNumElements() : 1;
  bool isDouble = element->isDoubleTy();
  unsigned width = element->isIntegerTy() ? element->getIntegerBitWidth() : 0;
  if (width > 64)
    fail("intrinsic on integers wider than 64 bits");

  auto unaryFloat = [&](Opcode first) {
    Regs a = arg(0);
    for (unsigned l = 0; l < lanes; ++l)
      emit(atFloat(first, isDouble), {results[l], a[l]});
  };
  auto binaryFloat = [&](Opcode first) {
    Regs a = arg(0), b = arg(1);
    for (unsigned l = 0; l < lanes; ++l)
      emit(atFloat(first, isDouble), {results[l], a[l], b[l]});
  };
  // An integer operation given per native width, or computed on values
  // extended to 64 bits (signed or not) and truncated back.
  auto integerLanes = [&](Opcode first, bool isSigned, unsigned arity) {
    std::vector<Regs> args;
    for (unsigned i = 0; i < arity; ++i)
      args.push_back(arg(i));
    for (unsigned l = 0; l < lanes; ++l) {
      std::vector<uint64_t> operands{results[l]};
      for (const Regs &a : args) {
        uint32_t value = a[l];
        if (!isNativeWidth(width) && isSigned) {
          value = newRegister();
          signExtend(value, a[l], width, 64);
        }
        operands.push_back(value);
      }
      emit(atWidth(first, isNativeWidth(width) ? width : 64), operands);
      if (!isNativeWidth(width))
        truncate(results[l], results[l], width);
    }
  };

  switch (id) {
  // ---- no code
  case Intrinsic::lifetime_start:
  case Intrinsic::lifetime_end:
  case Intrinsic::dbg_declare:
  case Intrinsic::dbg_value:
  case Intrinsic::dbg_label:
  case Intrinsic::assume:
  case Intrinsic::donothing:
  case Intrinsic::experimental_noalias_scope_decl:
  case Intrinsic::invariant_end:
  case Intrinsic::var_annotation:
  case Intrinsic::sideeffect:
  case Intrinsic::pseudoprobe:
  case Intrinsic::prefetch:
  case Intrinsic::vaend:
    return;
  case Intrinsic::invariant_start:
    return;
  case Intrinsic::expect:
  case Intrinsic::expect_with_probability:
  case Intrinsic::annotation:
  case Intrinsic::canonicalize:
  case Intrinsic::threadlocal_address:
  case Intrinsic::launder_invariant_group:
  case Intrinsic::strip_invariant_group:
  case Intrinsic::ssa_copy: {
    Regs a = arg(0);
    for (size_t i = 0; i < results.size(); ++i)
      move(results[i], a[i]);
    return;
  }
  case Intrinsic::is_constant:
    return move(results[0], 0);
  case Intrinsic::objectsize: {
    bool minimum = cast<ConstantInt>(call.getArgOperand(1))->isOne();
    emit(Opcode::LI, {results[0], minimum ? 0 : ~uint64_t(0) >> (64 - width)});
    return;
  }
  case Intrinsic::returnaddress:
  case Intrinsic::frameaddress:
    return move(results[0], 0);
  case Intrinsic::trap:
  case Intrinsic::ubsantrap:
    return emit(Opcode::UNREACHABLE, {});
  case Intrinsic::debugtrap:
    return emit(Opcode::BRK, {});

  // ---- memory
  case Intrinsic::memcpy:
  case Intrinsic::memcpy_inline:
    return emit(Opcode::MEMCPY,
                {scalar(call.getArgOperand(0)), scalar(call.getArgOperand(1)),
                 scalar(call.getArgOperand(2))});
  case Intrinsic::memmove:
    return emit(Opcode::MEMMOVE,
                {scalar(call.getArgOperand(0)), scalar(call.getArgOperand(1)),
                 scalar(call.getArgOperand(2))});
  case Intrinsic::memset:
  case Intrinsic::memset_inline:
    return emit(Opcode::MEMSET,
                {scalar(call.getArgOperand(0)), scalar(call.getArgOperand(1)),
                 scalar(call.getArgOperand(2))});
  case Intrinsic::load_relative: { // base + sext(i32 at base + offset)
    uint32_t base = scalar(call.getArgOperand(0));
    uint32_t at = newRegister(), delta = newRegister();
    emit(Opcode::ADD_I64, {at, base, scalar(call.getArgOperand(1))});
    emit(Opcode::LD_S32, {delta, at, 0});
    emit(Opcode::ADD_I64, {results[0], base, delta});
    return;
  }
  case Intrinsic::stacksave:
    return emit(Opcode::SSAVE, {results[0]});
  case Intrinsic::stackrestore:
    return emit(Opcode::SRESTORE, {scalar(call.getArgOperand(0))});
  case Intrinsic::ptrmask: {
    Regs a = arg(0), b = arg(1);
    for (unsigned l = 0; l < lanes; ++l)
      emit(Opcode::AND, {results[l], a[l], b[l]});
    return;
  }
  case Intrinsic::masked_load:
  case Intrinsic::masked_store:
  case Intrinsic::masked_gather:
  case Intrinsic::masked_scatter: {
    // Lane by lane, each access behind a branch on its mask bit.
    bool isStore =
        id == Intrinsic::masked_store || id == Intrinsic::masked_scatter;
    bool vectorOfPointers =
        id == Intrinsic::masked_gather || id == Intrinsic::masked_scatter;
    Value *value = isStore ? call.getArgOperand(0) : nullptr;
    Value *pointer = call.getArgOperand(isStore ? 1 : 0);
    Value *mask = call.getArgOperand(isStore ? 3 : 2);
    Type *vectorType = isStore ? value->getType() : type;
    Type *laneType = vectorType->getScalarType();
    unsigned n = cast<FixedVectorType>(vectorType)->getNumElements();
    Regs values = isStore ? arg(0) : arg(3); // stored values or passthru
    Regs pointers = operand(pointer);
    Regs masks = operand(mask);
    uint64_t step = layout.getTypeAllocSize(laneType);
    for (unsigned l = 0; l < n; ++l) {
      uint32_t take = newLabel(), skip = newLabel();
      if (!isStore)
        move(results[l], values[l]);
      emit(Opcode::BR, {masks[l], take, skip});
      placeLabel(take);
      uint32_t base = vectorOfPointers ? pointers[l] : pointers[0];
      uint64_t offset = vectorOfPointers ? 0 : l * step;
      size_t next = 0;
      if (isStore)
        storeValue(laneType, base, offset, {values[l]}, next);
      else
        loadValue(laneType, base, offset, {results[l]}, next);
      placeLabel(skip);
    }
    return;
  }

  // ---- varargs
  case Intrinsic::vastart: {
    if (!varargArea)
      fail("va_start in a function that is not variadic");
    uint32_t list = scalar(call.getArgOperand(0));
    emit(Opcode::ST_32, {constant(48), list, 0});  // gp_offset: all used
    emit(Opcode::ST_32, {constant(176), list, 4}); // fp_offset: all used
    emit(Opcode::ST_64, {varargArea, list, 8});    // overflow_arg_area
    emit(Opcode::ST_64, {0, list, 16});            // reg_save_area
    return;
  }
  case Intrinsic::vacopy:
    return emit(Opcode::MEMCPY, {scalar(call.getArgOperand(0)),
                                 scalar(call.getArgOperand(1)), constant(24)});

  // ---- setjmp and longjmp in their builtin forms
  case Intrinsic::eh_sjlj_setjmp:
    return emit(Opcode::SETJMP, {results[0], scalar(call.getArgOperand(0))});
  case Intrinsic::eh_sjlj_longjmp:
    return emit(Opcode::LONGJMP, {scalar(call.getArgOperand(0)), constant(1)});

  // ---- integer
  case Intrinsic::smax:
    return integerLanes(Opcode::SMAX_I8, true, 2);
  case Intrinsic::smin:
    return integerLanes(Opcode::SMIN_I8, true, 2);
  case Intrinsic::umax:
    return integerLanes(Opcode::UMAX_I8, false, 2);
  case Intrinsic::umin:
    return integerLanes(Opcode::UMIN_I8, false, 2);
  case Intrinsic::abs:
    return integerLanes(Opcode::ABS_I8, true, 1);
  case Intrinsic::ctpop:
    return integerLanes(Opcode::POPCOUNT_I8, false, 1);
  case Intrinsic::ctlz:
  case Intrinsic::cttz: {
    Regs a = arg(0);
    bool leading = id == Intrinsic::ctlz;
    for (unsigned l = 0; l < lanes; ++l) {
      if (isNativeWidth(width)) {
        emit(atWidth(leading ? Opcode::CLZ_I8 : Opcode::CTZ_I8, width),
             {results[l], a[l]});
        continue;
      }
      if (leading) { // leading zeros of 64 bits minus the padding
        emit(Opcode::CLZ_I64, {results[l], a[l]});
        emit(Opcode::SUB_I64, {results[l], results[l], constant(64 - width)});
      } else { // a guard bit at `width` makes zero count as width
        uint32_t guarded = newRegister();
        emit(Opcode::OR, {guarded, a[l], constant(uint64_t(1) << width)});
        emit(Opcode::CTZ_I64, {results[l], guarded});
      }
    }
    return;
  }
  case Intrinsic::bswap:
  case Intrinsic::bitreverse: {
    Opcode family =
        id == Intrinsic::bswap ? Opcode::BSWAP_I8 : Opcode::BITREVERSE_I8;
    if (isNativeWidth(width))
      return integerLanes(family, false, 1);
    // Reverse all 64 bits (or bytes); the value ends up in the top bits.
    Regs a = arg(0);
    for (unsigned l = 0; l < lanes; ++l) {
      emit(atWidth(family, 64), {results[l], a[l]});
      emit(Opcode::LSHR_I64, {results[l], results[l], constant(64 - width)});
    }
    return;
  }
  case Intrinsic::fshl:
  case Intrinsic::fshr: {
    if (isNativeWidth(width))
      return integerLanes(
          id == Intrinsic::fshl ? Opcode::FSHL_I8 : Opcode::FSHR_I8, false, 3);
    if (width > 32)
      fail("funnel shift at this width");
    // Both halves fit in 64 bits: shift a:b as one number.
    Regs a = arg(0), b = arg(1), c = arg(2);
    for (unsigned l = 0; l < lanes; ++l) {
      uint32_t joined = newRegister(), amount = newRegister();
      emit(Opcode::SHL_I64, {joined, a[l], constant(width)});
      emit(Opcode::OR, {joined, joined, b[l]});
      emit(Opcode::UREM_I64, {amount, c[l], constant(width)});
      if (id == Intrinsic::fshl) {
        emit(Opcode::SHL_I64, {joined, joined, amount});
        emit(Opcode::LSHR_I64, {joined, joined, constant(width)});
      } else {
        emit(Opcode::LSHR_I64, {joined, joined, amount});
      }
      truncate(results[l], joined, width);
    }
    return;
  }
  case Intrinsic::uadd_sat:
  case Intrinsic::usub_sat:
  case Intrinsic::sadd_sat:
  case Intrinsic::ssub_sat: {
    if (isNativeWidth(width))
      return integerLanes(id == Intrinsic::uadd_sat   ? Opcode::UADDSAT_I8
                          : id == Intrinsic::usub_sat ? Opcode::USUBSAT_I8
                          : id == Intrinsic::sadd_sat ? Opcode::SADDSAT_I8
                                                      : Opcode::SSUBSAT_I8,
                          false, 2);
    // Odd widths: exact in 64 bits, then clamped to the range.
    bool isSigned = id == Intrinsic::sadd_sat || id == Intrinsic::ssub_sat;
    bool add = id == Intrinsic::uadd_sat || id == Intrinsic::sadd_sat;
    Regs a = arg(0), b = arg(1);
    for (unsigned l = 0; l < lanes; ++l) {
      uint32_t x = a[l], y = b[l], r = results[l];
      if (isSigned) {
        x = newRegister();
        y = newRegister();
        signExtend(x, a[l], width, 64);
        signExtend(y, b[l], width, 64);
      }
      emit(add ? Opcode::ADD_I64 : Opcode::SUB_I64, {r, x, y});
      uint64_t high = isSigned ? (uint64_t(1) << (width - 1)) - 1
                               : (uint64_t(1) << width) - 1;
      if (isSigned) {
        emit(Opcode::SMIN_I64, {r, r, constant(high)});
        emit(Opcode::SMAX_I64, {r, r, constant(~high)});
      } else if (add) {
        emit(Opcode::UMIN_I64, {r, r, constant(high)});
      } else {
        uint32_t negative = newRegister();
        emit(Opcode::ULT, {negative, a[l], b[l]});
        emit(Opcode::SELECT, {r, negative, 0, r});
      }
      truncate(r, r, width);
    }
    return;
  }
  case Intrinsic::uadd_with_overflow:
  case Intrinsic::sadd_with_overflow:
  case Intrinsic::usub_with_overflow:
  case Intrinsic::ssub_with_overflow:
  case Intrinsic::umul_with_overflow:
  case Intrinsic::smul_with_overflow: {
    Type *valueType = cast<StructType>(type)->getElementType(0);
    if (valueType->isVectorTy())
      fail("vector overflow intrinsic");
    width = valueType->getIntegerBitWidth();
    bool isSigned = id == Intrinsic::sadd_with_overflow ||
                    id == Intrinsic::ssub_with_overflow ||
                    id == Intrinsic::smul_with_overflow;
    Opcode first = id == Intrinsic::uadd_with_overflow   ? Opcode::UADDO_I8
                   : id == Intrinsic::sadd_with_overflow ? Opcode::SADDO_I8
                   : id == Intrinsic::usub_with_overflow ? Opcode::USUBO_I8
                   : id == Intrinsic::ssub_with_overflow ? Opcode::SSUBO_I8
                   : id == Intrinsic::umul_with_overflow ? Opcode::UMULO_I8
                                                         : Opcode::SMULO_I8;
    uint32_t a = scalar(call.getArgOperand(0)),
             b = scalar(call.getArgOperand(1));
    if (isNativeWidth(width)) {
      emit(atWidth(first, width), {results[0], results[1], a, b});
      return;
    }
    // Odd widths: overflow in 64 bits, or a result that does not survive
    // truncation to the width.
    if (isSigned) {
      uint32_t x = newRegister(), y = newRegister();
      signExtend(x, a, width, 64);
      signExtend(y, b, width, 64);
      a = x;
      b = y;
    }
    uint32_t wide = newRegister(), narrow = newRegister(), lost = newRegister();
    emit(atWidth(first, 64), {wide, results[1], a, b});
    if (isSigned)
      signExtend(narrow, wide, width, 64);
    else
      truncate(narrow, wide, width);
    emit(Opcode::NE, {lost, narrow, wide});
    emit(Opcode::OR, {results[1], results[1], lost});
    truncate(results[0], wide, width);
    return;
  }
  case Intrinsic::fptosi_sat:
  case Intrinsic::fptoui_sat: {
    Regs a = arg(0);
    Type *from = call.getArgOperand(0)->getType()->getScalarType();
    for (unsigned l = 0; l < lanes; ++l)
      emit(atFloat(id == Intrinsic::fptosi_sat ? Opcode::FPTOSI_F32
                                               : Opcode::FPTOUI_F32,
                   from->isDoubleTy()),
           {results[l], a[l], width});
    return;
  }

  // ---- floating point
  case Intrinsic::fabs:
    return unaryFloat(Opcode::FABS_F32);
  case Intrinsic::sqrt:
    return unaryFloat(Opcode::SQRT_F32);
  case Intrinsic::floor:
    return unaryFloat(Opcode::FLOOR_F32);
  case Intrinsic::ceil:
    return unaryFloat(Opcode::CEIL_F32);
  case Intrinsic::trunc:
    return unaryFloat(Opcode::FTRUNC_F32);
  case Intrinsic::round:
    return unaryFloat(Opcode::ROUND_F32);
  case Intrinsic::roundeven:
    return unaryFloat(Opcode::ROUNDEVEN_F32);
  case Intrinsic::rint:
  case Intrinsic::nearbyint:
    return unaryFloat(Opcode::RINT_F32);
  case Intrinsic::copysign:
    return binaryFloat(Opcode::COPYSIGN_F32);
  case Intrinsic::minnum:
    return binaryFloat(Opcode::FMIN_F32);
  case Intrinsic::maxnum:
    return binaryFloat(Opcode::FMAX_F32);
  case Intrinsic::minimum:
    return binaryFloat(Opcode::FMINIMUM_F32);
  case Intrinsic::maximum:
    return binaryFloat(Opcode::FMAXIMUM_F32);
  case Intrinsic::fma:
  case Intrinsic::fmuladd: {
    Regs a = arg(0), b = arg(1), c = arg(2);
    if (id == Intrinsic::fmuladd && !fusesMultiplyAdd()) {
      // As the native code: a multiply, then an add, each rounded; one
      // instruction for a scalar, two lane-wise ones for a vector.
      if (lanes == 1) {
        emit(atFloat(Opcode::FMULADD_F32, isDouble),
             {results[0], a[0], b[0], c[0]});
        return;
      }
      if (emitVector(atFloat(Opcode::VFMULADD_F32, isDouble), results,
                     {&a, &b, &c}))
        return;
      Regs product(lanes);
      for (uint32_t &reg : product)
        reg = newRegister();
      Type *element = call.getType()->getScalarType();
      floatBinary(llvm::Instruction::FMul, element, product, a, b);
      floatBinary(llvm::Instruction::FAdd, element, results, product, c);
      return;
    }
    for (unsigned l = 0; l < lanes; ++l)
      emit(atFloat(Opcode::FMA_F32, isDouble), {results[l], a[l], b[l], c[l]});
    return;
  }
  case Intrinsic::is_fpclass: {
    Type *from = call.getArgOperand(0)->getType()->getScalarType();
    bool dbl = from->isDoubleTy();
    uint64_t test = cast<ConstantInt>(call.getArgOperand(1))->getZExtValue();
    Regs a = arg(0);
    unsigned mantissaBits = dbl ? 52 : 23, bits = dbl ? 64 : 32;
    uint64_t exponentMask = dbl ? 0x7ff : 0xff;
    for (unsigned l = 0; l < lanes; ++l) {
      uint32_t sign = newRegister(), exponent = newRegister(),
               mantissa = newRegister(), quiet = newRegister(), r = results[l];
      emit(Opcode::LSHR_I64, {sign, a[l], constant(bits - 1)});
      emit(Opcode::LSHR_I64, {exponent, a[l], constant(mantissaBits)});
      emit(Opcode::AND, {exponent, exponent, constant(exponentMask)});
      emit(Opcode::TRUNC, {mantissa, a[l], mantissaBits});
      emit(Opcode::LSHR_I64, {quiet, mantissa, constant(mantissaBits - 1)});
      uint32_t expAll = newRegister(), expZero = newRegister(),
               manZero = newRegister();
      emit(Opcode::EQ, {expAll, exponent, constant(exponentMask)});
      emit(Opcode::EQ, {expZero, exponent, 0});
      emit(Opcode::EQ, {manZero, mantissa, 0});
      emit(Opcode::MOV, {r, 0});
      // Each class: a conjunction of conditions, then the sign if any.
      auto add = [&](unsigned bit, std::vector<uint32_t> all, int signWanted) {
        if (!(test & (uint64_t(1) << bit)))
          return;
        uint32_t term = newRegister();
        emit(Opcode::MOV, {term, all[0]});
        for (size_t i = 1; i < all.size(); ++i)
          emit(Opcode::AND, {term, term, all[i]});
        if (signWanted >= 0) {
          uint32_t signMatch = newRegister();
          emit(Opcode::EQ, {signMatch, sign, constant(uint64_t(signWanted))});
          emit(Opcode::AND, {term, term, signMatch});
        }
        emit(Opcode::OR, {r, r, term});
      };
      uint32_t manNonZero = newRegister(), notQuiet = newRegister(),
               normal = newRegister();
      emit(Opcode::XOR, {manNonZero, manZero, constant(1)});
      emit(Opcode::XOR, {notQuiet, quiet, constant(1)});
      emit(Opcode::OR, {normal, expAll, expZero});
      emit(Opcode::XOR, {normal, normal, constant(1)});
      add(0, {expAll, manNonZero, notQuiet}, -1); // signalling NaN
      add(1, {expAll, quiet}, -1);                // quiet NaN
      add(2, {expAll, manZero}, 1);               // -inf
      add(3, {normal}, 1);                        // -normal
      add(4, {expZero, manNonZero}, 1);           // -subnormal
      add(5, {expZero, manZero}, 1);              // -0
      add(6, {expZero, manZero}, 0);              // +0
      add(7, {expZero, manNonZero}, 0);           // +subnormal
      add(8, {normal}, 0);                        // +normal
      add(9, {expAll, manZero}, 0);               // +inf
    }
    return;
  }

  // ---- reductions, in lane order
  case Intrinsic::vector_reduce_add:
  case Intrinsic::vector_reduce_mul:
  case Intrinsic::vector_reduce_and:
  case Intrinsic::vector_reduce_or:
  case Intrinsic::vector_reduce_xor:
  case Intrinsic::vector_reduce_smax:
  case Intrinsic::vector_reduce_smin:
  case Intrinsic::vector_reduce_umax:
  case Intrinsic::vector_reduce_umin:
  case Intrinsic::vector_reduce_fmax:
  case Intrinsic::vector_reduce_fmin:
  case Intrinsic::vector_reduce_fmaximum:
  case Intrinsic::vector_reduce_fminimum:
  case Intrinsic::vector_reduce_fadd:
  case Intrinsic::vector_reduce_fmul: {
    bool ordered = id == Intrinsic::vector_reduce_fadd ||
                   id == Intrinsic::vector_reduce_fmul;
    Value *vector = call.getArgOperand(ordered ? 1 : 0);
    Regs a = operand(vector);
    Type *laneType = vector->getType()->getScalarType();
    unsigned laneWidth =
        laneType->isIntegerTy() ? laneType->getIntegerBitWidth() : 0;
    if (laneWidth > 64)
      fail("reduction of wide integers");
    uint32_t r = results[0];
    size_t first = 0;
    if (ordered) {
      move(r, scalar(call.getArgOperand(0)));
    } else {
      move(r, a[0]);
      first = 1;
    }
    bool dbl = laneType->isDoubleTy();
    for (size_t l = first; l < a.size(); ++l) {
      switch (id) {
      case Intrinsic::vector_reduce_add:
        integerBinary(llvm::Instruction::Add, laneWidth, r, r, a[l]);
        break;
      case Intrinsic::vector_reduce_mul:
        integerBinary(llvm::Instruction::Mul, laneWidth, r, r, a[l]);
        break;
      case Intrinsic::vector_reduce_and:
        emit(Opcode::AND, {r, r, a[l]});
        break;
      case Intrinsic::vector_reduce_or:
        emit(Opcode::OR, {r, r, a[l]});
        break;
      case Intrinsic::vector_reduce_xor:
        emit(Opcode::XOR, {r, r, a[l]});
        break;
      case Intrinsic::vector_reduce_smax:
      case Intrinsic::vector_reduce_smin:
      case Intrinsic::vector_reduce_umax:
      case Intrinsic::vector_reduce_umin: {
        uint32_t pick = newRegister();
        auto predicate =
            id == Intrinsic::vector_reduce_smax   ? CmpInst::ICMP_SGT
            : id == Intrinsic::vector_reduce_smin ? CmpInst::ICMP_SLT
            : id == Intrinsic::vector_reduce_umax ? CmpInst::ICMP_UGT
                                                  : CmpInst::ICMP_ULT;
        integerCompare(predicate, laneWidth, pick, r, a[l]);
        emit(Opcode::SELECT, {r, pick, r, a[l]});
        break;
      }
      case Intrinsic::vector_reduce_fmax:
        emit(atFloat(Opcode::FMAX_F32, dbl), {r, r, a[l]});
        break;
      case Intrinsic::vector_reduce_fmin:
        emit(atFloat(Opcode::FMIN_F32, dbl), {r, r, a[l]});
        break;
      case Intrinsic::vector_reduce_fmaximum:
        emit(atFloat(Opcode::FMAXIMUM_F32, dbl), {r, r, a[l]});
        break;
      case Intrinsic::vector_reduce_fminimum:
        emit(atFloat(Opcode::FMINIMUM_F32, dbl), {r, r, a[l]});
        break;
      case Intrinsic::vector_reduce_fadd:
        emit(atFloat(Opcode::FADD_F32, dbl), {r, r, a[l]});
        break;
      default:
        emit(atFloat(Opcode::FMUL_F32, dbl), {r, r, a[l]});
      }
    }
    return;
  }
  default:
    break;
  }

  // ---- math functions of the C library, lane by lane
  if (const char *name = mathFunction(id)) {
    Type *argType = call.getArgOperand(0)->getType()->getScalarType();
    std::string function = name;
    if (argType->isFloatTy())
      function = id == Intrinsic::powi ? "__powisf2" : function + "f";
    std::vector<Regs> args;
    for (unsigned i = 0; i < call.arg_size(); ++i)
      args.push_back(arg(i));
    for (unsigned l = 0; l < lanes; ++l) {
      Regs laneArgs;
      for (const Regs &a : args)
        laneArgs.push_back(a.size() == 1 ? a[0] : a[l]);
      // int arguments (powi, ldexp) are sign-extended for the host.
      for (unsigned i = 0; i < call.arg_size(); ++i) {
        Type *t = call.getArgOperand(i)->getType()->getScalarType();
        if (t->isIntegerTy() && t->getIntegerBitWidth() < 64) {
          uint32_t extended = newRegister();
          signExtend(extended, laneArgs[i], t->getIntegerBitWidth(), 64);
          laneArgs[i] = extended;
        }
      }
      callHost(function, {results[l]}, laneArgs);
      if (element->isIntegerTy() && width < 64)
        truncate(results[l], results[l], width);
    }
    return;
  }
  fail("intrinsic");
}

} // namespace comet::lowering
