#include "debugger/target.h"

#include <algorithm>
#include <cstring>

namespace comet::debugger {

namespace {

// Fast runs go this many instructions at a time, so that Ctrl-C stops a
// runaway program within a fraction of a second.
constexpr uint64_t ChunkSteps = uint64_t(1) << 24;

} // namespace

std::atomic<bool> Target::interruptRequested{false};

Target::Target(Module module, std::shared_ptr<const SourceMap> map,
               ProgramOptions options, std::vector<std::string> arguments)
    : module_(std::move(module)), map_(std::move(map)),
      options_(std::move(options)), arguments_(std::move(arguments)) {
  // Loaded but not started: globals have addresses and initial values to
  // print and watch before the first run.
  program_ = std::make_unique<Program>(vm_, module_, options_);
}

Target::Target(std::unique_ptr<Program> program,
               std::shared_ptr<const SourceMap> map, ProgramOptions options,
               std::vector<std::string> arguments)
    : module_(program->module()), map_(std::move(map)),
      options_(std::move(options)), arguments_(std::move(arguments)),
      program_(std::move(program)) {
  state_ = program_->trap().kind != TrapKind::None ? TargetState::Trapped
           : program_->frameCount() > 0            ? TargetState::Paused
                                                   : TargetState::Exited;
  exitCode_ = program_->exitCode();
}

void Target::start() {
  program_ = std::make_unique<Program>(vm_, module_, options_);
  installed_.clear();
  program_->startMain(arguments_);
  state_ = TargetState::Paused;
  justStarted_ = true;
  exitCode_ = 0;
  selected_ = 0;
  plan_ = Plan{};
  // Registers of the last run's frames mean nothing now; memory watches
  // start again from this run's values.
  for (auto it = points_.all().begin(); it != points_.all().end();) {
    if (it->second.kind == StopPoint::Kind::RegisterWatch) {
      it = points_.all().erase(it);
      continue;
    }
    if (it->second.kind == StopPoint::Kind::MemoryWatch)
      snapshotWatch(it->second);
    ++it;
  }
}

size_t Target::frameCount() const {
  return program_ && (state_ == TargetState::Paused ||
                      state_ == TargetState::Trapped)
             ? program_->frameCount()
             : 0;
}

Frame Target::frame(size_t number) const {
  size_t count = frameCount();
  if (number >= count)
    throw Error(count == 0 ? "the program is not running"
                           : "no frame #" + std::to_string(number) +
                                 " (the innermost is #0, the outermost #" +
                                 std::to_string(count - 1) + ")");
  return program_->frame(count - 1 - number);
}

void Target::selectFrame(size_t number) {
  frame(number); // checks the number
  selected_ = number;
}

void Target::setPlan(Plan plan) {
  if (state_ != TargetState::Paused)
    throw Error(state_ == TargetState::Trapped
                    ? "the program trapped; it cannot continue ('run' starts "
                      "it again)"
                    : "the program is not running");
  size_t top = program_->frameCount() - 1;
  switch (plan.kind) {
  case Plan::Kind::Finish:
    plan.frameIndex = top - selected_;
    break;
  case Plan::Kind::UntilLocation:
    plan.frameIndex = top - selected_;
    break;
  default:
    plan.frameIndex = top;
    break;
  }
  Frame frame = program_->frame(plan.frameIndex);
  plan.frameSerial = frame.serial;
  plan.startPc = frame.pc;
  plan.done = 0;
  plan_ = std::move(plan);
}

StopEvent Target::resume() {
  if (state_ != TargetState::Paused)
    throw Error("the program is not running");
  selected_ = 0;
  if (justStarted_) {
    justStarted_ = false;
    if (plan_.kind == Plan::Kind::Continue)
      if (auto event = checkBreakpoints())
        return *event;
  }
  bool first = true; // the paused instruction runs whatever stops there
  uint64_t steps = 0;
  for (;;) {
    if (first || needsSingleSteps()) {
      first = false;
      if (auto event = afterRun(program_->step()))
        return *event;
      if (auto event = checkWatchpoints())
        return *event;
      if (auto event = checkPlan(true))
        return *event;
      if (auto event = checkBreakpoints())
        return *event;
      if ((++steps & 0xffff) == 0 && interruptRequested.exchange(false))
        return StopEvent(StopEvent::Kind::Interrupted);
      continue;
    }
    syncBreakpoints();
    if (auto event = afterRun(program_->run(ChunkSteps)))
      return *event;
    if (interruptRequested.exchange(false))
      return StopEvent(StopEvent::Kind::Interrupted);
    if (!program_->stoppedAtBreakpoint())
      continue; // a chunk ended
    if (auto event = checkPlan(false))
      return *event;
    if (auto event = checkBreakpoints())
      return *event;
    // The plan's own breakpoint reached by another activation: go on.
  }
}

std::optional<StopEvent> Target::afterRun(RunStatus status) {
  switch (status) {
  case RunStatus::Stopped:
    return std::nullopt;
  case RunStatus::Returned:
  case RunStatus::Exited:
    status = program_->finishMain(status);
    break;
  case RunStatus::Trapped:
    break;
  }
  installed_.clear();
  if (status == RunStatus::Trapped) {
    state_ = TargetState::Trapped;
    return StopEvent(StopEvent::Kind::Trapped);
  }
  state_ = TargetState::Exited;
  exitCode_ = program_->exitCode();
  StopEvent event{StopEvent::Kind::Exited};
  event.exitCode = exitCode_;
  return event;
}

bool Target::needsSingleSteps() const {
  if (points_.anyWatchEnabled())
    return true;
  switch (plan_.kind) {
  case Plan::Kind::StepInstruction:
  case Plan::Kind::Step:
    return true;
  case Plan::Kind::Next:
  case Plan::Kind::Until:
    // Step through the frame; run fast through the calls it makes.
    return program_->frameCount() <= plan_.frameIndex + 1;
  default:
    return false;
  }
}

bool Target::frameAlive(size_t index, uint64_t serial) const {
  return program_->frameCount() > index &&
         program_->frame(index).serial == serial;
}

std::set<Location> Target::planLocations() const {
  std::set<Location> result;
  auto returnAddress = [&](size_t callerIndex) {
    if (callerIndex >= program_->frameCount())
      return;
    Frame caller = program_->frame(callerIndex);
    if (caller.pc + 1 < module_.functions[caller.function].code.size())
      result.insert({caller.function, caller.pc + 1});
  };
  switch (plan_.kind) {
  case Plan::Kind::Next:
  case Plan::Kind::Until:
    if (program_->frameCount() > plan_.frameIndex + 1)
      returnAddress(plan_.frameIndex); // back from the call it makes
    break;
  case Plan::Kind::Finish:
    if (plan_.frameIndex > 0)
      returnAddress(plan_.frameIndex - 1);
    break;
  case Plan::Kind::UntilLocation:
    result.insert(plan_.locations.begin(), plan_.locations.end());
    if (plan_.frameIndex > 0)
      returnAddress(plan_.frameIndex - 1);
    break;
  default:
    break;
  }
  return result;
}

void Target::syncBreakpoints() {
  std::set<Location> wanted = planLocations();
  for (const auto &[number, point] : points_.all())
    if (point.enabled && point.kind == StopPoint::Kind::Breakpoint)
      wanted.insert(point.locations.begin(), point.locations.end());
  for (const Location &location : installed_)
    if (!wanted.count(location))
      program_->clearBreakpoint(location.function, location.pc);
  for (const Location &location : wanted)
    if (!installed_.count(location))
      program_->setBreakpoint(location.function, location.pc);
  installed_ = std::move(wanted);
}

std::optional<StopEvent> Target::checkPlan(bool stepped) {
  size_t count = program_->frameCount();
  size_t top = count - 1;
  Frame frame = program_->frame(top);
  auto statement = [&] {
    return isStatementStart(module_, *map_, frame.function, frame.pc);
  };
  auto done = [&]() -> std::optional<StopEvent> {
    if (++plan_.done < plan_.count)
      return std::nullopt;
    plan_ = Plan{};
    return StopEvent(StopEvent::Kind::PlanDone);
  };
  switch (plan_.kind) {
  case Plan::Kind::Continue:
    return std::nullopt;
  case Plan::Kind::StepInstruction:
    return stepped ? done() : std::nullopt;
  case Plan::Kind::Step:
    return stepped && statement() ? done() : std::nullopt;
  case Plan::Kind::Next:
  case Plan::Kind::Until: {
    if (top > plan_.frameIndex)
      return std::nullopt; // inside a call the frame made
    bool forward = plan_.kind == Plan::Kind::Next;
    if (top < plan_.frameIndex || frame.serial != plan_.frameSerial) {
      // Returned (or replaced by a tail call): carry on in this frame.
      plan_.frameIndex = top;
      plan_.frameSerial = frame.serial;
      forward = true;
    } else if (frame.pc > plan_.startPc) {
      forward = true;
    }
    return forward && statement() ? done() : std::nullopt;
  }
  case Plan::Kind::Finish:
    if (count <= plan_.frameIndex) {
      plan_ = Plan{};
      return StopEvent(StopEvent::Kind::PlanDone);
    }
    return std::nullopt;
  case Plan::Kind::UntilLocation: {
    bool returned = count <= plan_.frameIndex;
    bool arrived = top <= plan_.frameIndex &&
                   std::find(plan_.locations.begin(), plan_.locations.end(),
                             locationOf(frame)) != plan_.locations.end();
    if (returned || arrived) {
      plan_ = Plan{};
      return StopEvent(StopEvent::Kind::PlanDone);
    }
    return std::nullopt;
  }
  }
  return std::nullopt;
}

std::optional<StopEvent> Target::checkBreakpoints() {
  Frame top = program_->frame(program_->frameCount() - 1);
  std::vector<int> numbers = points_.breakpointsAt(locationOf(top));
  if (numbers.empty())
    return std::nullopt;
  StopEvent event{StopEvent::Kind::Breakpoint};
  event.points = std::move(numbers);
  return event;
}

void Target::readWatched(const StopPoint &point, std::vector<uint8_t> &bytes,
                         bool &readable) {
  readable = true;
  if (point.kind == StopPoint::Kind::MemoryWatch) {
    bytes.assign(point.size, 0);
    readable = program_->memory().read(point.address, bytes.data(), point.size);
    if (!readable)
      bytes.assign(point.size, 0);
    return;
  }
  bytes.clear();
  if (!frameAlive(point.frameIndex, point.frameSerial)) {
    readable = false;
    return;
  }
  const uint64_t *registers = program_->frame(point.frameIndex).registers;
  for (uint32_t r : point.registers) {
    uint8_t value[8];
    uint64_t bits = registers[r] + uint64_t(point.offset);
    std::memcpy(value, &bits, 8);
    bytes.insert(bytes.end(), value, value + 8);
  }
}

void Target::snapshotWatch(StopPoint &point) {
  if (!program_ ||
      (point.kind == StopPoint::Kind::RegisterWatch &&
       !(state_ == TargetState::Paused || state_ == TargetState::Trapped))) {
    point.lastBytes.assign(point.size, 0);
    point.lastReadable = false;
    return;
  }
  readWatched(point, point.lastBytes, point.lastReadable);
}

std::optional<StopEvent> Target::checkWatchpoints() {
  std::optional<StopEvent> event;
  for (auto &[number, point] : points_.all()) {
    if (!point.enabled || !point.isWatch())
      continue;
    if (point.kind == StopPoint::Kind::RegisterWatch &&
        !frameAlive(point.frameIndex, point.frameSerial)) {
      point.enabled = false;
      StopEvent scope{StopEvent::Kind::WatchScope};
      scope.points = {number};
      return scope;
    }
    std::vector<uint8_t> bytes;
    bool readable;
    readWatched(point, bytes, readable);
    if (bytes == point.lastBytes && readable == point.lastReadable)
      continue;
    if (!event)
      event.emplace(StopEvent::Kind::Watchpoint);
    event->points.push_back(number);
    point.previousBytes = point.lastBytes;
    point.previousReadable = point.lastReadable;
    point.lastBytes = std::move(bytes);
    point.lastReadable = readable;
  }
  return event;
}

} // namespace comet::debugger
