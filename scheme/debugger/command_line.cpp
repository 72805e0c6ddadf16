#include "debugger/command_line.h"
#include "runtime/syntax.h"

#include "comet/module.h"

#include <cctype>

namespace comet::debugger {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool isNameChar(char c) {
  return std::isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$' ||
         c == '-';
}

// A Scheme string literal holding text.
std::string literal(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

bool isNumber(const std::string &word) {
  size_t i = word[0] == '-' ? 1 : 0;
  if (i >= word.size())
    return false;
  if (word.size() > i + 2 && word[i] == '0' &&
      (word[i + 1] == 'x' || word[i + 1] == 'X')) {
    for (size_t j = i + 2; j < word.size(); ++j)
      if (!std::isxdigit((unsigned char)word[j]))
        return false;
    return true;
  }
  for (size_t j = i; j < word.size(); ++j)
    if (!std::isdigit((unsigned char)word[j]))
      return false;
  return true;
}

bool startsLikeScheme(const std::string &text) {
  char c = text[0];
  if (c == '(' || c == ')' || c == '\'' || c == '`' || c == '"' || c == ',')
    return true;
  if (c == '#')
    return text.size() > 1 && !isSpace(text[1]);
  size_t end = 0;
  while (end < text.size() && !isSpace(text[end]))
    ++end;
  std::string first = text.substr(0, end);
  return isNumber(first) || (first.find('.') != std::string::npos &&
                             std::isdigit((unsigned char)first[0]));
}

std::string argument(const std::string &word) {
  if (isNumber(word))
    return "(string->integer " + literal(word) + ")";
  return "(string->symbol " + literal(word) + ")";
}

} // namespace

std::string rewriteIRNames(const std::string &text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') { // a string: copied as it is
      size_t start = i++;
      while (i < text.size() && text[i] != '"')
        i += text[i] == '\\' ? 2 : 1;
      i = std::min(i + 1, text.size());
      out += text.substr(start, i - start);
      continue;
    }
    if (c == ';') {
      size_t start = i;
      while (i < text.size() && text[i] != '\n')
        ++i;
      out += text.substr(start, i - start);
      continue;
    }
    if (c == '#' && i + 2 < text.size() + 1 && i + 1 < text.size() &&
        text[i + 1] == '\\') {
      out += text.substr(i, 3);
      i += 3;
      continue;
    }
    bool atTokenStart = i == 0 || isSpace(text[i - 1]) || text[i - 1] == '(' ||
                        text[i - 1] == ')';
    if ((c == '%' || c == '@') && atTokenStart && i + 1 < text.size() &&
        isNameChar(text[i + 1])) {
      size_t start = i++;
      while (i < text.size() && isNameChar(text[i]))
        ++i;
      out += "($ " + literal(text.substr(start, i - start)) + ")";
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

Translation translateInput(const std::string &input) {
  size_t start = 0;
  while (start < input.size() && isSpace(input[start]))
    ++start;
  std::string text = input.substr(start);
  while (!text.empty() && isSpace(text.back()))
    text.pop_back();
  Translation result;
  if (text.empty() ||
      (text[0] == '#' && (text.size() == 1 || isSpace(text[1]))))
    return result;
  if (startsLikeScheme(text)) {
    result.scheme = text;
    return result;
  }
  result.isCommand = true;
  size_t i = 0;
  while (i < text.size() && !isSpace(text[i]) && text[i] != '/' &&
         text[i] != '(' && text[i] != '"')
    ++i;
  std::string name = text.substr(0, i);
  std::string call = "(%command " + literal(name);
  if (i < text.size() && text[i] == '/') { // NAME/FMT
    size_t end = i;
    while (end < text.size() && !isSpace(text[end]))
      ++end;
    call += " " + literal(text.substr(i, end - i));
    i = end;
  }
  while (true) {
    while (i < text.size() && isSpace(text[i]))
      ++i;
    if (i >= text.size())
      break;
    std::string_view rest(text.data() + i, text.size() - i);
    if (text[i] == '(' || text[i] == '"') {
      size_t length = scheme::expressionLength(rest);
      if (length == std::string_view::npos)
        throw Error(text[i] == '"' ? "unterminated string in the command"
                                   : "unbalanced parentheses in the command");
      std::string expression(rest.substr(0, length));
      if (text[i] == '"')
        call += " " + expression;
      else
        call += " (%expr " + literal(expression) + " (lambda () " +
                rewriteIRNames(expression) + "))";
      i += length;
      continue;
    }
    size_t end = i;
    while (end < text.size() && !isSpace(text[end]) && text[end] != '(' &&
           text[end] != '"')
      ++end;
    std::string word = text.substr(i, end - i);
    call += ' ';
    call += word[0] == '/' ? literal(word) : argument(word);
    i = end;
  }
  result.scheme = call + ")";
  return result;
}

} // namespace comet::debugger
