// comet-vm run: execute a program as a C runtime would.
#include "comet/vm.h"
#include "debugger_entry.h"
#include "options.h"
#include "program_input.h"
#include "trap_report.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <unistd.h>

namespace comet::tools {

// "64M", "2G", "4096": a byte count with an optional binary suffix.
uint64_t parseSize(const std::string &text) {
  size_t used = 0;
  uint64_t value = std::stoull(text, &used);
  std::string suffix = text.substr(used);
  unsigned shift = suffix.empty()                   ? 0
                   : suffix == "K" || suffix == "k" ? 10
                   : suffix == "M" || suffix == "m" ? 20
                   : suffix == "G" || suffix == "g" ? 30
                                                    : 64;
  if (shift == 64 || (shift && value >> (64 - shift)))
    throw Error("invalid size '" + text + "' (use bytes, or K, M, G)");
  return value << shift;
}

void addRunLimitOptions(po::options_description &options, RunLimits &limits) {
  options.add_options()(
      "max-steps", po::value(&limits.maxSteps),
      "trap after this many instructions (default: no limit)")(
      "max-memory", po::value(&limits.maxMemory)->default_value("4G"),
      "guest memory limit in bytes (suffix K, M or G)")(
      "max-call-depth",
      po::value(&limits.maxCallDepth)->default_value(limits.maxCallDepth),
      "trap when calls nest deeper")(
      "deterministic-time",
      "clock() and time() start at a fixed point and advance per call");
}

ProgramOptions programOptionsOf(const RunLimits &limits,
                                const po::variables_map &values) {
  ProgramOptions options;
  options.limits.maxMemory = parseSize(limits.maxMemory);
  if (values.count("max-steps"))
    options.limits.maxSteps = limits.maxSteps;
  options.limits.maxCallDepth = limits.maxCallDepth;
  options.deterministicTime = values.count("deterministic-time");
  return options;
}

int runCommand(const Arguments &args, const Arguments &programArgs) {
  po::options_description options("options");
  std::string file, entry, cflags;
  RunLimits limits;
  options.add_options()("input", po::value(&file)->required(),
                        "program (.c, .ll, .bc, .cas or .cob)")(
      "cflags", po::value(&cflags),
      "clang flags for a .c input, replacing the defaults (-O0 -Xclang "
      "-disable-O0-optnone -fno-discard-value-names -w)");
  addRunLimitOptions(options, limits);
  options.add_options()("entry", po::value(&entry),
                        "call this function with no arguments instead of "
                        "main; its result is the exit code")(
      "stats", "print instructions executed, time and memory touched to "
               "stderr")("debug-on-trap",
                         "open the debugger when the program traps (the "
                         "default when stdin and stderr are terminals)");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "run FILE [OPTIONS] [-- ARGS...]", options,
                               positional, values))
    return *exit;

  try {
    ProgramOptions programOptions = programOptionsOf(limits, values);
    VM vm;
    // Without the IR instruction texts, added if the debugger opens.
    ProgramInput input = readProgram(file, splitFlags(cflags), false);
    Module module = std::move(input.module);
    std::string entryName = values.count("entry") ? entry : "main";
    bool hasEntry = false;
    for (const Function &function : module.functions)
      hasEntry = hasEntry || function.name == entryName;
    if (!hasEntry)
      return reportError(file + ": error: no function '" + entryName +
                         "' to run");
    auto owned =
        std::make_unique<Program>(vm, std::move(module), programOptions);
    Program &program = *owned;
    Arguments argv{file};
    argv.insert(argv.end(), programArgs.begin(), programArgs.end());

    auto started = std::chrono::steady_clock::now();
    RunStatus status;
    if (values.count("entry")) {
      status = program.call(*program.findFunction(entry), {});
      program.flushOutput();
    } else {
      status = program.runMain(argv);
    }
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - started)
                         .count();
    std::fflush(stdout);

    int exitCode = 0;
    switch (status) {
    case RunStatus::Returned:
      exitCode = values.count("entry")
                     ? int(program.results().empty() ? 0 : program.results()[0])
                     : program.exitCode();
      break;
    case RunStatus::Exited:
      exitCode = program.exitCode();
      break;
    case RunStatus::Trapped:
    case RunStatus::Stopped:
      if (status == RunStatus::Trapped &&
          (values.count("debug-on-trap") || (isatty(0) && isatty(2)))) {
#if COMET_WITH_SCHEME
        addInstructionTexts(input);
        return debugTrappedProgram(std::move(owned), input, argv) & 0xff;
#else
        if (values.count("debug-on-trap"))
          std::fprintf(stderr, "comet-vm: note: this build has no debugger "
                               "(comet-vm-no-scheme); use comet-vm\n");
#endif
      }
      printTrapReport(program, stderr);
      exitCode = trapExitStatus(program.trap().kind);
      break;
    }
    if (values.count("stats")) {
      uint64_t steps = program.stepsExecuted();
      std::fprintf(stderr,
                   "instructions executed: %llu\ntime: %.6f s\n"
                   "instructions per second: %.0f\nmemory touched: %llu "
                   "bytes\n",
                   (unsigned long long)steps, seconds,
                   seconds > 0 ? steps / seconds : 0.0,
                   (unsigned long long)program.memory().bytesMaterialised());
    }
    return exitCode & 0xff;
  } catch (const std::exception &e) {
    return reportFileError(file, e.what());
  }
}

int reportError(const std::string &message) {
  std::fflush(stdout);
  // Messages about a file already read "FILE[:LINE:COL]: error: ...".
  bool located = message.find(": error: ") != std::string::npos;
  std::fprintf(stderr, "%s%s\n",
               located ? "" : "comet-vm: error: ", message.c_str());
  return ErrorExit;
}

int reportFileError(const std::string &file, const std::string &message) {
  if (message.find(": error: ") != std::string::npos)
    return reportError(message);
  return reportError(file + ": error: " + message);
}

} // namespace comet::tools
