#include "phases/phases.h"
#include "lowering/lowering.h"
#include "phases/snapshots.h"
#include "llvm/ir_lines.h"
#include "llvm/ir_reader.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IRReader/IRReader.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <map>
#include <regex>

namespace comet::phases {

namespace {

bool endsWith(const std::string &text, const char *suffix) {
  size_t n = std::char_traits<char>::length(suffix);
  return text.size() >= n && text.compare(text.size() - n, n, suffix) == 0;
}

// clang flags that give the IR clang's own pipeline starts from.
std::vector<std::string> referenceFlags(const std::string &passes) {
  std::string level = ir::defaultPipelineLevel(passes);
  return {"-O" + (level.empty() ? std::string("2") : level), "-Xclang",
          "-disable-llvm-passes", "-fno-discard-value-names", "-w"};
}

std::string quote(const std::string &text) {
  if (text.find_first_of(" <>'\"()*;&|$") == std::string::npos)
    return text;
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

ir::PipelineOptions pipelineOf(const PhasesOptions &options) {
  ir::PipelineOptions pipeline;
  pipeline.passes = options.passes;
  pipeline.plugins = options.plugins;
  return pipeline;
}

std::string temporaryFile(const char *suffix) {
  llvm::SmallString<128> path;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("comet-phases", suffix, path))
    throw Error("cannot create a temporary file: " + ec.message());
  return std::string(path);
}

std::map<std::string, std::string> functionTexts(const llvm::Module &module) {
  std::map<std::string, std::string> texts;
  for (const llvm::Function &function : module) {
    if (function.isDeclaration())
      continue;
    texts[function.getName().str()] = ir::functionText(function);
  }
  return texts;
}

// The functions added, removed or changed between two texts of a module.
std::vector<ir::UnitChange>
changedFunctions(const std::map<std::string, std::string> &before,
                 const std::map<std::string, std::string> &after) {
  std::vector<ir::UnitChange> changes;
  for (const auto &[name, text] : after) {
    auto it = before.find(name);
    if (it == before.end() || it->second != text)
      changes.push_back(
          ir::UnitChange{name, it == before.end() ? "" : it->second, text});
  }
  for (const auto &[name, text] : before)
    if (!after.count(name))
      changes.push_back(ir::UnitChange{name, text, ""});
  return changes;
}

std::vector<ir::UnitChange> changedFunctions(const llvm::Module &before,
                                             const llvm::Module &after) {
  return changedFunctions(functionTexts(before), functionTexts(after));
}

} // namespace

// Where snapshots come from: the in-process pipeline, or an external opt
// driven through -opt-bisect-limit.
struct Phases::Source {
  virtual ~Source() = default;
  virtual Module moduleAt(long step) = 0; // -1: the reference
  // Fills in the texts of the units step `step` changed, where they were
  // not recorded up front.
  virtual void describe(long /*step*/) {}
  std::vector<PhaseStep> steps;
  size_t passCount = 0;
  std::string referenceFile; // the reference IR as a .ll or .bc file
  // The reference lowered with undefined-behaviour checks, and where each
  // of its instructions came from.
  lowering::Lowered checked;

  void lowerChecked(const llvm::Module &module) {
    std::unique_ptr<ir::IRLines> lines;
    if (endsWith(referenceFile, ".ll"))
      lines = std::make_unique<ir::IRLines>(referenceFile, module);
    lowering::LoweringOptions options;
    options.checkUndefinedBehaviour = true;
    checked =
        lowering::ModuleLowering(module, lines.get(), referenceFile, options)
            .lower();
  }
  // "FILE:LINE: IR instruction" of a checked-reference instruction, the
  // file as the user knows it.
  std::string where(const std::string &function, uint32_t pc,
                    const std::string &file) const {
    for (size_t f = 0; f < checked.module.functions.size(); ++f) {
      const Function &lowered = checked.module.functions[f];
      if (lowered.name != function)
        continue;
      std::string text;
      if (pc < lowered.locations.size() && lowered.locations[pc].line)
        text = file + ":" + std::to_string(lowered.locations[pc].line) + ": ";
      const auto &origins = checked.origins[f].byInstruction;
      if (pc < origins.size() && origins[pc] != UINT32_MAX)
        text += checked.irTexts[origins[pc]];
      return text + " (in @" + function + ")";
    }
    return "in @" + function;
  }
};

namespace {

class InProcessSource : public Phases::Source {
public:
  InProcessSource(const PhasesOptions &options, const std::string &irFile,
                  std::unique_ptr<llvm::Module> module)
      : module(std::move(module)) {
    referenceFile = irFile;
    lowerChecked(*this->module); // before the pipeline changes it
    snapshots =
        std::make_unique<SnapshotSet>(*this->module, pipelineOf(options));
    for (const Snapshot &snapshot : snapshots->snapshots())
      steps.push_back(PhaseStep{snapshot.pass, snapshot.change});
    passCount = snapshots->passes().size();
  }
  Module moduleAt(long step) override {
    return step < 0 ? snapshots->reference() : snapshots->moduleAt(step);
  }

private:
  std::unique_ptr<llvm::Module> module;
  std::unique_ptr<SnapshotSet> snapshots;
};

// The in-process pipeline for a bisect, which looks at a few snapshots
// only: one run lists the passes that changed the IR (nothing printed or
// lowered), then each snapshot looked at is made as opt makes it, by
// running the pipeline again on the reference up to that pass.
class ReplaySource : public Phases::Source {
public:
  ReplaySource(const PhasesOptions &options, const std::string &irFile,
               std::unique_ptr<llvm::Module> module)
      : reference(std::move(module)) {
    referenceFile = irFile;
    lowerChecked(*reference);
    pipeline = pipelineOf(options);
    ir::PipelineOptions listing = pipeline;
    listing.unitTexts = false;
    std::unique_ptr<llvm::Module> work = llvm::CloneModule(*reference);
    passCount = ir::runPipeline(
                    *work, listing,
                    [&](const ir::PassChange &change, const llvm::Module &) {
                      if (steps.empty() ||
                          steps.back().pass.number != change.pass.number)
                        steps.push_back(PhaseStep{change.pass, change});
                      else
                        merge(steps.back().change, change);
                    })
                    .size();
    // The listing run's output is the last snapshot.
    if (!steps.empty())
      snapshots[long(steps.size()) - 1] = std::move(work);
  }

  Module moduleAt(long step) override {
    const llvm::Module &module = step < 0 ? *reference : optimised(step);
    // Only run and compared: reports take their IR text from the checked
    // reference.
    lowering::LoweringOptions options;
    options.irTexts = false;
    return lowering::ModuleLowering(module, nullptr,
                                    reference->getModuleIdentifier(), options)
        .lower()
        .module;
  }

  void describe(long step) override {
    const llvm::Module &before = step == 0 ? *reference : optimised(step - 1);
    const llvm::Module &after = optimised(step);
    ir::PassChange &change = steps[step].change;
    change.functions = changedFunctions(before, after);
    std::string beforeText = ir::moduleLevelText(before);
    std::string afterText = ir::moduleLevelText(after);
    change.moduleLevel = beforeText != afterText;
    change.module = change.moduleLevel
                        ? ir::UnitChange{"", beforeText, afterText}
                        : ir::UnitChange{};
  }

private:
  static void merge(ir::PassChange &into, const ir::PassChange &change) {
    for (const ir::UnitChange &unit : change.functions)
      into.functions.push_back(unit);
    into.moduleLevel = into.moduleLevel || change.moduleLevel;
  }

  // The IR after step `step`'s pass: opt's output at that limit.
  const llvm::Module &optimised(long step) {
    std::unique_ptr<llvm::Module> &module = snapshots[step];
    if (!module) {
      module = llvm::CloneModule(*reference);
      ir::PipelineOptions upTo = pipeline;
      upTo.limit = steps[step].pass.number;
      ir::runPipeline(*module, upTo);
    }
    return *module;
  }

  std::unique_ptr<llvm::Module> reference;
  ir::PipelineOptions pipeline;
  std::map<long, std::unique_ptr<llvm::Module>> snapshots;
};

// The user's opt: the passes it runs are listed by -opt-bisect-limit=-1;
// the IR after pass N is its output with -opt-bisect-limit=N.
class ExternalOptSource : public Phases::Source {
public:
  ExternalOptSource(const PhasesOptions &options, const std::string &irFile,
                    llvm::LLVMContext &context)
      : options(options), context(context) {
    referenceFile = irFile;
    llvm::SMDiagnostic diagnostic;
    std::unique_ptr<llvm::Module> reference =
        llvm::parseIRFile(irFile, diagnostic, context);
    if (!reference)
      throw Error(irFile + ": " + diagnostic.getMessage().str());
    lowerChecked(*reference);
    std::string log = temporaryFile("log");
    runOpt({"-opt-bisect-limit=-1", "-disable-output"}, log);
    auto buffer = llvm::MemoryBuffer::getFile(log);
    llvm::sys::fs::remove(log);
    static const std::regex line(
        R"(BISECT: running pass \((\d+)\) (.*) on (.*))");
    std::istringstream in(buffer ? (*buffer)->getBuffer().str() : "");
    for (std::string text; std::getline(in, text);) {
      std::smatch match;
      if (std::regex_match(text, match, line))
        steps.push_back(PhaseStep{
            ir::PassRun{unsigned(std::stoul(match[1])), match[2], match[3]},
            {}});
    }
    passCount = steps.size();
    for (PhaseStep &step : steps)
      step.change.pass = step.pass;
  }

  Module moduleAt(long step) override {
    std::string output = temporaryFile("ll");
    std::string chatter = temporaryFile("log"); // opt's BISECT lines
    runOpt({"-opt-bisect-limit=" +
                std::to_string(step < 0 ? 0 : steps[step].pass.number),
            "-S", "-o", output},
           chatter);
    llvm::sys::fs::remove(chatter);
    llvm::SMDiagnostic diagnostic;
    std::unique_ptr<llvm::Module> module =
        llvm::parseIRFile(output, diagnostic, context);
    llvm::sys::fs::remove(output);
    if (!module)
      throw Error("cannot read the output of " + options.opt + ": " +
                  diagnostic.getMessage().str());
    if (step >= 0)
      describeChange(step, *module);
    lowering::ModuleLowering lowering(*module, nullptr, referenceFile);
    return lowering.lower().module;
  }

private:
  void runOpt(std::vector<std::string> extra, const std::string &errors) {
    std::vector<std::string> args = {options.opt, "-passes=" + options.passes};
    for (const std::string &plugin : options.plugins)
      args.push_back("-load-pass-plugin=" + plugin);
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(referenceFile);
    std::vector<llvm::StringRef> refs(args.begin(), args.end());
    std::optional<llvm::StringRef> redirects[] = {
        std::nullopt, std::nullopt,
        errors.empty() ? std::nullopt : std::optional<llvm::StringRef>(errors)};
    std::string message;
    int status = llvm::sys::ExecuteAndWait(options.opt, refs, std::nullopt,
                                           redirects, 0, 0, &message);
    if (status != 0)
      throw Error(options.opt + " failed" +
                  (message.empty() ? " with status " + std::to_string(status)
                                   : ": " + message));
  }

  // The functions whose text differs from the previous step's output.
  void describeChange(long step, const llvm::Module &module) {
    std::map<std::string, std::string> now = functionTexts(module);
    steps[step].change.functions = changedFunctions(texts[step - 1], now);
    texts[step] = std::move(now);
  }

  const PhasesOptions &options;
  llvm::LLVMContext &context;
  std::map<long, std::map<std::string, std::string>> texts;
};

} // namespace

Phases::Phases(PhasesOptions opts) : options(std::move(opts)) {
  static llvm::LLVMContext context; // modules outlive any one command
  ir::ReadOptions read;
  read.cflags =
      options.cflags.empty() ? referenceFlags(options.passes) : options.cflags;
  if (!options.opt.empty() || endsWith(options.input, ".c"))
    read.irOutput = ir::temporaryIRFile(); // opt reads the reference
  ir::ReadResult result = ir::readIR(options.input, context, read);
  std::string irFile = result.irFile.empty() ? options.input : result.irFile;
  if (!options.opt.empty())
    source = std::make_unique<ExternalOptSource>(options, irFile, context);
  else if (options.snapshotsOnDemand)
    source = std::make_unique<ReplaySource>(options, irFile,
                                            std::move(result.module));
  else
    source = std::make_unique<InProcessSource>(options, irFile,
                                               std::move(result.module));
  if (options.run.arguments.empty())
    options.run.arguments = {options.input};
  else
    options.run.arguments.insert(options.run.arguments.begin(), options.input);
}

Phases::~Phases() = default;

const std::vector<PhaseStep> &Phases::steps() const { return source->steps; }
size_t Phases::passCount() const { return source->passCount; }
const std::string &Phases::referenceFile() const {
  return source->referenceFile;
}

Behaviour Phases::behaviourOf(long step) {
  RunSettings settings = options.run;
  // A snapshot may take longer than the reference, not forever.
  settings.maxSteps = base.reference.steps * 10 + 1'000'000;
  ++base.runs;
  return run(vm, source->moduleAt(step), settings);
}

Outcome Phases::checkReference() {
  if (referenceChecked)
    return base;
  referenceChecked = true;
  RunSettings settings = options.run;
  settings.maxSteps = options.referenceSteps;
  // With undefined-behaviour checks: a reference that has UB blames no
  // pass. Without UB it behaves as the plain reference would.
  base.reference = run(vm, source->checked.module, settings);
  base.runs = 1;
  const Behaviour &reference = base.reference;
  if (reference.ending == Behaviour::Ending::Hang) {
    base.status = Outcome::Status::Error;
    base.message = "the reference (the IR before any pass) does not end "
                   "within " +
                   std::to_string(options.referenceSteps) + " instructions";
  } else if (reference.ending == Behaviour::Ending::Trap) {
    base.status = Outcome::Status::ReferenceUB;
    bool undefined = reference.trap == TrapKind::UndefinedBehaviour;
    base.message =
        std::string(undefined ? "the reference (the IR before any pass) has "
                                "undefined behaviour: "
                              : "the reference (the IR before any pass) "
                                "traps: ") +
        (undefined ? reference.trapMessage
                   : std::string(trapKindName(reference.trap)) +
                         (reference.trapMessage.empty()
                              ? ""
                              : " (" + reference.trapMessage + ")")) +
        " at " +
        source->where(reference.trapFunction, reference.trapPc,
                      endsWith(options.input, ".c") ? "reference.ll"
                                                    : options.input);
  }
  return base;
}

Outcome Phases::bisect() {
  Outcome outcome = checkReference();
  if (outcome.status != Outcome::Status::NoDivergence)
    return outcome;
  long count = long(steps().size());
  if (count == 0)
    return outcome;
  long good = -1, bad = count - 1;
  auto differs = [&](long step, Behaviour &behaviour) {
    if (options.progress) {
      // Runs left after this one, at most: the halvings of (good, bad].
      long left = 0;
      for (long span = bad - good; span > 1; span = (span + 1) / 2)
        ++left;
      options.progress("testing pass " +
                       std::to_string(steps()[step].pass.number) + " (" +
                       steps()[step].pass.pass + "), about " +
                       std::to_string(left) + " runs left");
    }
    behaviour = behaviourOf(step);
    return !behaviour.sameAs(base.reference);
  };
  Behaviour last;
  if (!differs(count - 1, last)) {
    outcome.runs = base.runs;
    return outcome;
  }
  // The reference is good, the last step bad: narrow down.
  Behaviour goodBehaviour = base.reference, badBehaviour = last;
  while (bad - good > 1) {
    long middle = good + (bad - good) / 2;
    Behaviour behaviour;
    if (differs(middle, behaviour)) {
      bad = middle;
      badBehaviour = behaviour;
    } else {
      good = middle;
      goodBehaviour = behaviour;
    }
  }
  source->describe(bad);
  outcome.status = Outcome::Status::Miscompile;
  outcome.good = good;
  outcome.bad = bad;
  outcome.goodBehaviour = goodBehaviour;
  outcome.badBehaviour = badBehaviour;
  outcome.runs = base.runs;
  return outcome;
}

Outcome Phases::checkAll() {
  Outcome outcome = checkReference();
  if (outcome.status != Outcome::Status::NoDivergence)
    return outcome;
  for (size_t step = 0; step < steps().size(); ++step) {
    if (options.progress)
      options.progress("testing pass " +
                       std::to_string(steps()[step].pass.number) + " (" +
                       steps()[step].pass.pass + "), " +
                       std::to_string(steps().size() - step) + " left");
    Behaviour behaviour = behaviourOf(long(step));
    if (!behaviour.sameAs(base.reference))
      outcome.divergences.emplace_back(step, std::move(behaviour));
  }
  if (!outcome.divergences.empty())
    outcome.status = Outcome::Status::Miscompile;
  outcome.runs = base.runs;
  return outcome;
}

std::string writeSnapshot(const PhasesOptions &options, unsigned number,
                          std::string &label) {
  llvm::LLVMContext context;
  ir::ReadOptions read;
  read.cflags =
      options.cflags.empty() ? referenceFlags(options.passes) : options.cflags;
  ir::ReadResult input = ir::readIR(options.input, context, read);
  ir::PipelineOptions pipeline = pipelineOf(options);
  pipeline.limit = number;
  std::vector<ir::PassRun> runs = ir::runPipeline(*input.module, pipeline);
  if (runs.size() < number)
    throw Error("there is no pass " + std::to_string(number) + ": '" +
                options.passes + "' runs " + std::to_string(runs.size()) +
                " passes on this input");
  label = number == 0 ? "the reference (before any pass)"
                      : "after " + passLabel(runs[number - 1]);
  std::string file =
      ir::temporaryIRFile(llvm::sys::path::stem(options.input).str() +
                          ".after-pass-" + std::to_string(number));
  std::error_code error;
  llvm::raw_fd_ostream out(file, error);
  if (error)
    throw Error("cannot write " + file + ": " + error.message());
  input.module->print(out, nullptr);
  return file;
}

std::string Phases::optCommand(unsigned number,
                               const std::string &output) const {
  // Debian's plain `opt` may be another LLVM's: name LLVM 19's own.
  std::string command = quote(options.opt.empty() ? "opt-19" : options.opt) +
                        " -passes=" + quote(options.passes);
  for (const std::string &plugin : options.plugins)
    command += " -load-pass-plugin=" + quote(plugin);
  return command + " -opt-bisect-limit=" + std::to_string(number) + " " +
         quote(endsWith(options.input, ".c") ? "reference.ll" : options.input) +
         " -S -o " + output;
}

std::string Phases::referenceCommand() const {
  if (!endsWith(options.input, ".c"))
    return "";
  std::string command = "clang-19 -S -emit-llvm";
  std::vector<std::string> flags =
      options.cflags.empty() ? referenceFlags(options.passes) : options.cflags;
  for (const std::string &flag : flags) {
    command += ' ';
    command += quote(flag);
  }
  return command + " " + quote(options.input) + " -o reference.ll";
}

} // namespace comet::phases
