// What the debugger knows about a program beyond its Comet module: for
// code lowered from LLVM IR, the IR instruction behind every Comet
// instruction, the IR type of every value, the layout of those types, and
// the .ll text; for any program, the lines of its source file if readable.
// Plain data: built once (source_map_builder.cpp, with LLVM) and only read
// afterwards.
#ifndef COMET_SCHEME_DEBUGGER_SOURCE_MAP_H
#define COMET_SCHEME_DEBUGGER_SOURCE_MAP_H

#include "comet/module.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace llvm {
class Module;
}
namespace comet::lowering {
struct Lowered;
}

namespace comet::debugger {

constexpr uint32_t NoOrigin = UINT32_MAX;

// The layout of an IR type on Comet's (x86-64) data layout.
struct IRType {
  enum class Kind {
    Integer,
    Float,
    Double,
    Pointer,
    Struct,
    Array,
    Vector,
    Other
  };
  Kind kind = Kind::Other;
  std::string text;  // as the IR prints it: "i32", "%struct.point", "[4 x i8]"
  unsigned bits = 0; // Integer: its width
  uint64_t size = 0; // allocation size in bytes
  uint64_t alignment = 1;
  struct Field {
    uint64_t offset;
    std::string type;
  };
  std::vector<Field> fields; // Struct
  std::string element;       // Array, Vector
  uint64_t count = 0;        // Array, Vector
  uint64_t stride = 0;       // Array, Vector: bytes between elements
};

struct IRValue {
  std::string type;          // of the value
  std::string allocatedType; // for an alloca: what it allocates
};

struct FunctionMap {
  std::vector<uint32_t> origins;         // by Comet pc: index into irTexts
  std::map<std::string, IRValue> values; // by IR name, without '%'
  std::string returnType;
};

struct SourceMap {
  std::string sourceFile;               // what locations refer to
  std::vector<std::string> sourceLines; // its text, if it could be read
  bool fromIR = false;                  // lowered from LLVM IR
  std::vector<std::string> irTexts;
  std::vector<FunctionMap> functions;  // by Comet function; empty without IR
  std::map<std::string, IRType> types; // by type text
  std::map<std::string, std::string> globals; // data object -> IR value type

  const FunctionMap *function(uint32_t index) const {
    return index < functions.size() ? &functions[index] : nullptr;
  }
  uint32_t origin(uint32_t function, uint32_t pc) const;
  // The IR instruction text of a Comet instruction, or "".
  std::string irText(uint32_t function, uint32_t pc) const;
  const IRValue *value(uint32_t function, const std::string &name) const;
  const IRType *type(const std::string &text) const;
  // The text of a source line (1-based), or "".
  std::string line(uint32_t number) const;
};

// A source map without IR: the source file's lines only.
SourceMap plainSourceMap(const Module &module);

// The full map of a module lowered from IR. irFile is the .ll text the
// module came from ("" for bitcode).
SourceMap buildSourceMap(const Module &module, const llvm::Module &ir,
                         const lowering::Lowered &lowered,
                         const std::string &irFile);

// Where a statement starts: the unit `step` moves by. For lowered code an
// IR instruction (its first Comet instruction), for assembly with .loc
// lines a source line, otherwise every instruction.
bool isStatementStart(const Module &module, const SourceMap &map,
                      uint32_t function, uint32_t pc);

} // namespace comet::debugger

#endif
