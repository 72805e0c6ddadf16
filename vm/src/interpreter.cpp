// The dispatch loop. Arithmetic families are generated from isa.def and
// semantics.h; everything else is written out below, one handler each.
#include "interpreter.h"
#include "packed_lanes.h"
#include "semantics.h"

#include <algorithm>
#include <cstring>

namespace comet {

static inline uint64_t operandsAB(const Code *pc) {
  uint64_t both;
  std::memcpy(&both, &pc->a, sizeof both);
  return both;
}

const void *const *Interpreter::exportedTable = nullptr;
const void *const *Interpreter::exportedFused = nullptr;
const void *const *Interpreter::exportedFusedAdd32 = nullptr;
const void *const *Interpreter::exportedFusedAdd64 = nullptr;
const void *Interpreter::exportedBreakpoint = nullptr;
const void *Interpreter::exportedJumpToJump = nullptr;
const void *Interpreter::exportedLoadThenTest[2] = {};
const void *const *Interpreter::exportedDirectPairs = nullptr;

const void *const *Interpreter::handlerTable() {
  if (!exportedTable)
    dispatch(nullptr, 0);
  return exportedTable;
}

const void *Interpreter::breakpointHandler() {
  handlerTable();
  return exportedBreakpoint;
}

const void *Interpreter::loadThenTestHandler(Opcode compare) {
  handlerTable();
  return exportedLoadThenTest[compare == Opcode::NE];
}

const void *Interpreter::jumpToJumpHandler() {
  handlerTable();
  return exportedJumpToJump;
}

const void *const *Interpreter::directPairHandlers() {
  handlerTable();
  return exportedDirectPairs;
}

const void *Interpreter::fusedHandler(Opcode compare, Opcode before) {
  handlerTable();
  const void *const *table = before == Opcode::ADD_I32   ? exportedFusedAdd32
                             : before == Opcode::ADD_I64 ? exportedFusedAdd64
                                                         : exportedFused;
  unsigned index = 0;
#define FUSED_INDEX(ID)                                                        \
  if (compare == Opcode::ID)                                                   \
    return table[index];                                                       \
  ++index;
  COMET_FUSED_COMPARES(FUSED_INDEX)
#undef FUSED_INDEX
  return nullptr;
}

RunStatus Interpreter::execute(size_t baseDepth) {
  return dispatch(this, baseDepth);
}

// Aligned to a cache line, so that the handlers' places within their lines
// (which the decoded-instruction cache sees) do not move with the code
// linked before the loop: timings then compare across builds.
[[gnu::aligned(64)]] RunStatus Interpreter::dispatch(Interpreter *self,
                                                     size_t baseDepth) {
  static const void *const table[] = {
#define OP(ID, MN, SIG, SEM) &&L_##ID,
#include "comet/isa.def"
  };
#define FUSED_LABEL(ID) &&F_##ID,
  static const void *const fused[] = {COMET_FUSED_COMPARES(FUSED_LABEL)};
#undef FUSED_LABEL
#define FUSED_LABEL(ID) &&FA32_##ID,
  static const void *const fusedAdd32[] = {COMET_FUSED_COMPARES(FUSED_LABEL)};
#undef FUSED_LABEL
#define FUSED_LABEL(ID) &&FA64_##ID,
  static const void *const fusedAdd64[] = {COMET_FUSED_COMPARES(FUSED_LABEL)};
#undef FUSED_LABEL
#define PAIR_LABEL(FIRST, SECOND) &&P_##FIRST##_##SECOND,
#define FORWARDING_LABEL(FIRST, SECOND, SLOT) &&P_##FIRST##_##SECOND##_##SLOT,
  static const void *const directPairs[] = {
      COMET_FORWARDING_PAIRS(FORWARDING_LABEL) COMET_DIRECT_PAIRS(PAIR_LABEL)};
#undef PAIR_LABEL
#undef FORWARDING_LABEL
  if (!self) { // called once to publish the labels
    exportedTable = table;
    exportedFused = fused;
    exportedFusedAdd32 = fusedAdd32;
    exportedFusedAdd64 = fusedAdd64;
    exportedDirectPairs = directPairs;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
    exportedBreakpoint = &&breakpoint_hit;
    exportedJumpToJump = &&jump_to_jump;
    exportedLoadThenTest[0] = &&load_then_eq;
    exportedLoadThenTest[1] = &&load_then_ne;
#pragma GCC diagnostic pop
    return RunStatus::Stopped;
  }
  Interpreter &in = *self;

  ActiveFrame *frame = &in.frames.back();
  const Code *base = frame->base;
  const Code *pc = frame->pc;
  uint64_t *R = frame->registers;
  AddressSpace &mem = in.memory;
  uint64_t steps = in.budget;
  const CallSite *site;
  const LoadedFunction *callee = nullptr;
  HostFunction tailHost;
  RunStatus status;
  TrapKind trapKind;
  uint64_t trapAddress;

#define DISPATCH()                                                             \
  do {                                                                         \
    if (steps-- == 0) [[unlikely]]                                             \
      goto budget_exhausted;                                                   \
    goto * pc->handler;                                                        \
  } while (0)
#define NEXT()                                                                 \
  do {                                                                         \
    ++pc;                                                                      \
    DISPATCH();                                                                \
  } while (0)
#define JUMP(INDEX)                                                            \
  do {                                                                         \
    pc = base + (INDEX);                                                       \
    DISPATCH();                                                                \
  } while (0)
#define TRAP(KIND, ADDRESS)                                                    \
  do {                                                                         \
    trapKind = (KIND);                                                         \
    trapAddress = (ADDRESS);                                                   \
    goto trap;                                                                 \
  } while (0)
// The operand slots of the record at pc. a and b come in one load: the
// handlers are bound more by load ports than by arithmetic (sieve, fft,
// mandelbrot 5-12 % faster); c and d read alike gained nothing.
#define A uint32_t(operandsAB(pc))
#define B uint32_t(operandsAB(pc) >> 32)
#define C (pc->c)
#define D (pc->d)
#define SAVE_STATE()                                                           \
  do {                                                                         \
    frame->pc = pc;                                                            \
    in.budget = steps;                                                         \
  } while (0)

  // What the instructions that begin a direct pair (or, for the adds, a
  // loop's fused step, test and branch) do, written once for their own
  // handlers and the fused ones.
  // ADDMUL_OF and SEXT_OF take their operands as arguments: a forwarding
  // pair's second gets one of them from the first's body.
#define INT_BINARY_OF(ID, U, X, Y) uint64_t(sem::ID<U>(U(X), U(Y)))
#define INT_BINARY_VALUE(ID, U) INT_BINARY_OF(ID, U, R[B], R[C])
#define INT_BINARY_BODY(ID, U) R[A] = INT_BINARY_VALUE(ID, U)
#define FLT_BINARY_OF(ID, F, IN, X, Y) sem::bitsOf(sem::ID<F>(IN(X), IN(Y)))
#define FLT_BINARY_VALUE(ID, F, IN) FLT_BINARY_OF(ID, F, IN, R[B], R[C])
#define FLT_BINARY_BODY(ID, F, IN) R[A] = FLT_BINARY_VALUE(ID, F, IN)
#define FMULADD_OF(F, IN, X, Y, Z)                                             \
  sem::bitsOf(sem::FMULADD<F>(IN(X), IN(Y), IN(Z)))
#define FMULADD_VALUE(F, IN) FMULADD_OF(F, IN, R[B], R[C], R[D])
#define FLT_UNARY_OF(ID, F, IN, X) sem::bitsOf(sem::ID<F>(IN(X)))
#define ADDMUL_OF(BASE, INDEX) ((BASE) + (INDEX)*pc->imm)
#define SEXT_OF(VALUE) sem::signExtend(VALUE, unsigned(pc->imm), C)
#define TRUNC_OF(VALUE) sem::lowBits(VALUE, unsigned(pc->imm))
#define VALUE_ADD_I32 INT_BINARY_VALUE(ADD, uint32_t)
#define VALUE_ADD_I64 INT_BINARY_VALUE(ADD, uint64_t)
#define VALUE_ADDMUL ADDMUL_OF(R[B], R[C])
#define VALUE_SEXT SEXT_OF(R[B])
#define VALUE_FADD_F64 FLT_BINARY_VALUE(FADD, double, sem::asF64)
#define VALUE_FSUB_F64 FLT_BINARY_VALUE(FSUB, double, sem::asF64)
#define VALUE_FMULADD_F64 FMULADD_VALUE(double, sem::asF64)
#define VALUE_FMUL_F64 FLT_BINARY_VALUE(FMUL, double, sem::asF64)
#define VALUE_SHL_I32 INT_BINARY_VALUE(SHL, uint32_t)
#define VALUE_LSHR_I32 INT_BINARY_VALUE(LSHR, uint32_t)
#define VALUE_XOR (R[B] ^ R[C])
#define VALUE_OR (R[B] | R[C])
#define VALUE_NE uint64_t(R[B] != R[C])
#define VALUE_MUL_I64 INT_BINARY_VALUE(MUL, uint64_t)
#define VALUE_UITOFP_F64 sem::bitsOf(double(R[B]))
#define VALUE_TRUNC TRUNC_OF(R[B])
#define VALUE_AND (R[B] & R[C])
#define VALUE_ULT uint64_t(R[B] < R[C])
#define VALUE_SLT_I32 INT_BINARY_VALUE(SLT, uint32_t)
#define VALUE_SQRT_F64 FLT_UNARY_OF(SQRT, double, sem::asF64, R[B])
#define VALUE_FNEG_F64 FLT_UNARY_OF(FNEG, double, sem::asF64, R[B])
#define VALUE_SELECT (R[B] ? R[C] : R[D])
#define VALUE_SUB_I64 INT_BINARY_VALUE(SUB, uint64_t)
// A scalar load's value (a fault leaves the handler, so that the first of
// a pair that faults leaves with the second not begun).
#define LOADED_VALUE(ADDRESS, T, EXTEND)                                       \
  ({                                                                           \
    T loaded;                                                                  \
    if (!mem.load((ADDRESS) + pc->imm, loaded, TLB_HINT)) [[unlikely]]         \
      goto memory_fault;                                                       \
    static_cast<uint64_t>(EXTEND loaded);                                      \
  })
#define VALUE_LD_64 LOADED_VALUE(R[B], uint64_t, )
#define VALUE_LD_U8 LOADED_VALUE(R[B], uint8_t, )
#define VALUE_LD_U32 LOADED_VALUE(R[B], uint32_t, )
#define BODY_ADD_I32 R[A] = VALUE_ADD_I32
#define BODY_ADD_I64 R[A] = VALUE_ADD_I64
#define BODY_FMUL_F64 FLT_BINARY_BODY(FMUL, double, sem::asF64)
#define BODY_MOV R[A] = R[B]
#define BODY_LI R[A] = pc->imm
#define BODY_ADDMUL R[A] = VALUE_ADDMUL
#define BODY_SEXT R[A] = VALUE_SEXT
#define BODY_TRUNC R[A] = VALUE_TRUNC

  DISPATCH();

  // ---- families generated from isa.def
#define FOR_WIDTHS(ID, BODY)                                                   \
  L_##ID##_I8 : {                                                              \
    using U = uint8_t;                                                         \
    BODY;                                                                      \
  }                                                                            \
  L_##ID##_I16 : {                                                             \
    using U = uint16_t;                                                        \
    BODY;                                                                      \
  }                                                                            \
  L_##ID##_I32 : {                                                             \
    using U = uint32_t;                                                        \
    BODY;                                                                      \
  }                                                                            \
  L_##ID##_I64 : {                                                             \
    using U = uint64_t;                                                        \
    BODY;                                                                      \
  }
#define FOR_FLOATS(ID, BODY)                                                   \
  L_##ID##_F32 : {                                                             \
    using F = float;                                                           \
    auto in = [](uint64_t bits) { return sem::asF32(bits); };                  \
    BODY;                                                                      \
  }                                                                            \
  L_##ID##_F64 : {                                                             \
    using F = double;                                                          \
    auto in = [](uint64_t bits) { return sem::asF64(bits); };                  \
    BODY;                                                                      \
  }
#define OP(ID, MN, SIG, SEM)
#define INT_BINARY(ID, MN, SEM) FOR_WIDTHS(ID, INT_BINARY_BODY(ID, U); NEXT())
#define INT_UNARY(ID, MN, SEM)                                                 \
  FOR_WIDTHS(ID, R[A] = uint64_t(sem::ID<U>(U(R[B]))); NEXT())
#define INT_TERNARY(ID, MN, SEM)                                               \
  FOR_WIDTHS(ID, R[A] = uint64_t(sem::ID<U>(U(R[B]), U(R[C]), U(R[D]))); NEXT())
#define INT_OVERFLOW(ID, MN, SEM)                                              \
  FOR_WIDTHS(ID, bool overflow;                                                \
             uint64_t value = sem::ID<U>(U(R[C]), U(R[D]), overflow);          \
             R[A] = value; R[B] = overflow; NEXT())
#define INT_DIVIDE(ID, MN, SEM)                                                \
  FOR_WIDTHS(                                                                  \
      ID, U value = 0; switch (sem::ID<U>(U(R[B]), U(R[C]), value)) {          \
        case sem::DivideStatus::Ok:                                            \
          break;                                                               \
        case sem::DivideStatus::ByZero:                                        \
          TRAP(TrapKind::DivideByZero, 0);                                     \
        case sem::DivideStatus::Overflow:                                      \
          TRAP(TrapKind::IntegerOverflow, 0);                                  \
      } R[A] = value;                                                          \
      NEXT())
#define FLT_BINARY(ID, MN, SEM)                                                \
  FOR_FLOATS(ID, FLT_BINARY_BODY(ID, F, in); NEXT())
#define FLT_UNARY(ID, MN, SEM)                                                 \
  FOR_FLOATS(ID, R[A] = FLT_UNARY_OF(ID, F, in, R[B]); NEXT())
#define FLT_COMPARE(ID, MN, SEM)                                               \
  FOR_FLOATS(ID, R[A] = sem::ID<F>(in(R[B]), in(R[C])); NEXT())
// Lane by lane in order, as the scalar instructions would go. The operands
// are read from pc once: the compiler cannot tell that a register write
// leaves the instruction alone.
#define LANES(EXPRESSION)                                                      \
  do {                                                                         \
    uint64_t *to = R + A, lanes = pc->imm;                                     \
    const uint64_t *x = R + B, *y = R + C;                                     \
    if (lanes == 4) {                                                          \
      for (unsigned k = 0; k < 4; ++k)                                         \
        to[k] = EXPRESSION;                                                    \
    } else {                                                                   \
      for (uint64_t k = 0; k < lanes; ++k)                                     \
        to[k] = EXPRESSION;                                                    \
    }                                                                          \
  } while (0)
#define VEC_INT_BINARY(ID, SCALAR, MN, SEM)                                    \
  FOR_WIDTHS(ID, if (packed::fourLanes<U, sem::SCALAR<U>>(                     \
                         pc->imm, R + A, R + B, R + C)) NEXT();                \
             LANES(uint64_t(sem::SCALAR<U>(U(x[k]), U(y[k])))); NEXT())
#define VEC_FLT_BINARY(ID, SCALAR, MN, SEM)                                    \
  FOR_FLOATS(ID, LANES(sem::bitsOf(sem::SCALAR<F>(in(x[k]), in(y[k])))); NEXT())
#include "comet/isa.def"

  // ---- moves and constants
L_NOP:
  NEXT();
L_MOV:
  BODY_MOV;
  NEXT();
L_LI:
L_LF64:
L_LF32:
L_ADDR: // resolved to its address at load
  BODY_LI;
  NEXT();
L_SELECT:
  R[A] = VALUE_SELECT;
  NEXT();
L_ADDMUL:
  BODY_ADDMUL;
  NEXT();
L_UMULH:
  R[A] = uint64_t((unsigned __int128)R[B] * R[C] >> 64);
  NEXT();
L_SMULH:
  R[A] = uint64_t((__int128)int64_t(R[B]) * (__int128)int64_t(R[C]) >> 64);
  NEXT();
L_AND:
  R[A] = VALUE_AND;
  NEXT();
L_OR:
  R[A] = VALUE_OR;
  NEXT();
L_XOR:
  R[A] = VALUE_XOR;
  NEXT();
L_SEXT:
  BODY_SEXT;
  NEXT();
L_TRUNC:
  BODY_TRUNC;
  NEXT();
L_EQ:
  R[A] = R[B] == R[C];
  NEXT();
L_NE:
  R[A] = VALUE_NE;
  NEXT();
L_ULT:
  R[A] = VALUE_ULT;
  NEXT();
L_ULE:
  R[A] = R[B] <= R[C];
  NEXT();
L_UGT:
  R[A] = R[B] > R[C];
  NEXT();
L_UGE:
  R[A] = R[B] >= R[C];
  NEXT();

  // ---- floating point written out
L_FMA_F32:
  R[A] = sem::bitsOf(
      std::fma(sem::asF32(R[B]), sem::asF32(R[C]), sem::asF32(R[D])));
  NEXT();
L_FMA_F64:
  R[A] = sem::bitsOf(
      std::fma(sem::asF64(R[B]), sem::asF64(R[C]), sem::asF64(R[D])));
  NEXT();
  FOR_FLOATS(FMULADD, R[A] = FMULADD_VALUE(F, in); NEXT())
  // Lane by lane, each lane's result written before the next is read.
  FOR_FLOATS(VFMULADD, {
    uint64_t *to = R + A;
    const uint64_t *x = R + B;
    const uint64_t *y = R + C;
    const uint64_t *z = R + D;
    for (uint64_t k = 0; k < pc->imm; ++k)
      to[k] = sem::bitsOf(sem::FMULADD<F>(in(x[k]), in(y[k]), in(z[k])));
    NEXT();
  })
  FOR_FLOATS(VFNEG, {
    uint64_t *to = R + A;
    const uint64_t *x = R + B;
    for (uint64_t k = 0; k < pc->imm; ++k)
      to[k] = sem::bitsOf(sem::FNEG<F>(in(x[k])));
    NEXT();
  })
L_FPEXT:
  R[A] = sem::bitsOf(double(sem::asF32(R[B])));
  NEXT();
L_FPTRUNC:
  R[A] = sem::bitsOf(float(sem::asF64(R[B])));
  NEXT();
L_SITOFP_F32:
  R[A] = sem::bitsOf(float(int64_t(R[B])));
  NEXT();
L_SITOFP_F64:
  R[A] = sem::bitsOf(double(int64_t(R[B])));
  NEXT();
L_UITOFP_F32:
  R[A] = sem::bitsOf(float(R[B]));
  NEXT();
L_UITOFP_F64:
  R[A] = VALUE_UITOFP_F64;
  NEXT();
L_FPTOSI_F32:
  R[A] = sem::FPTOSI(sem::asF32(R[B]), unsigned(pc->imm));
  NEXT();
L_FPTOSI_F64:
  R[A] = sem::FPTOSI(sem::asF64(R[B]), unsigned(pc->imm));
  NEXT();
L_FPTOUI_F32:
  R[A] = sem::FPTOUI(sem::asF32(R[B]), unsigned(pc->imm));
  NEXT();
L_FPTOUI_F64:
  R[A] = sem::FPTOUI(sem::asF64(R[B]), unsigned(pc->imm));
  NEXT();

  // ---- memory
  // A scalar access keeps in its slot d the TLB slot it last used (see
  // AddressSpace::load), written only when that changes.
#define TLB_HINT (const_cast<Code *>(pc)->d)
  // The scalar accesses, from an address computed before them.
#define LOAD(ADDRESS, T, EXTEND)                                               \
  {                                                                            \
    R[A] = LOADED_VALUE(ADDRESS, T, EXTEND);                                   \
    NEXT();                                                                    \
  }
#define STORE(ADDRESS, T, VALUE)                                               \
  {                                                                            \
    if (!mem.store((ADDRESS) + pc->imm, T(VALUE), TLB_HINT)) [[unlikely]]      \
      goto memory_fault;                                                       \
    NEXT();                                                                    \
  }
#define LD_U8_WITH_B(ADDRESS) LOAD(ADDRESS, uint8_t, )
#define LD_S8_WITH_B(ADDRESS) LOAD(ADDRESS, uint8_t, (int64_t)(int8_t))
#define LD_U16_WITH_B(ADDRESS) LOAD(ADDRESS, uint16_t, )
#define LD_S16_WITH_B(ADDRESS) LOAD(ADDRESS, uint16_t, (int64_t)(int16_t))
#define LD_U32_WITH_B(ADDRESS) LOAD(ADDRESS, uint32_t, )
#define LD_S32_WITH_B(ADDRESS) LOAD(ADDRESS, uint32_t, (int64_t)(int32_t))
#define LD_64_WITH_B(ADDRESS) LOAD(ADDRESS, uint64_t, )
#define ST_8_WITH_B(ADDRESS) STORE(ADDRESS, uint8_t, R[A])
#define ST_16_WITH_B(ADDRESS) STORE(ADDRESS, uint16_t, R[A])
#define ST_32_WITH_B(ADDRESS) STORE(ADDRESS, uint32_t, R[A])
#define ST_64_WITH_B(ADDRESS) STORE(ADDRESS, uint64_t, R[A])
#define ST_64_WITH_A(VALUE) STORE(R[B], uint64_t, VALUE)
L_LD_U8:
  LD_U8_WITH_B(R[B])
L_LD_S8:
  LD_S8_WITH_B(R[B])
L_LD_U16:
  LD_U16_WITH_B(R[B])
L_LD_S16:
  LD_S16_WITH_B(R[B])
L_LD_U32:
  LD_U32_WITH_B(R[B])
L_LD_S32:
  LD_S32_WITH_B(R[B])
L_LD_64:
  LD_64_WITH_B(R[B])
L_ST_8:
  ST_8_WITH_B(R[B])
L_ST_16:
  ST_16_WITH_B(R[B])
L_ST_32:
  ST_32_WITH_B(R[B])
L_ST_64:
  ST_64_WITH_B(R[B])
  // One TLB lookup for all lanes when they lie in one page the TLB holds;
  // otherwise lane by lane (which also fills the TLB and reports faults).
#define VECTOR_LOAD(LABEL, T)                                                  \
  LABEL : {                                                                    \
    uint64_t address = R[B] + pc->imm, lanes = C;                              \
    uint64_t *to = R + A;                                                      \
    if (const uint8_t *bytes = mem.readSpan(address, lanes * sizeof(T)))       \
        [[likely]] {                                                           \
      if (lanes == 4) { /* the common shape, widened without a loop */         \
        if (std::is_same_v<T, uint32_t> && packed::loadFourU32(to, bytes))     \
          NEXT();                                                              \
        T values[4];                                                           \
        std::memcpy(values, bytes, sizeof values);                             \
        for (unsigned k = 0; k < 4; ++k)                                       \
          to[k] = values[k];                                                   \
        NEXT();                                                                \
      }                                                                        \
      for (uint64_t k = 0; k < lanes; ++k) {                                   \
        T value;                                                               \
        std::memcpy(&value, bytes + k * sizeof(T), sizeof(T));                 \
        to[k] = value;                                                         \
      }                                                                        \
      NEXT();                                                                  \
    }                                                                          \
    for (uint64_t k = 0; k < lanes; ++k, address += sizeof(T)) {               \
      T value;                                                                 \
      if (!mem.load(address, value)) [[unlikely]]                              \
        goto memory_fault;                                                     \
      to[k] = value;                                                           \
    }                                                                          \
    NEXT();                                                                    \
  }
#define VECTOR_STORE(LABEL, T)                                                 \
  LABEL : {                                                                    \
    uint64_t address = R[B] + pc->imm, lanes = C;                              \
    const uint64_t *from = R + A;                                              \
    if (uint8_t *bytes = mem.writeSpan(address, lanes * sizeof(T)))            \
        [[likely]] {                                                           \
      if (lanes == 4) {                                                        \
        if (std::is_same_v<T, uint32_t> && packed::storeFourU32(bytes, from))  \
          NEXT();                                                              \
        T values[4];                                                           \
        for (unsigned k = 0; k < 4; ++k)                                       \
          values[k] = T(from[k]);                                              \
        std::memcpy(bytes, values, sizeof values);                             \
        NEXT();                                                                \
      }                                                                        \
      for (uint64_t k = 0; k < lanes; ++k) {                                   \
        T value = T(from[k]);                                                  \
        std::memcpy(bytes + k * sizeof(T), &value, sizeof(T));                 \
      }                                                                        \
      NEXT();                                                                  \
    }                                                                          \
    for (uint64_t k = 0; k < lanes; ++k, address += sizeof(T))                 \
      if (!mem.store(address, T(from[k]))) [[unlikely]]                        \
        goto memory_fault;                                                     \
    NEXT();                                                                    \
  }
  VECTOR_LOAD(L_VLD_U8, uint8_t)
  VECTOR_LOAD(L_VLD_U16, uint16_t)
  VECTOR_LOAD(L_VLD_U32, uint32_t)
  VECTOR_LOAD(L_VLD_64, uint64_t)
  VECTOR_STORE(L_VST_8, uint8_t)
  VECTOR_STORE(L_VST_16, uint16_t)
  VECTOR_STORE(L_VST_32, uint32_t)
  VECTOR_STORE(L_VST_64, uint64_t)
L_VAND:
  LANES(x[k] & y[k]);
  NEXT();
L_VOR:
  LANES(x[k] | y[k]);
  NEXT();
L_VXOR:
  LANES(x[k] ^ y[k]);
  NEXT();
#undef LANES
L_MEMCPY:
L_MEMMOVE:
  if (!mem.copy(R[A], R[B], R[C])) [[unlikely]]
    goto memory_fault;
  NEXT();
L_MEMSET:
  if (!mem.fill(R[A], uint8_t(R[B]), R[C])) [[unlikely]]
    goto memory_fault;
  NEXT();

  // ---- guest stack
L_SALLOC : {
  uint64_t top = (in.stackPointer - pc->imm) & ~(uint64_t(B) - 1);
  if (top < in.stackLimit || top > in.stackPointer) [[unlikely]]
    TRAP(TrapKind::StackOverflow, top);
  R[A] = in.stackPointer = top;
  NEXT();
}
L_SALLOCV : {
  uint64_t size = R[B];
  uint64_t top = (in.stackPointer - size) & ~(pc->imm - 1);
  if (size > in.stackPointer - in.stackLimit || top < in.stackLimit)
      [[unlikely]]
    TRAP(TrapKind::StackOverflow, top);
  R[A] = in.stackPointer = top;
  NEXT();
}
L_SSAVE:
  R[A] = in.stackPointer;
  NEXT();
L_SRESTORE : {
  uint64_t top = R[A];
  if (top < in.stackLimit || top > frame->savedStackPointer) [[unlikely]]
    TRAP(TrapKind::StackOverflow, top);
  in.stackPointer = top;
  NEXT();
}

  // ---- control flow
L_JMP:
  JUMP(A);
jump_to_jump: // a jmp to a jmp, the second's target in b: both steps
  if (steps == 0) [[unlikely]]
    goto L_JMP;
  --steps;
  JUMP(B);
  // The jump of a fused compare's branch, its targets in the compare's imm.
#define FUSED_JUMP(TAKEN)                                                      \
  JUMP((TAKEN) ? uint32_t(pc->imm >> 32) : uint32_t(pc->imm))
  // An ld.64 and the fused compare and branch after it that tests the
  // loaded value (a null pointer, the end of a list): one dispatch, the
  // value passed in a host register. With fewer than the two more steps
  // left, the load runs alone.
#define LOAD_THEN_TEST(LABEL, OPERATOR)                                        \
  LABEL : {                                                                    \
    if (steps < 2) [[unlikely]]                                                \
      goto L_LD_64;                                                            \
    uint64_t value = VALUE_LD_64;                                              \
    R[A] = value;                                                              \
    steps -= 2;                                                                \
    ++pc;                                                                      \
    uint64_t taken = value OPERATOR R[C];                                      \
    R[A] = taken;                                                              \
    FUSED_JUMP(taken);                                                         \
  }
  LOAD_THEN_TEST(load_then_eq, ==)
  LOAD_THEN_TEST(load_then_ne, !=)
#undef LOAD_THEN_TEST
L_BR:
  JUMP(R[A] ? B : C);

  // Fused compare and branch: the compare's record, with the branch's
  // targets in imm. The branch is a step of its own: with none left, stop
  // before it, at its own (unchanged) record.
#define FUSED(ID, CONDITION)                                                   \
  F_##ID : {                                                                   \
    uint64_t taken = (CONDITION);                                              \
    R[A] = taken;                                                              \
    if (steps == 0) [[unlikely]] {                                             \
      ++pc;                                                                    \
      goto budget_exhausted;                                                   \
    }                                                                          \
    --steps;                                                                   \
    FUSED_JUMP(taken);                                                         \
  }
// The conditions, in COMET_FUSED_COMPARES order, of the compare at `pc`.
#define FUSED_CONDITIONS(X)                                                    \
  X(EQ, R[B] == R[C])                                                          \
  X(NE, R[B] != R[C])                                                          \
  X(ULT, R[B] < R[C])                                                          \
  X(ULE, R[B] <= R[C])                                                         \
  X(UGT, R[B] > R[C])                                                          \
  X(UGE, R[B] >= R[C])                                                         \
  X(SLT_I32, int32_t(R[B]) < int32_t(R[C]))                                    \
  X(SLE_I32, int32_t(R[B]) <= int32_t(R[C]))                                   \
  X(SGT_I32, int32_t(R[B]) > int32_t(R[C]))                                    \
  X(SGE_I32, int32_t(R[B]) >= int32_t(R[C]))                                   \
  X(SLT_I64, int64_t(R[B]) < int64_t(R[C]))                                    \
  X(SLE_I64, int64_t(R[B]) <= int64_t(R[C]))                                   \
  X(SGT_I64, int64_t(R[B]) > int64_t(R[C]))                                    \
  X(SGE_I64, int64_t(R[B]) >= int64_t(R[C]))
  FUSED_CONDITIONS(FUSED)
#undef FUSED

  // An add, then a compare and the br testing it: one dispatch for a
  // loop's step, test and branch. With fewer than the three steps left,
  // the add runs alone and the others after it.
#define FUSED_ADD_BODY(LABEL, ADD, CONDITION)                                  \
  LABEL : {                                                                    \
    if (steps < 2) [[unlikely]]                                                \
      goto L_##ADD;                                                            \
    steps -= 2;                                                                \
    BODY_##ADD;                                                                \
    ++pc;                                                                      \
    uint64_t taken = (CONDITION);                                              \
    R[A] = taken;                                                              \
    JUMP(taken ? pc[1].b : pc[1].c);                                           \
  }
#define FUSED_ADD_32(ID, CONDITION)                                            \
  FUSED_ADD_BODY(FA32_##ID, ADD_I32, CONDITION)
#define FUSED_ADD_64(ID, CONDITION)                                            \
  FUSED_ADD_BODY(FA64_##ID, ADD_I64, CONDITION)
  FUSED_CONDITIONS(FUSED_ADD_32)
  FUSED_CONDITIONS(FUSED_ADD_64)
#undef FUSED_ADD_BODY
#undef FUSED_ADD_32
#undef FUSED_ADD_64
#undef FUSED_CONDITIONS
L_SWITCH : {
  const auto *table = reinterpret_cast<const SwitchTable *>(pc->imm);
  uint64_t value = R[A];
  auto it = std::lower_bound(table->values.begin(), table->values.end(), value);
  if (it != table->values.end() && *it == value)
    JUMP(table->targets[it - table->values.begin()]);
  JUMP(B);
}
L_CALL:
  site = reinterpret_cast<const CallSite *>(pc->imm);
  callee = reinterpret_cast<const LoadedFunction *>(operandsAB(pc));
  if (!callee)
    goto host_call;
  goto guest_call;
L_CALLI : {
  site = reinterpret_cast<const CallSite *>(pc->imm);
  uint64_t address = R[A];
  int64_t function = in.functionAt(address);
  if (function >= 0) {
    callee = &in.functions[function];
    goto guest_call;
  }
  int64_t import = in.importAt(address);
  if (import < 0 || !in.importFunctions[import]) [[unlikely]]
    TRAP(TrapKind::BadCall, address);
  goto host_call;
}
  // No local here may need a destructor: dispatching by computed goto
  // leaves a scope without running any.
guest_call : {
  frame->pc = pc;
  const uint32_t *args = site->args.data();
  uint64_t *registers = R + frame->numRegs;
  // steps is charged for the callee's skipped constant instructions.
  pc = in.pushFrameAt(*callee, registers, steps, site->args.size(),
                      [R, args](size_t i) { return R[args[i]]; });
  if (!pc) [[unlikely]] {
    in.budget = steps;
    return RunStatus::Trapped;
  }
  frame = &in.frames.back();
  R = registers;
  base = callee->code.data();
  DISPATCH();
}
host_call : {
  HostFunction host = site->host;
  if (!host)
    host = in.importFunctions[in.importAt(R[A])];
  uint64_t local[Interpreter::LocalArguments];
  uint64_t *values = in.gatherArguments(*site, R, local);
  SAVE_STATE();
  uint64_t result = 0;
  status = in.invokeHost(host, values, site->args.size(), result);
  in.releaseArguments(*site);
  if (status != RunStatus::Returned)
    return status;
  steps = in.budget;
  frame = &in.frames.back(); // guest callbacks may have grown the frame stack
  for (size_t i = 0; i < site->results.size(); ++i)
    R[site->results[i]] = i == 0 ? result : 0;
  NEXT();
}
L_TCALL:
  site = reinterpret_cast<const CallSite *>(pc->imm);
  tailHost = site->host;
  callee = site->callee;
  goto tail_call;
L_TCALLI : {
  site = reinterpret_cast<const CallSite *>(pc->imm);
  uint64_t address = R[A];
  int64_t function = in.functionAt(address);
  tailHost = nullptr;
  if (function >= 0) {
    callee = &in.functions[function];
  } else {
    int64_t import = in.importAt(address);
    if (import < 0 || !in.importFunctions[import]) [[unlikely]]
      TRAP(TrapKind::BadCall, address);
    tailHost = in.importFunctions[import];
  }
  goto tail_call;
}
tail_call : {
  uint64_t local[Interpreter::LocalArguments];
  uint64_t *values = in.gatherArguments(*site, R, local);
  SAVE_STATE();
  if (tailHost) { // a host tail call returns its result to our caller
    uint64_t result = 0;
    status = in.invokeHost(tailHost, values, site->args.size(), result);
    in.releaseArguments(*site);
    if (status != RunStatus::Returned)
      return status;
    steps = in.budget;
    frame = &in.frames.back();
    in.results.assign(1, result);
    goto return_results;
  }
  uint64_t saved = frame->savedStackPointer;
  in.stackPointer = saved;
  in.frames.pop_back();
  // In the caller's place; steps is charged for the skipped constants.
  pc = in.pushFrameAt(*callee, R, steps, site->args.size(),
                      [values](size_t i) { return values[i]; });
  in.releaseArguments(*site);
  if (!pc) [[unlikely]]
    return RunStatus::Trapped;
  frame = &in.frames.back();
  base = callee->code.data();
  DISPATCH();
}
L_RET : {
  const auto &values =
      reinterpret_cast<const RegisterList *>(pc->imm)->registers;
  // Into the calling guest frame, popped here rather than at return_results:
  // sharing that tail (and its test for the run's base depth) cost fib 5 %.
  if (frame > in.frames.data() + baseDepth) {
    const ActiveFrame &caller = frame[-1];
    const Code *call = caller.pc;
    if (call->d & D) { // one value into one result register
      caller.registers[call->c] = R[C];
    } else {
      const auto &results =
          reinterpret_cast<const CallSite *>(call->imm)->results;
      for (size_t i = 0; i < results.size(); ++i)
        caller.registers[results[i]] = i < values.size() ? R[values[i]] : 0;
    }
    // What the caller resumes with comes from its record, not from the
    // frame stack's end just written by the pop.
    R = caller.registers;
    pc = call;
    base = caller.base;
    in.stackPointer = frame->savedStackPointer;
    in.frames.pop_back();
    --frame;
    NEXT();
  }
  in.results.resize(values.size());
  for (size_t i = 0; i < in.results.size(); ++i)
    in.results[i] = R[values[i]];
}
return_results:
  in.stackPointer = frame->savedStackPointer;
  in.frames.pop_back();
  if (in.frames.size() == baseDepth) {
    in.budget = steps;
    return RunStatus::Returned;
  }
  frame = &in.frames.back();
  R = frame->registers;
  pc = frame->pc;
  base = frame->base;
  site = reinterpret_cast<const CallSite *>(pc->imm);
  for (size_t i = 0; i < site->results.size(); ++i)
    R[site->results[i]] = i < in.results.size() ? in.results[i] : 0;
  NEXT();
L_SETJMP : {
  uint64_t buffer = R[B];
  JumpRecord record{buffer, in.frames.size() - 1, frame->serial,
                    pc,     in.stackPointer,      A};
  uint64_t tag;
  size_t index = in.jumps.size();
  if (mem.load(buffer + 8, tag) && (tag & ~uint64_t(UINT32_MAX)) == JumpTag &&
      (tag & UINT32_MAX) < in.jumps.size() &&
      in.jumps[tag & UINT32_MAX].buffer == buffer)
    index = tag & UINT32_MAX; // the buffer is set again: reuse its record
  if (!mem.store<uint64_t>(buffer + 8, JumpTag | index)) [[unlikely]]
    goto memory_fault;
  if (index == in.jumps.size())
    in.jumps.push_back(record);
  else
    in.jumps[index] = record;
  R[A] = 0;
  NEXT();
}
L_LONGJMP : {
  uint64_t buffer = R[A], tag;
  if (!mem.load(buffer + 8, tag)) [[unlikely]]
    goto memory_fault;
  uint64_t index = tag & UINT32_MAX;
  if ((tag & ~uint64_t(UINT32_MAX)) != JumpTag || index >= in.jumps.size() ||
      in.jumps[index].buffer != buffer) [[unlikely]]
    TRAP(TrapKind::BadLongjmp, buffer);
  const JumpRecord record = in.jumps[index];
  // The frame must still be live, and not below a host function.
  if (record.depth >= in.frames.size() || record.depth < baseDepth ||
      in.frames[record.depth].serial != record.serial) [[unlikely]]
    TRAP(TrapKind::BadLongjmp, buffer);
  uint64_t value = uint32_t(R[B]);
  in.frames.resize(record.depth + 1);
  frame = &in.frames.back();
  R = frame->registers;
  base = frame->base;
  in.stackPointer = record.stackPointer;
  R[record.result] = value ? value : 1;
  pc = record.pc;
  NEXT();
}
L_CHECK:
  if (R[A]) [[unlikely]] {
    SAVE_STATE();
    return in.recordTrap(TrapKind::UndefinedBehaviour, 0,
                         undefinedBehaviourName(pc->imm));
  }
  NEXT();
L_BRK:
  TRAP(TrapKind::Breakpoint, 0);
L_UNREACHABLE:
  TRAP(TrapKind::Unreachable, 0);

breakpoint_hit:
  SAVE_STATE();
  ++in.budget; // the instruction at the breakpoint has not run
  return RunStatus::Stopped;

  // The pairs come last: adding one then moves no other handler.
  // COMET_FORWARDING_PAIRS: the first's VALUE_, then the second taking it
  // as the operand its SECOND_WITH_SLOT names. The seconds that are integer
  // or double arithmetic take it as operand b or c of their operation:
#define INT_WITH_B(ID, U, VALUE)                                               \
  R[A] = INT_BINARY_OF(ID, U, VALUE, R[C]);                                    \
  NEXT();
#define INT_WITH_C(ID, U, VALUE)                                               \
  R[A] = INT_BINARY_OF(ID, U, R[B], VALUE);                                    \
  NEXT();
#define F64_WITH_B(ID, VALUE)                                                  \
  R[A] = FLT_BINARY_OF(ID, double, sem::asF64, VALUE, R[C]);                   \
  NEXT();
#define F64_WITH_C(ID, VALUE)                                                  \
  R[A] = FLT_BINARY_OF(ID, double, sem::asF64, R[B], VALUE);                   \
  NEXT();
#define MUL_I32_WITH_B(VALUE) INT_WITH_B(MUL, uint32_t, VALUE)
#define ADD_I32_WITH_B(VALUE) INT_WITH_B(ADD, uint32_t, VALUE)
#define ADD_I32_WITH_C(VALUE) INT_WITH_C(ADD, uint32_t, VALUE)
#define ADD_I64_WITH_B(VALUE) INT_WITH_B(ADD, uint64_t, VALUE)
#define ADD_I64_WITH_C(VALUE) INT_WITH_C(ADD, uint64_t, VALUE)
#define LSHR_I32_WITH_B(VALUE) INT_WITH_B(LSHR, uint32_t, VALUE)
#define SGE_I32_WITH_C(VALUE) INT_WITH_C(SGE, uint32_t, VALUE)
#define SGT_I32_WITH_B(VALUE) INT_WITH_B(SGT, uint32_t, VALUE)
#define FADD_F64_WITH_C(VALUE) F64_WITH_C(FADD, VALUE)
#define FSUB_F64_WITH_B(VALUE) F64_WITH_B(FSUB, VALUE)
#define FSUB_F64_WITH_C(VALUE) F64_WITH_C(FSUB, VALUE)
#define FMUL_F64_WITH_B(VALUE) F64_WITH_B(FMUL, VALUE)
#define FMUL_F64_WITH_C(VALUE) F64_WITH_C(FMUL, VALUE)
#define FDIV_F64_WITH_C(VALUE) F64_WITH_C(FDIV, VALUE)
// The others, one each.
#define ADDMUL_WITH_B(VALUE)                                                   \
  R[A] = ADDMUL_OF(VALUE, R[C]);                                               \
  NEXT();
#define ADDMUL_WITH_C(VALUE)                                                   \
  R[A] = ADDMUL_OF(R[B], VALUE);                                               \
  NEXT();
#define SEXT_WITH_B(VALUE)                                                     \
  R[A] = SEXT_OF(VALUE);                                                       \
  NEXT();
#define TRUNC_WITH_B(VALUE)                                                    \
  R[A] = TRUNC_OF(VALUE);                                                      \
  NEXT();
#define XOR_WITH_B(VALUE)                                                      \
  R[A] = (VALUE) ^ R[C];                                                       \
  NEXT();
#define XOR_WITH_C(VALUE)                                                      \
  R[A] = R[B] ^ (VALUE);                                                       \
  NEXT();
#define AND_WITH_B(VALUE)                                                      \
  R[A] = (VALUE)&R[C];                                                         \
  NEXT();
#define ULT_WITH_B(VALUE)                                                      \
  R[A] = (VALUE) < R[C];                                                       \
  NEXT();
#define SELECT_WITH_B(VALUE)                                                   \
  R[A] = (VALUE) ? R[C] : R[D];                                                \
  NEXT();
#define SELECT_WITH_C(VALUE)                                                   \
  R[A] = R[B] ? (VALUE) : R[D];                                                \
  NEXT();
#define FCMP_OLE_F64_WITH_B(VALUE)                                             \
  R[A] = sem::FCMP_OLE<double>(sem::asF64(VALUE), sem::asF64(R[C]));           \
  NEXT();
#define SQRT_F64_WITH_B(VALUE)                                                 \
  R[A] = FLT_UNARY_OF(SQRT, double, sem::asF64, VALUE);                        \
  NEXT();
#define FMULADD_F64_WITH_B(VALUE)                                              \
  R[A] = FMULADD_OF(double, sem::asF64, VALUE, R[C], R[D]);                    \
  NEXT();
#define FMULADD_F64_WITH_D(VALUE)                                              \
  R[A] = FMULADD_OF(double, sem::asF64, R[B], R[C], VALUE);                    \
  NEXT();
#define BR_WITH_A(VALUE) JUMP((VALUE) ? B : C);
  // The second's step is charged once the first's value is there: a load
  // that faults leaves with only its own.
#define FORWARDING_PAIR(FIRST, SECOND, SLOT)                                   \
  P_##FIRST##_##SECOND##_##SLOT : {                                            \
    if (steps == 0) [[unlikely]]                                               \
      goto L_##FIRST;                                                          \
    uint64_t forwarded = VALUE_##FIRST;                                        \
    --steps;                                                                   \
    R[A] = forwarded;                                                          \
    ++pc;                                                                      \
    SECOND##_WITH_##SLOT(forwarded)                                            \
  }
  COMET_FORWARDING_PAIRS(FORWARDING_PAIR)
#undef FORWARDING_PAIR
  // COMET_DIRECT_PAIRS. The second is a step of its own: with none left
  // for it, the first runs alone.
#define DIRECT_PAIR(FIRST, SECOND)                                             \
  P_##FIRST##_##SECOND : {                                                     \
    if (steps == 0) [[unlikely]]                                               \
      goto L_##FIRST;                                                          \
    --steps;                                                                   \
    BODY_##FIRST;                                                              \
    ++pc;                                                                      \
    goto L_##SECOND;                                                           \
  }
  COMET_DIRECT_PAIRS(DIRECT_PAIR)
#undef DIRECT_PAIR

budget_exhausted: // the caller tells a step limit from a requested count
  steps = 0;
  SAVE_STATE();
  return RunStatus::Stopped;

memory_fault:
  SAVE_STATE();
  return in.recordMemoryFault(mem.lastFault());

trap:
  SAVE_STATE();
  return in.recordTrap(trapKind, trapAddress, "");

#undef DISPATCH
#undef NEXT
#undef JUMP
#undef TRAP
#undef SAVE_STATE
#undef LOAD
#undef STORE
#undef FOR_WIDTHS
#undef FOR_FLOATS
}

} // namespace comet
