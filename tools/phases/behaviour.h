// What a program does, as check-phases and bisect compare it: its stdout,
// stderr, exit code and how it ended (exit, trap kind, or no end within
// the step limit).
#ifndef COMET_PHASES_BEHAVIOUR_H
#define COMET_PHASES_BEHAVIOUR_H

#include "comet/vm.h"

#include <string>
#include <vector>

namespace comet::phases {

struct RunSettings {
  std::vector<std::string> arguments; // argv, argv[0] included
  std::string input;                  // stdin
  uint64_t maxSteps = UINT64_MAX;
};

struct Behaviour {
  enum class Ending { Exit, Trap, Hang };
  Ending ending = Ending::Exit;
  int exitCode = 0;
  TrapKind trap = TrapKind::None;
  std::string trapMessage, trapFunction;
  uint32_t trapPc = 0;
  std::string out, err;
  uint64_t steps = 0;

  // Same output, same ending: what the user can observe.
  bool sameAs(const Behaviour &other) const;
  //
  std::string describe() const;
};

Behaviour run(const VM &vm, Module module, const RunSettings &settings);

} // namespace comet::phases

#endif
