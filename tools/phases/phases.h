// check-phases and bisect: run a program's snapshots and find where its
// behaviour first departs from the reference (the IR before any pass).
#ifndef COMET_PHASES_PHASES_H
#define COMET_PHASES_PHASES_H

#include "phases/behaviour.h"
#include "llvm/pipeline.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace comet::phases {

struct PhasesOptions {
  std::string input; // .c, .ll or .bc
  std::string passes = "default<O2>";
  std::vector<std::string> plugins; // pass plugins
  std::vector<std::string> cflags;  // for .c; empty: as clang's pipeline
  std::string opt;                  // external opt binary, or "" in-process
  RunSettings run;                  // arguments (after argv[0]) and stdin
  uint64_t referenceSteps = 10'000'000'000; // the reference must end
  // In-process: record the snapshots without their IR texts, and make the
  // diff of a step only when it is asked for (Source::describe), by running
  // the pipeline again up to its pass. Faster when one diff is shown
  // (bisect) than printing every changed unit.
  bool describeOnDemand = false;
  // Progress ("testing pass N (Name), K runs left"); null: none.
  std::function<void(const std::string &)> progress;
};

// One snapshot: its pass, the IR units it changed, and how to get its
// Comet module.
struct PhaseStep {
  ir::PassRun pass;
  ir::PassChange change;
};

struct Outcome {
  enum class Status { Miscompile, NoDivergence, ReferenceUB, Error };
  Status status = Status::NoDivergence;
  std::string message; // for Error and ReferenceUB
  Behaviour reference;
  // Bisect: the last good and first bad steps (good = -1: the reference).
  long good = -1, bad = -1;
  Behaviour goodBehaviour, badBehaviour;
  // check-phases: every step whose behaviour differs.
  std::vector<std::pair<size_t, Behaviour>> divergences;
  size_t runs = 0; // programs run, the reference included
  // bisect --explain: the good and bad snapshots compared side by side.
  std::string explanation;
};

class Phases {
public:
  // Reads the input and runs the pipeline (in-process, or opt's passes
  // listed). Throws comet::Error for bad input, pipelines and plugins.
  explicit Phases(PhasesOptions options);
  ~Phases();

  const std::vector<PhaseStep> &steps() const;
  size_t passCount() const;                 // numbered passes, changed or not
  const std::string &referenceFile() const; // the input IR (.ll) for opt

  // Runs the reference (with undefined-behaviour checks first).
  Outcome checkReference();
  Outcome bisect();
  Outcome checkAll();

  // The opt command that writes the IR after pass `number` to `output`.
  std::string optCommand(unsigned number, const std::string &output) const;
  // How to get the reference IR from the input, if it is C.
  std::string referenceCommand() const;

  struct Source;

private:
  Behaviour behaviourOf(long step);
  VM vm;
  std::unique_ptr<Source> source;
  PhasesOptions options;
  Outcome base;
  bool referenceChecked = false;
};

// The IR after pass `number` of the pipeline (0: the reference), as
// `opt -passes=P -opt-bisect-limit=N` writes it, in a temporary .ll file
// removed at exit. Returns the file; `label` tells which pass that is.
// Throws comet::Error for bad input, pipelines, plugins, or a number past
// the pipeline's last pass.
std::string writeSnapshot(const PhasesOptions &options, unsigned number,
                          std::string &label);

// "pass N (Name on unit)".
std::string passLabel(const ir::PassRun &pass);

// The report for people (bisect) and for scripts (JSON).
std::string bisectReport(const Phases &phases, const Outcome &outcome);
std::string bisectJson(const Phases &phases, const Outcome &outcome);
std::string checkPhasesReport(const Phases &phases, const Outcome &outcome);

// The diff of one IR unit changed by pass `number`.
std::string unitDiff(const ir::UnitChange &unit, unsigned number);

// A JSON string literal of the text, escaped.
std::string jsonString(const std::string &text);

// A unified diff of two texts, labelled.
std::string unifiedDiff(const std::string &before, const std::string &after,
                        const std::string &beforeLabel,
                        const std::string &afterLabel, unsigned context = 3);

} // namespace comet::phases

#endif
