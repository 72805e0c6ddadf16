#include "debugger/format.h"
#include "debugger/text.h"

#include "asm/assembly.h"

#include <charconv>
#include <cinttypes>
#include <cstring>
#include <set>

namespace comet::debugger {

namespace {

// Elements shown of a long array before "...".
constexpr uint64_t MaxElements = 64;
constexpr uint64_t MaxStringBytes = 200;

// The shortest text that reads back as the same float or double.
template <typename Float> std::string shortest(Float value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, end);
  if (text.find_first_of(".eni") == std::string::npos)
    text += ".0";
  return text;
}

uint64_t lowBits(uint64_t value, unsigned bits) {
  return bits >= 64 ? value : value & ((uint64_t(1) << bits) - 1);
}

int64_t signExtend(uint64_t value, unsigned bits) {
  if (bits >= 64 || bits == 0)
    return int64_t(value);
  uint64_t low = lowBits(value, bits);
  if ((low >> (bits - 1)) & 1)
    low |= ~uint64_t(0) << bits;
  return int64_t(low);
}

std::string quoted(const std::string &text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

std::string character(uint64_t value) {
  std::string text = std::to_string(signExtend(value, 8)) + " ";
  unsigned char c = uint8_t(value);
  if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\')
    return text + "'" + char(c) + "'";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "'\\x%02x'", c);
  return text + buffer;
}

std::string binary(uint64_t value, unsigned bits) {
  std::string text;
  for (unsigned i = bits; i-- > 0;)
    text += ((value >> i) & 1) ? '1' : '0';
  size_t first = text.find('1');
  return first == std::string::npos ? "0" : text.substr(first);
}

} // namespace

bool isFormat(char format) {
  return format == 0 || std::strchr("xduotcfas", format) != nullptr;
}

std::string Formatter::symbolize(uint64_t address) {
  const Module &module = target.module();
  Program *program = target.program();
  if (!program)
    return "";
  for (uint32_t i = 0; i < module.functions.size(); ++i)
    if (program->functionAddress(i) == address)
      return " <@" + module.functions[i].name + ">";
  for (uint32_t i = 0; i < module.data.size(); ++i) {
    uint64_t base = program->dataAddress(i);
    uint64_t size = std::max<uint64_t>(module.data[i].size, 1);
    if (address >= base && address - base < size) {
      uint64_t offset = address - base;
      return " <@" + module.data[i].name +
             (offset ? "+" + std::to_string(offset) : "") + ">";
    }
  }
  return "";
}

const IRType *Formatter::typeOf(const std::string &text) {
  if (const IRType *known = target.sourceMap().type(text))
    return known;
  auto made = madeTypes.find(text);
  if (made != madeTypes.end())
    return &made->second;
  IRType type;
  type.text = text;
  if (text.size() > 1 && text[0] == 'i' &&
      text.find_first_not_of("0123456789", 1) == std::string::npos) {
    type.kind = IRType::Kind::Integer;
    type.bits = unsigned(std::stoul(text.substr(1)));
    if (type.bits == 0 || type.bits > 4096)
      return nullptr;
    type.size = type.bits <= 8    ? 1
                : type.bits <= 16 ? 2
                : type.bits <= 32 ? 4
                                  : (type.bits + 63) / 64 * 8;
    type.alignment = std::min<uint64_t>(type.size, 16);
  } else if (text == "float") {
    type.kind = IRType::Kind::Float;
    type.size = type.alignment = 4;
  } else if (text == "double") {
    type.kind = IRType::Kind::Double;
    type.size = type.alignment = 8;
  } else if (text == "ptr") {
    type.kind = IRType::Kind::Pointer;
    type.size = type.alignment = 8;
  } else if (text.size() > 6 && text.front() == '[' && text.back() == ']') {
    // [N x T]
    size_t x = text.find(" x ");
    if (x == std::string::npos)
      return nullptr;
    std::string count = text.substr(1, x - 1);
    if (count.empty() ||
        count.find_first_not_of("0123456789") != std::string::npos)
      return nullptr;
    const IRType *element = typeOf(text.substr(x + 3, text.size() - x - 4));
    if (!element)
      return nullptr;
    type.kind = IRType::Kind::Array;
    type.element = element->text;
    type.count = std::stoull(count);
    type.stride = element->size;
    type.size = type.count * type.stride;
    type.alignment = element->alignment;
  } else {
    return nullptr;
  }
  return &madeTypes.emplace(text, type).first->second;
}

std::string Formatter::scalar(uint64_t bits, const std::string &typeText,
                              char format) {
  const IRType *type = typeText.empty() ? nullptr : typeOf(typeText);
  IRType::Kind kind = type ? type->kind : IRType::Kind::Integer;
  unsigned width = !type                           ? 64
                   : kind == IRType::Kind::Integer ? type->bits
                   : kind == IRType::Kind::Float   ? 32
                                                   : 64;
  uint64_t value = lowBits(bits, width);
  switch (format) {
  case 'x':
    return hex(value);
  case 'd':
    return std::to_string(signExtend(value, width));
  case 'u':
    return std::to_string(value);
  case 'o': {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0%" PRIo64, value);
    return buffer;
  }
  case 't':
    return binary(value, width);
  case 'c':
    return character(value);
  case 'f':
    return width == 32 ? shortest(std::bit_cast<float>(uint32_t(value)))
                       : shortest(std::bit_cast<double>(value));
  case 'a':
    return hex(value) + symbolize(value);
  case 's': {
    Program *program = target.program();
    std::string text;
    bool complete = false;
    for (uint64_t i = 0; program && i < MaxStringBytes; ++i) {
      uint8_t byte;
      if (!program->memory().read(value + i, &byte, 1))
        return hex(value) + " <unreadable>";
      if (byte == 0) {
        complete = true;
        break;
      }
      text += char(byte);
    }
    return hex(value) + " " + quoted(text) + (complete ? "" : "...");
  }
  default:
    break;
  }
  switch (kind) {
  case IRType::Kind::Integer:
    if (width == 1)
      return value ? "true" : "false";
    return std::to_string(signExtend(value, width));
  case IRType::Kind::Float:
    return shortest(std::bit_cast<float>(uint32_t(value)));
  case IRType::Kind::Double:
    return shortest(std::bit_cast<double>(value));
  case IRType::Kind::Pointer:
    return hex(value) + symbolize(value);
  default:
    return std::to_string(int64_t(value));
  }
}

// One value of `type` taken from consecutive register parts.
std::string Formatter::typed(const std::string &typeText,
                             const uint64_t *&parts, const uint64_t *end,
                             char format) {
  const IRType *type = typeOf(typeText);
  auto take = [&]() -> uint64_t { return parts < end ? *parts++ : 0; };
  if (!type)
    return scalar(take(), typeText, format);
  switch (type->kind) {
  case IRType::Kind::Struct: {
    std::string text = "{ ";
    for (size_t i = 0; i < type->fields.size(); ++i)
      text += (i ? ", " : "") + type->fields[i].type + " " +
              typed(type->fields[i].type, parts, end, format);
    return text + (type->fields.empty() ? "}" : " }");
  }
  case IRType::Kind::Array:
  case IRType::Kind::Vector: {
    bool vector = type->kind == IRType::Kind::Vector;
    std::string text = vector ? "<" : "[";
    for (uint64_t i = 0; i < type->count; ++i)
      text += (i ? ", " : "") + type->element + " " +
              typed(type->element, parts, end, format);
    return text + (vector ? ">" : "]");
  }
  case IRType::Kind::Integer:
    if (type->bits > 64) {
      // Wide integers: 64-bit parts, least significant first.
      std::vector<uint64_t> words;
      for (unsigned i = 0; i < (type->bits + 63) / 64; ++i)
        words.push_back(take());
      if (type->bits <= 128 && format != 'x') {
        unsigned __int128 u = (unsigned __int128)words[1] << 64 | words[0];
        unsigned high = type->bits - 64;
        if (high < 64)
          u &= ((unsigned __int128)1 << type->bits) - 1;
        bool negative = format != 'u' && (u >> (type->bits - 1)) & 1;
        if (negative)
          u = (((unsigned __int128)1 << (type->bits - 1)) << 1) - u;
        std::string digits;
        do {
          digits.insert(digits.begin(), char('0' + int(u % 10)));
          u /= 10;
        } while (u);
        return (negative ? "-" : "") + digits;
      }
      std::string text = "0x";
      for (size_t i = words.size(); i-- > 0;) {
        char buffer[24];
        std::snprintf(buffer, sizeof buffer, "%016" PRIx64, words[i]);
        text += buffer;
      }
      return text;
    }
    return scalar(take(), typeText, format);
  default:
    return scalar(take(), typeText, format);
  }
}

std::string Formatter::value(size_t frameNumber, const ValueRef &ref,
                             char format) {
  if (ref.kind == ValueRef::Kind::Global) {
    Program *program = target.program();
    if (!program)
      throw Error("the program is not running");
    if (ref.function >= 0)
      return "ptr " + hex(program->functionAddress(uint32_t(ref.function)));
    uint64_t address = program->dataAddress(uint32_t(ref.data));
    if (format == 'a' || (format == 's' && ref.type != "ptr"))
      return "ptr " + scalar(address, "ptr", format); // the global's bytes
    if (format == 's') {                              // what it points to
      uint64_t pointer = 0;
      if (!program->memory().read(address, &pointer, 8))
        return "<unreadable>";
      return "ptr " + scalar(pointer, "ptr", format);
    }
    if (ref.type.empty()) {
      const DataObject &object = target.module().data[ref.data];
      return "ptr " + hex(address) + " (" + std::to_string(object.size) +
             " bytes)";
    }
    return memory(address, ref.type, format);
  }
  Frame frame = target.frame(frameNumber);
  std::vector<uint64_t> parts;
  for (uint32_t r : ref.registers)
    parts.push_back(frame.registers[r] + uint64_t(ref.offset));
  const uint64_t *begin = parts.data();
  if (ref.type.empty()) {
    if (parts.size() == 1)
      return scalar(parts[0], "", format);
    std::string text = "{ ";
    for (size_t i = 0; i < parts.size(); ++i)
      text += (i ? ", " : "") + scalar(parts[i], "", format);
    return text + " }";
  }
  return ref.type + " " +
         typed(ref.type, begin, parts.data() + parts.size(), format);
}

std::string Formatter::memoryBody(uint64_t address, const IRType &type,
                                  char format, unsigned depth) {
  Program *program = target.program();
  if (depth > 8)
    return "...";
  switch (type.kind) {
  case IRType::Kind::Struct: {
    std::string text = "{ ";
    for (size_t i = 0; i < type.fields.size(); ++i) {
      const IRType *field = typeOf(type.fields[i].type);
      text += (i ? ", " : "") + type.fields[i].type + " " +
              (field ? memoryBody(address + type.fields[i].offset, *field,
                                  format, depth + 1)
                     : "?");
    }
    return text + (type.fields.empty() ? "}" : " }");
  }
  case IRType::Kind::Array:
  case IRType::Kind::Vector: {
    const IRType *element = typeOf(type.element);
    if (!element)
      return "?";
    if (type.kind == IRType::Kind::Array &&
        element->kind == IRType::Kind::Integer && element->bits == 8 &&
        format == 0) {
      // As LLVM writes byte arrays: c"hello\00".
      std::string bytes(std::min(type.count, MaxStringBytes), '\0');
      if (!program->memory().read(address, bytes.data(), bytes.size()))
        return "<unreadable>";
      std::string text = "c\"";
      for (unsigned char c : bytes) {
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
          text += char(c);
        } else {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\%02X", c);
          text += buffer;
        }
      }
      return text + "\"" + (type.count > MaxStringBytes ? "..." : "");
    }
    bool vector = type.kind == IRType::Kind::Vector;
    std::string text = vector ? "<" : "[";
    for (uint64_t i = 0; i < type.count; ++i) {
      if (i == MaxElements) {
        text += ", ...";
        break;
      }
      text +=
          (i ? ", " : "") + type.element + " " +
          memoryBody(address + i * type.stride, *element, format, depth + 1);
    }
    return text + (vector ? ">" : "]");
  }
  default: {
    uint64_t size = type.kind == IRType::Kind::Integer
                        ? (type.bits + 7) / 8
                        : std::min<uint64_t>(type.size, 8);
    if (size > 8) { // wide integers: little-endian 64-bit parts
      std::vector<uint64_t> words((size + 7) / 8, 0);
      if (!program->memory().read(address, words.data(), size))
        return "<unreadable at " + hex(address) + ">";
      const uint64_t *parts = words.data();
      return typed(type.text, parts, words.data() + words.size(), format);
    }
    uint64_t bits = 0;
    if (!program->memory().read(address, &bits, size))
      return "<unreadable at " + hex(address) + ">";
    return scalar(bits, type.text, format);
  }
  }
}

std::string Formatter::memory(uint64_t address, const std::string &typeText,
                              char format) {
  if (!target.program())
    throw Error("the program is not running");
  const IRType *type = typeOf(typeText);
  if (!type)
    throw Error("unknown IR type '" + typeText + "'");
  return typeText + " " + memoryBody(address, *type, format, 0);
}

std::string Formatter::examine(uint64_t address, uint64_t count, char format,
                               unsigned unit, uint64_t &next) {
  Program *program = target.program();
  if (!program)
    throw Error("the program is not running");
  std::string out;
  if (format == 's') { // strings: one per line
    for (uint64_t n = 0; n < count; ++n) {
      std::string text;
      uint64_t at = address;
      for (;; ++at) {
        uint8_t byte;
        if (!program->memory().read(at, &byte, 1))
          throw Error("cannot read memory at " + hex(at));
        if (byte == 0)
          break;
        text += char(byte);
      }
      out += hex(address) + symbolize(address) + ":\t" + quoted(text) + "\n";
      address = at + 1;
    }
    next = address;
    return out;
  }
  unsigned perLine = format == 'c' ? 8 : 16 / unit;
  if (format == 'a' || format == 'f')
    perLine = 2;
  for (uint64_t n = 0; n < count; ++n) {
    uint64_t at = address + n * unit;
    if (n % perLine == 0)
      out += (n ? "\n" : "") + hex(at) + symbolize(at) + ":";
    uint64_t bits = 0;
    if (!program->memory().read(at, &bits, unit))
      throw Error("cannot read memory at " + hex(at));
    std::string text;
    std::string type = unit == 1   ? "i8"
                       : unit == 2 ? "i16"
                       : unit == 4 ? "i32"
                                   : "i64";
    if (format == 'x' || format == 0)
      text = hex(bits, unit * 2);
    else if (format == 'f')
      text = unit == 4 ? shortest(std::bit_cast<float>(uint32_t(bits)))
                       : shortest(std::bit_cast<double>(bits));
    else if (format == 'd')
      text = std::to_string(signExtend(bits, unit * 8));
    else if (format == 'a')
      text = hex(bits) + symbolize(bits);
    else
      text = scalar(bits, type, format);
    if (format == 'd' || format == 'u' || format == 'c' || format == 't' ||
        format == 'o') {
      if (format == 'u')
        text = std::to_string(lowBits(bits, unit * 8));
      else if (format == 'c')
        text = character(bits);
      else if (format == 't')
        text = binary(lowBits(bits, unit * 8), unit * 8);
      else if (format == 'o') {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "0%" PRIo64,
                      lowBits(bits, unit * 8));
        text = buffer;
      }
    }
    out += "\t" + text;
  }
  next = address + count * unit;
  return out + "\n";
}

std::string Formatter::sourceLine(uint32_t function, uint32_t pc) {
  const Function &f = target.module().functions[function];
  if (pc >= f.locations.size() || f.locations[pc].line == 0)
    return "";
  uint32_t line = f.locations[pc].line;
  std::string text = target.sourceMap().line(line);
  if (text.empty())
    return "";
  return std::to_string(line) + "\t" + text;
}

std::string Formatter::disassemble(uint32_t function,
                                   std::optional<uint32_t> mark) {
  const Module &module = target.module();
  const Function &f = module.functions[function];
  std::string out = "@" + f.name + ":\n";
  uint32_t lastOrigin = NoOrigin;
  for (uint32_t pc = 0; pc < f.code.size(); ++pc) {
    auto label = f.labelNames.find(pc);
    if (label != f.labelNames.end())
      out += label->second + ":\n";
    uint32_t origin = target.sourceMap().origin(function, pc);
    if (origin != NoOrigin && origin != lastOrigin)
      out += "        ; " + target.sourceMap().irTexts[origin] + "\n";
    lastOrigin = origin;
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%s %5u  ",
                  mark && *mark == pc ? "=>" : "  ", pc);
    out += prefix + assembly::printInstruction(module, f, pc) + "\n";
  }
  return out;
}

std::string Formatter::listing(uint32_t function, uint32_t pc, unsigned before,
                               unsigned after) {
  const Module &module = target.module();
  const Function &f = module.functions[function];
  const SourceMap &map = target.sourceMap();
  uint32_t line = pc < f.locations.size() ? f.locations[pc].line : 0;
  std::string out;
  if (line == 0 || map.sourceLines.empty()) {
    // No source: the instructions around pc.
    uint32_t first = pc > before ? pc - before : 0;
    uint32_t last = std::min<uint32_t>(uint32_t(f.code.size()), pc + after + 1);
    for (uint32_t i = first; i < last; ++i) {
      char prefix[32];
      std::snprintf(prefix, sizeof prefix, "%s %5u  ", i == pc ? "=>" : "  ",
                    i);
      out += prefix + assembly::printInstruction(module, f, i) + "\n";
    }
    return out;
  }
  // Source lines with the Comet instructions of each function beside them.
  std::map<uint32_t, std::vector<uint32_t>> pcsByLine;
  for (uint32_t i = 0; i < f.locations.size(); ++i)
    if (f.locations[i].line)
      pcsByLine[f.locations[i].line].push_back(i);
  uint32_t first = line > before ? line - before : 1;
  uint32_t last =
      std::min<uint32_t>(uint32_t(map.sourceLines.size()), line + after);
  constexpr size_t Column = 52;
  for (uint32_t n = first; n <= last; ++n) {
    std::string text = map.line(n);
    size_t tab = 0;
    while ((tab = text.find('\t', tab)) != std::string::npos)
      text.replace(tab, 1, "  ");
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%s%5u  ", n == line ? "=>" : "  ", n);
    std::string left = prefix + text;
    auto pcs = pcsByLine.find(n);
    if (pcs == pcsByLine.end()) {
      out += left + "\n";
      continue;
    }
    for (size_t k = 0; k < pcs->second.size(); ++k) {
      uint32_t at = pcs->second[k];
      std::string row = k == 0 ? left : "";
      if (row.size() < Column)
        row.resize(Column, ' ');
      else
        row += "  ";
      out += row + (at == pc ? "-> " : "|  ") + std::to_string(at) + ": " +
             assembly::printInstruction(module, f, at) + "\n";
    }
  }
  return out;
}

std::string Formatter::frameLine(size_t number) {
  Frame frame = target.frame(number);
  const Module &module = target.module();
  const Function &f = module.functions[frame.function];
  std::string text = "#" + std::to_string(number) + "  @" + f.name + " (";
  for (uint32_t p = 1; p <= f.numParams; ++p) {
    std::string name = registerLabel(f, p);
    std::string type;
    if (name[0] == '%')
      if (const IRValue *ir =
              target.sourceMap().value(frame.function, name.substr(1)))
        type = ir->type;
    if (p > 1)
      text += ", ";
    text += name;
    text += '=';
    text += scalar(frame.registers[p], type, 0);
  }
  text += ")";
  uint32_t line =
      frame.pc < f.locations.size() ? f.locations[frame.pc].line : 0;
  if (line)
    text += " at " + target.sourceMap().sourceFile + ":" + std::to_string(line);
  else
    text += " pc " + std::to_string(frame.pc);
  return text;
}

std::string Formatter::whereLine(size_t number, bool instruction) {
  Frame frame = target.frame(number);
  const Module &module = target.module();
  const Function &f = module.functions[frame.function];
  std::string source = sourceLine(frame.function, frame.pc);
  std::string comet = "pc " + std::to_string(frame.pc) + ": " +
                      assembly::printInstruction(module, f, frame.pc);
  if (source.empty()) {
    std::string ir = target.sourceMap().irText(frame.function, frame.pc);
    return ir.empty() ? comet : comet + "    ; " + ir;
  }
  return instruction ? source + "\n" + comet : source;
}

std::string Formatter::operandValues(size_t number) {
  Frame frame = target.frame(number);
  const Module &module = target.module();
  const SourceMap &map = target.sourceMap();
  std::vector<std::string> names;
  std::string ir = map.irText(frame.function, frame.pc);
  if (!ir.empty()) {
    // The %names the IR instruction uses (after its own "%x = ").
    size_t start = ir.find(" = ");
    start = start == std::string::npos || ir[0] != '%' ? 0 : start + 3;
    for (size_t i = ir.find('%', start); i != std::string::npos;
         i = ir.find('%', i + 1)) {
      size_t end = i + 1;
      while (end < ir.size() &&
             (std::isalnum((unsigned char)ir[end]) || ir[end] == '.' ||
              ir[end] == '_' || ir[end] == '$' || ir[end] == '-'))
        ++end;
      names.push_back(ir.substr(i, end - i));
    }
  } else {
    // The source registers of the Comet instruction.
    const Function &f = module.functions[frame.function];
    const Instruction &instruction = f.code[frame.pc];
    std::string_view kinds = opcodeInfo(instruction.op).operands;
    size_t slot = 0;
    for (char kind : kinds) {
      if (slot >= instruction.operands.size())
        break;
      uint64_t operand = instruction.operands[slot];
      if (kind == 'r') {
        names.push_back(registerLabel(f, operand));
      } else if (kind == 'R') {
        for (uint64_t i = 0; i < operand; ++i) {
          uint64_t r = instruction.operands[slot + 1 + i];
          names.push_back(registerLabel(f, r));
        }
        slot += operand;
      } else if (kind == 'D') {
        slot += operand;
      } else if (kind == 't') {
        slot += 2 * operand;
      }
      ++slot;
    }
  }
  std::string out;
  std::set<std::string> shown;
  for (const std::string &name : names) {
    if (!shown.insert(name).second)
      continue;
    try {
      ValueRef ref = findValue(module, map, frame.function, name);
      out += "  " + ref.name + " = " + value(number, ref, 0) + "\n";
    } catch (const Error &) {
      // A type name such as %struct.point, or a block label.
    }
  }
  return out;
}

std::string Formatter::trapReport() {
  Program *program = target.program();
  if (!program || target.state() != TargetState::Trapped)
    return "";
  const TrapInfo &trap = program->trap();
  std::string out = "Program trapped: " + std::string(trapKindName(trap.kind));
  if (!trap.message.empty())
    out += ": " + trap.message;
  if (trap.kind == TrapKind::MemoryFault || trap.kind == TrapKind::BadCall ||
      trap.kind == TrapKind::StackOverflow)
    out += " at address " + hex(trap.address) + symbolize(trap.address);
  out += "\n";
  if (target.frameCount() == 0)
    return out;
  out += frameLine(0) + "\n" + whereLine(0, true) + "\n";
  return out + operandValues(0);
}

} // namespace comet::debugger
