// Primitives for the program's text: functions, the source map (IR
// instruction and .ll line of a pc), IR types, listings and disassembly.
#include "asm/assembly.h"
#include "debugger/format.h"
#include "debugger/locations.h"
#include "debugger/session.h"
#include "debugger/text.h"

namespace comet::debugger {

using scheme::Arguments;
using scheme::SchemeError;
using scheme::Value;

namespace {

// The (function, pc) a primitive is about: given as FUNCTION PC, else the
// selected frame's.
Location codeArgument(Target &target, const Arguments &args, size_t index) {
  if (args.has(index)) {
    uint32_t function = findFunction(target.module(), args.text(index));
    int64_t pc = args.integer(index + 1);
    if (pc < 0 || size_t(pc) >= target.module().functions[function].code.size())
      args.fail("no instruction " + std::to_string(pc) + " in @" +
                target.module().functions[function].name);
    return {function, uint32_t(pc)};
  }
  if (target.frameCount() == 0)
    args.fail("the program is not running: give a function and a pc");
  Frame frame = target.frame(target.selectedFrame());
  return {frame.function, frame.pc};
}

const char *kindName(IRType::Kind kind) {
  switch (kind) {
  case IRType::Kind::Integer:
    return "integer";
  case IRType::Kind::Float:
    return "float";
  case IRType::Kind::Double:
    return "double";
  case IRType::Kind::Pointer:
    return "pointer";
  case IRType::Kind::Struct:
    return "struct";
  case IRType::Kind::Array:
    return "array";
  case IRType::Kind::Vector:
    return "vector";
  case IRType::Kind::Other:
    break;
  }
  return "other";
}

} // namespace

void defineSourcePrimitives(scheme::Interpreter &scheme, Target *&current) {
  definePrimitive(scheme, "functions", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    std::vector<Value> names;
    for (const Function &f : requireTarget(current).module().functions)
      names.push_back(Value::string(f.name));
    return Value::list(std::move(names));
  });
  definePrimitive(scheme, "function-info", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    Target &target = requireTarget(current);
    uint32_t index = findFunction(target.module(), args.text(0));
    const Function &f = target.module().functions[index];
    std::vector<Value> info = {
        pair("name", Value::string(f.name)),
        pair("index", Value::integerOf(index)),
        pair("parameters", Value::integerOf(f.numParams)),
        pair("registers", Value::integerOf(f.numRegs)),
        pair("instructions", Value::integerOf(int64_t(f.code.size())))};
    if (const FunctionMap *map = target.sourceMap().function(index))
      if (!map->returnType.empty())
        info.push_back(pair("return-type", Value::string(map->returnType)));
    if (target.program())
      info.push_back(pair(
          "address",
          Value::integerOf(int64_t(target.program()->functionAddress(index)))));
    return Value::list(std::move(info));
  });
  // (ir-text [FUNCTION PC]) => the IR instruction, or #f.
  definePrimitive(scheme, "ir-text", [&current](const Arguments &args) {
    args.expectCount(0, 2);
    Target &target = requireTarget(current);
    Location at = codeArgument(target, args, 0);
    std::string text = target.sourceMap().irText(at.function, at.pc);
    return text.empty() ? Value::of(false) : Value::string(text);
  });
  // (source-line-number [FUNCTION PC]) => the line in the source (.ll)
  // file, or #f.
  definePrimitive(
      scheme, "source-line-number", [&current](const Arguments &args) {
        args.expectCount(0, 2);
        Target &target = requireTarget(current);
        Location at = codeArgument(target, args, 0);
        const Function &f = target.module().functions[at.function];
        uint32_t line =
            at.pc < f.locations.size() ? f.locations[at.pc].line : 0;
        return line ? Value::integerOf(line) : Value::of(false);
      });
  definePrimitive(
      scheme, "instruction-text", [&current](const Arguments &args) {
        args.expectCount(0, 2);
        Target &target = requireTarget(current);
        Location at = codeArgument(target, args, 0);
        return Value::string(assembly::printInstruction(
            target.module(), target.module().functions[at.function], at.pc));
      });
  definePrimitive(scheme, "source-file", [&current](const Arguments &args) {
    args.expectCount(0, 0);
    return Value::string(requireTarget(current).sourceMap().sourceFile);
  });
  definePrimitive(scheme, "source-line", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    const SourceMap &map = requireTarget(current).sourceMap();
    int64_t line = args.integer(0);
    if (line < 1 || size_t(line) > map.sourceLines.size())
      return Value::of(false);
    return Value::string(map.sourceLines[size_t(line) - 1]);
  });
  // (ir-type-info TYPE) => association list of its layout, or #f.
  definePrimitive(scheme, "ir-type-info", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    const IRType *type = requireTarget(current).sourceMap().type(args.text(0));
    if (!type)
      return Value::of(false);
    std::vector<Value> info = {
        pair("kind", Value::symbol(kindName(type->kind))),
        pair("size", Value::integerOf(int64_t(type->size))),
        pair("alignment", Value::integerOf(int64_t(type->alignment)))};
    if (type->kind == IRType::Kind::Integer)
      info.push_back(pair("bits", Value::integerOf(type->bits)));
    if (type->kind == IRType::Kind::Struct) {
      std::vector<Value> fields;
      for (const IRType::Field &field : type->fields) {
        Value entry = Value::list({Value::integerOf(int64_t(field.offset)),
                                   Value::string(field.type)});
        entry.dotted = true;
        fields.push_back(entry);
      }
      info.push_back(pair("fields", Value::list(std::move(fields))));
    }
    if (type->kind == IRType::Kind::Array ||
        type->kind == IRType::Kind::Vector) {
      info.push_back(pair("element", Value::string(type->element)));
      info.push_back(pair("count", Value::integerOf(int64_t(type->count))));
      info.push_back(pair("stride", Value::integerOf(int64_t(type->stride))));
    }
    return Value::list(std::move(info));
  });
  // (global-info NAME) => address, size, IR type of a data object.
  definePrimitive(scheme, "global-info", [&current](const Arguments &args) {
    args.expectCount(1, 1);
    Target &target = requireTarget(current);
    ValueRef ref = findValue(target.module(), target.sourceMap(), 0,
                             args.text(0).rfind('@', 0) == 0
                                 ? args.text(0)
                                 : prefixed("@", args.text(0)));
    std::vector<Value> info = {pair("name", Value::string(ref.name))};
    if (ref.data >= 0) {
      const DataObject &object = target.module().data[ref.data];
      info.push_back(pair("size", Value::integerOf(int64_t(object.size))));
      info.push_back(pair("writable", Value::of(object.writable)));
      if (target.program())
        info.push_back(pair(
            "address", Value::integerOf(int64_t(target.program()->dataAddress(
                           uint32_t(ref.data))))));
    } else if (target.program()) {
      info.push_back(pair(
          "address", Value::integerOf(int64_t(target.program()->functionAddress(
                         uint32_t(ref.function))))));
    }
    info.push_back(pair("type", ref.type.empty() ? Value::of(false)
                                                 : Value::string(ref.type)));
    return Value::list(std::move(info));
  });
  // (listing [FUNCTION PC] [BEFORE AFTER]) => source lines around a
  // location with the Comet instructions beside them.
  definePrimitive(scheme, "listing", [&current](const Arguments &args) {
    args.expectCount(0, 4);
    Target &target = requireTarget(current);
    Location at = codeArgument(target, args, 0);
    unsigned before = unsigned(args.integerOr(2, 5));
    unsigned after = unsigned(args.integerOr(3, 5));
    return Value::string(
        Formatter(target).listing(at.function, at.pc, before, after));
  });
  // (disassembly [FUNCTION]) => its Comet instructions, "=>" at the
  // selected frame's pc when it is in that function.
  definePrimitive(scheme, "disassembly", [&current](const Arguments &args) {
    args.expectCount(0, 1);
    Target &target = requireTarget(current);
    std::optional<uint32_t> mark;
    uint32_t function;
    std::optional<Frame> frame;
    if (target.frameCount() > 0)
      frame = target.frame(target.selectedFrame());
    if (args.has(0))
      function = findFunction(target.module(), args.text(0));
    else if (frame)
      function = frame->function;
    else
      args.fail("the program is not running: give a function");
    if (frame && frame->function == function)
      mark = frame->pc;
    return Value::string(Formatter(target).disassemble(function, mark));
  });
}

} // namespace comet::debugger
