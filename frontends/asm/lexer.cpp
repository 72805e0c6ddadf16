#include "asm/lexer.h"

#include "asm/spelling.h"

#include <cstdio>

namespace comet::assembly {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (isDigit(c))
    return c - '0';
  c |= 0x20;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

std::string printable(char c) {
  if (c > 0x20 && c < 0x7f)
    return std::string(1, c);
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02x",
                static_cast<unsigned char>(c));
  return buffer;
}

class Lexer {
public:
  explicit Lexer(const SourceText &source)
      : source_(source), text_(source.text()) {}

  std::vector<Token> run() {
    while (offset_ < text_.size())
      lexOne();
    Token end;
    end.kind = TokenKind::End;
    end.at = here();
    tokens_.push_back(end);
    return std::move(tokens_);
  }

private:
  Position here() const {
    return {line_, static_cast<uint32_t>(offset_ - lineStart_ + 1)};
  }

  char peek(size_t ahead = 0) const {
    return offset_ + ahead < text_.size() ? text_[offset_ + ahead] : '\0';
  }

  void add(TokenKind kind, size_t begin, Position at, std::string value = {}) {
    tokens_.push_back(
        {kind, at, text_.substr(begin, offset_ - begin), std::move(value)});
  }

  void lexOne() {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\r') {
      ++offset_;
      return;
    }
    if (c == ';') {
      while (offset_ < text_.size() && peek() != '\n')
        ++offset_;
      return;
    }
    size_t begin = offset_;
    Position at = here();
    if (c == '\n') {
      ++offset_;
      add(TokenKind::Newline, begin, at);
      ++line_;
      lineStart_ = offset_;
      return;
    }
    if (isWordStart(c)) {
      while (isWordChar(peek()))
        ++offset_;
      add(TokenKind::Word, begin, at);
      return;
    }
    if (isDigit(c))
      return lexNumber(begin, at);
    if (c == '%' || c == '@')
      return lexName(begin, at);
    if (c == '"') {
      std::string value = lexQuoted(at);
      add(TokenKind::String, begin, at, std::move(value));
      return;
    }
    if (c == '\'')
      return lexChar(begin, at);
    if (c == '#' && peek(1) == '(')
      return lexMacro(begin, at);
    static constexpr struct {
      char c;
      TokenKind kind;
    } Punctuation[] = {
        {',', TokenKind::Comma},       {':', TokenKind::Colon},
        {'[', TokenKind::LeftBracket}, {']', TokenKind::RightBracket},
        {'(', TokenKind::LeftParen},   {')', TokenKind::RightParen},
        {'+', TokenKind::Plus},        {'-', TokenKind::Minus},
    };
    for (auto [character, kind] : Punctuation) {
      if (c == character) {
        ++offset_;
        add(kind, begin, at);
        return;
      }
    }
    source_.fail(at, "unexpected character '" + printable(c) + "'");
  }

  // Integers and floats share one token; a sign directly after an exponent
  // letter belongs to it ("1e-5", "0x1p+3").
  void lexNumber(size_t begin, Position at) {
    bool hex = peek() == '0' && (peek(1) | 0x20) == 'x';
    while (true) {
      char c = peek();
      if (isWordChar(c) && c != '-' && c != '$') {
        ++offset_;
        continue;
      }
      char previous = text_[offset_ - 1] | 0x20;
      bool exponent = hex ? previous == 'p' : previous == 'e';
      if ((c == '+' || c == '-') && exponent) {
        ++offset_;
        continue;
      }
      break;
    }
    add(TokenKind::Number, begin, at);
  }

  void lexName(size_t begin, Position at) {
    char sigil = peek();
    ++offset_;
    TokenKind kind =
        sigil == '%' ? TokenKind::LocalName : TokenKind::GlobalName;
    std::string value;
    if (peek() == '"') {
      value = lexQuoted(here());
    } else {
      std::string_view rest = text_.substr(offset_);
      size_t length = 0;
      if (sigil == '@') {
        length = globalNameLength(rest);
      } else {
        while (length < rest.size() && isNameChar(rest[length]))
          ++length;
      }
      value = std::string(rest.substr(0, length));
      offset_ += length;
    }
    if (value.empty())
      source_.fail(at, std::string("expected a name after '") + sigil + "'");
    add(kind, begin, at, std::move(value));
  }

  // Reads the character after a backslash.
  char lexEscape() {
    Position at = here();
    ++offset_; // the backslash
    char c = peek();
    ++offset_;
    switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case '\\':
    case '"':
    case '\'':
      return c;
    case 'x': {
      int high = hexValue(peek());
      int low = high < 0 ? -1 : hexValue(peek(1));
      if (low < 0)
        source_.fail(at, "expected two hex digits after '\\x'");
      offset_ += 2;
      return static_cast<char>(high * 16 + low);
    }
    default:
      source_.fail(at, "unknown escape sequence '\\" + printable(c) + "'");
    }
  }

  std::string lexQuoted(Position at) {
    ++offset_; // the opening quote
    std::string value;
    while (true) {
      char c = peek();
      if (offset_ >= text_.size() || c == '\n')
        source_.fail(at, "unterminated string");
      if (c == '"') {
        ++offset_;
        return value;
      }
      if (c == '\\') {
        value += lexEscape();
      } else {
        value += c;
        ++offset_;
      }
    }
  }

  void lexChar(size_t begin, Position at) {
    ++offset_; // the opening quote
    char c = peek();
    if (offset_ >= text_.size() || c == '\n' || c == '\'')
      source_.fail(at, "empty or unterminated character literal");
    char value = c;
    if (c == '\\')
      value = lexEscape();
    else
      ++offset_;
    if (peek() != '\'')
      source_.fail(at, "unterminated character literal");
    ++offset_;
    add(TokenKind::Char, begin, at, std::string(1, value));
  }

  // #( ... ): Scheme text up to the parenthesis that closes the first,
  // across lines, skipping strings, character literals and comments.
  void lexMacro(size_t begin, Position at) {
    ++offset_; // '#'
    size_t expression = offset_;
    int depth = 0;
    bool inString = false;
    while (offset_ < text_.size()) {
      char c = text_[offset_];
      if (c == '\n') {
        ++line_;
        lineStart_ = offset_ + 1;
      }
      if (inString) {
        if (c == '\\')
          ++offset_;
        else if (c == '"')
          inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == ';') {
        while (offset_ + 1 < text_.size() && text_[offset_ + 1] != '\n')
          ++offset_;
      } else if (c == '#' && peek(1) == '\\') {
        offset_ += 2;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        ++offset_;
        add(TokenKind::Macro, begin, at,
            std::string(text_.substr(expression, offset_ - expression)));
        return;
      }
      ++offset_;
    }
    source_.fail(at, "unterminated macro: the parentheses after '#' do not "
                     "balance");
  }

  const SourceText &source_;
  std::string_view text_;
  size_t offset_ = 0;
  size_t lineStart_ = 0;
  uint32_t line_ = 1;
  std::vector<Token> tokens_;
};

} // namespace

std::vector<Token> tokenize(const SourceText &source) {
  return Lexer(source).run();
}

} // namespace comet::assembly
