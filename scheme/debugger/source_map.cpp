#include "debugger/source_map.h"

#include <fstream>

namespace comet::debugger {

uint32_t SourceMap::origin(uint32_t function, uint32_t pc) const {
  const FunctionMap *map = this->function(function);
  if (!map || pc >= map->origins.size())
    return NoOrigin;
  return map->origins[pc];
}

std::string SourceMap::irText(uint32_t function, uint32_t pc) const {
  uint32_t index = origin(function, pc);
  return index < irTexts.size() ? irTexts[index] : "";
}

const IRValue *SourceMap::value(uint32_t function,
                                const std::string &name) const {
  const FunctionMap *map = this->function(function);
  if (!map)
    return nullptr;
  auto it = map->values.find(name);
  return it == map->values.end() ? nullptr : &it->second;
}

const IRType *SourceMap::type(const std::string &text) const {
  auto it = types.find(text);
  return it == types.end() ? nullptr : &it->second;
}

std::string SourceMap::line(uint32_t number) const {
  return number >= 1 && number <= sourceLines.size() ? sourceLines[number - 1]
                                                     : "";
}

SourceMap plainSourceMap(const Module &module) {
  SourceMap map;
  map.sourceFile = module.sourceFile;
  if (!module.sourceFile.empty()) {
    std::ifstream file(module.sourceFile);
    for (std::string line; std::getline(file, line);)
      map.sourceLines.push_back(line);
  }
  return map;
}

bool isStatementStart(const Module &module, const SourceMap &map,
                      uint32_t function, uint32_t pc) {
  const FunctionMap *ir = map.function(function);
  if (ir && !ir->origins.empty()) {
    uint32_t here = map.origin(function, pc);
    return here != NoOrigin &&
           (pc == 0 || map.origin(function, pc - 1) != here);
  }
  const Function &f = module.functions[function];
  if (f.locations.empty())
    return true;
  uint32_t line = pc < f.locations.size() ? f.locations[pc].line : 0;
  return line != 0 && (pc == 0 || f.locations[pc - 1].line != line);
}

} // namespace comet::debugger
