#include "comet/module.h"

namespace comet {

std::string Module::symbolName(uint64_t symbol) const {
  if (symbol < functions.size())
    return functions[symbol].name;
  symbol -= functions.size();
  if (symbol < data.size())
    return data[symbol].name;
  symbol -= data.size();
  return symbol < imports.size() ? imports[symbol] : std::string();
}

std::string Module::calleeName(uint64_t callee) const {
  if (callee < functions.size())
    return functions[callee].name;
  callee -= functions.size();
  return callee < imports.size() ? imports[callee] : std::string();
}

} // namespace comet
