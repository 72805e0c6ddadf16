// Primitives for breakpoints and watchpoints (the C++ half of them:
// locations, enabling, counts; conditions and commands live in Scheme).
#include "debugger/format.h"
#include "debugger/locations.h"
#include "debugger/session.h"
#include "debugger/text.h"

#include <cstring>

namespace comet::debugger {

using scheme::Arguments;
using scheme::SchemeError;
using scheme::Value;

namespace {

StopPoint &point(Target &target, const Arguments &args, size_t index) {
  int64_t number = args.integer(index);
  StopPoint *found = target.stopPoints().find(int(number));
  if (!found)
    throw SchemeError("no breakpoint or watchpoint number " +
                      std::to_string(number));
  return *found;
}

std::optional<uint32_t> currentFunction(Target &target) {
  if (target.frameCount() == 0)
    return std::nullopt;
  return target.frame(target.selectedFrame()).function;
}

std::string spec(const Arguments &args, size_t index) {
  if (args.has(index) && args[index].isInteger())
    return std::to_string(args[index].integer);
  return args.text(index);
}

// "@sum pc 4 (t.ll:29)"
std::string describe(Target &target, Location location) {
  const Function &f = target.module().functions[location.function];
  std::string text = "@" + f.name + " pc " + std::to_string(location.pc);
  if (location.pc < f.locations.size() && f.locations[location.pc].line)
    text += " (" + target.sourceMap().sourceFile + ":" +
            std::to_string(f.locations[location.pc].line) + ")";
  return text;
}

// A watched value's bytes shown as its type: one register per 8 bytes, or
// memory bytes read as the watch's type.
std::string watchedText(Target &target, const StopPoint &p,
                        const std::vector<uint8_t> &bytes, bool readable,
                        const std::string &type) {
  if (!readable)
    return "<unreadable>";
  Formatter formatter(target);
  if (p.kind == StopPoint::Kind::RegisterWatch) {
    std::string text;
    for (size_t i = 0; i + 8 <= bytes.size(); i += 8) {
      uint64_t bits;
      std::memcpy(&bits, &bytes[i], 8);
      text += (i ? ", " : "") +
              formatter.scalar(bits, bytes.size() == 8 ? type : "", 0);
    }
    return bytes.size() == 8 && !type.empty() ? type + " " + text : text;
  }
  if (bytes.size() <= 8) {
    uint64_t bits = 0;
    std::memcpy(&bits, bytes.data(), bytes.size());
    if (type.empty())
      return formatter.scalar(bits, "", 0);
    return type + " " + formatter.scalar(bits, type, 0);
  }
  std::string text;
  for (uint8_t byte : bytes) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%s%02x", text.empty() ? "" : " ",
                  byte);
    text += buffer;
  }
  return text;
}

} // namespace

void definePointPrimitives(scheme::Interpreter &scheme, Target *&current) {
  // (dbg:passed-breakpoints): breakpoints reached since the last call
  // inside guest code a host function called back (the program cannot
  // stop there), as ("@cmp pc 3 (t.ll:12)" TIMES) lists.
  definePrimitive(
      scheme, "dbg:passed-breakpoints", [&current](const Arguments &args) {
        args.expectCount(0, 0);
        Target &target = requireTarget(current);
        std::vector<Value> passed;
        if (Program *program = target.program())
          for (const auto &[where, times] : program->takePassedBreakpoints())
            passed.push_back(
                Value::list({Value::string(describe(
                                 target, Location{where.first, where.second})),
                             Value::integerOf(int64_t(times))}));
        return Value::list(std::move(passed));
      });

  // (dbg:break LOCATION [TEMPORARY]) => number
  definePrimitive(scheme, "dbg:break", [&current](const Arguments &args) {
    args.expectCount(1, 2);
    Target &target = requireTarget(current);
    StopPoint p;
    p.spec = spec(args, 0);
    p.temporary = args.has(1) && !args[1].isFalse();
    p.locations = resolveLocation(target.module(), target.sourceMap(), p.spec,
                                  currentFunction(target));
    return Value::integerOf(target.stopPoints().add(std::move(p)).number);
  });
  // (dbg:watch-value NAME [FRAME]) => number: stop when the registers of
  // an IR value (or rN) of that frame change.
  definePrimitive(scheme, "dbg:watch-value", [&current](const Arguments &args) {
    args.expectCount(1, 2);
    Target &target = requireTarget(current);
    size_t number = size_t(args.integerOr(1, int64_t(target.selectedFrame())));
    Frame frame = target.frame(number);
    ValueRef ref = findValue(target.module(), target.sourceMap(),
                             frame.function, spec(args, 0));
    if (ref.kind == ValueRef::Kind::Global)
      args.fail("watch a global's memory: watch " + ref.name +
                " watches "
                "its bytes");
    StopPoint p;
    p.kind = StopPoint::Kind::RegisterWatch;
    p.spec = ref.name;
    p.registers = ref.registers;
    p.offset = ref.offset;
    p.frameIndex = target.frameCount() - 1 - number;
    p.frameSerial = frame.serial;
    p.function = frame.function;
    StopPoint &added = target.stopPoints().add(std::move(p));
    target.snapshotWatch(added);
    return Value::integerOf(added.number);
  });
  // (dbg:watch-memory ADDRESS SIZE [DESCRIPTION]) => number
  definePrimitive(
      scheme, "dbg:watch-memory", [&current](const Arguments &args) {
        args.expectCount(2, 3);
        Target &target = requireTarget(current);
        int64_t size = args.integer(1);
        if (size < 1 || size > 4096)
          args.fail("watch 1 to 4096 bytes, not " + std::to_string(size));
        StopPoint p;
        p.kind = StopPoint::Kind::MemoryWatch;
        p.address = uint64_t(args.integer(0));
        p.size = uint64_t(size);
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%lld %s at 0x%llx",
                      (long long)size, size == 1 ? "byte" : "bytes",
                      (unsigned long long)p.address);
        p.spec = args.has(2) ? args.text(2) : buffer;
        StopPoint &added = target.stopPoints().add(std::move(p));
        target.snapshotWatch(added);
        return Value::integerOf(added.number);
      });
  definePrimitive(scheme, "dbg:delete", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    Target &target = requireTarget(current);
    point(target, args, 0);
    target.stopPoints().remove(int(args.integer(0)));
    return Value::none();
  });
  definePrimitive(scheme, "dbg:set-enabled!",
                  [&current](const Arguments &args) {
                    args.expectCount(2, 2);
                    Target &target = requireTarget(current);
                    StopPoint &p = point(target, args, 0);
                    bool enable = !args[1].isFalse();
                    if (enable && !p.enabled && p.isWatch())
                      target.snapshotWatch(p);
                    p.enabled = enable;
                    return Value::none();
                  });
  // (dbg:points) => numbers of every breakpoint and watchpoint.
  definePrimitive(scheme, "dbg:points", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    std::vector<Value> numbers;
    for (const auto &[number, p] : requireTarget(current).stopPoints().all())
      numbers.push_back(Value::integerOf(number));
    return Value::list(std::move(numbers));
  });
  // (dbg:point-info N) => association list.
  definePrimitive(scheme, "dbg:point-info", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    Target &target = requireTarget(current);
    const StopPoint &p = point(target, args, 0);
    const char *kind = p.kind == StopPoint::Kind::Breakpoint ? "breakpoint"
                       : p.kind == StopPoint::Kind::MemoryWatch
                           ? "watchpoint"
                           : "value-watchpoint";
    std::vector<Value> where;
    for (const Location &location : p.locations)
      where.push_back(Value::string(describe(target, location)));
    return Value::list(
        {pair("number", Value::integerOf(p.number)),
         pair("kind", Value::symbol(kind)),
         pair("enabled", Value::of(p.enabled)),
         pair("temporary", Value::of(p.temporary)),
         pair("spec", Value::string(p.spec)),
         pair("hits", Value::integerOf(int64_t(p.hits))),
         pair("ignore", Value::integerOf(int64_t(p.ignoreCount))),
         pair("condition", Value::string(p.condition)),
         pair("commands", Value::string(p.commands)),
         pair("locations", Value::list(std::move(where)))});
  });
  definePrimitive(scheme, "dbg:set-ignore!", [&current](const Arguments &args) {
    args.expectCount(2, 2);
    int64_t count = args.integer(1);
    if (count < 0)
      args.fail("the ignore count cannot be negative");
    point(requireTarget(current), args, 0).ignoreCount = uint64_t(count);
    return Value::none();
  });
  definePrimitive(scheme, "dbg:hit!", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    ++point(requireTarget(current), args, 0).hits;
    return Value::none();
  });
  definePrimitive(
      scheme, "dbg:set-condition-text!", [&current](const Arguments &args) {
        args.expectCount(2, 2);
        point(requireTarget(current), args, 0).condition = args.text(1);
        return Value::none();
      });
  definePrimitive(
      scheme, "dbg:set-commands-text!", [&current](const Arguments &args) {
        args.expectCount(2, 2);
        point(requireTarget(current), args, 0).commands = args.text(1);
        return Value::none();
      });
  // (dbg:watch-change N) => (OLD NEW) as text, after it triggered.
  definePrimitive(
      scheme, "dbg:watch-change", [&current](const Arguments &args) {
        args.expectCount(1, 1);
        Target &target = requireTarget(current);
        const StopPoint &p = point(target, args, 0);
        std::string type;
        if (p.kind == StopPoint::Kind::RegisterWatch) {
          ValueRef ref = findValue(target.module(), target.sourceMap(),
                                   p.function, p.spec);
          type = ref.type;
        } else if (p.size == 1 || p.size == 2 || p.size == 4 || p.size == 8) {
          type = prefixed("i", std::to_string(p.size * 8));
        }
        return Value::list(
            {Value::string(watchedText(target, p, p.previousBytes,
                                       p.previousReadable, type)),
             Value::string(
                 watchedText(target, p, p.lastBytes, p.lastReadable, type))});
      });
  // (resolve-location SPEC) => ((FUNCTION PC) ...)
  definePrimitive(
      scheme, "resolve-location", [&current](const Arguments &args) {
        args.expectCount(1, 1);
        Target &target = requireTarget(current);
        std::vector<Value> result;
        for (const Location &location :
             resolveLocation(target.module(), target.sourceMap(), spec(args, 0),
                             currentFunction(target)))
          result.push_back(Value::list(
              {Value::string(target.module().functions[location.function].name),
               Value::integerOf(location.pc)}));
        return Value::list(std::move(result));
      });
  definePrimitive(
      scheme, "describe-location", [&current](const Arguments &args) {
        args.expectCount(2, 2);
        Target &target = requireTarget(current);
        uint32_t function = findFunction(target.module(), args.text(0));
        int64_t pc = args.integer(1);
        if (pc < 0 ||
            size_t(pc) >= target.module().functions[function].code.size())
          args.fail("no such pc");
        return Value::string(describe(target, {function, uint32_t(pc)}));
      });
}

} // namespace comet::debugger
