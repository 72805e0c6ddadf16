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

// The texts of the named functions that the module defines.
std::map<std::string, std::string>
functionTexts(const llvm::Module &module,
              const std::vector<std::string> &names) {
  std::map<std::string, std::string> texts;
  for (const std::string &name : names)
    if (const llvm::Function *function = module.getFunction(name))
      if (!function->isDeclaration())
        texts[name] = ir::functionText(*function);
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

} // namespace

// Where snapshots come from: the in-process pipeline, or an external opt
// driven through -opt-bisect-limit.
struct Phases::Source {
  virtual ~Source() = default;
  virtual Module moduleAt(long step) = 0; // -1: the reference
  // Fills in the texts of the units step `step` changed, where they were
  // not recorded up front.
  virtual void describe(long /*step*/) {}
  // Whether moduleAt(step) is ready; prepare() readies all steps after
  // `good` up to `bad`.
  virtual bool runnable(long /*step*/) { return true; }
  virtual void prepare(long /*good*/, long /*bad*/) {}
  std::vector<PhaseStep> steps;
  size_t passCount = 0;
  std::string referenceFile; // the reference IR as a .ll or .bc file
  // The reference, kept as it was before any pass.
  std::unique_ptr<llvm::Module> reference;
  // The reference lowered with undefined-behaviour checks, to run.
  Module checked;

  // The source map is made only when a trap in the reference is shown.
  lowering::Lowered lowerChecked(bool sourceMap) const {
    std::unique_ptr<ir::IRLines> lines;
    if (sourceMap && endsWith(referenceFile, ".ll"))
      lines = std::make_unique<ir::IRLines>(referenceFile, *reference);
    lowering::LoweringOptions options;
    options.checkUndefinedBehaviour = true;
    options.sourceMap = sourceMap;
    return lowering::ModuleLowering(*reference, lines.get(), referenceFile,
                                    options)
        .lower();
  }
  // "FILE:LINE: IR instruction" of a checked-reference instruction, the
  // file as the user knows it.
  std::string where(const std::string &function, uint32_t pc,
                    const std::string &file) const {
    lowering::Lowered mapped = lowerChecked(true);
    for (size_t f = 0; f < mapped.module.functions.size(); ++f) {
      const Function &lowered = mapped.module.functions[f];
      if (lowered.name != function)
        continue;
      std::string text;
      if (pc < lowered.locations.size() && lowered.locations[pc].line)
        text = file + ":" + std::to_string(lowered.locations[pc].line) + ": ";
      const auto &origins = mapped.origins[f].byInstruction;
      if (pc < origins.size() && origins[pc] != UINT32_MAX)
        text += mapped.irTexts[origins[pc]];
      return text + " (in @" + function + ")";
    }
    return "in @" + function;
  }
};

namespace {

// The in-process pipeline, run once, the snapshots recorded and lowered as
// it goes (SnapshotSet). For a bisect (`describeOnDemand`) nothing is
// printed and only checkpoints are lowered; the search between two of them
// runs the pipeline again up to the later one on a copy of the reference,
// lowering every snapshot in between, and the culprit's diff comes from
// one more run up to it.
class InProcessSource : public Phases::Source {
public:
  InProcessSource(const PhasesOptions &options, const std::string &irFile,
                  std::unique_ptr<llvm::Module> module)
      : module(std::move(module)), pipeline(pipelineOf(options)) {
    referenceFile = irFile;
    reference = llvm::CloneModule(*this->module);
    checked = lowerChecked(false).module;
    Recording recording;
    if (options.describeOnDemand) {
      pipeline.unitTexts = false;
      recording.every = 32;
    }
    snapshots =
        std::make_unique<SnapshotSet>(*this->module, pipeline, recording);
    for (const Snapshot &snapshot : snapshots->snapshots())
      steps.push_back(PhaseStep{snapshot.pass, snapshot.change});
    passCount = snapshots->passes().size();
  }

  Module moduleAt(long step) override {
    if (step < 0)
      return snapshots->reference();
    if (snapshots->lowered(step))
      return snapshots->moduleAt(step);
    auto [window, index] = prepared.at(step);
    return windows[window].snapshots->moduleAt(index);
  }

  bool runnable(long step) override {
    return step < 0 || snapshots->lowered(step) || prepared.count(step);
  }

  void prepare(long good, long bad) override {
    Window &window = windows.emplace_back();
    window.module = llvm::CloneModule(*reference);
    ir::PipelineOptions upTo = pipeline;
    upTo.limit = steps[bad].pass.number;
    Recording recording;
    recording.after = good < 0 ? 0 : steps[good].pass.number;
    window.snapshots =
        std::make_unique<SnapshotSet>(*window.module, upTo, recording);
    const std::vector<Snapshot> &again = window.snapshots->snapshots();
    for (size_t index = 0; index < again.size(); ++index) {
      auto step = std::lower_bound(
          steps.begin(), steps.end(), again[index].pass.number,
          [](const PhaseStep &s, unsigned n) { return s.pass.number < n; });
      if (step != steps.end() && step->pass.number == again[index].pass.number)
        prepared[step - steps.begin()] = {windows.size() - 1, index};
    }
    for (long step = good + 1; step < bad; ++step)
      if (!runnable(step))
        throw Error("running the pipeline again up to pass " +
                    std::to_string(upTo.limit) + " did not change the IR " +
                    "as the first run did at " + passLabel(steps[step].pass));
  }

  void describe(long step) override {
    if (pipeline.unitTexts)
      return; // recorded with their texts
    // The units the first run saw change, just before and just after the
    // pass, as opt makes them.
    ir::PassChange &change = steps[step].change;
    std::vector<std::string> names;
    for (const ir::UnitChange &unit : change.functions)
      names.push_back(unit.name);
    auto levelText = [&](const llvm::Module &module) {
      return change.moduleLevel ? ir::moduleLevelText(module) : "";
    };
    std::unique_ptr<llvm::Module> replay = llvm::CloneModule(*reference);
    std::map<std::string, std::string> before;
    std::string beforeLevel;
    ir::PipelineOptions upTo = pipeline;
    upTo.limit = steps[step].pass.number;
    upTo.beforeLimit = [&](const llvm::Module &unchanged) {
      before = functionTexts(unchanged, names);
      beforeLevel = levelText(unchanged);
    };
    ir::runPipeline(*replay, upTo);
    change.functions = changedFunctions(before, functionTexts(*replay, names));
    std::string afterLevel = levelText(*replay);
    change.moduleLevel = beforeLevel != afterLevel;
    change.module = change.moduleLevel
                        ? ir::UnitChange{"", beforeLevel, afterLevel}
                        : ir::UnitChange{};
  }

private:
  struct Window {
    std::unique_ptr<llvm::Module> module;
    std::unique_ptr<SnapshotSet> snapshots;
  };
  std::unique_ptr<llvm::Module> module; // the pipeline's, changed
  ir::PipelineOptions pipeline;
  std::unique_ptr<SnapshotSet> snapshots;
  std::vector<Window> windows;
  std::map<long, std::pair<size_t, size_t>> prepared; // step -> window's
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
    reference = llvm::parseIRFile(irFile, diagnostic, context);
    if (!reference)
      throw Error(irFile + ": " + diagnostic.getMessage().str());
    checked = lowerChecked(false).module;
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
  base.reference = run(vm, source->checked, settings);
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
  // The reference is good, the last step bad: narrow down, among the
  // steps ready to run while there are any in between.
  Behaviour goodBehaviour = base.reference, badBehaviour = last;
  while (bad - good > 1) {
    std::vector<long> ready;
    for (long step = good + 1; step < bad; ++step)
      if (source->runnable(step))
        ready.push_back(step);
    if (ready.empty()) {
      source->prepare(good, bad);
      continue;
    }
    long middle = ready[ready.size() / 2];
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
