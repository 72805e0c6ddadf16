#include "asm/diagnostic.h"

#include "comet/module.h"

namespace comet::assembly {

SourceText::SourceText(std::string_view text, std::string_view fileName)
    : text_(text), fileName_(fileName) {
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      lineStarts_.push_back(i + 1);
}

std::string_view SourceText::lineAt(uint32_t line) const {
  if (line == 0 || line > lineStarts_.size())
    return {};
  size_t begin = lineStarts_[line - 1];
  size_t end = text_.find('\n', begin);
  if (end == std::string_view::npos)
    end = text_.size();
  std::string_view result = text_.substr(begin, end - begin);
  if (!result.empty() && result.back() == '\r')
    result.remove_suffix(1);
  return result;
}

void SourceText::fail(Position at, const std::string &message) const {
  std::string_view line = lineAt(at.line);
  std::string caret;
  // Tabs are copied so that the caret lines up in any tab width.
  for (size_t i = 0; i + 1 < at.column; ++i)
    caret += i < line.size() && line[i] == '\t' ? '\t' : ' ';
  caret += '^';
  throw Error(fileName_ + ":" + std::to_string(at.line) + ":" +
              std::to_string(at.column) + ": error: " + message + "\n" +
              std::string(line) + "\n" + caret);
}

std::string inSingleQuotes(std::string_view text) {
  std::string result(1, '\'');
  result += text;
  return result += '\'';
}

std::string excerpt(std::string_view text) {
  constexpr size_t Limit = 40;
  if (text.size() <= Limit)
    return std::string(text);
  return std::string(text.substr(0, Limit)) + "...";
}

} // namespace comet::assembly
