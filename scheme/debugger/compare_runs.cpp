#include "debugger/compare_runs.h"
#include "debugger/format.h"
#include "debugger/text.h"

#include <map>
#include <sstream>

namespace comet::debugger {

namespace {

// ---- one side: a fresh run of a target's module, its output captured

struct Side {
  Side(Target &target, const CompareSettings &settings, const char *role)
      : target(target), settings(settings), role(role) {}

  // Loads the module again: every phase starts from a fresh run.
  Program &restart() {
    output.clear();
    input.clear();
    input.str(settings.input);
    ProgramOptions options;
    options.limits.maxSteps = settings.maxSteps;
    options.deterministicTime = true;
    options.input = &input;
    options.output = [this](int, std::string_view bytes) {
      output.append(bytes);
    };
    program = std::make_unique<Program>(vm, target.module(), options);
    return *program;
  }
  const Module &module() const { return target.module(); }
  Frame innermost() const { return program->frame(program->frameCount() - 1); }

  Target &target;
  const CompareSettings &settings;
  const char *role; // "good" or "bad"
  VM vm;
  std::string output; // of the current run
  std::string traced; // of the run traceCalls made
  std::istringstream input;
  std::unique_ptr<Program> program;
};

// Registers an instruction writes (its d operands, D lists and v lanes).
std::vector<uint32_t> destinations(const Instruction &instruction) {
  std::vector<uint32_t> written;
  forEachRegisterOperand(
      instruction, [&](size_t slot, uint64_t count, bool isWritten) {
        for (uint64_t k = 0; isWritten && k < count; ++k)
          written.push_back(uint32_t(instruction.operands[slot] + k));
      });
  return written;
}

bool isStore(Opcode op) {
  return op == Opcode::ST_8 || op == Opcode::ST_16 || op == Opcode::ST_32 ||
         op == Opcode::ST_64;
}

bool isCall(Opcode op) { return op == Opcode::CALL || op == Opcode::CALLI; }

std::vector<uint64_t> returnedValues(const Instruction &ret,
                                     const uint64_t *registers) {
  std::vector<uint64_t> values;
  for (size_t i = 1; i < ret.operands.size(); ++i)
    values.push_back(registers[ret.operands[i]]);
  return values;
}

std::string ordinal(size_t n) {
  const char *suffix = n % 100 / 10 == 1 ? "th"
                       : n % 10 == 1     ? "st"
                       : n % 10 == 2     ? "nd"
                       : n % 10 == 3     ? "rd"
                                         : "th";
  return std::to_string(n) + suffix;
}

// ---- calls: traced with breakpoints at entries and returns

struct Call {
  uint32_t function = 0;
  size_t occurrence = 0; // the how-manieth call of its function, from 0
  size_t depth = 0;
  uint64_t serial = 0;
  std::vector<uint64_t> arguments;
  bool returned = false;
  std::vector<uint64_t> results;
  size_t outputBefore = 0, outputAfter = 0;
  size_t returnOrder = SIZE_MAX;
};

std::vector<Call> traceCalls(Side &side) {
  Program &program = side.restart();
  const Module &module = side.module();
  for (uint32_t f = 0; f < module.functions.size(); ++f)
    for (uint32_t pc = 0; pc < module.functions[f].code.size(); ++pc)
      if (pc == 0 || module.functions[f].code[pc].op == Opcode::RET)
        program.setBreakpoint(f, pc);
  program.startMain(side.target.arguments());
  std::vector<Call> calls;
  std::vector<size_t> open; // calls not yet returned, innermost last
  std::vector<size_t> occurrences(module.functions.size());
  size_t returns = 0;
  for (;;) {
    RunStatus status = program.run();
    if (status != RunStatus::Stopped || !program.stoppedAtBreakpoint()) {
      if (status == RunStatus::Returned || status == RunStatus::Exited)
        program.finishMain(status);
      break;
    }
    size_t depth = program.frameCount();
    Frame top = side.innermost();
    const Function &function = module.functions[top.function];
    program.flushOutput();
    if (top.pc == 0 &&
        (open.empty() || calls[open.back()].serial != top.serial)) {
      // Frames a tail call or longjmp left without a return.
      while (!open.empty() && calls[open.back()].depth >= depth)
        open.pop_back();
      if (calls.size() >= side.settings.maxCalls)
        break;
      Call call;
      call.function = top.function;
      call.occurrence = occurrences[top.function]++;
      call.depth = depth;
      call.serial = top.serial;
      call.arguments.assign(top.registers + 1,
                            top.registers + 1 + function.numParams);
      call.outputBefore = side.output.size();
      open.push_back(calls.size());
      calls.push_back(std::move(call));
    }
    if (function.code[top.pc].op == Opcode::RET) {
      while (!open.empty() && calls[open.back()].serial != top.serial)
        open.pop_back();
      if (!open.empty()) {
        Call &call = calls[open.back()];
        call.returned = true;
        call.results = returnedValues(function.code[top.pc], top.registers);
        call.outputAfter = side.output.size();
        call.returnOrder = returns++;
        open.pop_back();
      }
    }
  }
  for (size_t index : open) // still running at the end: output so far
    calls[index].outputAfter = side.output.size();
  side.traced = side.output;
  return calls;
}

// ---- values inside one call: stepped an instruction at a time

struct Assignment {
  std::string key; // "%name"
  uint64_t value = 0;
  uint32_t pc = 0;
};

struct Store {
  uint64_t address = 0, value = 0;
  uint32_t pc = 0;
};

struct CallValues {
  bool reached = false;
  bool returned = false;
  std::vector<uint64_t> results;
  std::vector<Assignment> assignments; // in the order they were made
  std::vector<Store> stores;           // the call's own, in order
};

CallValues valuesInCall(Side &side, uint32_t function, size_t occurrence) {
  CallValues values;
  Program &program = side.restart();
  const Function &code = side.module().functions[function];
  program.setBreakpoint(function, 0);
  program.startMain(side.target.arguments());
  for (size_t hits = 0;;) {
    if (program.run() != RunStatus::Stopped || !program.stoppedAtBreakpoint())
      return values;
    Frame top = side.innermost();
    if (top.function == function && top.pc == 0 && hits++ == occurrence)
      break;
  }
  program.clearBreakpoint(function, 0);
  values.reached = true;
  size_t depth = program.frameCount();
  uint64_t serial = side.innermost().serial;
  for (uint64_t steps = 0; steps < side.settings.maxCallSteps; ++steps) {
    if (program.frameCount() != depth || side.innermost().serial != serial)
      break; // left by a tail call or longjmp
    uint32_t pc = side.innermost().pc;
    const Instruction &instruction = code.code[pc];
    const uint64_t *registers = side.innermost().registers;
    if (instruction.op == Opcode::RET) {
      values.returned = true;
      values.results = returnedValues(instruction, registers);
      break;
    }
    if (isStore(instruction.op))
      values.stores.push_back(
          {registers[instruction.operands[1]] + instruction.operands[2],
           registers[instruction.operands[0]], pc});
    RunStatus status = program.step();
    if (isCall(instruction.op) && status == RunStatus::Stopped &&
        program.frameCount() > depth) {
      // Over the callee: to the instruction after the call, in this frame.
      program.setBreakpoint(function, pc + 1);
      do {
        status = program.run();
      } while (status == RunStatus::Stopped && program.stoppedAtBreakpoint() &&
               program.frameCount() > depth);
      program.clearBreakpoint(function, pc + 1);
    }
    if (status != RunStatus::Stopped)
      break;
    registers = side.innermost().registers;
    std::string text = side.target.sourceMap().irText(function, pc);
    for (uint32_t reg : destinations(instruction))
      if (std::string name = assignedName(code, reg, text); !name.empty())
        values.assignments.push_back({"%" + name, registers[reg], pc});
  }
  return values;
}

// ---- comparing and telling

class Comparison {
public:
  Comparison(Side &good, Side &bad) : good(good), bad(bad) {}

  RunComparison run(const std::string &focus) {
    goodCalls = traceCalls(good);
    badCalls = traceCalls(bad);
    for (size_t i = 0; i < badCalls.size(); ++i)
      badIndex[{nameOf(bad, badCalls[i]), badCalls[i].occurrence}] = i;
    if (!focus.empty() && lookIntoFocus(focus))
      return result;
    lookAtAllCalls();
    return result;
  }

private:
  std::string nameOf(const Side &side, const Call &call) const {
    return side.module().functions[call.function].name;
  }
  const Call *badMatch(const Call &call) const {
    auto it = badIndex.find({nameOf(good, call), call.occurrence});
    return it == badIndex.end() ? nullptr : &badCalls[it->second];
  }
  // The type a store writes: "store i32 %x, ptr %p" -> "i32".
  static std::string storedType(Side &side, uint32_t function, uint32_t pc) {
    std::string text = side.target.sourceMap().irText(function, pc);
    if (text.rfind("store ", 0) != 0)
      return "";
    size_t start = text.find_first_not_of(' ', 6);
    if (text.compare(start, 9, "volatile ") == 0)
      start += 9;
    return text.substr(start, text.find(' ', start) - start);
  }
  static std::string typeOf(Side &side, uint32_t function,
                            const std::string &key) {
    const IRValue *value =
        side.target.sourceMap().value(function, key.substr(1));
    return value ? value->type : "";
  }
  // Stack and heap addresses may move between the two runs for reasons
  // of their own: pointers are shown, never compared.
  static bool comparable(const std::string &type) { return type != "ptr"; }

  static std::string typed(Side &side, uint64_t value,
                           const std::string &type) {
    std::string text = Formatter(side.target).scalar(value, type, 0);
    return type.empty() ? text : type + " " + text;
  }
  std::string show(Side &side, uint32_t function, const std::string &key,
                   uint64_t value) {
    return typed(side, value, typeOf(side, function, key));
  }
  std::string where(Side &side, uint32_t function, uint32_t pc) {
    const Function &code = side.module().functions[function];
    std::string text = side.target.sourceMap().irText(function, pc);
    std::string place;
    if (pc < code.locations.size() && code.locations[pc].line)
      place = side.target.sourceMap().sourceFile + ":" +
              std::to_string(code.locations[pc].line) + ": ";
    return place + (text.empty() ? "pc " + std::to_string(pc) : text);
  }
  std::string callText(Side &side, const Call &call) {
    const Function &code = side.module().functions[call.function];
    std::string text = "@" + code.name + "(";
    for (size_t i = 0; i < call.arguments.size(); ++i) {
      std::string name = 1 + i < code.registerNames.size()
                             ? "%" + code.registerNames[1 + i]
                             : "%" + std::to_string(i);
      text += (i ? ", " : "") + name + "=" +
              show(side, call.function, name, call.arguments[i]);
    }
    text += ")";
    if (!call.returned)
      return text + " did not return";
    const FunctionMap *map = side.target.sourceMap().function(call.function);
    std::string type = map ? map->returnType : "";
    text += " returned";
    for (uint64_t value : call.results)
      text += " " + typed(side, value, type);
    return text;
  }
  bool sameValues(Side &side, uint32_t function, const std::vector<uint64_t> &a,
                  const std::vector<uint64_t> &b, bool arguments) {
    if (a.size() != b.size())
      return false;
    const Function &code = side.module().functions[function];
    const FunctionMap *map = side.target.sourceMap().function(function);
    for (size_t i = 0; i < a.size(); ++i) {
      std::string type;
      if (!arguments)
        type = map ? map->returnType : "";
      else if (1 + i < code.registerNames.size())
        type = typeOf(side, function, "%" + code.registerNames[1 + i]);
      if (comparable(type) && a[i] != b[i])
        return false;
    }
    return true;
  }
  // What a call printed (stdout and stderr, in order).
  static std::string slice(const std::string &output, const Call &call) {
    return output.substr(std::min(call.outputBefore, output.size()),
                         call.outputAfter -
                             std::min(call.outputAfter, call.outputBefore));
  }
  // The first line of two outputs that differs, quoted.
  static std::pair<std::string, std::string>
  firstDifferentLine(const std::string &a, const std::string &b) {
    size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at])
      ++at;
    size_t start = a.rfind('\n', at ? at - 1 : 0);
    start = start == std::string::npos || start >= at ? 0 : start + 1;
    auto line = [&](const std::string &text) {
      if (start >= text.size())
        return std::string("(nothing)");
      return "\"" + text.substr(start, text.find('\n', start) - start) + "\"";
    };
    return {line(a), line(b)};
  }
  bool callDiffers(const Call &g, const Call *b) {
    if (!b)
      return true;
    std::string goodOut = slice(good.traced, g), badOut = slice(bad.traced, *b);
    return !sameValues(good, g.function, g.arguments, b->arguments, true) ||
           g.returned != b->returned ||
           !sameValues(good, g.function, g.results, b->results, false) ||
           goodOut != badOut;
  }

  void tellCall(const Call &g, const Call *b) {
    result.differs = true;
    std::string name = nameOf(good, g);
    result.report += "The " + ordinal(g.occurrence + 1) + " call of @" + name +
                     " differs:\n";
    result.report += "  good: " + callText(good, g) + "\n";
    result.report += "  bad:  " +
                     (b ? callText(bad, *b)
                        : "@" + name + " is not called a " +
                              ordinal(g.occurrence + 1) + " time") +
                     "\n";
    if (!b)
      return;
    std::string goodOut = slice(good.traced, g), badOut = slice(bad.traced, *b);
    if (goodOut != badOut) {
      auto [goodLine, badLine] = firstDifferentLine(goodOut, badOut);
      result.report += "  its output differs: good prints " + goodLine +
                       ", bad " + badLine + "\n";
    }
  }

  // The first value of the call (by its name on both sides) that differs.
  bool tellValues(uint32_t goodFunction, uint32_t badFunction,
                  const CallValues &g, const CallValues &b) {
    std::map<std::string, std::vector<size_t>> badByKey;
    for (size_t i = 0; i < b.assignments.size(); ++i)
      badByKey[b.assignments[i].key].push_back(i);
    renamed = renames(goodFunction, badFunction, g, b);
    std::map<std::string, size_t> seen;
    for (const Assignment &a : g.assignments) {
      size_t k = seen[a.key]++;
      auto alias = renamed.find(a.key);
      const std::string &badKey =
          alias == renamed.end() ? a.key : alias->second;
      auto it = badByKey.find(badKey);
      if (it == badByKey.end() ||
          !comparable(typeOf(good, goodFunction, a.key)))
        continue;
      if (k < it->second.size() &&
          b.assignments[it->second[k]].value == a.value)
        continue;
      result.report += "The first value that differs in this call: " + a.key +
                       (badKey == a.key ? "" : " (bad: " + badKey + ")") +
                       ", its " + ordinal(k + 1) + " value\n";
      result.report += "  good: " + show(good, goodFunction, a.key, a.value) +
                       "  at " + where(good, goodFunction, a.pc) + "\n";
      if (k < it->second.size()) {
        const Assignment &other = b.assignments[it->second[k]];
        result.report +=
            "  bad:  " + show(bad, badFunction, badKey, other.value) + "  at " +
            where(bad, badFunction, other.pc) + "\n";
      } else {
        result.report +=
            "  bad:  (only " + std::to_string(it->second.size()) + " values)\n";
      }
      return true;
    }
    return false;
  }
  // Values the pass renamed: a name only good has and a name only bad has,
  // computed on the same .ll line (an instruction replaced in place).
  std::map<std::string, std::string> renames(uint32_t goodFunction,
                                             uint32_t badFunction,
                                             const CallValues &g,
                                             const CallValues &b) {
    auto firstLines = [](Side &side, uint32_t function,
                         const CallValues &values) {
      const Function &code = side.module().functions[function];
      std::map<std::string, uint32_t> lines;
      for (const Assignment &a : values.assignments)
        if (a.pc < code.locations.size())
          lines.emplace(a.key, code.locations[a.pc].line);
      return lines;
    };
    std::map<std::string, uint32_t> goodLines =
        firstLines(good, goodFunction, g);
    std::map<std::string, uint32_t> badLines = firstLines(bad, badFunction, b);
    std::map<uint32_t, std::string> onlyBadByLine;
    for (const auto &[key, line] : badLines)
      if (line && !goodLines.count(key))
        onlyBadByLine.emplace(line, key);
    std::map<std::string, std::string> renamed;
    for (const auto &[key, line] : goodLines) {
      auto other = onlyBadByLine.find(line);
      if (line && !badLines.count(key) && other != onlyBadByLine.end())
        renamed[key] = other->second;
    }
    return renamed;
  }
  // The memory the call writes: where the two differ in what they leave
  // at an address (the last store there), or store where the other does
  // not. The order of stores may change; what they leave may not.
  bool tellStores(uint32_t goodFunction, uint32_t badFunction,
                  const CallValues &g, const CallValues &b) {
    std::map<uint64_t, size_t> goodLast, badLast;
    for (size_t i = 0; i < g.stores.size(); ++i)
      goodLast[g.stores[i].address] = i;
    for (size_t i = 0; i < b.stores.size(); ++i)
      badLast[b.stores[i].address] = i;
    auto tell = [&](const char *what) {
      result.report += std::string("The first store that differs in this "
                                   "call: ") +
                       what + "\n";
    };
    auto address = [&](uint64_t at) {
      return hex(at) + Formatter(good.target).symbolize(at);
    };
    auto store = [&](Side &side, uint32_t function, const Store &st) {
      return typed(side, st.value, storedType(side, function, st.pc)) + " to " +
             address(st.address) + "  at " + where(side, function, st.pc) +
             "\n";
    };
    for (size_t i = 0; i < g.stores.size(); ++i) {
      const Store &st = g.stores[i];
      if (goodLast[st.address] != i)
        continue;
      auto other = badLast.find(st.address);
      if (other != badLast.end() &&
          (!comparable(storedType(good, goodFunction, st.pc)) ||
           b.stores[other->second].value == st.value))
        continue;
      tell(other == badLast.end() ? "only good writes there"
                                  : "they leave different values");
      result.report += "  good: " + store(good, goodFunction, st);
      result.report +=
          "  bad:  " + (other == badLast.end()
                            ? "no store to " + address(st.address) + "\n"
                            : store(bad, badFunction, b.stores[other->second]));
      return true;
    }
    for (const Store &st : b.stores)
      if (!goodLast.count(st.address)) {
        tell("only bad writes there");
        result.report += "  good: no store to " + address(st.address) + "\n";
        result.report += "  bad:  " + store(bad, badFunction, st);
        return true;
      }
    return false;
  }

  // What only one side computes (renamed or new values): told along a
  // difference, never one by itself.
  void tellOneSided(uint32_t goodFunction, uint32_t badFunction,
                    const CallValues &g, const CallValues &b) {
    std::map<std::string, std::vector<size_t>> badByKey, goodByKey;
    for (size_t i = 0; i < b.assignments.size(); ++i)
      badByKey[b.assignments[i].key].push_back(i);
    for (size_t i = 0; i < g.assignments.size(); ++i)
      goodByKey[g.assignments[i].key].push_back(i);
    tellOneSided(good, goodFunction, g, badByKey, "before");
    tellOneSided(bad, badFunction, b, goodByKey, "after");
  }
  void tellOneSided(Side &side, uint32_t function, const CallValues &values,
                    const std::map<std::string, std::vector<size_t>> &other,
                    const char *when) {
    std::map<std::string, bool> told;
    size_t count = 0;
    for (const Assignment &a : values.assignments) {
      bool paired = renamed.count(a.key);
      for (const auto &[goodKey, badKey] : renamed)
        paired = paired || badKey == a.key;
      if (other.count(a.key) || paired || told[a.key] || count == 3)
        continue;
      told[a.key] = true;
      if (count++ == 0)
        result.report +=
            std::string("Only ") + when + " the pass (" + side.role + "):\n";
      result.report += "  " + a.key + " = " +
                       show(side, function, a.key, a.value) + "  at " +
                       where(side, function, a.pc) + "\n";
    }
  }

  bool lookInto(const Call &g, const Call *b) {
    auto badFunction = bad.program->findFunction(nameOf(good, g));
    if (!badFunction)
      return false;
    CallValues goodValues = valuesInCall(good, g.function, g.occurrence);
    CallValues badValues = valuesInCall(bad, *badFunction, g.occurrence);
    bool differs = callDiffers(g, b);
    std::string before = result.report;
    if (differs)
      tellCall(g, b);
    else
      result.report += "The " + ordinal(g.occurrence + 1) + " call of @" +
                       nameOf(good, g) + " returns the same, but inside it:\n";
    bool valuesDiffer =
        tellValues(g.function, *badFunction, goodValues, badValues);
    if (!valuesDiffer)
      valuesDiffer =
          tellStores(g.function, *badFunction, goodValues, badValues);
    if (valuesDiffer || differs) {
      tellOneSided(g.function, *badFunction, goodValues, badValues);
      result.differs = true;
      return true;
    }
    result.report = before;
    return false;
  }

  bool lookIntoFocus(const std::string &focus) {
    auto goodFunction = good.program->findFunction(focus);
    if (!goodFunction || !bad.program->findFunction(focus))
      return false;
    for (const Call &g : goodCalls)
      if (g.function == *goodFunction &&
          g.occurrence < good.settings.maxFocusCalls &&
          lookInto(g, badMatch(g)))
        return true;
    return false;
  }

  void lookAtAllCalls() {
    // The earliest to return first: the innermost call that went wrong,
    // not its callers, which differ because of it.
    std::vector<const Call *> order;
    for (const Call &call : goodCalls)
      order.push_back(&call);
    std::stable_sort(order.begin(), order.end(), [](auto *x, auto *y) {
      return x->returnOrder < y->returnOrder;
    });
    for (const Call *g : order) {
      const Call *b = badMatch(*g);
      if (!callDiffers(*g, b))
        continue;
      if (!b || !lookInto(*g, b))
        tellCall(*g, b);
      return;
    }
    result.report += "No call of a function both runs have differs in its "
                     "arguments, results or output.\n";
  }

  Side &good, &bad;
  std::vector<Call> goodCalls, badCalls;
  std::map<std::pair<std::string, size_t>, size_t> badIndex;
  std::map<std::string, std::string> renamed; // good name -> bad name
  RunComparison result;
};

} // namespace

RunComparison compareRuns(Target &good, Target &bad,
                          const CompareSettings &settings) {
  Side goodSide(good, settings, "good"), badSide(bad, settings, "bad");
  return Comparison(goodSide, badSide).run(settings.focus);
}

} // namespace comet::debugger
