#include "runtime/interpreter.h"
#include "runtime/syntax.h"
#include "runtime/tinyscheme.h"

#include "comet/module.h"

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace comet::scheme {

namespace {

// Interned symbols (so always reachable) that no Scheme text can spell,
// because the reader ends a symbol at a space.
constexpr const char *PrimitiveErrorName = " primitive error";
constexpr const char *VoidName = " void";

// Bounds for reading Scheme data back into C++: a circular list must not
// hang the reader.
constexpr size_t MaxListLength = size_t(1) << 24;
constexpr unsigned MaxDepth = 10000;

} // namespace

// ---- Arguments

void Arguments::fail(const std::string &message) const {
  throw ArgumentError(message);
}

void Arguments::expectCount(size_t minimum, size_t maximum) const {
  if (values_.size() >= minimum && values_.size() <= maximum)
    return;
  std::string expected =
      minimum == maximum ? std::to_string(minimum)
      : maximum == SIZE_MAX
          ? "at least " + std::to_string(minimum)
          : std::to_string(minimum) + " to " + std::to_string(maximum);
  fail("expects " + expected + " argument" + (maximum == 1 ? "" : "s") +
       ", got " + std::to_string(values_.size()));
}

void Arguments::wrongType(size_t index, const std::string &expected) const {
  fail("argument " + std::to_string(index + 1) + " must be " + expected +
       ", got " +
       (index < values_.size() ? writeValue(values_[index]) : "none"));
}

int64_t Arguments::integer(size_t index) const {
  if (index >= values_.size())
    fail("missing argument " + std::to_string(index + 1));
  const Value &v = values_[index];
  if (v.kind == Value::Kind::Integer)
    return v.integer;
  if (v.kind == Value::Kind::Real && v.real == double(int64_t(v.real)))
    return int64_t(v.real);
  wrongType(index, "an integer");
}

int64_t Arguments::integerOr(size_t index, int64_t fallback) const {
  return index < values_.size() ? integer(index) : fallback;
}

double Arguments::real(size_t index) const {
  if (index >= values_.size())
    fail("missing argument " + std::to_string(index + 1));
  const Value &v = values_[index];
  if (v.kind == Value::Kind::Real)
    return v.real;
  if (v.kind == Value::Kind::Integer)
    return double(v.integer);
  wrongType(index, "a number");
}

std::string Arguments::text(size_t index) const {
  if (index >= values_.size())
    fail("missing argument " + std::to_string(index + 1));
  const Value &v = values_[index];
  if (v.isText())
    return v.text;
  wrongType(index, "a string or symbol");
}

// ---- conversions between cells and Values

namespace {

std::string describeOpaque(::scheme *sc, pointer p) {
  const scheme_interface *f = sc->vptr;
  if (f->is_closure(p) || f->is_proc(p) || f->is_foreign(p) ||
      f->is_continuation(p))
    return "#<procedure>";
  if (f->is_macro(p))
    return "#<macro>";
  if (f->is_port(p))
    return "#<port>";
  if (f->is_environment(p))
    return "#<environment>";
  if (f->is_promise(p))
    return "#<promise>";
  if (p == sc->EOF_OBJ)
    return "#<eof>";
  return "#<object>";
}

Value toValue(::scheme *sc, pointer p, unsigned depth = 0) {
  const scheme_interface *f = sc->vptr;
  if (p == sc->T || p == sc->F)
    return Value::of(p == sc->T);
  if (p == sc->NIL)
    return Value::list();
  if (depth > MaxDepth) {
    Value v;
    v.kind = Value::Kind::Opaque;
    v.text = "#<too deep>";
    return v;
  }
  if (f->is_number(p)) {
    num n = f->nvalue(p);
    return n.is_fixnum ? Value::integerOf(n.value.ivalue)
                       : Value::realOf(n.value.rvalue);
  }
  if (f->is_string(p))
    return Value::string(
        std::string(f->string_value(p), size_t(p->_object._string._length)));
  if (f->is_symbol(p)) {
    std::string name = f->symname(p);
    if (name == VoidName)
      return Value::none();
    return Value::symbol(name);
  }
  if (f->is_character(p))
    return Value::character(char(f->charvalue(p)));
  if (f->is_pair(p)) {
    Value list = Value::list();
    pointer q = p;
    for (; f->is_pair(q); q = f->pair_cdr(q)) {
      if (list.items.size() >= MaxListLength) {
        Value v;
        v.kind = Value::Kind::Opaque;
        v.text = "#<list too long or circular>";
        return v;
      }
      list.items.push_back(toValue(sc, f->pair_car(q), depth + 1));
    }
    if (q != sc->NIL) { // an improper list: its tail becomes the last item
      list.items.push_back(toValue(sc, q, depth + 1));
      list.dotted = true;
    }
    return list;
  }
  if (f->is_vector(p)) {
    Value list = Value::list();
    long length = f->vector_length(p);
    for (long i = 0; i < length; ++i)
      list.items.push_back(toValue(sc, f->vector_elem(p, int(i)), depth + 1));
    return list;
  }
  Value v;
  v.kind = Value::Kind::Opaque;
  v.text = describeOpaque(sc, p);
  return v;
}

// Builds the cells of a value. A collection may run while the parts built
// so far live only in C++ variables here: TinyScheme roots every cell
// allocated since the interpreter's last step (its "recent allocations"
// list), and this runs within one step, the call of a primitive.
pointer build(::scheme *sc, const Value &value) {
  const scheme_interface *f = sc->vptr;
  switch (value.kind) {
  case Value::Kind::Void:
    return f->mk_symbol(sc, VoidName);
  case Value::Kind::Bool:
    return value.boolean ? sc->T : sc->F;
  case Value::Kind::Integer:
    return f->mk_integer(sc, long(value.integer));
  case Value::Kind::Real:
    return f->mk_real(sc, value.real);
  case Value::Kind::String:
    return f->mk_counted_string(sc, value.text.data(), int(value.text.size()));
  case Value::Kind::Symbol:
    return f->mk_symbol(sc, value.text.c_str());
  case Value::Kind::Char:
    return f->mk_character(
        sc, value.text.empty() ? 0 : static_cast<unsigned char>(value.text[0]));
  case Value::Kind::List: {
    size_t n = value.items.size();
    pointer tail = sc->NIL;
    if (value.dotted && n > 0)
      tail = build(sc, value.items[--n]);
    for (size_t i = n; i-- > 0;)
      tail = f->cons(sc, build(sc, value.items[i]), tail);
    return tail;
  }
  case Value::Kind::Opaque:
    return f->mk_string(sc, value.text.c_str());
  }
  return sc->NIL;
}

// Writes Scheme output to the interpreter's callback as it comes.
ssize_t writeToCallback(void *cookie, const char *data, size_t size) {
  auto *output = static_cast<Interpreter::Output *>(cookie);
  if (*output)
    (*output)(std::string_view(data, size));
  return ssize_t(size);
}

} // namespace

// ---- the interpreter

struct Interpreter::State {
  ::scheme *sc = nullptr;
  Output output;
  FILE *outFile = nullptr;
  struct Entry {
    std::string name;
    Primitive primitive;
    Errors errors;
  };
  std::vector<Entry> primitives;
  std::string primitiveError; // the last primitive's error message
  bool aborted = false;       // an uncaught error ended the evaluation
  std::string abortMessage;
  bool exitRequested = false;
  int exitCode = 0;

  static State &of(::scheme *sc) { return *static_cast<State *>(sc->ext_data); }

  // After an exhausted heap: drop the abandoned evaluation's stack so that
  // the next collection frees it.
  void recoverHeap() {
    sc->no_memory = 0;
    sc->dump = sc->NIL;
    sc->envir = sc->global_env;
    sc->code = sc->NIL;
    sc->args = sc->NIL;
    sc->value = sc->NIL;
  }

  void begin() {
    if (sc->no_memory)
      recoverHeap();
    aborted = false;
    abortMessage.clear();
    exitRequested = false;
    exitCode = 0;
  }

  Outcome finish() {
    std::fflush(outFile);
    Outcome outcome;
    if (sc->no_memory) {
      outcome.ok = false;
      outcome.error =
          "Scheme heap exhausted (" +
          std::to_string(long(sc->last_cell_seg + 1) * CELL_SEGSIZE) +
          " cells); the evaluation was abandoned";
      recoverHeap();
      return outcome;
    }
    if (exitRequested) {
      outcome.exitRequested = true;
      outcome.exitCode = exitCode;
      return outcome;
    }
    if (aborted) {
      outcome.ok = false;
      outcome.error = abortMessage;
      return outcome;
    }
    outcome.value = toValue(sc, sc->value);
    return outcome;
  }

  // Null when the heap ran out while building (no_memory is set).
  pointer fromValue(const Value &value) {
    pointer p = build(sc, value);
    return sc->no_memory ? nullptr : p;
  }

  // ---- the foreign functions behind every primitive

  // (comet:ffi INDEX ARGUMENT-LIST)
  static pointer callPrimitive(::scheme *sc, pointer args) {
    State &self = of(sc);
    const scheme_interface *f = sc->vptr;
    long index = f->ivalue(f->pair_car(args));
    const Entry &entry = self.primitives.at(size_t(index));
    Value list = toValue(sc, f->pair_car(f->pair_cdr(args)));
    try {
      Arguments arguments(entry.name, std::move(list.items));
      Value result = entry.primitive(arguments);
      if (pointer p = self.fromValue(result))
        return p;
      return sc->sink; // no_memory is set: the evaluation stops
    } catch (const ArgumentError &e) {
      self.primitiveError = entry.name + ": " + e.what();
    } catch (const std::exception &e) {
      // (SchemeError, comet::Error and anything else a primitive throws.)
      self.primitiveError = entry.errors == Errors::Named
                                ? entry.name + ": " + e.what()
                                : std::string(e.what());
    }
    return f->mk_symbol(sc, PrimitiveErrorName);
  }

  // (comet:primitive-error): the message of the failed primitive call.
  static pointer takePrimitiveError(::scheme *sc, pointer) {
    State &self = of(sc);
    return sc->vptr->mk_counted_string(sc, self.primitiveError.data(),
                                       int(self.primitiveError.size()));
  }

  // (comet:abort MESSAGE): the evaluation ends with this error (prelude's
  // %raise calls quit right after).
  static pointer abort(::scheme *sc, pointer args) {
    State &self = of(sc);
    const scheme_interface *f = sc->vptr;
    pointer message = args != sc->NIL ? f->pair_car(args) : sc->NIL;
    self.aborted = true;
    self.abortMessage =
        f->is_string(message) ? f->string_value(message) : "error";
    return sc->T;
  }

  // (comet:request-exit CODE)
  static pointer requestExit(::scheme *sc, pointer args) {
    State &self = of(sc);
    const scheme_interface *f = sc->vptr;
    pointer code = args != sc->NIL ? f->pair_car(args) : sc->NIL;
    self.exitRequested = true;
    self.exitCode = f->is_number(code) ? int(f->ivalue(code)) : 0;
    return sc->T;
  }

  static pointer makeVoid(::scheme *sc, pointer) {
    return sc->vptr->mk_symbol(sc, VoidName);
  }
  static pointer makePrimitiveErrorSymbol(::scheme *sc, pointer) {
    return sc->vptr->mk_symbol(sc, PrimitiveErrorName);
  }

  void defineForeign(const char *name, foreign_func function) {
    scheme_define(sc, sc->global_env, sc->vptr->mk_symbol(sc, name),
                  sc->vptr->mk_foreign_func(sc, function));
  }
};

Interpreter::Interpreter(Output output) : state_(std::make_unique<State>()) {
  State &s = *state_;
  s.output = std::move(output);
  // Zeroed, unlike scheme_init_new's: scheme_init leaves registers such as
  // sc->value unset, and the evaluator reads some before writing them.
  s.sc = static_cast<::scheme *>(std::calloc(1, sizeof(::scheme)));
  if (!s.sc || !scheme_init(s.sc)) {
    if (s.sc)
      scheme_deinit(s.sc);
    std::free(s.sc);
    s.sc = nullptr;
    throw SchemeError("cannot create a Scheme interpreter (out of memory)");
  }
  s.sc->value = s.sc->NIL;
  scheme_set_external_data(s.sc, &s);
  cookie_io_functions_t io{nullptr, writeToCallback, nullptr, nullptr};
  s.outFile = fopencookie(&s.output, "w", io);
  if (!s.outFile)
    throw SchemeError("cannot create the Scheme output port");
  std::setvbuf(s.outFile, nullptr, _IONBF, 0);
  scheme_set_output_port_file(s.sc, s.outFile);
  scheme_set_input_port_file(s.sc, stdin);

  s.defineForeign("comet:ffi", State::callPrimitive);
  s.defineForeign("comet:primitive-error", State::takePrimitiveError);
  s.defineForeign("comet:primitive-error-symbol",
                  State::makePrimitiveErrorSymbol);
  s.defineForeign("comet:abort", State::abort);
  s.defineForeign("comet:request-exit", State::requestExit);
  s.defineForeign("comet:void", State::makeVoid);

  for (const char *file : {"init.scm", "lib/prelude.scm"}) {
    std::string path = findSchemeFile(file);
    if (path.empty())
      throw SchemeError(std::string("cannot find the Scheme library file '") +
                        file + "' (set COMET_SCHEME_PATH to its directory)");
    Outcome outcome = load(path);
    if (!outcome.ok)
      throw SchemeError(path + ": " + outcome.error);
  }
}

Interpreter::~Interpreter() {
  State &s = *state_;
  if (s.sc) {
    scheme_deinit(s.sc);
    std::free(s.sc);
  }
  if (s.outFile)
    std::fclose(s.outFile);
}

void Interpreter::setOutput(Output output) {
  std::fflush(state_->outFile);
  state_->output = std::move(output);
}

Outcome Interpreter::evaluate(std::string_view text) {
  State &s = *state_;
  if (balanceOf(text) == Balance::Incomplete) {
    Outcome outcome;
    outcome.ok = false;
    outcome.error = "incomplete expression (a parenthesis or string is not "
                    "closed)";
    return outcome;
  }
  s.begin();
  // A `catch` that an earlier evaluation left open must not catch here.
  std::string code = "(set! *handlers* '())\n";
  code += text;
  scheme_load_string(s.sc, code.c_str());
  return s.finish();
}

Outcome Interpreter::load(const std::string &path) {
  State &s = *state_;
  FILE *file = std::fopen(path.c_str(), "r");
  if (!file) {
    Outcome outcome;
    outcome.ok = false;
    outcome.error = "cannot open '" + path + "'";
    return outcome;
  }
  s.begin();
  scheme_load_string(s.sc, "(if (defined? '*handlers*) (set! *handlers* '()))");
  scheme_load_named_file(s.sc, file, path.c_str());
  std::fclose(file);
  return s.finish();
}

Outcome Interpreter::loadLibrary(const std::string &name) {
  std::string path = findSchemeFile("lib/" + name);
  if (path.empty()) {
    Outcome outcome;
    outcome.ok = false;
    outcome.error = "cannot find the Scheme library file 'lib/" + name +
                    "' (set COMET_SCHEME_PATH to its directory)";
    return outcome;
  }
  return load(path);
}

void Interpreter::define(const std::string &name, Primitive primitive,
                         Errors errors) {
  State &s = *state_;
  size_t index = s.primitives.size();
  s.primitives.push_back({name, std::move(primitive), errors});
  Outcome outcome =
      evaluate("(define (" + name + " . args) (%check (comet:ffi " +
               std::to_string(index) + " args)))");
  if (!outcome.ok)
    throw SchemeError("cannot define primitive '" + name +
                      "': " + outcome.error);
}

HeapStatistics Interpreter::heap() const {
  const ::scheme *sc = state_->sc;
  return {long(sc->last_cell_seg + 1) * CELL_SEGSIZE, sc->fcells};
}

// ---- finding the library

namespace {

std::string executableDirectory() {
  std::error_code error;
  std::filesystem::path exe =
      std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "" : exe.parent_path().string();
}

} // namespace

std::string findSchemeFile(const std::string &relativePath) {
  std::vector<std::string> directories;
  if (const char *path = std::getenv("COMET_SCHEME_PATH")) {
    std::string list = path;
    size_t start = 0;
    while (start <= list.size()) {
      size_t end = list.find(':', start);
      if (end == std::string::npos)
        end = list.size();
      if (end > start)
        directories.push_back(list.substr(start, end - start));
      start = end + 1;
    }
  }
  std::string exeDir = executableDirectory();
  if (!exeDir.empty()) {
    directories.push_back(exeDir + "/../scheme");
    directories.push_back(exeDir + "/../share/comet/scheme");
  }
#ifdef COMET_SCHEME_BUILD_DIR
  directories.push_back(COMET_SCHEME_BUILD_DIR);
#endif
  for (const std::string &directory : directories) {
    std::filesystem::path candidate =
        std::filesystem::path(directory) / relativePath;
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error))
      return std::filesystem::weakly_canonical(candidate, error).string();
  }
  return "";
}

} // namespace comet::scheme
