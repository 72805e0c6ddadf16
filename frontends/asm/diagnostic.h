// Source text with positions, and the "file:line:col: error:" messages that
// point into it.
#ifndef COMET_ASM_DIAGNOSTIC_H
#define COMET_ASM_DIAGNOSTIC_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace comet::assembly {

struct Position {
  uint32_t line = 1;   // 1-based
  uint32_t column = 1; // 1-based, in bytes
};

class SourceText {
public:
  SourceText(std::string_view text, std::string_view fileName);

  std::string_view text() const { return text_; }
  std::string_view lineAt(uint32_t line) const;

  // Throws comet::Error: "file:line:col: error: message", the source line
  // and a caret under the column.
  [[noreturn]] void fail(Position at, const std::string &message) const;

private:
  std::string_view text_;
  std::string fileName_;
  std::vector<size_t> lineStarts_;
};

// 'text', for names in messages.
std::string inSingleQuotes(std::string_view text);

// Shortens long source excerpts quoted in messages ("found '...'").
std::string excerpt(std::string_view text);

} // namespace comet::assembly

#endif
