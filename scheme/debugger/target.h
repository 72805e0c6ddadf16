// The program being debugged and the engine that runs it: a Comet module
// with its source map, the Program of the current run (a new one per
// `run`), the stop points, and the stepping plans (step, next, finish,
// until...) that run it until something worth reporting happens.
//
// Execution is fast (Program::run with VM breakpoints at the enabled
// breakpoint locations and the plan's temporary ones) unless a watchpoint
// is enabled or the plan steps by instructions: then the program runs one
// instruction at a time and every watched value is compared after each.
#ifndef COMET_SCHEME_DEBUGGER_TARGET_H
#define COMET_SCHEME_DEBUGGER_TARGET_H

#include "comet/vm.h"
#include "debugger/source_map.h"
#include "debugger/stop_points.h"

#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace comet::debugger {

enum class TargetState { NotStarted, Paused, Exited, Trapped };

struct StopEvent {
  enum class Kind {
    Breakpoint,  // at the location of the breakpoints `points`
    Watchpoint,  // the values of `points` changed (see previousBytes)
    WatchScope,  // points[0] watched a register of a frame that returned
    PlanDone,    // the step, next, finish or until finished
    Exited,      // exitCode
    Trapped,     // Program::trap()
    Interrupted, // by SIGINT (Ctrl-C)
  };
  explicit StopEvent(Kind kind) : kind(kind) {}
  Kind kind;
  std::vector<int> points;
  int exitCode = 0;
};

struct Plan {
  enum class Kind {
    Continue,
    StepInstruction, // count Comet instructions
    Step,            // count statements, into calls
    Next,            // count statements, over calls
    Finish,          // until the frame at `frameIndex` returns
    Until,           // next, but never back to an earlier pc of the frame
    UntilLocation,   // until `locations` in this frame, or it returns
  };
  Kind kind = Kind::Continue;
  uint64_t count = 1;
  uint64_t done = 0;
  size_t frameIndex = 0; // the frame the plan is about (from the outermost)
  uint64_t frameSerial = 0;
  uint32_t startPc = 0;
  std::vector<Location> locations; // UntilLocation
};

class Target {
public:
  Target(Module module, std::shared_ptr<const SourceMap> map,
         ProgramOptions options, std::vector<std::string> arguments);
  // Adopts a program that already ran (and trapped): debug-on-trap.
  // `options` are those it was made with, for the next `run`.
  Target(std::unique_ptr<Program> program, std::shared_ptr<const SourceMap> map,
         ProgramOptions options, std::vector<std::string> arguments);

  const Module &module() const { return module_; }
  const SourceMap &sourceMap() const { return *map_; }
  TargetState state() const { return state_; }
  int exitCode() const { return exitCode_; }
  // The current run; null before the first.
  Program *program() { return program_.get(); }
  const Program *program() const { return program_.get(); }
  std::vector<std::string> &arguments() { return arguments_; }
  StopPoints &stopPoints() { return points_; }

  // Starts a new run of main from its first instruction (paused there).
  void start();
  // Sets what resume() does; throws Error if the program is not paused.
  void setPlan(Plan plan);
  // Runs the plan until it is done or something else stops the program.
  StopEvent resume();

  // Frames, 0 = innermost (as `backtrace` numbers them).
  size_t frameCount() const;
  Frame frame(size_t number) const; // throws Error if out of range
  size_t selectedFrame() const { return selected_; }
  void selectFrame(size_t number);
  Location locationOf(const Frame &frame) const {
    return {frame.function, frame.pc};
  }

  // Records the current value of a watchpoint (when it is created and
  // enabled).
  void snapshotWatch(StopPoint &point);

  // Set by the SIGINT handler while resume() runs.
  static std::atomic<bool> interruptRequested;

private:
  bool paused() const { return state_ == TargetState::Paused; }
  std::optional<StopEvent> afterRun(RunStatus status);
  std::optional<StopEvent> checkWatchpoints();
  std::optional<StopEvent> checkPlan(bool stepped);
  std::optional<StopEvent> checkBreakpoints();
  bool needsSingleSteps() const;
  // VM breakpoints: enabled breakpoint locations plus the plan's own.
  void syncBreakpoints();
  std::set<Location> planLocations() const;
  bool frameAlive(size_t index, uint64_t serial) const;
  void readWatched(const StopPoint &point, std::vector<uint8_t> &bytes,
                   bool &readable);

  Module module_;
  std::shared_ptr<const SourceMap> map_;
  ProgramOptions options_;
  VM vm_;
  std::vector<std::string> arguments_;
  std::unique_ptr<Program> program_;
  TargetState state_ = TargetState::NotStarted;
  bool justStarted_ = false; // breakpoints at the first pc count
  int exitCode_ = 0;
  StopPoints points_;
  Plan plan_;
  size_t selected_ = 0;
  std::set<Location> installed_; // VM breakpoints of the current program
};

} // namespace comet::debugger

#endif
