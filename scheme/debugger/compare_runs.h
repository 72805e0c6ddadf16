// Two programs run side by side, usually the snapshots before and after
// the pass bisect blamed (bisect --explain, (compare-runs good bad)): the
// first call whose arguments, results, output or stores differ, and inside
// that call the first IR value that differs, by the name both sides give
// it, with its .ll line.
//
// Calls are traced with VM breakpoints at every function's entry and
// return, so a run costs little more than a plain one; only the calls
// looked into are stepped one instruction at a time.
#ifndef COMET_SCHEME_DEBUGGER_COMPARE_RUNS_H
#define COMET_SCHEME_DEBUGGER_COMPARE_RUNS_H

#include "debugger/target.h"

#include <string>

namespace comet::debugger {

struct CompareSettings {
  std::string input; // the programs' stdin
  // A function to look into first (the IR unit the pass changed); "" or a
  // function one side lacks: the first call that differs, of any function.
  std::string focus;
  uint64_t maxSteps = 1'000'000'000;  // per run
  size_t maxCalls = 200'000;          // calls traced per run
  size_t maxFocusCalls = 64;          // calls of the focus stepped through
  uint64_t maxCallSteps = 20'000'000; // instructions stepped in one call
};

struct RunComparison {
  bool differs = false; // a call (or a value in it) differs
  std::string report;   // for people, several lines
};

// Runs both targets' modules with their arguments (each Target keeps its
// own run untouched). Throws Error if a module cannot be loaded.
RunComparison compareRuns(Target &good, Target &bad,
                          const CompareSettings &settings);

} // namespace comet::debugger

#endif
