// The debugger's input syntax. A line that starts like Scheme (with '(',
// a quote, a string, '#' not followed by a space, or a number) is Scheme.
// Any other line is a command:
//
//   NAME[/FMT] ARG...   =>   (%command "NAME" "/FMT" ARG...)
//
// where each ARG is translated:
//   42, -3, 0x1f        a number
//   "text"              a string
//   /x                  the string "/x" (a format, as in gdb)
//   (EXPR)              (%expr "(EXPR)" (lambda () EXPR)), in which every
//                       %name and @name outside strings (and not quoted)
//                       reads the IR value: ($ "%name")
//   anything else       a symbol, with its case kept: main, %Idx, t.ll:27
//
// "# ..." lines are comments. %command (lib/debugger.scm) looks NAME up in
// the command table.
#ifndef COMET_SCHEME_DEBUGGER_COMMAND_LINE_H
#define COMET_SCHEME_DEBUGGER_COMMAND_LINE_H

#include <string>

namespace comet::debugger {

struct Translation {
  std::string scheme;     // "" for a blank line or comment
  bool isCommand = false; // (the REPL prints the values of Scheme only)
};

// Throws comet::Error for a malformed command line (an unterminated string
// or parenthesis).
Translation translateInput(const std::string &input);

// Replaces %name and @name in Scheme text with ($ "%name").
std::string rewriteIRNames(const std::string &expression);

} // namespace comet::debugger

#endif
