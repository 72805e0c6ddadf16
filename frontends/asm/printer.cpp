// The printer: a module as Comet assembly that parses back to the same
// module. Data objects are printed by data_printer.cpp.
#include "asm/printer.h"
#include "asm/assembly.h"
#include "asm/spelling.h"

#include <set>

namespace comet::assembly {

namespace {

constexpr size_t LineWidth = 80;

std::string calleeSpelling(const Module &module, uint64_t callee) {
  std::string name = module.calleeName(callee);
  if (name.empty())
    name = "<invalid callee " + std::to_string(callee) + ">";
  return globalSpelling(name);
}

std::string symbolSpelling(const Module &module, uint64_t symbol) {
  std::string name = module.symbolName(symbol);
  if (name.empty())
    name = "<invalid symbol " + std::to_string(symbol) + ">";
  return globalSpelling(name);
}

class FunctionPrinter {
public:
  FunctionPrinter(const Module &module, const Function &function,
                  const PrintOptions &options)
      : module_(module), function_(function), options_(options) {
    nameLabels();
  }

  std::string run() {
    printHeader();
    SourceLocation previous;
    for (size_t index = 0; index < function_.code.size(); ++index) {
      printLabel(index);
      SourceLocation location = index < function_.locations.size()
                                    ? function_.locations[index]
                                    : SourceLocation{};
      if (location != previous)
        out_ += "  .loc " + std::to_string(location.line) + " " +
                std::to_string(location.column) + "\n";
      previous = location;
      printComment(index);
      out_ += "  " + instructionText(function_.code[index]) + "\n";
    }
    // Labels past the last instruction make an invalid module; they are
    // shown anyway (and the parser will reject them).
    for (const auto &[index, name] : labels_)
      if (index >= function_.code.size())
        out_ += labelSpelling(name) + ":\n";
    return out_ + ".end\n";
  }

  // One instruction, without indent or comment.
  std::string instructionText(size_t index) const {
    return instructionText(function_.code.at(index));
  }

  std::string instructionText(const Instruction &instruction) const {
    OpcodeInfo info = opcodeInfo(instruction.op);
    const std::vector<uint64_t> &operands = instruction.operands;
    size_t slot = 0;
    // A malformed instruction with too few operands reads as zeros.
    auto next = [&]() -> uint64_t {
      return slot < operands.size() ? operands[slot++] : (slot++, 0);
    };
    std::string out(info.mnemonic);
    const char *separator = " ";
    for (char kind : info.operands) {
      out += separator;
      separator = ", ";
      switch (kind) {
      case 'd':
      case 'r':
      case 'v':
      case 'w':
        out += registerName(next());
        break;
      case 'i':
      case 'n':
        out += std::to_string(static_cast<int64_t>(next()));
        break;
      case 'x':
        out += formatF64(next());
        break;
      case 'y':
        out += formatF32(next());
        break;
      case 'l':
        out += labelName(next());
        break;
      case 'c':
        out += calleeSpelling(module_, next());
        break;
      case 's':
        out += symbolSpelling(module_, next());
        break;
      case 'D':
      case 'R': {
        uint64_t count = next();
        out += "[";
        for (uint64_t i = 0; i < count && slot < operands.size(); ++i)
          out += (i ? ", " : "") + registerName(next());
        out += "]";
        break;
      }
      case 't': {
        uint64_t count = next();
        out += "[";
        for (uint64_t i = 0; i < count && slot < operands.size(); ++i) {
          out += (i ? ", " : "") + std::to_string(static_cast<int64_t>(next()));
          out += ": " + labelName(next());
        }
        out += "]";
        break;
      }
      }
    }
    return out;
  }

private:
  // Stored label names, and "L<index>" for branch targets without one.
  void nameLabels() {
    labels_ = function_.labelNames;
    std::set<std::string> taken;
    for (const auto &[index, name] : labels_)
      taken.insert(name);
    auto nameTarget = [&](uint64_t target) {
      auto index = static_cast<uint32_t>(target);
      if (labels_.count(index))
        return;
      std::string base = "L";
      base += std::to_string(index);
      std::string name = base;
      for (unsigned suffix = 1; taken.count(name); ++suffix)
        name = base + "." + std::to_string(suffix);
      taken.insert(name);
      labels_[index] = name;
    };
    for (const Instruction &instruction : function_.code) {
      const std::vector<uint64_t> &operands = instruction.operands;
      size_t slot = 0;
      for (char kind : opcodeInfo(instruction.op).operands) {
        if (slot >= operands.size())
          break;
        if (kind == 'l') {
          nameTarget(operands[slot++]);
        } else if (kind == 't') {
          uint64_t count = operands[slot++];
          for (uint64_t i = 0; i < count && slot + 1 < operands.size(); ++i) {
            nameTarget(operands[slot + 1]);
            slot += 2;
          }
        } else if (kind == 'D' || kind == 'R') {
          slot += 1 + operands[slot];
        } else {
          ++slot;
        }
      }
    }
  }

  std::string registerName(uint64_t number) const {
    if (number < function_.registerNames.size() &&
        !function_.registerNames[number].empty())
      return registerSpelling(function_.registerNames[number]);
    std::string raw = "r";
    return raw += std::to_string(number);
  }

  bool anyRegisterName() const {
    for (const std::string &name : function_.registerNames)
      if (!name.empty())
        return true;
    return false;
  }

  void printHeader() {
    out_ = ".func " + globalSpelling(function_.name) + "(";
    for (uint32_t i = 1; i <= function_.numParams; ++i)
      out_ += (i > 1 ? ", " : "") + registerName(i);
    out_ += ") regs " + std::to_string(function_.numRegs) + "\n";
    if (!anyRegisterName())
      return;
    // .locals names every register after the parameters, so that the
    // parser numbers them exactly as here.
    std::string line;
    for (uint32_t i = function_.numParams + 1; i < function_.numRegs; ++i) {
      const std::vector<std::string> &names = function_.registerNames;
      bool named = i < names.size() && !names[i].empty();
      std::string name = named ? registerSpelling(names[i]) : "_";
      if (!line.empty() && line.size() + name.size() + 2 > LineWidth) {
        out_ += line + "\n";
        line.clear();
      }
      line += line.empty() ? "  .locals " : ", ";
      line += name;
    }
    if (!line.empty())
      out_ += line + "\n";
    // (An alias of an unnamed register has nothing to name it by here.)
    for (const auto &[reg, name, offset] : function_.registerAliases)
      if (std::string target = registerName(reg); target[0] == '%')
        out_ += "  .alias " + registerSpelling(name) + ", " + target +
                (offset < 0   ? " - " + std::to_string(0 - uint64_t(offset))
                 : offset > 0 ? " + " + std::to_string(offset)
                              : "") +
                "\n";
  }

  void printLabel(size_t index) {
    auto found = labels_.find(static_cast<uint32_t>(index));
    if (found != labels_.end())
      out_ += labelSpelling(found->second) + ":\n";
  }

  void printComment(size_t index) {
    if (!options_.commentFor)
      return;
    std::string comment = options_.commentFor(function_, index);
    size_t begin = 0;
    while (begin < comment.size()) {
      size_t end = comment.find('\n', begin);
      if (end == std::string::npos)
        end = comment.size();
      out_ += "  ; " + comment.substr(begin, end - begin) + "\n";
      begin = end + 1;
    }
  }

  std::string labelName(uint64_t target) const {
    // nameLabels() named every target.
    return labelSpelling(labels_.at(static_cast<uint32_t>(target)));
  }

private:
  const Module &module_;
  const Function &function_;
  const PrintOptions &options_;
  std::map<uint32_t, std::string> labels_;
  std::string out_;
};

} // namespace

std::string print(const Module &module, const PrintOptions &options) {
  std::vector<std::string> sections;
  if (!module.sourceFile.empty())
    sections.push_back(".source " + quoted(module.sourceFile) + "\n");
  if (!module.imports.empty()) {
    std::string imports;
    for (const std::string &name : module.imports)
      imports +=
          ".import " + (isWord(name) ? name : globalSpelling(name)) + "\n";
    sections.push_back(imports);
  }
  for (const DataObject &object : module.data)
    sections.push_back(printData(module, object));
  for (const Function &function : module.functions)
    sections.push_back(FunctionPrinter(module, function, options).run());
  std::string out;
  for (const std::string &section : sections)
    out += (out.empty() ? "" : "\n") + section;
  return out;
}

std::string printInstruction(const Module &module, const Function &function,
                             size_t index) {
  return FunctionPrinter(module, function, {}).instructionText(index);
}

} // namespace comet::assembly
