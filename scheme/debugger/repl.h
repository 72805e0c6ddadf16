// The debugger's read-eval-print loop: reads inputs (continuing over lines
// until parentheses balance), runs them in a Session, until the end of
// input or quit. On a terminal it edits lines and keeps a history with
// libedit, and Ctrl-C interrupts a running program.
#ifndef COMET_SCHEME_DEBUGGER_REPL_H
#define COMET_SCHEME_DEBUGGER_REPL_H

#include "debugger/session.h"

#include <string>

namespace comet::debugger {

struct ReplOptions {
  bool interactive = false; // terminal: prompts, line editing, history
  std::string prompt = "(comet) ";
  std::string historyFile; // "" keeps no history across sessions
};

void runRepl(Session &session, const ReplOptions &options);

} // namespace comet::debugger

#endif
