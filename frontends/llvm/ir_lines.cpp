#include "llvm/ir_lines.h"

#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>

#include <fstream>
#include <vector>

namespace comet::ir {

namespace {

// Brackets opened minus closed outside string literals.
int bracketBalance(const std::string &line) {
  int balance = 0;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"')
      quoted = !quoted;
    else if (quoted && c == '\\')
      ++i;
    else if (!quoted && c == ';')
      break;
    else if (!quoted && (c == '[' || c == '('))
      ++balance;
    else if (!quoted && (c == ']' || c == ')'))
      --balance;
  }
  return balance;
}

bool isLabel(const std::string &line, size_t start) {
  if (start != 0)
    return false;
  if (line[0] == '"')
    return line.find("\":") != std::string::npos;
  size_t colon = line.find(':');
  if (colon == std::string::npos)
    return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = line[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
          c == '$' || c == '-'))
      return false;
  }
  return true;
}

} // namespace

IRLines::IRLines(const std::string &irFile, const llvm::Module &module) {
  std::ifstream file(irFile);
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);)
    lines.push_back(line);

  // Instruction positions of each definition, in text order.
  std::vector<std::vector<SourceLocation>> bodies;
  std::vector<SourceLocation> *body = nullptr;
  int pending = 0; // open brackets of a multi-line instruction
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string &line = lines[n];
    if (!body) {
      if (line.rfind("define ", 0) == 0 && line.find('{') != std::string::npos)
        body = &bodies.emplace_back();
      continue;
    }
    if (line == "}") {
      body = nullptr;
      continue;
    }
    size_t start = line.find_first_not_of(" \t");
    if (pending > 0) {
      pending += bracketBalance(line);
      continue;
    }
    if (start == std::string::npos || line[start] == ';' ||
        line.compare(start, 5, "#dbg_") == 0 || isLabel(line, start))
      continue;
    body->push_back(SourceLocation{uint32_t(n + 1), uint32_t(start + 1)});
    pending = bracketBalance(line);
    if (pending < 0)
      pending = 0;
  }

  size_t index = 0;
  for (const llvm::Function &function : module) {
    if (function.isDeclaration())
      continue;
    if (index >= bodies.size())
      break;
    const std::vector<SourceLocation> &found = bodies[index++];
    size_t count = function.getInstructionCount();
    if (found.size() != count)
      continue;
    size_t i = 0;
    for (const llvm::BasicBlock &block : function)
      for (const llvm::Instruction &instruction : block)
        locations[&instruction] = found[i++];
  }
}

SourceLocation IRLines::locate(const llvm::Instruction *instruction) const {
  auto it = locations.find(instruction);
  return it == locations.end() ? SourceLocation{} : it->second;
}

} // namespace comet::ir
