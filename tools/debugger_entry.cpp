// comet-vm debug, comet-vm repl, the debugger opened at a trap, and the
// assembler's Scheme macros: the driver's Scheme-based parts.
#include "debugger_entry.h"
#include "options.h"

#include "debugger/compare_runs.h"
#include "debugger/repl.h"
#include "debugger/session.h"
#include "debugger/source_map.h"
#include "macros/scheme_macros.h"
#include "llvm/ir_reader.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace comet::tools {

namespace {

void writeOut(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

void writeErr(std::string_view text) {
  std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

std::string homeFile(const char *name) {
  const char *home = std::getenv("HOME");
  return home && *home ? std::string(home) + "/" + name : "";
}

// What debug and repl share: startup files, scripts, then the REPL unless
// the session is a batch run of scripts.
struct SessionSettings {
  bool batch = false;
  bool noInitFile = false;
  std::vector<std::string> initFiles; // --init: Scheme files
  std::vector<std::string> scripts;   // -x: command files
};

void addSessionOptions(po::options_description &options,
                       SessionSettings &settings) {
  options.add_options()("batch",
                        "no prompts, no line editing; with -x, exit when the "
                        "scripts are done (without, read commands from stdin)")(
      "command,x", po::value(&settings.scripts)->composing(),
      "run a file of debugger commands (may be repeated)")(
      "init", po::value(&settings.initFiles)->composing(),
      "load a Scheme file at startup, after ~/.cometrc.scm")(
      "nx", "do not load ~/.cometrc.scm");
}

int runSession(debugger::Session &session, const SessionSettings &settings) {
  if (!settings.noInitFile) {
    std::string rc = homeFile(".cometrc.scm");
    std::error_code error;
    if (!rc.empty() && std::filesystem::is_regular_file(rc, error))
      session.loadScheme(rc);
  }
  for (const std::string &file : settings.initFiles)
    if (!session.finished())
      session.loadScheme(file);
  for (const std::string &script : settings.scripts)
    if (!session.finished())
      session.source(script);
  if (!session.finished() && !(settings.batch && !settings.scripts.empty())) {
    debugger::ReplOptions repl;
    repl.interactive = !settings.batch && isatty(0);
    if (repl.interactive)
      repl.historyFile = homeFile(".comet_history");
    debugger::runRepl(session, repl);
  }
  std::fflush(stdout);
  return session.exitStatus();
}

std::shared_ptr<debugger::SourceMap> sourceMapOf(const Module &module,
                                                 const ProgramInput &input) {
  if (input.ir && input.ir->module)
    return std::make_shared<debugger::SourceMap>(debugger::buildSourceMap(
        module, *input.ir->module, input.ir->lowered, input.ir->irFile));
  return std::make_shared<debugger::SourceMap>(
      debugger::plainSourceMap(module));
}

} // namespace

#if COMET_WITH_PHASES
int debugCommand(const Arguments &args, const Arguments &programArgs) {
  po::options_description options("options");
  std::string file, cflags;
  RunLimits limits;
  SessionSettings settings;
  options.add_options()("input", po::value(&file)->required(),
                        "program (.c, .ll, .bc, .cas or .cob)")(
      "cflags", po::value(&cflags),
      "clang flags for a .c input, replacing the defaults");
  addRunLimitOptions(options, limits);
  std::string passes = "default<O2>";
  std::vector<std::string> plugins;
  unsigned snapshot = 0;
  options.add_options()("snapshot", po::value(&snapshot),
                        "debug the IR after this pass of --passes (as "
                        "opt -opt-bisect-limit=N writes it; 0: before any)")(
      "passes", po::value(&passes)->default_value(passes),
      "the pipeline of --snapshot and (load-snapshot N), in opt's -passes= "
      "syntax")("load-pass-plugin", po::value(&plugins)->composing(),
                "load a pass plugin for the pipeline (repeatable)");
  addSessionOptions(options, settings);
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "debug FILE [OPTIONS] [-- ARGS...]",
                               options, positional, values))
    return *exit;
  settings.batch = values.count("batch");
  settings.noInitFile = values.count("nx");
  try {
    ProgramOptions programOptions = programOptionsOf(limits, values);
    Arguments argv{file};
    argv.insert(argv.end(), programArgs.begin(), programArgs.end());
    auto targetOf = [&](const std::string &program,
                        const std::vector<std::string> &flags) {
      ProgramInput input = readProgram(program, flags);
      bool hasMain = false;
      for (const Function &function : input.module.functions)
        hasMain = hasMain || function.name == "main";
      if (!hasMain)
        throw Error("no function 'main' to debug");
      return std::make_unique<debugger::Target>(
          input.module, sourceMapOf(input.module, input), programOptions, argv);
    };
    phases::PhasesOptions pipeline;
    pipeline.input = file;
    pipeline.passes = passes;
    pipeline.plugins = plugins;
    pipeline.cflags = splitFlags(cflags);
    // The IR after pass N of the pipeline, as opt -opt-bisect-limit=N.
    auto snapshotTarget = [&](unsigned number) {
      std::string label;
      std::string ir = phases::writeSnapshot(pipeline, number, label);
      writeOut("Snapshot " + std::to_string(number) + " of '" + passes +
               "': " + label + "\nIR: " + ir + "\n");
      return targetOf(ir, {});
    };
    auto target = values.count("snapshot") ? snapshotTarget(snapshot)
                                           : targetOf(file, pipeline.cflags);
    debugger::Session session(std::move(target), writeOut, writeErr);
    if (ir::isIRInput(file))
      session.setSnapshotLoader(snapshotTarget);
    return runSession(session, settings) & 0xff;
  } catch (const std::exception &e) {
    return reportFileError(file, e.what());
  }
}

std::string explainMiscompile(const phases::PhasesOptions &options,
                              unsigned good, unsigned bad,
                              const std::string &focus) {
  Arguments argv{options.input};
  argv.insert(argv.end(), options.run.arguments.begin(),
              options.run.arguments.end());
  ProgramOptions programOptions;
  programOptions.deterministicTime = true;
  auto snapshot = [&](unsigned number, const char *name) {
    std::string label;
    std::string ir = phases::writeSnapshot(options, number, label);
    ProgramInput input = readProgram(ir, {});
    // Lines are those of the files the reproduce commands write.
    auto map = std::make_shared<debugger::SourceMap>(
        *sourceMapOf(input.module, input));
    map->sourceFile = name;
    return std::make_unique<debugger::Target>(input.module, map, programOptions,
                                              argv);
  };
  auto goodTarget = snapshot(good, "good.ll");
  auto badTarget = snapshot(bad, "bad.ll");
  debugger::CompareSettings settings;
  settings.input = options.run.input;
  settings.focus = focus;
  return debugger::compareRuns(*goodTarget, *badTarget, settings).report;
}
#endif

int replCommand(const Arguments &args, const Arguments &programArgs) {
  if (!programArgs.empty())
    return reportError("'repl' takes no program arguments");
  po::options_description options("options");
  SessionSettings settings;
  addSessionOptions(options, settings);
  po::positional_options_description positional;
  po::variables_map values;
  if (auto exit =
          parseOptions(args, "repl [OPTIONS]", options, positional, values))
    return *exit;
  settings.batch = values.count("batch");
  settings.noInitFile = values.count("nx");
  try {
    debugger::Session session(nullptr, writeOut, writeErr);
    return runSession(session, settings) & 0xff;
  } catch (const std::exception &e) {
    return reportError(e.what());
  }
}

int debugTrappedProgram(std::unique_ptr<Program> program,
                        const ProgramInput &input, const Arguments &argv) {
  try {
    std::fflush(stdout);
    auto map = sourceMapOf(program->module(), input);
    int status = trapExitStatus(program->trap().kind);
    auto target = std::make_unique<debugger::Target>(std::move(program), map,
                                                     ProgramOptions{}, argv);
    debugger::Session session(std::move(target), writeOut, writeErr);
    session.showTrap();
    SessionSettings settings;
    settings.batch = !isatty(0);
    int exit = runSession(session, settings);
    return session.finished() ? exit : status;
  } catch (const std::exception &e) {
    return reportError(e.what());
  }
}

void installAssemblerMacros() { scheme::installAssemblerMacros(); }

} // namespace comet::tools
