#include "debugger/session.h"
#include "debugger/command_line.h"
#include "debugger/compare_runs.h"
#include "debugger/format.h"
#include "debugger/text.h"
#include "runtime/syntax.h"

#include <cstdlib>
#include <fstream>

namespace comet::debugger {

using scheme::Arguments;
using scheme::Outcome;
using scheme::SchemeError;
using scheme::Value;

void defineSessionPrimitives(scheme::Interpreter &scheme) {
  // (command->scheme TEXT): the Scheme a line of debugger input means.
  scheme.define("command->scheme", [](const Arguments &args) {
    args.expectCount(1, 1);
    return Value::string(translateInput(args.text(0)).scheme);
  });
  // (balanced? TEXT): whether the text is complete (parentheses and
  // strings closed).
  scheme.define("balanced?", [](const Arguments &args) {
    args.expectCount(1, 1);
    return Value::of(scheme::balanceOf(args.text(0)) !=
                     scheme::Balance::Incomplete);
  });
  scheme.define("read-file-lines", [](const Arguments &args) {
    args.expectCount(1, 1);
    std::ifstream file(args.text(0));
    if (!file)
      args.fail("cannot open '" + args.text(0) + "'");
    std::vector<Value> lines;
    for (std::string line; std::getline(file, line);)
      lines.push_back(Value::string(line));
    return Value::list(std::move(lines));
  });
  scheme.define("getenv", [](const Arguments &args) {
    args.expectCount(1, 1);
    const char *value = std::getenv(args.text(0).c_str());
    return value ? Value::string(value) : Value::of(false);
  });
  // (scheme-library-file NAME): the path of lib/NAME, or #f.
  scheme.define("scheme-library-file", [](const Arguments &args) {
    args.expectCount(1, 1);
    std::string path = scheme::findSchemeFile("lib/" + args.text(0));
    return path.empty() ? Value::of(false) : Value::string(path);
  });
}

Session::Session(std::unique_ptr<Target> target, Output out, Output err)
    : err_(std::move(err)) {
  if (target)
    addTarget(std::move(target));
  out_ = [this, out = std::move(out)](std::string_view text) {
    if (!text.empty())
      atLineStart_ = text.back() == '\n';
    out(text);
  };
  scheme_ = std::make_unique<scheme::Interpreter>(out_);
  scheme::defineNumberPrimitives(*scheme_);
  defineSessionPrimitives(*scheme_);
  defineProgramPrimitives(*scheme_, current_);
  defineDataPrimitives(*scheme_, current_);
  definePointPrimitives(*scheme_, current_);
  defineSourcePrimitives(*scheme_, current_);
  definePrimitive(*scheme_, "targets", [this](const Arguments &args) {
    args.expectCount(0, 0);
    std::vector<Value> handles;
    for (int64_t handle : targets_.handles())
      handles.push_back(Value::integerOf(handle));
    return Value::list(std::move(handles));
  });
  definePrimitive(*scheme_, "current-target", [this](const Arguments &args) {
    args.expectCount(0, 0);
    for (int64_t handle : targets_.handles())
      if (targets_.find(handle)->get() == current_)
        return Value::integerOf(handle);
    return Value::of(false);
  });
  definePrimitive(*scheme_, "select-target!", [this](const Arguments &args) {
    args.expectCount(1, 1);
    std::unique_ptr<Target> *found = targets_.find(args.integer(0));
    if (!found)
      throw SchemeError("no program with handle " +
                        std::to_string(args.integer(0)));
    current_ = found->get();
    return Value::none();
  });
  auto targetOf = [this](const Arguments &args, size_t index) {
    std::unique_ptr<Target> *found = targets_.find(args.integer(index));
    if (!found)
      throw SchemeError("no program with handle " +
                        std::to_string(args.integer(index)));
    return found->get();
  };
  // (load-snapshot N): the program after pass N of the pipeline given to
  // comet-vm debug (--passes); its handle.
  definePrimitive(*scheme_, "load-snapshot", [this](const Arguments &args) {
    args.expectCount(1, 1);
    if (!snapshotLoader_)
      throw SchemeError("no pipeline to take snapshots of: debug a .c, .ll "
                        "or .bc file");
    if (args.integer(0) < 0)
      args.fail("a pass number is 0 or more");
    return Value::integerOf(
        addTarget(snapshotLoader_(unsigned(args.integer(0)))));
  });
  // (compare-runs GOOD BAD [FUNCTION]): runs both programs side by side and
  // reports the first call (of FUNCTION first, if given) and the first IR
  // value in it that differ; #t if something differs.
  definePrimitive(
      *scheme_, "compare-runs", [this, targetOf](const Arguments &args) {
        args.expectCount(2, 3);
        CompareSettings settings;
        if (args.has(2))
          settings.focus = args.text(2);
        try {
          RunComparison comparison =
              compareRuns(*targetOf(args, 0), *targetOf(args, 1), settings);
          out_(comparison.report);
          return Value::of(comparison.differs);
        } catch (const Error &e) {
          throw SchemeError(e.what());
        }
      });
  for (const char *library : {"debugger.scm", "inspectors.scm"}) {
    Outcome outcome = scheme_->loadLibrary(library);
    if (!outcome.ok)
      throw SchemeError(std::string("lib/") + library + ": " + outcome.error);
  }
}

Session::~Session() = default;

bool Session::report(const Outcome &outcome, bool printValue) {
  if (outcome.exitRequested) {
    finished_ = true;
    exitRequested_ = true;
    exitCode_ = outcome.exitCode;
    lastFailed_ = false;
    return true;
  }
  lastFailed_ = !outcome.ok;
  if (!outcome.ok) {
    std::fflush(stdout);
    err_("error: " + outcome.error + "\n");
    return false;
  }
  if (printValue && outcome.value.kind != Value::Kind::Void)
    out_(prefixed(atLineStart_ ? "" : "\n", writeValue(outcome.value) + "\n"));
  return true;
}

bool Session::execute(const std::string &input) {
  Translation translation;
  try {
    translation = translateInput(input);
  } catch (const Error &e) {
    Outcome outcome;
    outcome.ok = false;
    outcome.error = e.what();
    return report(outcome, false);
  }
  if (translation.scheme.empty())
    return true;
  if (translation.isCommand)
    return report(scheme_->evaluate(translation.scheme), false);
  // Scheme: every value but that of a definition is printed.
  Outcome outcome =
      scheme_->evaluate("(%repl-forms (quote (" + translation.scheme + "\n)))");
  return report(outcome, true);
}

bool Session::loadScheme(const std::string &path) {
  return report(scheme_->load(path), false);
}

bool Session::source(const std::string &path) {
  std::ifstream file(path);
  if (!file) {
    Outcome outcome;
    outcome.ok = false;
    outcome.error = "cannot open '" + path + "'";
    return report(outcome, false);
  }
  bool ok = true;
  std::string pending;
  for (std::string line; !finished_ && std::getline(file, line);) {
    pending += line + "\n";
    if (scheme::balanceOf(pending) == scheme::Balance::Incomplete)
      continue;
    ok = execute(pending) && ok;
    pending.clear();
  }
  if (!pending.empty() && !finished_)
    ok = execute(pending) && ok;
  return ok;
}

int Session::exitStatus() const {
  if (exitRequested_)
    return exitCode_;
  if (current_ && current_->state() == TargetState::Exited)
    return current_->exitCode();
  if (current_ && current_->state() == TargetState::Trapped)
    return trapExitStatus(current_->program()->trap().kind);
  return lastFailed_ ? 1 : 0;
}

void Session::showTrap() {
  if (current_)
    out_(Formatter(*current_).trapReport());
}

int64_t Session::addTarget(std::unique_ptr<Target> target) {
  Target *added = target.get();
  int64_t handle = targets_.add(std::move(target));
  if (!current_)
    current_ = added;
  return handle;
}

} // namespace comet::debugger
