// Builds a SourceMap from the LLVM module a Comet module was lowered from.
#include "debugger/source_map.h"
#include "lowering/lowering.h"

#include <llvm/IR/DataLayout.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/ModuleSlotTracker.h>
#include <llvm/Support/raw_ostream.h>

#include <fstream>

namespace comet::debugger {

namespace {

// As the IR refers to the type: named structs by name only.
std::string textOf(const llvm::Type *type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type->print(os, /*IsForDebug=*/false, /*NoDetails=*/true);
  return text;
}

class TypeRecorder {
public:
  TypeRecorder(const llvm::DataLayout &layout,
               std::map<std::string, IRType> &types)
      : layout(layout), types(types) {}

  // Records type and everything it is made of; returns its text.
  std::string record(llvm::Type *type) {
    std::string text = textOf(type);
    if (types.count(text))
      return text;
    IRType &entry = types[text];
    entry.text = text;
    if (!type->isSized()) {
      entry.kind = IRType::Kind::Other;
      return text;
    }
    entry.size = layout.getTypeAllocSize(type);
    entry.alignment = layout.getABITypeAlign(type).value();
    if (auto *integer = llvm::dyn_cast<llvm::IntegerType>(type)) {
      entry.kind = IRType::Kind::Integer;
      entry.bits = integer->getBitWidth();
    } else if (type->isFloatTy()) {
      entry.kind = IRType::Kind::Float;
    } else if (type->isDoubleTy()) {
      entry.kind = IRType::Kind::Double;
    } else if (type->isPointerTy()) {
      entry.kind = IRType::Kind::Pointer;
    } else if (auto *structure = llvm::dyn_cast<llvm::StructType>(type)) {
      entry.kind = IRType::Kind::Struct;
      const llvm::StructLayout *fields = layout.getStructLayout(structure);
      std::vector<IRType::Field> recorded;
      for (unsigned i = 0; i < structure->getNumElements(); ++i)
        recorded.push_back({fields->getElementOffset(i),
                            record(structure->getElementType(i))});
      types[text].fields = std::move(recorded); // record() may rehash
    } else if (auto *array = llvm::dyn_cast<llvm::ArrayType>(type)) {
      std::string element = record(array->getElementType());
      IRType &again = types[text];
      again.kind = IRType::Kind::Array;
      again.element = element;
      again.count = array->getNumElements();
      again.stride = layout.getTypeAllocSize(array->getElementType());
    } else if (auto *vector = llvm::dyn_cast<llvm::FixedVectorType>(type)) {
      std::string element = record(vector->getElementType());
      IRType &again = types[text];
      again.kind = IRType::Kind::Vector;
      again.element = element;
      again.count = vector->getNumElements();
      again.stride = layout.getTypeAllocSize(vector->getElementType());
    }
    return text;
  }

private:
  const llvm::DataLayout &layout;
  std::map<std::string, IRType> &types;
};

} // namespace

SourceMap buildSourceMap(const Module &module, const llvm::Module &ir,
                         const lowering::Lowered &lowered,
                         const std::string &irFile) {
  SourceMap map = plainSourceMap(module);
  map.fromIR = true;
  if (!irFile.empty() && map.sourceLines.empty()) {
    std::ifstream file(irFile);
    for (std::string line; std::getline(file, line);)
      map.sourceLines.push_back(line);
  }
  map.irTexts = lowered.irTexts;
  map.functions.resize(module.functions.size());

  const llvm::DataLayout &layout = ir.getDataLayout();
  TypeRecorder types(layout, map.types);
  llvm::ModuleSlotTracker slots(&ir);

  // Lowered functions come in the IR's order of definitions; match by name
  // in case the module given is not the lowered one itself.
  std::map<std::string, uint32_t> indexOf;
  for (uint32_t i = 0; i < module.functions.size(); ++i)
    indexOf[module.functions[i].name] = i;
  size_t lowIndex = 0;
  for (const llvm::Function &function : ir) {
    if (function.isDeclaration())
      continue;
    size_t origin = lowIndex++;
    auto found = indexOf.find(function.getName().str());
    if (found == indexOf.end())
      continue;
    FunctionMap &out = map.functions[found->second];
    if (origin < lowered.origins.size())
      out.origins = lowered.origins[origin].byInstruction;
    out.returnType = types.record(function.getReturnType());
    slots.incorporateFunction(function);
    auto nameOf = [&](const llvm::Value &value) -> std::string {
      if (value.hasName())
        return value.getName().str();
      int slot = slots.getLocalSlot(&value);
      return slot >= 0 ? std::to_string(slot) : "";
    };
    for (const llvm::Argument &argument : function.args()) {
      std::string name = nameOf(argument);
      if (!name.empty())
        out.values[name] = {types.record(argument.getType()), ""};
    }
    for (const llvm::BasicBlock &block : function)
      for (const llvm::Instruction &instruction : block) {
        if (instruction.getType()->isVoidTy())
          continue;
        std::string name = nameOf(instruction);
        if (name.empty())
          continue;
        IRValue value{types.record(instruction.getType()), ""};
        if (auto *alloca = llvm::dyn_cast<llvm::AllocaInst>(&instruction))
          value.allocatedType = types.record(alloca->getAllocatedType());
        out.values[name] = value;
      }
  }
  for (const llvm::GlobalVariable &global : ir.globals())
    if (!global.isDeclaration())
      map.globals[global.getName().str()] = types.record(global.getValueType());
  return map;
}

} // namespace comet::debugger
