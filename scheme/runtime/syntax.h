// Just enough of Scheme's lexical syntax to split text without reading it:
// where an expression ends, and whether parentheses balance (strings,
// characters like #\( and ; comments taken into account).
#ifndef COMET_SCHEME_RUNTIME_SYNTAX_H
#define COMET_SCHEME_RUNTIME_SYNTAX_H

#include <cstddef>
#include <string_view>

namespace comet::scheme {

enum class Balance {
  Complete,   // every parenthesis and string is closed
  Incomplete, // more input is needed
  Unbalanced, // a ')' closes nothing
};

Balance balanceOf(std::string_view text);

// The length of the expression starting at text[0] (a parenthesised list,
// a string, or an atom up to a delimiter), or npos if it does not end.
size_t expressionLength(std::string_view text);

} // namespace comet::scheme

#endif
