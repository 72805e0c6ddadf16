// comet-vm snapshots, check-phases and bisect.
#include "debugger_entry.h"
#include "input/input.h"
#include "options.h"
#include "phases/phases.h"
#include "program_input.h"
#include "llvm/ir_reader.h"

#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/ErrorHandling.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace comet::tools {

using phases::jsonString;

namespace {

struct PhaseArguments {
  std::string input, passes = "default<O2>", cflags, opt, args, stdinFile;
  std::vector<std::string> plugins;
  uint64_t maxSteps = 10'000'000'000;
};

void addPhaseOptions(po::options_description &options, PhaseArguments &a) {
  options.add_options()("input", po::value(&a.input)->required(),
                        "program: .c, .ll or .bc")(
      "passes", po::value(&a.passes)->default_value(a.passes),
      "the pipeline, in opt's -passes= syntax")(
      "load-pass-plugin", po::value(&a.plugins)->composing(),
      "load a pass plugin (repeatable)")(
      "cflags", po::value(&a.cflags),
      "clang flags for a .c input (default: as clang feeds its own "
      "pipeline: -O<N> -Xclang -disable-llvm-passes "
      "-fno-discard-value-names)")(
      "opt", po::value(&a.opt),
      "drive this opt binary through -opt-bisect-limit instead of running "
      "the pipeline in-process")("args", po::value(&a.args),
                                 "the program's arguments")(
      "stdin", po::value(&a.stdinFile), "a file to give the program as stdin")(
      "max-steps", po::value(&a.maxSteps)->default_value(a.maxSteps),
      "the reference must end within this many instructions");
}

phases::PhasesOptions phaseOptions(const PhaseArguments &a,
                                   const Arguments &programArgs) {
  phases::PhasesOptions options;
  options.input = a.input;
  options.passes = a.passes;
  options.plugins = a.plugins;
  options.cflags = splitFlags(a.cflags);
  options.opt = a.opt;
  options.run.arguments = splitFlags(a.args);
  options.run.arguments.insert(options.run.arguments.end(), programArgs.begin(),
                               programArgs.end());
  if (!a.stdinFile.empty()) {
    std::vector<uint8_t> bytes = input::readFile(a.stdinFile);
    options.run.input.assign(bytes.begin(), bytes.end());
  }
  options.referenceSteps = a.maxSteps;
  // A progress line on a terminal only.
  if (isatty(STDERR_FILENO))
    options.progress = [](const std::string &text) {
      std::fprintf(stderr, "\r\033[K%s", text.c_str());
      std::fflush(stderr);
    };
  return options;
}

void clearProgress(const phases::PhasesOptions &options) {
  if (options.progress)
    std::fprintf(stderr, "\r\033[K");
}

std::string sanitise(const std::string &name) {
  std::string out;
  for (char c : name)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// LLVM's fatal errors (a pass that gives up) end the process: make that a
// one-line error with exit status 2, never 1 ("miscompile").
bool fatalErrorsAsJson = false; // bisect --json reports them on stdout

void installFatalErrorHandler() {
  static bool installed = false;
  if (installed)
    return;
  installed = true;
  llvm::install_fatal_error_handler(
      [](void *, const char *reason, bool) {
        std::string message = std::string("LLVM: ") + reason;
        if (fatalErrorsAsJson)
          std::printf("{\"status\": \"error\", \"message\": %s}\n",
                      jsonString(message).c_str());
        std::fflush(stdout);
        std::fprintf(stderr, "comet-vm: error: %s\n", message.c_str());
        std::_Exit(ErrorExit);
      },
      nullptr);
}

} // namespace

int checkPhasesCommand(const Arguments &args, const Arguments &programArgs) {
  po::options_description options("options");
  PhaseArguments a;
  addPhaseOptions(options, a);
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "check-phases IN --passes=P [OPTIONS]",
                               options, positional, values))
    return *exit;
  phases::PhasesOptions phaseOpts;
  installFatalErrorHandler();
  try {
    phaseOpts = phaseOptions(a, programArgs);
    phases::Phases phases(phaseOpts);
    phases::Outcome outcome = phases.checkAll();
    clearProgress(phaseOpts);
    if (outcome.status == phases::Outcome::Status::Error)
      return reportFileError(a.input, outcome.message);
    std::fputs(phases::checkPhasesReport(phases, outcome).c_str(), stdout);
    switch (outcome.status) {
    case phases::Outcome::Status::NoDivergence:
      return 0;
    case phases::Outcome::Status::Miscompile:
      return 1;
    default:
      return 2;
    }
  } catch (const std::exception &e) {
    clearProgress(phaseOpts);
    return reportFileError(a.input, e.what());
  }
}

int bisectCommand(const Arguments &args, const Arguments &programArgs) {
  po::options_description options("options");
  PhaseArguments a;
  addPhaseOptions(options, a);
  options.add_options()("json", "print the result as one JSON object")(
      "explain", "run the good and bad snapshots side by side and report the "
                 "first call and IR value that differ");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "bisect IN --passes=P [OPTIONS]", options,
                               positional, values))
    return *exit;
  phases::PhasesOptions phaseOpts;
  installFatalErrorHandler();
  fatalErrorsAsJson = values.count("json");
  try {
    phaseOpts = phaseOptions(a, programArgs);
    phaseOpts.describeOnDemand = true;
#if !COMET_WITH_SCHEME
    if (values.count("explain"))
      throw Error("--explain needs comet-vm (comet-vm-no-scheme has no "
                  "debugger)");
#endif
    phases::Phases phases(phaseOpts);
    phases::Outcome outcome = phases.bisect();
#if COMET_WITH_SCHEME
    if (values.count("explain") &&
        outcome.status == phases::Outcome::Status::Miscompile) {
      const phases::PhaseStep &bad = phases.steps()[outcome.bad];
      // The function the pass changed, when it changed just one.
      std::string focus =
          bad.change.functions.size() == 1 ? bad.change.functions[0].name : "";
      outcome.explanation = explainMiscompile(phaseOpts, bad.pass.number - 1,
                                              bad.pass.number, focus);
    }
#endif
    clearProgress(phaseOpts);
    if (outcome.status == phases::Outcome::Status::Error &&
        !values.count("json"))
      return reportFileError(a.input, outcome.message);
    std::string report = values.count("json")
                             ? phases::bisectJson(phases, outcome)
                             : phases::bisectReport(phases, outcome);
    std::fputs(report.c_str(), stdout);
    switch (outcome.status) {
    case phases::Outcome::Status::NoDivergence:
      return 0;
    case phases::Outcome::Status::Miscompile:
    case phases::Outcome::Status::ReferenceUB:
      return 1;
    default:
      return 2;
    }
  } catch (const std::exception &e) {
    clearProgress(phaseOpts);
    if (values.count("json")) {
      std::printf("{\"status\": \"error\", \"message\": %s}\n",
                  jsonString(e.what()).c_str());
      return 2;
    }
    return reportFileError(a.input, e.what());
  }
}

int snapshotsCommand(const Arguments &args) {
  po::options_description options("options");
  std::string input, passes = "default<O2>", cflags, output;
  std::vector<std::string> plugins;
  options.add_options()("input", po::value(&input)->required(),
                        "program: .c, .ll or .bc")(
      "passes", po::value(&passes)->default_value(passes),
      "the pipeline, in opt's -passes= syntax")(
      "load-pass-plugin", po::value(&plugins)->composing(),
      "load a pass plugin (repeatable)")("cflags", po::value(&cflags),
                                         "clang flags for a .c input")(
      "output,o", po::value(&output)->required(),
      "directory for NNNN-Pass.ll files and manifest.json");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "snapshots IN --passes=P -o DIR", options,
                               positional, values))
    return *exit;
  installFatalErrorHandler();
  try {
    llvm::LLVMContext context;
    ir::ReadOptions read;
    read.cflags = splitFlags(cflags);
    if (read.cflags.empty()) {
      std::string level = ir::defaultPipelineLevel(passes);
      read.cflags = {"-O" + (level.empty() ? std::string("2") : level),
                     "-Xclang", "-disable-llvm-passes",
                     "-fno-discard-value-names", "-w"};
    }
    ir::ReadResult read_ = ir::readIR(input, context, read);
    if (std::error_code ec = llvm::sys::fs::create_directories(output))
      return reportError(output + ": cannot create: " + ec.message());
    auto write = [&](const std::string &name, const llvm::Module &module) {
      std::error_code ec;
      llvm::raw_fd_ostream file(output + "/" + name, ec);
      if (ec)
        throw Error(output + "/" + name + ": cannot write: " + ec.message());
      // Functions the inliner emptied are erased only when the CGSCC walk
      // ends; opt's output at this limit has them erased already.
      std::vector<std::string> zombies;
      for (const llvm::Function &function : module)
        if (function.hasLocalLinkage() && function.use_empty() &&
            function.size() == 1 && function.front().size() == 1 &&
            llvm::isa<llvm::UnreachableInst>(function.front().front()))
          zombies.push_back(function.getName().str());
      if (zombies.empty()) {
        module.print(file, nullptr);
        return;
      }
      std::unique_ptr<llvm::Module> copy = llvm::CloneModule(module);
      for (const std::string &name : zombies)
        copy->getFunction(name)->eraseFromParent();
      copy->print(file, nullptr);
    };
    write("0000-reference.ll", *read_.module);
    // One entry per pass; a later change attributed to the same pass (by a
    // required pass after it) rewrites its file and joins its entry.
    struct Entry {
      ir::PassRun pass;
      std::string file;
      bool moduleLevel = false;
      std::vector<std::string> functions;
    };
    std::vector<Entry> entries;
    ir::PipelineOptions pipeline;
    pipeline.passes = passes;
    pipeline.plugins = plugins;
    std::vector<ir::PassRun> runs = ir::runPipeline(
        *read_.module, pipeline,
        [&](const ir::PassChange &change, const llvm::Module &module) {
          if (entries.empty() ||
              entries.back().pass.number != change.pass.number) {
            char number[16];
            std::snprintf(number, sizeof number, "%04u", change.pass.number);
            entries.push_back(Entry{change.pass,
                                    std::string(number) + "-" +
                                        sanitise(change.pass.pass) + ".ll",
                                    false,
                                    {}});
          }
          Entry &entry = entries.back();
          entry.moduleLevel = entry.moduleLevel || change.moduleLevel;
          for (const ir::UnitChange &unit : change.functions)
            if (std::find(entry.functions.begin(), entry.functions.end(),
                          unit.name) == entry.functions.end())
              entry.functions.push_back(unit.name);
          write(entry.file, module);
        });
    std::string manifest = "{\"input\": " + jsonString(input) +
                           ", \"passes\": " + jsonString(passes) +
                           ", \"snapshots\": [";
    for (size_t e = 0; e < entries.size(); ++e) {
      const Entry &entry = entries[e];
      manifest +=
          std::string(e ? "," : "") +
          "\n  {\"number\": " + std::to_string(entry.pass.number) +
          ", \"pass\": " + jsonString(entry.pass.pass) +
          ", \"ir_unit\": " + jsonString(entry.pass.unit) +
          ", \"file\": " + jsonString(entry.file) +
          ", \"module_level\": " + (entry.moduleLevel ? "true" : "false") +
          ", \"changed_functions\": [";
      for (size_t i = 0; i < entry.functions.size(); ++i)
        manifest += (i ? ", " : "") + jsonString(entry.functions[i]);
      manifest += "]}";
    }
    manifest += "\n], \"pass_count\": " + std::to_string(runs.size()) + "}\n";
    input::writeFile(output + "/manifest.json", manifest);
    return 0;
  } catch (const std::exception &e) {
    return reportFileError(input, e.what());
  }
}

} // namespace comet::tools
