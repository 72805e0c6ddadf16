#include "debugger/locations.h"
#include "debugger/text.h"

#include <algorithm>
#include <cctype>

namespace comet::debugger {

namespace {

bool allDigits(const std::string &text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit((unsigned char)c);
  });
}

std::string lower(std::string text) {
  for (char &c : text)
    c = char(std::tolower((unsigned char)c));
  return text;
}

uint32_t parseNumber(const std::string &text, const std::string &what) {
  if (!allDigits(text) || text.size() > 9)
    throw Error("expected " + what + ", found '" + text + "'");
  return uint32_t(std::stoul(text));
}

// The register a %name or rN names in a function, if any.
std::optional<uint32_t> namedRegister(const Function &function,
                                      const std::string &name) {
  for (const RegisterAlias &named : registerNameList(function))
    if (named.name == name)
      return named.reg;
  return std::nullopt;
}

std::vector<Location> valueLocation(const Module &module, const SourceMap &map,
                                    uint32_t function, std::string value) {
  if (!value.empty() && value[0] == '%')
    value.erase(0, 1);
  const Function &f = module.functions[function];
  // Lowered code: the first Comet instruction of the IR instruction
  // "%value = ...".
  std::string prefix = "%" + value + " = ";
  for (uint32_t pc = 0; pc < f.code.size(); ++pc)
    if (map.irText(function, pc).rfind(prefix, 0) == 0)
      return {{function, pc}};
  // Otherwise the first instruction that writes the register of that name.
  std::optional<uint32_t> reg = namedRegister(f, value);
  if (!reg) {
    std::string folded = lower(value);
    for (const RegisterAlias &named : registerNameList(f))
      if (!reg && lower(named.name) == folded)
        reg = named.reg;
  }
  if (reg) {
    for (uint32_t pc = 0; pc < f.code.size(); ++pc) {
      const Instruction &instruction = f.code[pc];
      bool writes = false;
      forEachRegisterOperand(instruction, [&](size_t slot, uint64_t count,
                                              bool written) {
        uint64_t first = instruction.operands[slot];
        writes = writes || (written && *reg >= first && *reg < first + count);
      });
      if (writes)
        return {{function, pc}};
    }
  }
  throw Error("no value '%" + value + "' in @" + f.name);
}

std::vector<Location> lineLocation(const Module &module, uint32_t line,
                                   const std::string &file) {
  // The first line at or after `line` that has code, then the first
  // instruction of each function at that line.
  uint32_t best = UINT32_MAX;
  for (const Function &f : module.functions)
    for (const SourceLocation &location : f.locations)
      if (location.line >= line && location.line < best)
        best = location.line;
  if (best == UINT32_MAX)
    throw Error("no code at line " + std::to_string(line) +
                (file.empty() ? "" : " of " + file) + " or after it");
  std::vector<Location> result;
  for (uint32_t function = 0; function < module.functions.size(); ++function) {
    const Function &f = module.functions[function];
    for (uint32_t pc = 0; pc < f.locations.size(); ++pc)
      if (f.locations[pc].line == best) {
        result.push_back({function, pc});
        break;
      }
  }
  return result;
}

} // namespace

uint32_t findFunction(const Module &module, std::string name) {
  if (!name.empty() && name[0] == '@')
    name.erase(0, 1);
  for (uint32_t i = 0; i < module.functions.size(); ++i)
    if (module.functions[i].name == name)
      return i;
  std::optional<uint32_t> found;
  std::string folded = lower(name);
  for (uint32_t i = 0; i < module.functions.size(); ++i)
    if (lower(module.functions[i].name) == folded) {
      if (found)
        throw Error("no function '" + name + "' (several differ only in case)");
      found = i;
    }
  if (!found)
    throw Error("no function '" + name + "'");
  return *found;
}

uint32_t firstStatement(const Module &module, const SourceMap &map,
                        uint32_t function) {
  const Function &f = module.functions[function];
  for (uint32_t pc = 0; pc < f.code.size(); ++pc)
    if (isStatementStart(module, map, function, pc))
      return pc;
  return 0;
}

std::vector<Location> resolveLocation(const Module &module,
                                      const SourceMap &map,
                                      const std::string &spec,
                                      std::optional<uint32_t> current) {
  if (spec.empty())
    throw Error("empty location");
  auto currentFunction = [&](const std::string &what) {
    if (!current)
      throw Error("'" + what +
                  "' needs a function: the program is not "
                  "running (write FUNCTION:" +
                  what + ")");
    return *current;
  };
  if (spec[0] == '*') { // *PC or *FUNCTION:PC
    std::string rest = spec.substr(1);
    size_t colon = rest.rfind(':');
    uint32_t function = colon == std::string::npos
                            ? currentFunction(spec)
                            : findFunction(module, rest.substr(0, colon));
    uint32_t pc = parseNumber(
        colon == std::string::npos ? rest : rest.substr(colon + 1), "a pc");
    const Function &f = module.functions[function];
    if (pc >= f.code.size())
      throw Error("no instruction " + std::to_string(pc) + " in @" + f.name +
                  " (it has " + std::to_string(f.code.size()) + ")");
    return {{function, pc}};
  }
  if (spec[0] == '%')
    return valueLocation(module, map, currentFunction(spec), spec);
  if (allDigits(spec))
    return lineLocation(module, parseNumber(spec, "a line"), "");
  size_t colon = spec.rfind(':');
  if (colon != std::string::npos && colon > 0) {
    std::string before = spec.substr(0, colon), after = spec.substr(colon + 1);
    if (!after.empty() && after[0] == '%')
      return valueLocation(module, map, findFunction(module, before), after);
    if (allDigits(after))
      return lineLocation(module, parseNumber(after, "a line"), before);
  }
  uint32_t function = findFunction(module, spec);
  return {{function, firstStatement(module, map, function)}};
}

} // namespace comet::debugger
