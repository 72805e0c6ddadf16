// A debugger session: one Scheme interpreter with the Comet library
// (lib/debugger.scm and the primitives that expose the VM), and the
// program being debugged. Input is a line of gdb-like command syntax or
// Scheme (command_line.h); output and errors go to the given streams.
#ifndef COMET_SCHEME_DEBUGGER_SESSION_H
#define COMET_SCHEME_DEBUGGER_SESSION_H

#include "debugger/target.h"
#include "runtime/handles.h"
#include "runtime/interpreter.h"

#include <functional>
#include <memory>
#include <string>

namespace comet::debugger {

class Session {
public:
  using Output = std::function<void(std::string_view)>;

  // target may be null (comet-vm repl): then the program primitives say
  // there is no program. Throws scheme::SchemeError if the Scheme library
  // cannot be loaded.
  Session(std::unique_ptr<Target> target, Output out, Output err);
  ~Session();

  // Runs one complete input (see command_line.h): a command, or Scheme
  // whose value is printed. Errors are printed. Returns false if it failed.
  bool execute(const std::string &input);
  // Loads a Scheme file (load, ~/.cometrc.scm, --init).
  bool loadScheme(const std::string &path);
  // Runs a file of debugger commands (source, -x).
  bool source(const std::string &path);

  // (exit N) or quit was called.
  bool finished() const { return finished_; }
  // The status the debugger exits with: (exit N), else the program's exit
  // status if it ran to its end, else 1 if the last input failed, else 0.
  int exitStatus() const;

  // The program the primitives act on (null in the repl).
  Target *target() { return current_; }
  scheme::Interpreter &scheme() { return *scheme_; }

  // The trap the program stopped at, as shown when the debugger opens on
  // it (debug-on-trap).
  void showTrap();

  // Adds a program to debug (the first becomes the current one); its
  // handle.
  int64_t addTarget(std::unique_ptr<Target> target);

  // How (load-snapshot N) makes the program after pass N of the session's
  // pipeline; without one, load-snapshot is an error.
  using SnapshotLoader = std::function<std::unique_ptr<Target>(unsigned)>;
  void setSnapshotLoader(SnapshotLoader loader) {
    snapshotLoader_ = std::move(loader);
  }

private:
  bool report(const scheme::Outcome &outcome, bool printValue);

  // Programs by handle: (targets), (current-target), (select-target! H).
  // The debugger makes one; comparing runs (bisect --explain) adds more.
  scheme::HandleTable<std::unique_ptr<Target>> targets_;
  Target *current_ = nullptr; // what the primitives act on
  SnapshotLoader snapshotLoader_;
  Output out_, err_;
  std::unique_ptr<scheme::Interpreter> scheme_;
  bool finished_ = false;
  bool exitRequested_ = false;
  int exitCode_ = 0;
  bool lastFailed_ = false;
  bool atLineStart_ = true; // the last output ended a line
};

// Registers the primitives of the debugger library on an interpreter; they
// act on *target (which may be null or change between calls).
void defineProgramPrimitives(scheme::Interpreter &scheme, Target *&target);
void defineDataPrimitives(scheme::Interpreter &scheme, Target *&target);
void definePointPrimitives(scheme::Interpreter &scheme, Target *&target);
void defineSourcePrimitives(scheme::Interpreter &scheme, Target *&target);
void defineSessionPrimitives(scheme::Interpreter &scheme);

// The target of a primitive, or a Scheme error if there is none.
Target &requireTarget(Target *target);

// (key . value), the entries of the association lists primitives return.
inline scheme::Value pair(const std::string &key, scheme::Value value) {
  scheme::Value v =
      scheme::Value::list({scheme::Value::symbol(key), std::move(value)});
  v.dotted = true;
  return v;
}

// Defines a debugger primitive: its errors are the commands' errors, shown
// without the primitive's name (but argument errors name it).
inline void definePrimitive(scheme::Interpreter &scheme,
                            const std::string &name,
                            scheme::Primitive primitive) {
  scheme.define(name, std::move(primitive),
                scheme::Interpreter::Errors::Unnamed);
}

} // namespace comet::debugger

#endif
