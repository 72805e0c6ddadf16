#include "llvm/pipeline.h"
#include "comet/module.h"

#include <llvm/Analysis/CGSCCPassManager.h>
#include <llvm/Analysis/LoopAnalysisManager.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/OptBisect.h>
#include <llvm/IR/PassInstrumentation.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/PassPlugin.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>

#include <map>
#include <regex>

namespace comet::ir {

namespace {

// Numbers passes as OptBisect does, and runs those within the limit.
class NumberingGate : public llvm::OptPassGate {
public:
  explicit NumberingGate(long limit) : limit(limit) {}
  bool isEnabled() const override { return true; }
  bool shouldRunPass(llvm::StringRef pass, llvm::StringRef unit) override {
    unsigned number = ++count;
    bool run = limit < 0 || long(number) <= limit;
    if (run) {
      runs.push_back(PassRun{number, pass.str(), unit.str()});
      justNumbered = number;
    }
    return run;
  }
  long limit;
  unsigned count = 0;
  unsigned justNumbered = 0; // numbered and about to run
  std::vector<PassRun> runs;
};

// A function's text with attribute group numbers (" #3") blanked: they
// change when another function's attributes do, which changes nothing here.
std::string print(const llvm::Function &function) {
  std::string text;
  llvm::raw_string_ostream os(text);
  function.print(os);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '#' && i > 0 && text[i - 1] == ' ' && i + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      while (i + 1 < text.size() &&
             std::isdigit(static_cast<unsigned char>(text[i + 1])))
        ++i;
      out += 'N';
    }
  }
  return out;
}

// The functions and module-level IR as last seen, to tell what a pass
// changed.
class ChangeTracker {
public:
  explicit ChangeTracker(const llvm::Module &module) : module(module) {
    for (const llvm::Function &function : module)
      if (!function.isDeclaration())
        texts[function.getName().str()] = print(function);
    moduleText = moduleLevelText(module);
    sizes = shape();
  }

  // What changed since the last check; `only` limits the functions looked
  // at (a function or loop pass), null looks at everything.
  PassChange check(const llvm::Function *only) {
    PassChange change;
    // A function pass changes its function, and may add declarations (a
    // libcall simplification): then, as for bigger units, look at all.
    if (only && shape() == sizes) {
      if (!only->isDeclaration())
        compare(only->getName().str(), print(*only), change);
      return change;
    }
    std::map<std::string, bool> seen;
    for (const llvm::Function &function : module) {
      if (function.isDeclaration())
        continue;
      seen[function.getName().str()] = true;
      compare(function.getName().str(), print(function), change);
    }
    for (auto it = texts.begin(); it != texts.end();) {
      if (seen.count(it->first)) {
        ++it;
        continue;
      }
      change.functions.push_back(UnitChange{it->first, it->second, ""});
      it = texts.erase(it);
    }
    std::string now = moduleLevelText(module);
    if (now != moduleText) {
      change.moduleLevel = true;
      change.module = UnitChange{"", moduleText, now};
      moduleText = std::move(now);
    }
    sizes = shape();
    return change;
  }

private:
  std::pair<size_t, size_t> shape() const {
    return {module.size(), module.global_size()};
  }
  void compare(const std::string &name, std::string now, PassChange &change) {
    auto it = texts.find(name);
    if (it != texts.end() && it->second == now)
      return;
    change.functions.push_back(
        UnitChange{name, it == texts.end() ? "" : it->second, now});
    texts[name] = std::move(now);
  }

  const llvm::Module &module;
  std::map<std::string, std::string> texts;
  std::string moduleText;
  std::pair<size_t, size_t> sizes;
};

const llvm::Function *functionOf(llvm::Any unit) {
  if (auto *function = llvm::any_cast<const llvm::Function *>(&unit))
    return *function;
  if (auto *loop = llvm::any_cast<const llvm::Loop *>(&unit))
    return (*loop)->getHeader()->getParent();
  return nullptr; // an SCC or the module: look at everything
}

std::unique_ptr<llvm::TargetMachine> targetMachine(const llvm::Module &module) {
  static bool initialised = [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    return true;
  }();
  (void)initialised;
  std::string triple = module.getTargetTriple();
  if (triple.empty())
    return nullptr; // as opt: no target, generic cost models
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      triple, "", "", llvm::TargetOptions(), std::nullopt));
}

} // namespace

std::string moduleLevelText(const llvm::Module &module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  for (const llvm::GlobalVariable &global : module.globals()) {
    global.print(os);
    os << '\n';
  }
  for (const llvm::GlobalAlias &alias : module.aliases()) {
    alias.print(os);
    os << '\n';
  }
  for (const llvm::Function &function : module) {
    os << (function.isDeclaration() ? "declare " : "define ");
    function.getFunctionType()->print(os);
    os << " @" << function.getName() << '\n';
  }
  return text;
}

std::string defaultPipelineLevel(const std::string &passes) {
  static const std::regex pattern(R"(\s*default<O([0-3sz])>\s*)");
  std::smatch match;
  if (std::regex_match(passes, match, pattern))
    return match[1].str();
  return "";
}

std::vector<PassRun> runPipeline(llvm::Module &module,
                                 const PipelineOptions &options,
                                 const ChangeObserver &observer) {
  llvm::LLVMContext &context = module.getContext();
  std::unique_ptr<llvm::TargetMachine> machine = targetMachine(module);

  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PassInstrumentationCallbacks callbacks;
  // The gate must be in place when the instrumentation registers.
  NumberingGate gate(options.limit);
  context.setOptPassGate(gate);
  struct RestoreGate {
    llvm::LLVMContext &context;
    ~RestoreGate() { context.setOptPassGate(llvm::getGlobalPassGate()); }
  } restore{context};
  llvm::StandardInstrumentations standard(context, /*DebugLogging=*/false);
  standard.registerCallbacks(callbacks, &modules);

  llvm::PipelineTuningOptions tuning;
  llvm::PassBuilder builder(machine.get(), tuning, std::nullopt, &callbacks);
  for (const std::string &path : options.plugins) {
    llvm::Expected<llvm::PassPlugin> plugin = llvm::PassPlugin::Load(path);
    if (!plugin)
      throw Error("cannot load pass plugin '" + path +
                  "': " + llvm::toString(plugin.takeError()));
    plugin->registerPassBuilderCallbacks(builder);
  }
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);

  llvm::ModulePassManager pipeline;
  if (llvm::Error error = builder.parsePassPipeline(pipeline, options.passes))
    throw Error("invalid pass pipeline '" + options.passes +
                "': " + llvm::toString(std::move(error)));

  ChangeTracker tracker(module);
  // The number of each running pass, innermost last (0: not numbered).
  std::vector<unsigned> running;
  callbacks.registerBeforeNonSkippedPassCallback(
      [&](llvm::StringRef, llvm::Any) {
        running.push_back(gate.justNumbered);
        gate.justNumbered = 0;
      });
  // A change by a pass that is never numbered (a required pass) belongs
  // to the last numbered pass: opt's output at that limit includes it.
  unsigned lastNumbered = 0;
  auto finished = [&](const llvm::Function *only) {
    unsigned number = running.empty() ? 0 : running.back();
    if (!running.empty())
      running.pop_back();
    if (number)
      lastNumbered = number;
    if (!lastNumbered || !observer)
      return;
    PassChange change = tracker.check(only);
    if (change.functions.empty() && !change.moduleLevel)
      return;
    change.pass = gate.runs[lastNumbered - 1];
    observer(change, module);
  };
  callbacks.registerAfterPassCallback(
      [&](llvm::StringRef, llvm::Any unit, const llvm::PreservedAnalyses &) {
        finished(functionOf(unit));
      });
  callbacks.registerAfterPassInvalidatedCallback(
      [&](llvm::StringRef, const llvm::PreservedAnalyses &) {
        finished(nullptr);
      });

  pipeline.run(module, modules);
  return gate.runs;
}

} // namespace comet::ir
