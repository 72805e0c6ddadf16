// One embedded TinyScheme interpreter, made safe to use from C++:
//   - errors (Scheme's own, `error`, and those of C++ primitives) end the
//     evaluation and come back as a message, never as an exit or a crash;
//   - output goes to a callback as it is written (no fixed-size buffer);
//   - a heap that runs out is an error, after which the interpreter is
//     usable again;
//   - C++ primitives take and return plain Values (value.h), so no Scheme
//     cell is ever held where the collector cannot see it. Objects owned
//     by C++ are passed to Scheme as integer handles (handles.h).
#ifndef COMET_SCHEME_RUNTIME_INTERPRETER_H
#define COMET_SCHEME_RUNTIME_INTERPRETER_H

#include "runtime/value.h"

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace comet::scheme {

// Thrown by a primitive to raise a Scheme error with this message.
struct SchemeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What Arguments throws: a wrong argument, always shown with the name of
// the primitive it was given to.
struct ArgumentError : SchemeError {
  using SchemeError::SchemeError;
};

// The arguments of a primitive call, with checked accessors whose errors
// name the primitive and the argument.
class Arguments {
public:
  Arguments(std::string_view primitive, std::vector<Value> values)
      : primitive_(primitive), values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  const Value &operator[](size_t index) const { return values_[index]; }
  const std::vector<Value> &all() const { return values_; }
  bool has(size_t index) const { return index < values_.size(); }

  // Requires between minimum and maximum arguments.
  void expectCount(size_t minimum, size_t maximum) const;
  int64_t integer(size_t index) const;
  // An integer, or the default when the argument is absent.
  int64_t integerOr(size_t index, int64_t fallback) const;
  double real(size_t index) const;
  // A string or a symbol's name.
  std::string text(size_t index) const;
  [[noreturn]] void fail(const std::string &message) const;
  [[noreturn]] void wrongType(size_t index, const std::string &expected) const;

private:
  std::string_view primitive_;
  std::vector<Value> values_;
};

using Primitive = std::function<Value(const Arguments &)>;

struct Outcome {
  bool ok = true;
  std::string error;          // the message, when !ok
  Value value;                // of the last form evaluated
  bool exitRequested = false; // (exit N) was called
  int exitCode = 0;
};

struct HeapStatistics {
  long cells = 0;     // allocated
  long freeCells = 0; // on the free list
};

class Interpreter {
public:
  using Output = std::function<void(std::string_view)>;

  // Loads TinyScheme's init.scm and lib/prelude.scm (see findSchemeFile).
  // Throws SchemeError if they cannot be found or loaded.
  explicit Interpreter(Output output = {});
  ~Interpreter();
  Interpreter(const Interpreter &) = delete;
  Interpreter &operator=(const Interpreter &) = delete;

  void setOutput(Output output);

  // Evaluates every form of text at top level.
  Outcome evaluate(std::string_view text);
  // Loads a Scheme file (errors inside name its line).
  Outcome load(const std::string &path);
  // Loads a file from the Scheme library (findSchemeFile).
  Outcome loadLibrary(const std::string &name);

  // Defines a Scheme procedure `name` that calls the C++ primitive. The
  // primitive may throw SchemeError (or comet::Error): the caller sees a
  // Scheme error, catchable with `catch` and shown as "NAME: message" (or
  // just "message" with Errors::Unnamed, for primitives whose errors speak
  // for the commands that call them; ArgumentErrors are always named).
  enum class Errors { Named, Unnamed };
  void define(const std::string &name, Primitive primitive,
              Errors errors = Errors::Named);

  HeapStatistics heap() const;

private:
  struct State;
  std::unique_ptr<State> state_;
};

// Where the Scheme files are (init.scm, lib/*.scm): $COMET_SCHEME_PATH
// (colon-separated directories), then scheme/ beside the executable's
// directory (bin/../scheme in the build tree, bin/../share/comet/scheme
// when installed), then the build tree's scheme/ compiled in. Returns ""
// if not found.
std::string findSchemeFile(const std::string &relativePath);

// Registers the integer primitives Scheme lacks: 64-bit bitwise and shift
// operations, sign and zero extension, unsigned and hexadecimal printing,
// parsing of such numbers, float bit patterns (numbers.cpp).
void defineNumberPrimitives(Interpreter &interpreter);

} // namespace comet::scheme

#endif
