// The module level: the symbol table, global variables as data objects
// with their initialisers laid out byte by byte, and the driver over all
// functions.
#include "lowering/function_lowering.h"
#include "llvm/ir_lines.h"

#include <llvm/IR/AssemblyAnnotationWriter.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalAlias.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Operator.h>
#include <llvm/Support/FormattedStream.h>
#include <llvm/Support/raw_ostream.h>

namespace comet::lowering {

namespace {

std::string globalName(const llvm::GlobalValue &global, size_t index) {
  if (global.hasName())
    return global.getName().str();
  return "__unnamed_" + std::to_string(index);
}

} // namespace

bool evaluateAddress(const llvm::Constant *c, const llvm::DataLayout &layout,
                     ConstantAddress &result) {
  if (auto *alias = llvm::dyn_cast<llvm::GlobalAlias>(c))
    return evaluateAddress(alias->getAliasee(), layout, result);
  if (auto *global = llvm::dyn_cast<llvm::GlobalValue>(c)) {
    result.global = global;
    return true;
  }
  if (llvm::isa<llvm::ConstantPointerNull>(c) || llvm::isa<llvm::UndefValue>(c))
    return true;
  if (auto *integer = llvm::dyn_cast<llvm::ConstantInt>(c)) {
    result.offset += integer->getSExtValue();
    return true;
  }
  auto *expr = llvm::dyn_cast<llvm::ConstantExpr>(c);
  if (!expr)
    return false;
  switch (expr->getOpcode()) {
  case llvm::Instruction::GetElementPtr: {
    auto *gep = llvm::cast<llvm::GEPOperator>(expr);
    llvm::APInt offset(64, 0);
    if (!gep->accumulateConstantOffset(layout, offset))
      return false;
    result.offset += offset.getSExtValue();
    return evaluateAddress(llvm::cast<llvm::Constant>(gep->getPointerOperand()),
                           layout, result);
  }
  case llvm::Instruction::BitCast:
  case llvm::Instruction::AddrSpaceCast:
  case llvm::Instruction::IntToPtr:
  case llvm::Instruction::PtrToInt:
    if (layout.getTypeSizeInBits(expr->getType()) != 64 &&
        expr->getOpcode() != llvm::Instruction::BitCast)
      return false;
    return evaluateAddress(expr->getOperand(0), layout, result);
  case llvm::Instruction::Trunc: // to 32 bits: the writer truncates
    if (layout.getTypeSizeInBits(expr->getType()) != 32)
      return false;
    return evaluateAddress(expr->getOperand(0), layout, result);
  case llvm::Instruction::Add: {
    ConstantAddress left, right;
    if (!evaluateAddress(expr->getOperand(0), layout, left) ||
        !evaluateAddress(expr->getOperand(1), layout, right) ||
        (left.global && right.global) || left.minus || right.minus)
      return false;
    result.global = left.global ? left.global : right.global;
    result.offset += left.offset + right.offset;
    return true;
  }
  case llvm::Instruction::Sub: {
    ConstantAddress left, right;
    if (!evaluateAddress(expr->getOperand(0), layout, left) ||
        !evaluateAddress(expr->getOperand(1), layout, right) || left.minus ||
        right.minus || (right.global && !left.global) || result.global)
      return false;
    result.global = left.global;
    result.minus = right.global;
    result.offset += left.offset - right.offset;
    return true;
  }
  default:
    return false;
  }
}

namespace {

// Lays out a constant initialiser into a data object.
class InitialiserWriter {
public:
  InitialiserWriter(ModuleLowering::Context &context, DataObject &object,
                    const llvm::GlobalVariable &global)
      : context(context), layout(context.layout), object(object),
        global(global) {}

  void write(const llvm::Constant *c, uint64_t offset) {
    llvm::Type *type = c->getType();
    if (llvm::isa<llvm::ConstantAggregateZero>(c) ||
        llvm::isa<llvm::ConstantPointerNull>(c) ||
        llvm::isa<llvm::UndefValue>(c))
      return; // zero already
    if (auto *integer = llvm::dyn_cast<llvm::ConstantInt>(c))
      return writeBits(integer->getValue(), offset);
    if (auto *fp = llvm::dyn_cast<llvm::ConstantFP>(c)) {
      if (!type->isFloatTy() && !type->isDoubleTy())
        fail("floating-point type " + typeName(type));
      return writeBits(fp->getValueAPF().bitcastToAPInt(), offset);
    }
    if (auto *data = llvm::dyn_cast<llvm::ConstantDataSequential>(c)) {
      uint64_t step = layout.getTypeAllocSize(data->getElementType());
      for (unsigned i = 0; i < data->getNumElements(); ++i)
        write(data->getElementAsConstant(i), offset + i * step);
      return;
    }
    if (auto *structure = llvm::dyn_cast<llvm::ConstantStruct>(c)) {
      const llvm::StructLayout *fields =
          layout.getStructLayout(structure->getType());
      for (unsigned i = 0; i < structure->getNumOperands(); ++i)
        write(structure->getOperand(i),
              offset + fields->getElementOffset(i).getFixedValue());
      return;
    }
    if (llvm::isa<llvm::ConstantArray>(c) ||
        llvm::isa<llvm::ConstantVector>(c)) {
      llvm::Type *element =
          llvm::isa<llvm::ConstantArray>(c)
              ? type->getArrayElementType()
              : llvm::cast<llvm::VectorType>(type)->getElementType();
      uint64_t step = layout.getTypeAllocSize(element);
      for (unsigned i = 0; i < c->getNumOperands(); ++i)
        write(llvm::cast<llvm::Constant>(c->getOperand(i)), offset + i * step);
      return;
    }
    if (auto *block = llvm::dyn_cast<llvm::BlockAddress>(c))
      return writeBits(llvm::APInt(64, blockAddressId(block)), offset);
    ConstantAddress address;
    uint64_t size = layout.getTypeStoreSize(type);
    if ((size == 8 || size == 4) && evaluateAddress(c, layout, address)) {
      if (!address.global)
        return writeBits(
            llvm::APInt(unsigned(8 * size), uint64_t(address.offset)), offset);
      object.relocations.push_back(
          Relocation{offset, context.symbolOf(address.global), address.offset,
                     address.minus ? 1 + context.symbolOf(address.minus) : 0,
                     uint8_t(size)});
      return;
    }
    std::string text;
    llvm::raw_string_ostream os(text);
    c->print(os);
    fail("constant " + text);
  }

private:
  void writeBits(const llvm::APInt &value, uint64_t offset) {
    uint64_t bytes = (value.getBitWidth() + 7) / 8;
    for (uint64_t i = 0; i < bytes; ++i)
      object.bytes[offset + i] = uint8_t(value.extractBitsAsZExtValue(
          std::min<unsigned>(8, value.getBitWidth() - 8 * i), 8 * i));
  }
  std::string typeName(llvm::Type *type) {
    std::string text;
    llvm::raw_string_ostream os(text);
    type->print(os);
    return text;
  }
  [[noreturn]] void fail(const std::string &what) {
    throw Error("unsupported " + what + " in the initialiser of @" +
                global.getName().str());
  }

  ModuleLowering::Context &context;
  const llvm::DataLayout &layout;
  DataObject &object;
  const llvm::GlobalVariable &global;
};

} // namespace

uint64_t blockAddressId(const llvm::BlockAddress *block) {
  uint64_t index = 0;
  for (const llvm::BasicBlock &b : *block->getFunction()) {
    if (&b == block->getBasicBlock())
      break;
    ++index;
  }
  return 0xb10c000000000000 | index;
}

ModuleLowering::Context::Context(const llvm::Module &module,
                                 const ir::IRLines *lines)
    : module(module), layout(module.getDataLayout()), lines(lines) {
  size_t unnamed = 0;
  for (const llvm::Function &function : module) {
    if (function.isDeclaration())
      continue;
    functionIndex[&function] = uint32_t(skeleton.functions.size());
    Function &f = skeleton.functions.emplace_back();
    f.name = globalName(function, unnamed++);
  }
  for (const llvm::GlobalVariable &global : module.globals()) {
    if (global.isDeclaration())
      continue;
    dataIndex[&global] = uint32_t(skeleton.data.size());
    DataObject &d = skeleton.data.emplace_back();
    d.name = globalName(global, unnamed++);
    llvm::Type *type = global.getValueType();
    d.size = layout.getTypeAllocSize(type);
    d.alignment =
        std::max<uint64_t>(1, layout.getPreferredAlign(&global).value());
    d.writable = !global.isConstant();
  }
}

uint64_t ModuleLowering::Context::symbolOf(const llvm::GlobalValue *global) {
  if (auto *function = llvm::dyn_cast<llvm::Function>(global)) {
    auto it = functionIndex.find(function);
    if (it != functionIndex.end())
      return it->second;
  }
  if (auto *variable = llvm::dyn_cast<llvm::GlobalVariable>(global)) {
    auto it = dataIndex.find(variable);
    if (it != dataIndex.end())
      return skeleton.functions.size() + it->second;
  }
  return skeleton.functions.size() + skeleton.data.size() +
         importOf(global->getName().str());
}

uint64_t ModuleLowering::Context::calleeOf(const llvm::Function *function) {
  auto it = functionIndex.find(function);
  if (it != functionIndex.end())
    return it->second;
  return skeleton.functions.size() + importOf(function->getName().str());
}

uint32_t ModuleLowering::Context::importOf(const std::string &name) {
  auto [it, added] =
      importIndex.emplace(name, uint32_t(skeleton.imports.size()));
  if (added)
    skeleton.imports.push_back(name);
  return it->second;
}

uint32_t ModuleLowering::Context::textOf(const llvm::Instruction *instruction) {
  if (!options.sourceMap || !options.instructionTexts)
    return UINT32_MAX;
  auto [it, added] = irTextIndex.emplace(instruction, uint32_t(irTexts.size()));
  if (added) {
    auto text = printed.find(instruction);
    irTexts.push_back(text != printed.end() ? text->second : "");
  }
  return it->second;
}

namespace {

// Notes where each instruction starts in the function's printed text.
class InstructionOffsets : public llvm::AssemblyAnnotationWriter {
public:
  void emitInstructionAnnot(const llvm::Instruction *instruction,
                            llvm::formatted_raw_ostream &os) override {
    offsets.emplace_back(instruction, os.tell());
  }
  std::vector<std::pair<const llvm::Instruction *, uint64_t>> offsets;
};

} // namespace

void ModuleLowering::Context::describe(const llvm::Function &function) {
  localSlots.clear();
  printed.clear();
  if (!options.sourceMap)
    return;
  // The IR printer's numbering: unnamed arguments, then each unnamed block
  // and unnamed non-void instruction in order.
  unsigned next = 0;
  for (const llvm::Argument &argument : function.args())
    if (!argument.hasName())
      localSlots[&argument] = next++;
  for (const llvm::BasicBlock &block : function) {
    if (!block.hasName())
      localSlots[&block] = next++;
    for (const llvm::Instruction &instruction : block)
      if (!instruction.getType()->isVoidTy() && !instruction.hasName())
        localSlots[&instruction] = next++;
  }
  if (!options.instructionTexts)
    return;

  std::string text;
  llvm::raw_string_ostream os(text);
  InstructionOffsets offsets;
  function.print(os, &offsets);
  os.flush();
  for (const auto &[instruction, offset] : offsets.offsets) {
    size_t start = text.find_first_not_of(' ', offset);
    size_t end = text.find('\n', start);
    printed[instruction] = text.substr(start, end - start);
  }
}

ModuleLowering::ModuleLowering(const llvm::Module &module,
                               const ir::IRLines *lines, std::string sourceFile,
                               LoweringOptions options)
    : context(std::make_unique<Context>(module, lines)) {
  context->options = options;
  context->skeleton.sourceFile = std::move(sourceFile);
}

ModuleLowering::~ModuleLowering() = default;

const Module &ModuleLowering::symbols() const { return context->skeleton; }

Function ModuleLowering::lowerFunction(const llvm::Function &function,
                                       Origins &origins) {
  auto index = context->functionIndex.find(&function);
  if (index == context->functionIndex.end())
    throw Error("function '" + function.getName().str() +
                "' is not part of the module being lowered");
  Function out = context->skeleton.functions[index->second];
  origins.byInstruction.clear();
  FunctionLowering(*context, function, out, origins).run();
  return out;
}

Lowered ModuleLowering::lower() {
  Lowered result;
  for (const llvm::GlobalVariable &global : context->module.globals()) {
    if (global.isDeclaration())
      continue;
    DataObject &object = context->skeleton.data[context->dataIndex.at(&global)];
    object.bytes.assign(object.size, 0);
    InitialiserWriter(*context, object, global)
        .write(global.getInitializer(), 0);
    // Trailing zeros need not be stored (relocations need their bytes).
    uint64_t used = 0;
    for (uint64_t i = object.bytes.size(); i > 0; --i)
      if (object.bytes[i - 1]) {
        used = i;
        break;
      }
    for (const Relocation &r : object.relocations)
      used = std::max(used, r.offset + r.size);
    object.bytes.resize(used);
  }
  std::vector<Function> functions;
  for (const llvm::Function &function : context->module) {
    if (function.isDeclaration())
      continue;
    functions.push_back(lowerFunction(function, result.origins.emplace_back()));
  }
  result.module = context->skeleton;
  result.module.functions = std::move(functions);
  result.irTexts = context->irTexts;
  return result;
}

} // namespace comet::lowering
