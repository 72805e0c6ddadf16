#include "runtime/syntax.h"

#include <string>

namespace comet::scheme {

namespace {

// Scans from offset up to where depth returns to zero after it rose (or
// the end); returns the offset after the last character consumed.
struct Scan {
  int depth = 0;
  bool inString = false;
  bool unbalanced = false;
};

bool isDelimiter(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' ||
         c == ')' || c == '"' || c == ';' || c == '\'';
}

// Advances over one lexical element at text[i]; updates the scan.
size_t step(std::string_view text, size_t i, Scan &scan) {
  char c = text[i];
  if (scan.inString) {
    if (c == '\\')
      return i + 2;
    if (c == '"')
      scan.inString = false;
    return i + 1;
  }
  switch (c) {
  case '"':
    scan.inString = true;
    return i + 1;
  case ';':
    while (i < text.size() && text[i] != '\n')
      ++i;
    return i;
  case '(':
    ++scan.depth;
    return i + 1;
  case ')':
    if (scan.depth == 0)
      scan.unbalanced = true;
    else
      --scan.depth;
    return i + 1;
  case '#':
    if (i + 2 < text.size() + 1 && i + 1 < text.size() && text[i + 1] == '\\')
      return i + 3; // #\x, including #\( #\) #\" #\;
    return i + 1;
  default:
    return i + 1;
  }
}

} // namespace

Balance balanceOf(std::string_view text) {
  Scan scan;
  for (size_t i = 0; i < text.size();) {
    i = step(text, i, scan);
    if (scan.unbalanced)
      return Balance::Unbalanced;
  }
  return scan.depth > 0 || scan.inString ? Balance::Incomplete
                                         : Balance::Complete;
}

size_t expressionLength(std::string_view text) {
  if (text.empty())
    return std::string_view::npos;
  Scan scan;
  if (text[0] == '(' || text[0] == '"') {
    size_t i = 0;
    do {
      i = step(text, i, scan);
      if (scan.unbalanced)
        return std::string_view::npos;
    } while (i < text.size() && (scan.depth > 0 || scan.inString));
    if (scan.depth > 0 || scan.inString)
      return std::string_view::npos;
    return std::min(i, text.size());
  }
  size_t i = text[0] == '#' && text.size() > 2 && text[1] == '\\' ? 3 : 0;
  while (i < text.size() && !isDelimiter(text[i]))
    ++i;
  return i;
}

} // namespace comet::scheme
