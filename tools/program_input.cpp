#include "program_input.h"
#include "input/input.h"
#include "lowering/lowering.h"
#include "llvm/ir_lines.h"
#include "llvm/ir_reader.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <memory>
#include <sstream>

namespace comet::tools {

std::vector<std::string> splitFlags(const std::string &flags) {
  std::istringstream in(flags);
  std::vector<std::string> result;
  for (std::string flag; in >> flag;)
    result.push_back(flag);
  return result;
}

IRProgram::IRProgram() : context(std::make_unique<llvm::LLVMContext>()) {}
IRProgram::~IRProgram() = default;

namespace {

lowering::Lowered lower(const IRProgram &program, bool instructionTexts) {
  lowering::LoweringOptions options;
  options.instructionTexts = instructionTexts;
  return lowering::ModuleLowering(*program.module, program.lines.get(),
                                  program.sourceFile, options)
      .lower();
}

} // namespace

ProgramInput readProgram(const std::string &path,
                         const std::vector<std::string> &cflags,
                         bool instructionTexts) {
  ProgramInput input;
  if (!ir::isIRInput(path)) {
    input.module = input::loadModule(path);
    return input;
  }
  auto program = std::make_shared<IRProgram>();
  ir::ReadOptions options;
  options.cflags = cflags;
  ir::ReadResult read = ir::readIR(path, *program->context, options);
  if (!read.irFile.empty())
    program->lines = std::make_unique<ir::IRLines>(read.irFile, *read.module);
  program->module = std::move(read.module);
  program->irFile = read.irFile;
  program->sourceFile = read.irFile.empty() ? path : read.irFile;
  try {
    program->lowered = lower(*program, instructionTexts);
  } catch (const Error &e) {
    throw Error(path + ": error: " + e.what());
  }
  input.module = program->lowered.module;
  input.ir = program;
  // Comment each run of instructions with the IR instruction it came from,
  // once.
  input.printOptions.commentFor = [program](const Function &function,
                                            size_t index) -> std::string {
    const lowering::Lowered &lowered = program->lowered;
    size_t f = &function - lowered.module.functions.data();
    if (f >= lowered.origins.size())
      for (f = 0; f < lowered.module.functions.size(); ++f)
        if (lowered.module.functions[f].name == function.name)
          break;
    if (f >= lowered.origins.size())
      return "";
    const auto &origins = lowered.origins[f].byInstruction;
    if (index >= origins.size() || origins[index] == UINT32_MAX ||
        (index > 0 && origins[index - 1] == origins[index]))
      return "";
    return lowered.irTexts[origins[index]];
  };
  return input;
}

void addInstructionTexts(ProgramInput &input) {
  if (input.ir && input.ir->lowered.irTexts.empty())
    input.ir->lowered = lower(*input.ir, true);
}

} // namespace comet::tools
