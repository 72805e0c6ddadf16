#include "llvm/pipeline.h"
#include "comet/module.h"
#include "llvm/ir_fingerprint.h"

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

#include <algorithm>
#include <map>
#include <optional>
#include <regex>

namespace comet::ir {

namespace {

using FunctionList = std::vector<const llvm::Function *>;

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

} // namespace

std::string functionText(const llvm::Function &function) {
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

namespace {

// The functions and module-level IR as last seen, to tell what a pass
// changed. A unit is printed only when its fingerprint moved, and only
// when texts are wanted.
class ChangeTracker {
public:
  ChangeTracker(const llvm::Module &module, bool texts)
      : module(module), texts(texts) {
    for (const llvm::Function &function : module)
      if (!function.isDeclaration())
        functions[function.getName().str()] = {fingerprint(function, texts),
                                               textOf(function)};
    moduleLevel = {moduleLevelFingerprint(module), moduleLevelTextOf()};
    globals = globalsFingerprint(module);
    lastShape = shape();
  }

  // What changed since the last check; `only` lists the functions a pass
  // may have changed, nullopt: any of them.
  PassChange check(const std::optional<FunctionList> &only) {
    PassChange change;
    // A function pass changes its function, and may add declarations (a
    // libcall simplification), a CGSCC pass may replace functions: then,
    // as for bigger units, look at all.
    if (only && shape() == lastShape) {
      for (const llvm::Function *function : *only)
        if (!function->isDeclaration())
          compare(*function, change);
      // A function pass may change globals too, for its function's sake
      // (InferAlignment aligns them); looking at them after every pass
      // would cost more than the function. Changes to globals alone wait
      // for the next module-wide look.
      if (change.functions.empty())
        return change;
      if (uint64_t now = globalsFingerprint(module); now != globals) {
        globals = now;
        compareModuleLevel(change);
      }
      return change;
    }
    std::map<std::string, bool> seen;
    for (const llvm::Function &function : module) {
      if (function.isDeclaration())
        continue;
      seen[function.getName().str()] = true;
      compare(function, change);
    }
    for (auto it = functions.begin(); it != functions.end();) {
      if (seen.count(it->first)) {
        ++it;
        continue;
      }
      change.functions.push_back(UnitChange{it->first, it->second.text, ""});
      it = functions.erase(it);
    }
    globals = globalsFingerprint(module);
    compareModuleLevel(change);
    lastShape = shape();
    return change;
  }

private:
  struct Seen {
    uint64_t fingerprint = 0;
    std::string text;
  };

  // Which functions exist (by identity: a pass that changes a signature
  // replaces the function under the same name). Globals a function pass
  // adds come with a change to its function, so the globals are looked at.
  uint64_t shape() const {
    uint64_t hash = 0;
    for (const llvm::Function &function : module)
      hash = (hash ^ reinterpret_cast<uintptr_t>(&function) ^
              function.isDeclaration()) *
             0x9e3779b97f4a7c15ull;
    return hash;
  }
  std::string textOf(const llvm::Function &function) const {
    return texts ? functionText(function) : "";
  }
  std::string moduleLevelTextOf() const {
    return texts ? moduleLevelText(module) : "";
  }
  void compareModuleLevel(PassChange &change) {
    uint64_t now = moduleLevelFingerprint(module);
    if (now == moduleLevel.fingerprint)
      return;
    moduleLevel.fingerprint = now;
    std::string text = moduleLevelTextOf();
    if (!texts || text != moduleLevel.text) {
      change.moduleLevel = true;
      change.module = UnitChange{"", moduleLevel.text, text};
      moduleLevel.text = std::move(text);
    }
  }
  void compare(const llvm::Function &function, PassChange &change) {
    std::string name = function.getName().str();
    uint64_t now = fingerprint(function, texts);
    auto it = functions.find(name);
    if (it != functions.end() && it->second.fingerprint == now)
      return;
    std::string text = textOf(function);
    if (it != functions.end()) {
      it->second.fingerprint = now;
      if (texts && it->second.text == text)
        return;
    }
    change.functions.push_back(
        UnitChange{name, it == functions.end() ? "" : it->second.text, text});
    functions[name] = {now, std::move(text)};
  }

  const llvm::Module &module;
  bool texts;
  std::map<std::string, Seen> functions;
  Seen moduleLevel;
  uint64_t globals;
  uint64_t lastShape;
};

// The functions a pass on `unit` may change, nullopt for any (the module);
// asked before the pass runs.
std::optional<FunctionList> functionsOf(llvm::Any unit) {
  if (auto *function = llvm::any_cast<const llvm::Function *>(&unit))
    return FunctionList{*function};
  if (auto *loop = llvm::any_cast<const llvm::Loop *>(&unit))
    return FunctionList{(*loop)->getHeader()->getParent()};
  auto *scc = llvm::any_cast<const llvm::LazyCallGraph::SCC *>(&unit);
  if (!scc)
    return std::nullopt;
  // A CGSCC pass changes the SCC's functions, and the functions they call
  // or refer to: the inliner empties the callees it leaves dead. One that
  // rewrites call sites elsewhere (argument promotion) replaces the
  // function whose signature it changes, which the tracker sees and then
  // looks at all.
  // (In a stable order: the changes are reported in it.)
  FunctionList functions;
  auto add = [&](const llvm::Function &function) {
    if (std::find(functions.begin(), functions.end(), &function) ==
        functions.end())
      functions.push_back(&function);
  };
  for (llvm::LazyCallGraph::Node &node : **scc) {
    add(node.getFunction());
    if (node.isPopulated())
      for (llvm::LazyCallGraph::Edge &edge : *node)
        add(edge.getFunction());
  }
  return functions;
}

// Pass managers, adaptors and wrappers change the IR only through the
// passes they run, each of which is looked at when it ends. Not the CGSCC
// walk: when it ends, it erases the functions the inliner left dead.
bool isContainer(llvm::StringRef pass) {
  static const std::vector<llvm::StringRef> containers = {
      "PassManager",
      "PassAdaptor",
      "AnalysisManagerProxy",
      "DevirtSCCRepeatedPass",
      "ModuleInlinerWrapperPass",
      "CoroConditionalWrapper",
      "RequireAnalysisPass",
      "InvalidateAnalysisPass",
      "VerifierPass"};
  return pass != "ModuleToPostOrderCGSCCPassAdaptor" &&
         llvm::isSpecialPass(pass, containers);
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

  std::optional<ChangeTracker> tracker;
  if (observer)
    tracker.emplace(module, options.unitTexts);
  // Each running pass, innermost last: its number (0: not numbered),
  // whether it is a container (nothing to look at when it ends) and the
  // functions it may change.
  struct Running {
    unsigned number;
    bool container;
    std::optional<FunctionList> scope;
  };
  std::vector<Running> running;
  callbacks.registerBeforeNonSkippedPassCallback(
      [&](llvm::StringRef pass, llvm::Any unit) {
        if (options.beforeLimit && options.limit > 0 &&
            gate.justNumbered == unsigned(options.limit))
          options.beforeLimit(module);
        bool container = isContainer(pass);
        running.push_back(
            {gate.justNumbered, container,
             !observer || container ? FunctionList{} : functionsOf(unit)});
        gate.justNumbered = 0;
      });
  // A change by a pass that is never numbered (a required pass) belongs
  // to the last numbered pass: opt's output at that limit includes it.
  unsigned lastNumbered = 0;
  // `everything`: look at the whole module, whatever the pass's scope.
  auto finished = [&](bool unchanged, bool everything) {
    Running pass = running.empty() ? Running{0, false, std::nullopt}
                                   : std::move(running.back());
    if (!running.empty())
      running.pop_back();
    if (pass.number)
      lastNumbered = pass.number;
    if (!lastNumbered || !observer || unchanged ||
        (pass.container && !everything))
      return;
    PassChange change = tracker->check(everything ? std::nullopt : pass.scope);
    if (change.functions.empty() && !change.moduleLevel)
      return;
    change.pass = gate.runs[lastNumbered - 1];
    observer(change, module);
  };
  callbacks.registerAfterPassCallback([&](llvm::StringRef, llvm::Any unit,
                                          const llvm::PreservedAnalyses &kept) {
    // A loop pass that says it kept everything changed nothing: the loop
    // pass manager relies on that to keep its analyses, and looking at
    // the whole function after every pass on each of its loops would cost
    // more than the pipeline.
    bool unchangedLoop =
        llvm::any_cast<const llvm::Loop *>(&unit) && kept.areAllPreserved();
    finished(unchangedLoop, false);
  });
  callbacks.registerAfterPassInvalidatedCallback(
      [&](llvm::StringRef, const llvm::PreservedAnalyses &) {
        finished(false, true);
      });

  pipeline.run(module, modules);
  return gate.runs;
}

} // namespace comet::ir
