// Splits Comet assembly into tokens. Line ends are tokens because the
// syntax is line-oriented; comments are dropped.
#ifndef COMET_ASM_LEXER_H
#define COMET_ASM_LEXER_H

#include "asm/diagnostic.h"

#include <string>
#include <string_view>
#include <vector>

namespace comet::assembly {

enum class TokenKind {
  Word,       // mnemonic, directive, keyword, label, rN
  LocalName,  // %name or %"text"
  GlobalName, // @name or @"text"
  Number,     // starts with a digit: integer or float, checked by the parser
  Char,       // 'c'
  String,     // "text"
  Comma,
  Colon,
  LeftBracket,
  RightBracket,
  LeftParen,
  RightParen,
  Plus,
  Minus,
  Macro, // #(...): an assembler macro; value holds the (...) expression
  Newline,
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  Position at;
  std::string_view spelling; // as written
  std::string value;         // names without sigil and quotes; decoded text
  uint32_t origin = 0; // 0: the file; n: the text of the n-th macro expansion
};

// Throws comet::Error (through source.fail) on malformed tokens.
std::vector<Token> tokenize(const SourceText &source);

} // namespace comet::assembly

#endif
