#include "debugger/values.h"
#include "debugger/locations.h"
#include "debugger/text.h"

#include <cctype>
#include <set>

namespace comet::debugger {

namespace {

std::string lower(std::string text) {
  for (char &c : text)
    c = char(std::tolower((unsigned char)c));
  return text;
}

// The registers named `name`, or `name.0`, `name.1`, ... for the parts of
// an aggregate; `spelled` becomes the name as the module spells it, and
// `offset` what an address alias adds to its register.
std::vector<uint32_t> registersNamed(const Function &f, const std::string &name,
                                     bool foldCase, std::string *spelled,
                                     int64_t *offset = nullptr) {
  auto same = [&](const std::string &a, const std::string &b) {
    return foldCase ? lower(a) == lower(b) : a == b;
  };
  std::vector<RegisterAlias> names = registerNameList(f);
  for (const auto &[r, candidate, added] : names)
    if (same(candidate, name)) {
      if (spelled)
        *spelled = candidate;
      if (offset)
        *offset = added;
      return {r};
    }
  std::vector<uint32_t> parts;
  for (size_t part = 0;; ++part) {
    std::string wanted = name + "." + std::to_string(part);
    bool found = false;
    for (const auto &[r, candidate, added] : names)
      if (!found && !added && same(candidate, wanted)) {
        parts.push_back(r);
        found = true;
        if (spelled && part == 0)
          *spelled = candidate.substr(0, candidate.rfind('.'));
      }
    if (!found)
      break;
  }
  return parts;
}

} // namespace

ValueRef findValue(const Module &module, const SourceMap &map,
                   uint32_t function, const std::string &spec) {
  const Function &f = module.functions[function];
  ValueRef ref;
  if (spec.size() > 1 && spec[0] == '@') {
    std::string name = spec.substr(1);
    ref.kind = ValueRef::Kind::Global;
    ref.name = spec;
    for (size_t i = 0; i < module.data.size(); ++i)
      if (module.data[i].name == name)
        ref.data = int64_t(i);
    if (ref.data < 0) {
      for (size_t i = 0; i < module.data.size(); ++i)
        if (lower(module.data[i].name) == lower(name))
          ref.data = int64_t(i);
    }
    if (ref.data >= 0) {
      auto type = map.globals.find(module.data[ref.data].name);
      if (type != map.globals.end())
        ref.type = type->second;
      ref.name = "@" + module.data[ref.data].name;
      return ref;
    }
    try {
      ref.function = findFunction(module, name);
      ref.name = "@" + module.functions[ref.function].name;
      ref.type = "ptr";
      return ref;
    } catch (const Error &) {
      throw Error("no global '" + spec + "'");
    }
  }
  if (spec.size() > 1 && spec[0] == 'r' &&
      spec.find_first_not_of("0123456789", 1) == std::string::npos) {
    uint32_t r = uint32_t(std::stoul(spec.substr(1)));
    if (r >= f.numRegs)
      throw Error("no register " + spec + " in @" + f.name + " (it has r0..r" +
                  std::to_string(f.numRegs - 1) + ")");
    ref.name = spec;
    ref.registers = {r};
    return ref;
  }
  std::string name = spec[0] == '%' ? spec.substr(1) : spec;
  if (name.empty())
    throw Error("empty value name");
  // The name as the module spells it (it may differ in case).
  std::string spelled;
  ref.registers = registersNamed(f, name, false, &spelled, &ref.offset);
  if (ref.registers.empty())
    ref.registers = registersNamed(f, name, true, &spelled, &ref.offset);
  if (ref.registers.empty())
    throw Error("no value '%" + name + "' in @" + f.name);
  ref.name = "%" + spelled;
  if (const IRValue *ir = map.value(function, spelled)) {
    ref.type = ir->type;
    ref.allocatedType = ir->allocatedType;
  }
  return ref;
}

std::vector<std::string> valueNames(const Module &module, uint32_t function) {
  const Function &f = module.functions[function];
  std::vector<std::string> names;
  std::set<std::string> seen;
  std::vector<RegisterAlias> list = registerNameList(f);
  for (auto [r, name, offset] : list) {
    if (r == 0)
      continue;
    // name.0 and name.1 are the parts of one aggregate value.
    size_t dot = name.rfind('.');
    if (dot != std::string::npos && dot + 1 < name.size() &&
        name.find_first_not_of("0123456789", dot + 1) == std::string::npos) {
      std::string whole = name.substr(0, dot);
      bool isPart = true;
      for (const auto &other : list)
        if (other.name == whole)
          isPart = false; // a value really named "x.1" next to "x"
      if (isPart && registersNamed(f, whole, false, nullptr).size() > 1)
        name = whole;
    }
    if (seen.insert(name).second)
      names.push_back("%" + name);
  }
  return names;
}

} // namespace comet::debugger
