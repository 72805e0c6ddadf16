// Primitives for data: registers by number, IR values by name, guest
// memory of every size and strings, and their formatting.
#include "debugger/format.h"
#include "debugger/session.h"
#include "debugger/text.h"

#include <cstring>

namespace comet::debugger {

using scheme::Arguments;
using scheme::SchemeError;
using scheme::Value;

namespace {

size_t frameArgument(const Arguments &args, size_t index, Target &target) {
  int64_t number = args.integerOr(index, int64_t(target.selectedFrame()));
  if (number < 0)
    args.fail("frame numbers start at 0");
  return size_t(number);
}

// The program's memory and globals exist from the start (before `run`
// they hold their initial values).
Program &paused(Target &target) {
  if (!target.program())
    throw SchemeError("the program is not running ('start' or 'run' first)");
  return *target.program();
}

// A value name: "%idx", "r5", "@table" (strings or symbols; a number n is
// register n).
std::string valueSpec(const Arguments &args, size_t index) {
  if (args.has(index) && args[index].isInteger())
    return prefixed("r", std::to_string(args[index].integer));
  return args.text(index);
}

char formatArgument(const Arguments &args, size_t index) {
  if (!args.has(index) || args[index].isFalse())
    return 0;
  std::string text = args.text(index);
  if (!text.empty() && text[0] == '/')
    text.erase(0, 1);
  if (text.size() != 1 || !isFormat(text[0]))
    args.fail("unknown format '" + text + "' (one of x d u o t c f a s)");
  return text[0];
}

unsigned sizeArgument(const Arguments &args, size_t index) {
  int64_t size = args.integer(index);
  if (size != 1 && size != 2 && size != 4 && size != 8)
    args.fail("size must be 1, 2, 4 or 8 bytes, got " + std::to_string(size));
  return unsigned(size);
}

std::string hexAddress(uint64_t address) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "0x%llx", (unsigned long long)address);
  return buffer;
}

} // namespace

void defineDataPrimitives(scheme::Interpreter &scheme, Target *&current) {
  // (register N [FRAME]): the 64 bits of register N.
  definePrimitive(scheme, "register", [&current](const Arguments &args) {
    args.expectCount(1, 2);
    Target &target = requireTarget(current);
    Frame frame = target.frame(frameArgument(args, 1, target));
    int64_t r = args.integer(0);
    uint32_t count = target.module().functions[frame.function].numRegs;
    if (r < 0 || r >= count)
      args.fail("no register r" + std::to_string(r) + " (the frame has r0..r" +
                std::to_string(count - 1) + ")");
    return Value::integerOf(int64_t(frame.registers[r]));
  });
  definePrimitive(scheme, "set-register!", [&current](const Arguments &args) {
    args.expectCount(2, 3);
    Target &target = requireTarget(current);
    Frame frame = target.frame(frameArgument(args, 2, target));
    int64_t r = args.integer(0);
    uint32_t count = target.module().functions[frame.function].numRegs;
    if (r <= 0 || r >= count)
      args.fail(r == 0 ? "r0 always reads 0"
                       : "no register r" + std::to_string(r));
    frame.registers[r] = uint64_t(args.integer(1));
    return Value::none();
  });
  definePrimitive(scheme, "register-count", [&current](const Arguments &args) {
    args.expectCount(0, 1);
    Target &target = requireTarget(current);
    Frame frame = target.frame(frameArgument(args, 0, target));
    return Value::integerOf(target.module().functions[frame.function].numRegs);
  });
  // (register-name N [FRAME]): its IR name ("%idx"), or "rN".
  definePrimitive(scheme, "register-name", [&current](const Arguments &args) {
    args.expectCount(1, 2);
    Target &target = requireTarget(current);
    Frame frame = target.frame(frameArgument(args, 1, target));
    const Function &f = target.module().functions[frame.function];
    int64_t r = args.integer(0);
    if (r < 0)
      args.fail("register numbers start at 0");
    return Value::string(registerLabel(f, uint64_t(r)));
  });
  // (value NAME [FRAME]): the register of an IR value (a list of them for
  // an aggregate), or a global's address.
  definePrimitive(scheme, "value", [&current](const Arguments &args) {
    args.expectCount(1, 2);
    Target &target = requireTarget(current);
    Program &program = paused(target);
    if (target.frameCount() == 0 && args.text(0).rfind('@', 0) != 0)
      throw SchemeError("the program is not running");
    uint32_t function =
        target.frameCount()
            ? target.frame(frameArgument(args, 1, target)).function
            : 0;
    ValueRef ref = findValue(target.module(), target.sourceMap(), function,
                             valueSpec(args, 0));
    if (ref.kind == ValueRef::Kind::Global)
      return Value::integerOf(int64_t(
          ref.function >= 0 ? program.functionAddress(uint32_t(ref.function))
                            : program.dataAddress(uint32_t(ref.data))));
    Frame frame = target.frame(frameArgument(args, 1, target));
    if (ref.registers.size() == 1)
      return Value::integerOf(
          int64_t(frame.registers[ref.registers[0]] + uint64_t(ref.offset)));
    std::vector<Value> parts;
    for (uint32_t r : ref.registers)
      parts.push_back(Value::integerOf(int64_t(frame.registers[r])));
    return Value::list(std::move(parts));
  });
  definePrimitive(scheme, "set-value!", [&current](const Arguments &args) {
    args.expectCount(2, 3);
    Target &target = requireTarget(current);
    Frame frame = target.frame(frameArgument(args, 2, target));
    ValueRef ref = findValue(target.module(), target.sourceMap(),
                             frame.function, valueSpec(args, 0));
    if (ref.kind == ValueRef::Kind::Global)
      args.fail("a global's address cannot change; write its memory instead");
    if (ref.offset)
      args.fail(ref.name + " is an address computed where it is used, from " +
                registerLabel(target.module().functions[frame.function],
                              ref.registers[0]) +
                "; set that instead");
    std::vector<int64_t> parts;
    if (args[1].kind == Value::Kind::List) {
      for (size_t i = 0; i < args[1].items.size(); ++i) {
        if (!args[1].items[i].isInteger())
          args.wrongType(1, "an integer or a list of integers");
        parts.push_back(args[1].items[i].integer);
      }
    } else if (args[1].kind == Value::Kind::Real) {
      double real = args[1].real;
      bool isFloat = ref.type == "float";
      parts.push_back(isFloat ? int64_t(std::bit_cast<uint32_t>(float(real)))
                              : std::bit_cast<int64_t>(real));
    } else {
      parts.push_back(args.integer(1));
    }
    if (parts.size() != ref.registers.size())
      args.fail(ref.name + " has " + std::to_string(ref.registers.size()) +
                " registers, got " + std::to_string(parts.size()) + " values");
    for (size_t i = 0; i < parts.size(); ++i) {
      if (ref.registers[i] == 0)
        args.fail("r0 always reads 0");
      frame.registers[ref.registers[i]] = uint64_t(parts[i]);
    }
    return Value::none();
  });
  // (value-info NAME [FRAME]): what is known of a value.
  definePrimitive(scheme, "value-info", [&current](const Arguments &args) {
    args.expectCount(1, 2);
    Target &target = requireTarget(current);
    uint32_t function = 0;
    std::string spec = valueSpec(args, 0);
    if (spec.rfind('@', 0) != 0 || target.frameCount() > 0)
      function = target.frame(frameArgument(args, 1, target)).function;
    ValueRef ref =
        findValue(target.module(), target.sourceMap(), function, spec);
    std::vector<Value> registers;
    for (uint32_t r : ref.registers)
      registers.push_back(Value::integerOf(r));
    std::vector<Value> info = {
        pair("name", Value::string(ref.name)),
        pair("kind",
             Value::symbol(ref.kind == ValueRef::Kind::Global ? "global"
                                                              : "registers")),
        pair("type",
             ref.type.empty() ? Value::of(false) : Value::string(ref.type)),
        pair("allocated-type", ref.allocatedType.empty()
                                   ? Value::of(false)
                                   : Value::string(ref.allocatedType)),
        pair("registers", Value::list(std::move(registers)))};
    if (ref.offset)
      info.push_back(pair("offset", Value::integerOf(ref.offset)));
    if (ref.data >= 0)
      info.push_back(pair("size", Value::integerOf(int64_t(
                                      target.module().data[ref.data].size))));
    return Value::list(std::move(info));
  });
  // (value-names [FRAME]): the IR values of the frame's function.
  definePrimitive(scheme, "value-names", [&current](const Arguments &args) {
    args.expectCount(0, 1);
    Target &target = requireTarget(current);
    Frame frame = target.frame(frameArgument(args, 0, target));
    std::vector<Value> names;
    for (const std::string &name : valueNames(target.module(), frame.function))
      names.push_back(Value::string(name));
    return Value::list(std::move(names));
  });
  // (format-value NAME [FORMAT] [FRAME]) => "i32 5"
  definePrimitive(scheme, "format-value", [&current](const Arguments &args) {
    args.expectCount(1, 3);
    Target &target = requireTarget(current);
    paused(target);
    std::string spec = valueSpec(args, 0);
    size_t number = frameArgument(args, 2, target);
    uint32_t function = 0;
    if (spec.rfind('@', 0) != 0 || target.frameCount() > 0)
      function = target.frame(number).function;
    ValueRef ref =
        findValue(target.module(), target.sourceMap(), function, spec);
    return Value::string(
        Formatter(target).value(number, ref, formatArgument(args, 1)));
  });
  // (format-bits BITS [TYPE] [FORMAT]): a register's bits as an IR type.
  definePrimitive(scheme, "format-bits", [&current](const Arguments &args) {
    args.expectCount(1, 3);
    Target &target = requireTarget(current);
    std::string type = args.has(1) && !args[1].isFalse() ? args.text(1) : "";
    return Value::string(Formatter(target).scalar(
        uint64_t(args.integer(0)), type, formatArgument(args, 2)));
  });
  // (format-memory ADDRESS TYPE [FORMAT]) => "%struct.point { i32 1, i64 2 }"
  definePrimitive(scheme, "format-memory", [&current](const Arguments &args) {
    args.expectCount(2, 3);
    Target &target = requireTarget(current);
    paused(target);
    return Value::string(Formatter(target).memory(
        uint64_t(args.integer(0)), args.text(1), formatArgument(args, 2)));
  });
  definePrimitive(scheme, "address-symbol", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    std::string text =
        Formatter(requireTarget(current)).symbolize(uint64_t(args.integer(0)));
    if (text.empty())
      return Value::of(false);
    return Value::string(text.substr(2, text.size() - 3)); // " <@x>" -> @x
  });
  // (read-memory ADDRESS SIZE [SIGNED]): a little-endian integer.
  definePrimitive(scheme, "read-memory", [&current](const Arguments &args) {
    args.expectCount(2, 3);
    Program &program = paused(requireTarget(current));
    uint64_t address = uint64_t(args.integer(0));
    unsigned size = sizeArgument(args, 1);
    uint64_t value = 0;
    if (!program.memory().read(address, &value, size))
      args.fail("cannot read " + std::to_string(size) + " bytes at " +
                hexAddress(address));
    if (args.has(2) && !args[2].isFalse() && size < 8) {
      unsigned bits = size * 8;
      if ((value >> (bits - 1)) & 1)
        value |= ~uint64_t(0) << bits;
    }
    return Value::integerOf(int64_t(value));
  });
  definePrimitive(scheme, "write-memory!", [&current](const Arguments &args) {
    args.expectCount(3, 3);
    Program &program = paused(requireTarget(current));
    uint64_t address = uint64_t(args.integer(0));
    unsigned size = sizeArgument(args, 1);
    uint64_t value = uint64_t(args.integer(2));
    if (!program.memory().write(address, &value, size))
      args.fail("cannot write " + std::to_string(size) + " bytes at " +
                hexAddress(address) +
                (program.memory().lastFault().kind == MemoryFault::ReadOnly
                     ? " (read-only)"
                     : ""));
    return Value::none();
  });
  definePrimitive(scheme, "read-bytes", [&current](const Arguments &args) {
    args.expectCount(2, 2);
    Program &program = paused(requireTarget(current));
    uint64_t address = uint64_t(args.integer(0));
    int64_t count = args.integer(1);
    if (count < 0 || count > (1 << 24))
      args.fail("byte count out of range");
    std::vector<uint8_t> bytes(static_cast<size_t>(count));
    if (!program.memory().read(address, bytes.data(), bytes.size()))
      args.fail("cannot read " + std::to_string(count) + " bytes at " +
                hexAddress(address));
    std::vector<Value> items;
    for (uint8_t byte : bytes)
      items.push_back(Value::integerOf(byte));
    return Value::list(std::move(items));
  });
  definePrimitive(scheme, "write-bytes!", [&current](const Arguments &args) {
    args.expectCount(2, 2);
    Program &program = paused(requireTarget(current));
    uint64_t address = uint64_t(args.integer(0));
    if (args[1].kind != Value::Kind::List)
      args.wrongType(1, "a list of bytes");
    std::vector<uint8_t> bytes;
    for (const Value &item : args[1].items) {
      if (!item.isInteger())
        args.wrongType(1, "a list of bytes");
      bytes.push_back(uint8_t(item.integer));
    }
    if (!program.memory().write(address, bytes.data(), bytes.size()))
      args.fail("cannot write " + std::to_string(bytes.size()) + " bytes at " +
                hexAddress(address));
    return Value::none();
  });
  // (read-string ADDRESS [MAX]): bytes up to a NUL.
  definePrimitive(scheme, "read-string", [&current](const Arguments &args) {
    args.expectCount(1, 2);
    Program &program = paused(requireTarget(current));
    uint64_t address = uint64_t(args.integer(0));
    int64_t limit = args.integerOr(1, 1 << 20);
    std::string text;
    for (int64_t i = 0; i < limit; ++i) {
      uint8_t byte;
      if (!program.memory().read(address + uint64_t(i), &byte, 1))
        args.fail("cannot read memory at " + hexAddress(address + uint64_t(i)));
      if (byte == 0)
        break;
      text += char(byte);
    }
    return Value::string(text);
  });
  // (write-string! ADDRESS STRING): the bytes and a NUL.
  definePrimitive(scheme, "write-string!", [&current](const Arguments &args) {
    args.expectCount(2, 2);
    Program &program = paused(requireTarget(current));
    uint64_t address = uint64_t(args.integer(0));
    std::string text = args.text(1);
    if (!program.memory().write(address, text.c_str(), text.size() + 1))
      args.fail("cannot write " + std::to_string(text.size() + 1) +
                " bytes at " + hexAddress(address));
    return Value::none();
  });
  // (examine ADDRESS COUNT FORMAT UNIT) => (TEXT . NEXT-ADDRESS): x/NFU.
  definePrimitive(scheme, "examine", [&current](const Arguments &args) {
    args.expectCount(4, 4);
    Target &target = requireTarget(current);
    paused(target);
    int64_t count = args.integer(1);
    if (count < 0 || count > 100000)
      args.fail("count out of range");
    char format = formatArgument(args, 2);
    unsigned unit = sizeArgument(args, 3);
    uint64_t next = 0;
    std::string text = Formatter(target).examine(
        uint64_t(args.integer(0)), uint64_t(count), format, unit, next);
    Value result =
        Value::list({Value::string(text), Value::integerOf(int64_t(next))});
    result.dotted = true;
    return result;
  });
}

} // namespace comet::debugger
