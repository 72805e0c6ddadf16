// The resolve pass: a DraftModule's names become numbers. Global names may
// be defined after their use, and an undefined one is a host import.
#include "asm/draft.h"
#include "asm/spelling.h"

#include <algorithm>
#include <set>

namespace comet::assembly {

namespace {

class Resolver {
public:
  Resolver(const SourceText &source, DraftModule &draft)
      : source_(source), draft_(draft) {}

  Module run() {
    module_.sourceFile = draft_.sourceFile;
    for (size_t i = 0; i < draft_.functions.size(); ++i)
      functions_[draft_.functions[i].name.name] = i;
    for (size_t i = 0; i < draft_.data.size(); ++i)
      data_[draft_.data[i].object.name] = i;
    for (const NameUse &import : draft_.imports) {
      if (functions_.count(import.name) || data_.count(import.name))
        source_.fail(import.at, inSingleQuotes(globalSpelling(import.name)) +
                                    " is defined in this module and cannot "
                                    "also be imported");
      addImport(import.name);
    }
    for (const NameUse &mention : draft_.mentions)
      if (!functions_.count(mention.name) && !data_.count(mention.name) &&
          !imports_.count(mention.name))
        addImport(mention.name);
    for (DraftFunction &function : draft_.functions)
      module_.functions.push_back(resolveFunction(function));
    for (DraftData &data : draft_.data) {
      for (const GlobalUse &use : data.relocations)
        data.object.relocations[use.slot].symbol = symbolIndex(use.global);
      for (const GlobalUse &use : data.subtrahends)
        data.object.relocations[use.slot].minus = 1 + symbolIndex(use.global);
      module_.data.push_back(std::move(data.object));
    }
    return std::move(module_);
  }

private:
  void addImport(const std::string &name) {
    imports_[name] = module_.imports.size();
    module_.imports.push_back(name);
  }

  uint64_t symbolIndex(const NameUse &use) const {
    if (auto found = functions_.find(use.name); found != functions_.end())
      return found->second;
    size_t functionCount = draft_.functions.size();
    if (auto found = data_.find(use.name); found != data_.end())
      return functionCount + found->second;
    return functionCount + draft_.data.size() + imports_.at(use.name);
  }

  uint64_t calleeIndex(const NameUse &use) const {
    if (data_.count(use.name))
      source_.fail(use.at, "cannot call data object " +
                               inSingleQuotes(globalSpelling(use.name)) +
                               "; a callee is a function or an import");
    if (auto found = functions_.find(use.name); found != functions_.end())
      return found->second;
    return draft_.functions.size() + imports_.at(use.name);
  }

  // Parameters and .locals take r1, r2, ... in order; other %names take
  // the next numbers not written as rN anywhere in the function.
  void assignRegisters(DraftFunction &draft, Function &function) {
    std::map<std::string, uint32_t> numbers;
    std::vector<std::string> names(1);
    auto declare = [&](const NameUse &use) {
      uint32_t number = static_cast<uint32_t>(names.size());
      names.push_back(use.name);
      if (!use.name.empty() && !numbers.emplace(use.name, number).second)
        source_.fail(use.at, "duplicate register name " +
                                 inSingleQuotes(registerSpelling(use.name)));
    };
    for (const NameUse &param : draft.params)
      declare(param);
    for (const NameUse &local : draft.locals)
      declare(local);
    auto declared = static_cast<uint32_t>(names.size());
    std::set<std::string> addresses; // aliases with an offset
    for (const auto &[alias, target, offset] : draft.aliases) {
      auto found = numbers.find(target.name);
      if (found == numbers.end())
        source_.fail(target.at,
                     "alias of " +
                         inSingleQuotes(registerSpelling(target.name)) +
                         ", which is no parameter or .locals name");
      // An address alias is no register: instructions cannot name it.
      if (numbers.count(alias.name) || addresses.count(alias.name))
        source_.fail(alias.at,
                     "duplicate register name " +
                         inSingleQuotes(registerSpelling(alias.name)));
      if (offset)
        addresses.insert(alias.name);
      else
        numbers.emplace(alias.name, found->second);
      function.registerAliases.push_back({found->second, alias.name, offset});
    }

    std::set<uint32_t> written;
    for (const DraftInstruction &instruction : draft.code)
      for (const RegisterUse &use : instruction.registers)
        if (use.number)
          written.insert(*use.number);

    uint32_t nextFree = declared;
    uint32_t highest = 0;
    for (DraftInstruction &instruction : draft.code) {
      for (const RegisterUse &use : instruction.registers) {
        uint32_t number = 0;
        if (use.number) {
          number = *use.number;
        } else if (auto found = numbers.find(use.name.name);
                   found != numbers.end()) {
          number = found->second;
        } else if (addresses.count(use.name.name)) {
          source_.fail(use.name.at,
                       inSingleQuotes(registerSpelling(use.name.name)) +
                           " is an address alias (a register plus an "
                           "offset), not a register");
        } else {
          while (written.count(nextFree))
            ++nextFree;
          number = nextFree++;
          numbers.emplace(use.name.name, number);
          names.resize(std::max<size_t>(names.size(), number + 1));
          names[number] = use.name.name;
        }
        highest = std::max(highest, number);
        instruction.instruction.operands[use.slot] = number;
      }
    }
    function.numParams = static_cast<uint32_t>(draft.params.size());
    function.numRegs =
        std::max({draft.minimumRegisters, highest + 1, declared});
    bool anyName = std::any_of(names.begin(), names.end(),
                               [](const std::string &n) { return !n.empty(); });
    if (anyName) {
      names.resize(function.numRegs);
      function.registerNames = std::move(names);
    }
  }

  Function resolveFunction(DraftFunction &draft) {
    Function function;
    function.name = draft.name.name;
    assignRegisters(draft, function);
    for (DraftInstruction &instruction : draft.code) {
      std::vector<uint64_t> &operands = instruction.instruction.operands;
      for (const LabelUse &use : instruction.labels) {
        auto found = draft.labels.find(use.label.name);
        if (found == draft.labels.end())
          source_.fail(use.label.at,
                       "undefined label '" + use.label.name + "'");
        operands[use.slot] = found->second;
      }
      for (const GlobalUse &use : instruction.globals)
        operands[use.slot] =
            use.callee ? calleeIndex(use.global) : symbolIndex(use.global);
      function.code.push_back(std::move(instruction.instruction));
    }
    function.labelNames = std::move(draft.labelNames);
    // Without any .loc the function has no locations at all.
    bool anyLocation = std::any_of(
        draft.locations.begin(), draft.locations.end(),
        [](const SourceLocation &l) { return l != SourceLocation{}; });
    if (anyLocation)
      function.locations = std::move(draft.locations);
    return function;
  }

  const SourceText &source_;
  DraftModule &draft_;
  Module module_;
  std::map<std::string, size_t> functions_, data_, imports_;
};

} // namespace

Module resolveDraft(DraftModule draft, const SourceText &source) {
  return Resolver(source, draft).run();
}

} // namespace comet::assembly
