#include "debugger/repl.h"
#include "runtime/syntax.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <editline/readline.h>

namespace comet::debugger {

namespace {

void onInterrupt(int) { Target::interruptRequested = true; }

// Ctrl-C interrupts the program (Target::resume checks the flag) instead
// of ending the debugger.
class InterruptHandler {
public:
  InterruptHandler() {
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous);
  }
  ~InterruptHandler() { sigaction(SIGINT, &previous, nullptr); }

private:
  struct sigaction previous = {};
};

// One line of input, without its newline; false at the end of input.
bool readLine(const ReplOptions &options, bool continuation,
              std::string &line) {
  if (!options.interactive) {
    if (!std::getline(std::cin, line))
      return false;
    return true;
  }
  char *text = readline(continuation ? "> " : options.prompt.c_str());
  if (!text)
    return false;
  line = text;
  std::free(text);
  return true;
}

} // namespace

void runRepl(Session &session, const ReplOptions &options) {
  std::unique_ptr<InterruptHandler> interrupts;
  if (options.interactive) {
    using_history();
    if (!options.historyFile.empty())
      read_history(options.historyFile.c_str());
    interrupts = std::make_unique<InterruptHandler>();
  }
  std::string input, line;
  while (!session.finished()) {
    if (!readLine(options, !input.empty(), line)) {
      if (options.interactive)
        std::printf("\n");
      if (!input.empty())
        session.execute(input); // (reports the incomplete input)
      break;
    }
    input += input.empty() ? line : "\n" + line;
    if (scheme::balanceOf(input) == scheme::Balance::Incomplete)
      continue;
    if (options.interactive &&
        input.find_first_not_of(" \t") != std::string::npos)
      add_history(input.c_str());
    Target::interruptRequested = false;
    session.execute(input);
    std::fflush(stdout);
    input.clear();
  }
  if (options.interactive && !options.historyFile.empty())
    write_history(options.historyFile.c_str());
}

} // namespace comet::debugger
