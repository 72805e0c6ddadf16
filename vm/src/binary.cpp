#include "comet/binary.h"

#include <cstdio>
#include <string>

namespace comet {

namespace {

constexpr uint8_t Magic[4] = {0x7f, 'C', 'O', 'B'};
enum Section : uint64_t { Symbols = 1, Code, Data, Relocs, Source };

class Writer {
public:
  void number(uint64_t value) {
    do {
      uint8_t byte = value & 0x7f;
      value >>= 7;
      bytes.push_back(byte | (value ? 0x80 : 0));
    } while (value);
  }
  void string(const std::string &text) {
    number(text.size());
    bytes.insert(bytes.end(), text.begin(), text.end());
  }
  void section(uint64_t id, const Writer &payload) {
    number(id);
    number(payload.bytes.size());
    bytes.insert(bytes.end(), payload.bytes.begin(), payload.bytes.end());
  }
  std::vector<uint8_t> bytes;
};

class Reader {
public:
  Reader(std::span<const uint8_t> bytes, size_t base)
      : bytes(bytes), base(base) {}

  [[noreturn]] void fail(const std::string &what, size_t at) const {
    throw Error("offset " + std::to_string(base + at) + ": " + what);
  }
  [[noreturn]] void fail(const std::string &what) const { fail(what, pos); }
  bool atEnd() const { return pos == bytes.size(); }
  size_t remaining() const { return bytes.size() - pos; }
  size_t offset() const { return base + pos; }

  uint64_t number(const char *what) {
    size_t start = pos;
    uint64_t value = 0;
    for (unsigned shift = 0;; shift += 7) {
      if (pos == bytes.size())
        fail(std::string("truncated file: expected ") + what, start);
      uint8_t byte = bytes[pos++];
      if (shift == 63 && byte > 1)
        fail(std::string(what) + " does not fit in 64 bits", start);
      value |= uint64_t(byte & 0x7f) << shift;
      if (!(byte & 0x80))
        return value;
    }
  }
  // A count of items that each take at least one byte, so a corrupt count
  // cannot make us allocate more than the file could describe.
  uint64_t count(const char *what) {
    size_t start = pos;
    uint64_t n = number(what);
    if (n > remaining())
      fail(std::string(what) + " " + std::to_string(n) +
               " exceeds the bytes left (" + std::to_string(remaining()) + ")",
           start);
    return n;
  }
  uint32_t number32(const char *what) {
    size_t start = pos;
    uint64_t n = number(what);
    if (n > UINT32_MAX)
      fail(std::string(what) + " " + std::to_string(n) + " is too large",
           start);
    return uint32_t(n);
  }
  std::string string(const char *what) {
    uint64_t n = count(what);
    std::string text(reinterpret_cast<const char *>(bytes.data() + pos), n);
    pos += n;
    return text;
  }
  Reader section(uint64_t expectedId, const char *name) {
    size_t start = pos;
    uint64_t id = number("section id");
    if (id != expectedId)
      fail("expected section " + std::to_string(expectedId) + " (" + name +
               "), found section id " + std::to_string(id),
           start);
    uint64_t length = count("section length");
    Reader payload(bytes.subspan(pos, length), base + pos);
    pos += length;
    return payload;
  }
  void expectEnd(const char *what) const {
    if (!atEnd())
      fail(std::to_string(remaining()) + " unexpected bytes at the end of " +
           what);
  }

private:
  std::span<const uint8_t> bytes;
  size_t base;
  size_t pos = 0;
};

// A fingerprint of the opcode table: a module written by a build with a
// different instruction set is refused instead of misread.
uint64_t isaFingerprint() {
  uint64_t hash = 0xcbf29ce484222325; // FNV-1a
  auto mix = [&](std::string_view text) {
    for (char c : text)
      hash = (hash ^ uint8_t(c)) * 0x100000001b3;
    hash = (hash ^ 0xff) * 0x100000001b3;
  };
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    mix(opcodeInfo(static_cast<Opcode>(i)).mnemonic);
    mix(opcodeInfo(static_cast<Opcode>(i)).operands);
  }
  return hash & 0xffffffff;
}

uint64_t zigzag(int64_t value) {
  return (uint64_t(value) << 1) ^ uint64_t(value >> 63);
}
int64_t unzigzag(uint64_t value) {
  return int64_t(value >> 1) ^ -int64_t(value & 1);
}

void writeInstruction(Writer &out, const Instruction &insn) {
  out.number(static_cast<uint64_t>(insn.op));
  for (uint64_t operand : insn.operands)
    out.number(operand);
}

Instruction readInstruction(Reader &in) {
  size_t start = in.offset();
  Instruction insn;
  uint64_t op = in.number("opcode");
  if (op >= NumOpcodes)
    throw Error("offset " + std::to_string(start) + ": unknown opcode " +
                std::to_string(op));
  insn.op = static_cast<Opcode>(op);
  for (char kind : opcodeInfo(insn.op).operands) {
    switch (kind) {
    case 'D':
    case 'R': {
      uint64_t n = in.count("register list length");
      insn.operands.push_back(n);
      for (uint64_t i = 0; i < n; ++i)
        insn.operands.push_back(in.number("register"));
      break;
    }
    case 't': {
      uint64_t n = in.count("switch case count");
      insn.operands.push_back(n);
      for (uint64_t i = 0; i < 2 * n; ++i)
        insn.operands.push_back(in.number("switch case"));
      break;
    }
    default:
      insn.operands.push_back(in.number("operand"));
    }
  }
  return insn;
}

} // namespace

std::vector<uint8_t> encodeModule(const Module &module) {
  Writer out;
  out.bytes.assign(std::begin(Magic), std::end(Magic));
  out.number(CobVersion);
  out.number(isaFingerprint());

  Writer symbols;
  symbols.number(module.functions.size());
  for (const Function &f : module.functions) {
    symbols.string(f.name);
    symbols.number(f.numParams);
    symbols.number(f.numRegs);
  }
  symbols.number(module.data.size());
  for (const DataObject &d : module.data) {
    symbols.string(d.name);
    symbols.number(d.alignment);
    symbols.number(d.size);
    symbols.number(d.writable ? 1 : 0);
  }
  symbols.number(module.imports.size());
  for (const std::string &name : module.imports)
    symbols.string(name);
  out.section(Symbols, symbols);

  Writer code;
  for (const Function &f : module.functions) {
    code.number(f.code.size());
    for (const Instruction &insn : f.code)
      writeInstruction(code, insn);
  }
  out.section(Code, code);

  Writer data;
  Writer relocs;
  uint64_t relocCount = 0;
  for (const DataObject &d : module.data)
    relocCount += d.relocations.size();
  relocs.number(relocCount);
  for (size_t i = 0; i < module.data.size(); ++i) {
    const DataObject &d = module.data[i];
    data.number(d.bytes.size());
    data.bytes.insert(data.bytes.end(), d.bytes.begin(), d.bytes.end());
    for (const Relocation &r : d.relocations) {
      relocs.number(i);
      relocs.number(r.offset);
      relocs.number(r.symbol);
      relocs.number(zigzag(r.addend));
      relocs.number(r.minus);
      relocs.number(r.size);
    }
  }
  out.section(Data, data);
  out.section(Relocs, relocs);

  Writer source;
  source.string(module.sourceFile);
  for (const Function &f : module.functions) {
    source.number(f.registerNames.size());
    for (const std::string &name : f.registerNames)
      source.string(name);
    source.number(f.registerAliases.size());
    for (const RegisterAlias &alias : f.registerAliases) {
      source.number(alias.reg);
      source.string(alias.name);
      source.number(uint64_t(alias.offset));
    }
    source.number(f.labelNames.size());
    for (const auto &[index, name] : f.labelNames) {
      source.number(index);
      source.string(name);
    }
    source.number(f.locations.size());
    for (const SourceLocation &loc : f.locations) {
      source.number(loc.line);
      source.number(loc.column);
    }
  }
  out.section(Source, source);
  return out.bytes;
}

Module decodeModule(std::span<const uint8_t> bytes) {
  Reader in(bytes, 0);
  if (bytes.size() < sizeof Magic ||
      !std::equal(std::begin(Magic), std::end(Magic), bytes.begin()))
    in.fail("not a Comet module (bad magic number)", 0);
  Reader body(bytes.subspan(sizeof Magic), sizeof Magic);
  uint64_t version = body.number("version");
  if (version != CobVersion)
    body.fail("unsupported version " + std::to_string(version) +
                  " (this build reads version " + std::to_string(CobVersion) +
                  ")",
              0);
  size_t at = body.offset();
  uint64_t isa = body.number("instruction set fingerprint");
  if (isa != isaFingerprint()) {
    char text[96];
    std::snprintf(text, sizeof text,
                  "written for another instruction set (fingerprint %08llx, "
                  "this build has %08llx)",
                  (unsigned long long)isa,
                  (unsigned long long)isaFingerprint());
    throw Error("offset " + std::to_string(at) + ": " + text);
  }
  Module module;

  Reader symbols = body.section(Symbols, "symbols");
  module.functions.resize(symbols.count("function count"));
  for (Function &f : module.functions) {
    f.name = symbols.string("function name");
    f.numParams = symbols.number32("parameter count");
    f.numRegs = symbols.number32("register count");
  }
  module.data.resize(symbols.count("data object count"));
  for (DataObject &d : module.data) {
    d.name = symbols.string("data name");
    d.alignment = symbols.number("alignment");
    d.size = symbols.number("data size");
    size_t at = symbols.offset();
    uint64_t flags = symbols.number("data flags");
    if (flags > 1)
      throw Error("offset " + std::to_string(at) + ": unknown data flags " +
                  std::to_string(flags));
    d.writable = flags & 1;
  }
  module.imports.resize(symbols.count("import count"));
  for (std::string &name : module.imports)
    name = symbols.string("import name");
  symbols.expectEnd("the symbols section");

  Reader code = body.section(Code, "code");
  for (Function &f : module.functions) {
    f.code.resize(code.count("instruction count"));
    for (Instruction &insn : f.code)
      insn = readInstruction(code);
  }
  code.expectEnd("the code section");

  Reader data = body.section(Data, "data");
  for (DataObject &d : module.data) {
    std::string raw = data.string("data bytes");
    d.bytes.assign(raw.begin(), raw.end());
  }
  data.expectEnd("the data section");

  Reader relocs = body.section(Relocs, "relocations");
  uint64_t relocCount = relocs.count("relocation count");
  for (uint64_t i = 0; i < relocCount; ++i) {
    size_t at = relocs.offset();
    uint64_t object = relocs.number("relocation data index");
    if (object >= module.data.size())
      throw Error("offset " + std::to_string(at) +
                  ": relocation names data object " + std::to_string(object) +
                  " of " + std::to_string(module.data.size()));
    Relocation r;
    r.offset = relocs.number("relocation offset");
    r.symbol = relocs.number("relocation symbol");
    r.addend = unzigzag(relocs.number("relocation addend"));
    r.minus = relocs.number("relocation subtrahend");
    size_t sizeAt = relocs.offset();
    uint64_t size = relocs.number("relocation size");
    if (size != 4 && size != 8)
      throw Error("offset " + std::to_string(sizeAt) + ": relocation size " +
                  std::to_string(size) + " is not 4 or 8");
    r.size = uint8_t(size);
    module.data[object].relocations.push_back(r);
  }
  relocs.expectEnd("the relocations section");

  Reader source = body.section(Source, "source map");
  module.sourceFile = source.string("source file name");
  for (Function &f : module.functions) {
    f.registerNames.resize(source.count("register name count"));
    for (std::string &name : f.registerNames)
      name = source.string("register name");
    f.registerAliases.resize(source.count("register alias count"));
    for (RegisterAlias &alias : f.registerAliases) {
      alias.reg = source.number32("aliased register");
      alias.name = source.string("register alias");
      alias.offset = int64_t(source.number("register alias offset"));
    }
    uint64_t labels = source.count("label count");
    for (uint64_t i = 0; i < labels; ++i) {
      uint32_t index = source.number32("label index");
      f.labelNames[index] = source.string("label name");
    }
    size_t at = source.offset();
    uint64_t locations = source.count("location count");
    if (locations != 0 && locations != f.code.size())
      throw Error("offset " + std::to_string(at) + ": function '" + f.name +
                  "' has " + std::to_string(locations) +
                  " source locations for " + std::to_string(f.code.size()) +
                  " instructions");
    f.locations.resize(locations);
    for (SourceLocation &loc : f.locations) {
      loc.line = source.number32("line");
      loc.column = source.number32("column");
    }
  }
  source.expectEnd("the source map section");
  body.expectEnd("the module");

  verifyModule(module);
  return module;
}

} // namespace comet
