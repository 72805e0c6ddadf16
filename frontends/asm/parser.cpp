// The syntax pass: tokens to a DraftModule. Everything that can be checked
// line by line is checked here; names are resolved later (resolve.cpp)
// because they may be used before they are defined.
#include "asm/assembly.h"
#include "asm/draft.h"
#include "asm/lexer.h"
#include "asm/macros.h"
#include "asm/spelling.h"

#include <algorithm>
#include <cinttypes>
#include <deque>
#include <functional>
#include <optional>
#include <set>

namespace comet::assembly {

namespace {

constexpr uint64_t MaxRegister = uint64_t(1) << 24;
// Bigger zero-filled tails belong in the `size` attribute, which costs no
// memory here.
constexpr uint64_t MaxInitialisedBytes = uint64_t(1) << 28;

std::string_view spanOf(const Token &first, const Token &last) {
  if (first.origin != last.origin) // from different macro expansions
    return first.spelling;
  const char *begin = first.spelling.data();
  const char *end = last.spelling.data() + last.spelling.size();
  return {begin, static_cast<size_t>(end - begin)};
}

// One value as written: a token, perhaps after a minus sign.
struct Scalar {
  const Token *token = nullptr;
  bool negative = false;
  Position at;
  std::string_view spelling; // sign included
};

// An operand as written, before it is matched against an operand kind:
// a scalar, or a bracketed list whose elements may carry ": label".
struct Written {
  struct Element {
    Scalar value;
    std::optional<Scalar> label;
    std::string_view spelling;
  };
  Scalar scalar;
  bool isList = false;
  std::vector<Element> elements;
  Position at;
  std::string_view spelling;
};

struct Mismatch {
  Position at;
  std::string message;
};

bool isRegister(const Scalar &scalar) {
  const Token &token = *scalar.token;
  if (scalar.negative)
    return false;
  if (token.kind == TokenKind::LocalName)
    return true;
  std::string_view text = token.spelling;
  return token.kind == TokenKind::Word && text.size() > 1 && text[0] == 'r' &&
         text.find_first_not_of("0123456789", 1) == std::string_view::npos;
}

bool isInteger(const Scalar &scalar) {
  const Token &token = *scalar.token;
  return token.kind == TokenKind::Char ||
         (token.kind == TokenKind::Number && isIntegerSyntax(token.spelling));
}

bool isFloat(const Scalar &scalar) {
  const Token &token = *scalar.token;
  return token.kind == TokenKind::Number ||
         (token.kind == TokenKind::Word &&
          (token.spelling == "inf" || token.spelling == "nan"));
}

bool isLabel(const Scalar &scalar) {
  TokenKind kind = scalar.token->kind;
  return !scalar.negative &&
         (kind == TokenKind::Word || kind == TokenKind::String);
}

bool isGlobal(const Scalar &scalar) {
  return !scalar.negative && scalar.token->kind == TokenKind::GlobalName;
}

std::string kindName(char kind) {
  switch (kind) {
  case 'd':
  case 'r':
  case 'v':
  case 'w':
    return "register";
  case 'i':
  case 'n':
    return "integer";
  case 'x':
  case 'y':
    return "floating-point number";
  case 'l':
    return "label";
  case 'c':
    return "function name";
  case 's':
    return "symbol name";
  case 'D':
  case 'R':
    return "register list";
  case 't':
    return "switch table";
  }
  return "operand";
}

std::string kindList(std::string_view kinds) {
  std::string result;
  for (char kind : kinds)
    result += (result.empty() ? "" : ", ") + kindName(kind);
  return result;
}

Mismatch expectedAt(Position at, const std::string &what,
                    std::string_view found) {
  return {at, "expected " + what + ", found '" + excerpt(found) + "'"};
}

// Why `written` cannot be an operand of `kind`, if it cannot.
std::optional<Mismatch> mismatch(char kind, const Written &written) {
  bool listKind = kind == 'D' || kind == 'R' || kind == 't';
  if (listKind != written.isList)
    return expectedAt(written.at, kindName(kind), written.spelling);
  if (listKind) {
    for (const Written::Element &element : written.elements) {
      if (kind != 't') {
        if (element.label || !isRegister(element.value))
          return expectedAt(element.value.at, "register", element.spelling);
        continue;
      }
      if (!element.label)
        return expectedAt(element.value.at, "'value: label'", element.spelling);
      if (!isInteger(element.value))
        return expectedAt(element.value.at, "integer", element.value.spelling);
      if (!isLabel(*element.label))
        return expectedAt(element.label->at, "label", element.label->spelling);
    }
    return std::nullopt;
  }
  const Scalar &scalar = written.scalar;
  bool fits = false;
  switch (kind) {
  case 'd':
  case 'r':
  case 'v':
  case 'w':
    fits = isRegister(scalar);
    break;
  case 'i':
  case 'n':
    fits = isInteger(scalar);
    break;
  case 'x':
  case 'y':
    fits = isFloat(scalar);
    break;
  case 'l':
    fits = isLabel(scalar);
    break;
  case 'c':
  case 's':
    fits = isGlobal(scalar);
    break;
  }
  if (fits)
    return std::nullopt;
  return expectedAt(written.at, kindName(kind), written.spelling);
}

enum class Context { TopLevel, Data, Function };

class Parser {
public:
  Parser(const SourceText &source, MacroExpander *macros)
      : source_(source), macros_(macros) {
    for (Token &token : tokenize(source)) {
      order_.push_back(tokens_.size());
      tokens_.push_back(std::move(token));
    }
  }

  DraftModule run() {
    while (true) {
      while (raw().kind == TokenKind::Newline)
        take();
      if (raw().kind == TokenKind::Macro) {
        expandStatement();
        continue;
      }
      if (raw().kind == TokenKind::End)
        break;
      statement();
    }
    if (context_ != Context::TopLevel)
      failMissingEnd(*openToken_);
    return std::move(draft_);
  }

private:
  // ---- tokens

  // The token `ahead` places on, macros not expanded.
  const Token &raw(size_t ahead = 0) const {
    return tokens_[order_[std::min(next_ + ahead, order_.size() - 1)]];
  }
  // The same with every macro up to it expanded as a value.
  const Token &peek(size_t ahead = 0) {
    for (size_t i = 0; i <= ahead; ++i)
      while (raw(i).kind == TokenKind::Macro)
        expandValue(next_ + i);
    return raw(ahead);
  }
  const Token &take() {
    const Token &token = peek();
    if (next_ < order_.size() - 1)
      ++next_;
    return token;
  }
  bool atLineEnd() {
    return peek().kind == TokenKind::Newline || peek().kind == TokenKind::End;
  }

  [[noreturn]] void fail(Position at, const std::string &message) const {
    source_.fail(at, message);
  }
  [[noreturn]] void failExpected(const std::string &what,
                                 const Token &found) const {
    std::string foundText = found.kind == TokenKind::Newline ? "end of line"
                            : found.kind == TokenKind::End
                                ? "end of file"
                                : "'" + excerpt(found.spelling) + "'";
    fail(found.at, "expected " + what + ", found " + foundText);
  }
  const Token &expect(TokenKind kind, const std::string &what) {
    if (peek().kind != kind)
      failExpected(what, peek());
    return take();
  }
  void expectLineEnd() {
    if (!atLineEnd())
      failExpected("end of line", peek());
  }

  // ---- values

  Scalar scalar(const std::string &what) {
    Scalar result;
    const Token &first = peek();
    result.at = first.at;
    if (first.kind == TokenKind::Minus) {
      take();
      result.negative = true;
    }
    switch (peek().kind) {
    case TokenKind::Word:
    case TokenKind::LocalName:
    case TokenKind::GlobalName:
    case TokenKind::Number:
    case TokenKind::Char:
    case TokenKind::String:
      result.token = &take();
      break;
    default:
      failExpected(what, peek());
    }
    result.spelling = spanOf(first, *result.token);
    return result;
  }

  uint64_t integerValue(const Scalar &value, unsigned bits) const {
    const Token &token = *value.token;
    if (token.kind == TokenKind::Char) {
      uint64_t byte = static_cast<unsigned char>(token.value[0]);
      return value.negative ? uint64_t(0) - byte : byte;
    }
    uint64_t result = 0;
    switch (parseInteger(token.spelling, value.negative, bits, result)) {
    case NumberStatus::Ok:
      return result;
    case NumberStatus::OutOfRange:
      fail(value.at, "integer '" + std::string(value.spelling) +
                         "' does not fit in " + std::to_string(bits) + " bits");
    default:
      fail(value.at,
           "expected integer, found '" + excerpt(value.spelling) + "'");
    }
  }

  // An integer of a directive or attribute: "align 8", "regs 12".
  uint64_t unsignedValue(const std::string &what, uint64_t maximum) {
    Scalar value = scalar(what);
    if (value.negative || !isInteger(value))
      fail(value.at,
           "expected " + what + ", found '" + excerpt(value.spelling) + "'");
    uint64_t result = integerValue(value, 64);
    if (result > maximum)
      fail(value.at, what + " " + std::string(value.spelling) +
                         " is too large (the limit is " +
                         std::to_string(maximum) + ")");
    return result;
  }

  uint64_t powerOfTwo(const std::string &what) {
    Position at = peek().at;
    uint64_t value = unsignedValue(what, ~uint64_t(0));
    if (value == 0 || (value & (value - 1)) != 0)
      fail(at, what + " must be a power of 2");
    return value;
  }

  uint64_t floatBits(const Scalar &value, bool isF32) const {
    std::string text(value.token->spelling);
    uint64_t bits = 0;
    std::string type = isF32 ? "f32" : "f64";
    std::string spelling = "'" + excerpt(value.spelling) + "'";
    switch (parseFloatBits(text, value.negative, isF32, bits)) {
    case NumberStatus::Ok:
      return bits;
    case NumberStatus::OutOfRange:
      if (isIntegerSyntax(text))
        fail(value.at, "bit pattern " + spelling + " does not fit in " +
                           (isF32 ? "32" : "64") + " bits");
      fail(value.at, "floating-point number " + spelling +
                         " is out of range for " + type);
    case NumberStatus::NegativeBits:
      fail(value.at, "a bit pattern cannot be negative: " + spelling);
    default:
      fail(value.at, "invalid floating-point number " + spelling);
    }
  }

  uint32_t registerNumber(const Scalar &value) const {
    uint64_t number = 0;
    std::string_view digits = value.token->spelling.substr(1);
    if (parseInteger(digits, false, 64, number) != NumberStatus::Ok ||
        number >= MaxRegister)
      fail(value.at, "register number too large (the limit is r" +
                         std::to_string(MaxRegister - 1) + ")");
    return static_cast<uint32_t>(number);
  }

  // ---- statements

  // Labels ("name:"), then a directive or an instruction, on one line.
  void statement() {
    bool labelled = false;
    while (
        (peek().kind == TokenKind::Word || peek().kind == TokenKind::String) &&
        peek(1).kind == TokenKind::Colon) {
      const Token &label = take();
      take();
      defineLabel(label);
      labelled = true;
    }
    if (labelled && atLineEnd())
      return;
    if (raw().kind == TokenKind::Macro) {
      expandStatement();
      return;
    }
    const Token &word = peek();
    if (word.kind != TokenKind::Word)
      failExpected(labelled ? "instruction" : "directive, label or instruction",
                   word);
    take();
    if (word.spelling[0] == '.')
      directive(word);
    else
      instruction(word);
    expectLineEnd();
  }

  void defineLabel(const Token &label) {
    const std::string &name = label.kind == TokenKind::String
                                  ? label.value
                                  : std::string(label.spelling);
    if (context_ == Context::Data) { // an offset, for macros to read
      if (!draft_.data.back().labels.emplace(name, bytes().size()).second)
        fail(label.at, "duplicate label '" + name + "'");
      return;
    }
    if (context_ != Context::Function)
      fail(label.at, "label outside a function");
    DraftFunction &function = draft_.functions.back();
    auto index = static_cast<uint32_t>(function.code.size());
    if (!function.labels.emplace(name, index).second)
      fail(label.at, "duplicate label '" + name + "'");
    function.labelNames.emplace(index, name);
    labelPositions_[name] = label.at;
  }

  [[noreturn]] void failMissingEnd(const Token &at) const {
    if (context_ == Context::Function)
      fail(at.at, "missing .end for function " +
                      inSingleQuotes(
                          globalSpelling(draft_.functions.back().name.name)));
    fail(at.at,
         "missing .end for data object " +
             inSingleQuotes(globalSpelling(draft_.data.back().object.name)));
  }

  void directive(const Token &word) {
    struct Entry {
      std::string_view name;
      Context context;
      void (Parser::*parse)(const Token &);
    };
    static constexpr Entry Directives[] = {
        {".source", Context::TopLevel, &Parser::sourceDirective},
        {".import", Context::TopLevel, &Parser::importDirective},
        {".data", Context::TopLevel, &Parser::dataDirective},
        {".func", Context::TopLevel, &Parser::funcDirective},
        {".ascii", Context::Data, &Parser::stringData},
        {".asciz", Context::Data, &Parser::stringData},
        {".byte", Context::Data, &Parser::integerData},
        {".i16", Context::Data, &Parser::integerData},
        {".i32", Context::Data, &Parser::integerData},
        {".i64", Context::Data, &Parser::integerData},
        {".f32", Context::Data, &Parser::floatData},
        {".f64", Context::Data, &Parser::floatData},
        {".zero", Context::Data, &Parser::zeroData},
        {".align", Context::Data, &Parser::alignData},
        {".locals", Context::Function, &Parser::localsDirective},
        {".alias", Context::Function, &Parser::aliasDirective},
        {".loc", Context::Function, &Parser::locDirective},
    };
    if (word.spelling == ".end")
      return endDirective(word);
    for (const Entry &entry : Directives) {
      if (entry.name != word.spelling)
        continue;
      if (entry.context == context_)
        return (this->*entry.parse)(word);
      if (entry.context == Context::TopLevel)
        failMissingEnd(word);
      fail(word.at, "'" + std::string(word.spelling) +
                        "' is only allowed inside " +
                        (entry.context == Context::Data ? ".data" : ".func") +
                        " ... .end");
    }
    fail(word.at, "unknown directive '" + std::string(word.spelling) + "'");
  }

  // ---- top level

  void sourceDirective(const Token &word) {
    if (sawSource_)
      fail(word.at, "duplicate .source");
    sawSource_ = true;
    draft_.sourceFile = expect(TokenKind::String, "file name string").value;
  }

  void importDirective(const Token &) {
    const Token &name = peek();
    if (name.kind == TokenKind::Word)
      draft_.imports.push_back({std::string(name.spelling), name.at});
    else if (name.kind == TokenKind::GlobalName)
      draft_.imports.push_back({name.value, name.at});
    else
      failExpected("import name", name);
    take();
    if (!imported_.insert(draft_.imports.back().name).second)
      fail(name.at, "duplicate import " + inSingleQuotes(globalSpelling(
                                              draft_.imports.back().name)));
  }

  void defineGlobal(const Token &name, bool isFunction) {
    std::set<std::string> &same = isFunction ? functionNames_ : dataNames_;
    std::set<std::string> &other = isFunction ? dataNames_ : functionNames_;
    std::string spelling = inSingleQuotes(globalSpelling(name.value));
    if (same.count(name.value))
      fail(name.at, std::string("duplicate ") +
                        (isFunction ? "function " : "data object ") + spelling);
    if (other.count(name.value))
      fail(name.at, spelling + " is already defined as a " +
                        (isFunction ? "data object" : "function"));
    same.insert(name.value);
  }

  void dataDirective(const Token &word) {
    const Token &name = expect(TokenKind::GlobalName, "data object name");
    defineGlobal(name, false);
    DraftData data;
    data.at = word.at;
    data.object.name = name.value;
    std::set<std::string> seen;
    sizeAttribute_.reset();
    while (!atLineEnd()) {
      const Token &attribute = peek();
      std::string_view key = attribute.spelling;
      if (attribute.kind != TokenKind::Word ||
          (key != "align" && key != "size" && key != "ro" && key != "rw"))
        failExpected("data attribute (align N, size N, ro or rw)", attribute);
      take();
      std::string group =
          key == "ro" || key == "rw" ? "ro/rw" : std::string(key);
      if (!seen.insert(group).second)
        fail(attribute.at, "duplicate attribute '" + group + "'");
      if (key == "align") {
        data.object.alignment = powerOfTwo("alignment");
      } else if (key == "size") {
        Position at = peek().at;
        sizeAttribute_ = {unsignedValue("size", ~uint64_t(0)), at};
      } else {
        data.object.writable = key == "rw";
      }
    }
    draft_.data.push_back(std::move(data));
    context_ = Context::Data;
    openToken_ = &word;
  }

  void funcDirective(const Token &word) {
    const Token &name = expect(TokenKind::GlobalName, "function name");
    defineGlobal(name, true);
    DraftFunction function;
    function.name = {name.value, name.at};
    expect(TokenKind::LeftParen, "'('");
    if (peek().kind != TokenKind::RightParen) {
      do {
        function.params.push_back(
            registerDeclaration(function.params.size() + 1, true));
      } while (peek().kind == TokenKind::Comma && (take(), true));
    }
    expect(TokenKind::RightParen, "',' or ')'");
    if (peek().kind == TokenKind::Word && peek().spelling == "regs") {
      take();
      function.minimumRegisters =
          static_cast<uint32_t>(unsignedValue("register count", MaxRegister));
    }
    draft_.functions.push_back(std::move(function));
    context_ = Context::Function;
    openToken_ = &word;
    location_ = {};
    labelPositions_.clear();
  }

  // %name, `_` (unnamed) or, for parameter k, `rk`.
  NameUse registerDeclaration(size_t number, bool isParameter) {
    const Token &token = peek();
    std::string what = isParameter ? "parameter ('%name', 'r" +
                                         std::to_string(number) + "' or '_')"
                                   : "register name ('%name' or '_')";
    if (token.kind == TokenKind::LocalName) {
      take();
      return {token.value, token.at};
    }
    bool unnamed =
        token.kind == TokenKind::Word &&
        (token.spelling == "_" ||
         (isParameter && token.spelling == "r" + std::to_string(number)));
    if (!unnamed)
      failExpected(what, token);
    take();
    return {"", token.at};
  }

  void endDirective(const Token &word) {
    if (context_ == Context::TopLevel)
      fail(word.at, "'.end' without an open .func or .data");
    if (context_ == Context::Function)
      endFunction();
    else
      endData();
    context_ = Context::TopLevel;
  }

  void endFunction() {
    const DraftFunction &function = draft_.functions.back();
    for (const auto &[name, index] : function.labels)
      if (index == function.code.size())
        fail(labelPositions_[name],
             "label '" + name + "' does not precede an instruction");
  }

  void endData() {
    DataObject &object = draft_.data.back().object;
    object.size = object.bytes.size();
    if (!sizeAttribute_)
      return;
    auto [size, at] = *sizeAttribute_;
    if (size < object.size)
      fail(at, "size " + std::to_string(size) + " is smaller than the " +
                   std::to_string(object.size) + " initialised bytes of " +
                   inSingleQuotes(globalSpelling(object.name)));
    object.size = size;
  }

  // ---- inside .data

  std::vector<uint8_t> &bytes() { return draft_.data.back().object.bytes; }

  void appendZeros(uint64_t count, Position at) {
    if (count > MaxInitialisedBytes - bytes().size())
      fail(at, "more than " + std::to_string(MaxInitialisedBytes) +
                   " initialised bytes; use the 'size' attribute for a "
                   "zero-filled tail");
    bytes().resize(bytes().size() + count, 0);
  }

  void appendLittleEndian(uint64_t value, unsigned size) {
    for (unsigned i = 0; i < size; ++i)
      bytes().push_back(static_cast<uint8_t>(value >> (8 * i)));
  }

  // Runs `item` for each comma-separated item of the directive.
  void eachItem(const std::function<void()> &item) {
    do
      item();
    while (peek().kind == TokenKind::Comma && (take(), true));
  }

  void stringData(const Token &word) {
    bool terminate = word.spelling == ".asciz";
    eachItem([&] {
      const Token &text = expect(TokenKind::String, "string");
      bytes().insert(bytes().end(), text.value.begin(), text.value.end());
      if (terminate)
        bytes().push_back(0);
    });
  }

  void integerData(const Token &word) {
    unsigned size = word.spelling == ".byte"  ? 1
                    : word.spelling == ".i16" ? 2
                    : word.spelling == ".i32" ? 4
                                              : 8;
    eachItem([&] {
      if ((size == 8 || size == 4) && peek().kind == TokenKind::GlobalName)
        return relocation(size);
      Scalar value = scalar("integer");
      if (!isInteger(value))
        fail(value.at,
             "expected integer, found '" + excerpt(value.spelling) + "'");
      appendLittleEndian(integerValue(value, size * 8), size);
    });
  }

  // "+ N" or "- N" if next (else 0): a signed 64-bit addend or offset,
  // -2^63 .. 2^63 - 1.
  int64_t optionalAddend(const std::string &what) {
    if (peek().kind != TokenKind::Plus && peek().kind != TokenKind::Minus)
      return 0;
    bool negative = take().kind == TokenKind::Minus;
    Scalar value = scalar(what);
    if (value.negative || !isInteger(value))
      fail(value.at, "expected integer " + what + ", found '" +
                         excerpt(value.spelling) + "'");
    value.negative = negative;
    uint64_t magnitude = integerValue(value, 64);
    if (!negative && magnitude > uint64_t(INT64_MAX))
      fail(value.at, what + " '" + std::string(value.spelling) +
                         "' does not fit in 64 bits");
    return static_cast<int64_t>(magnitude);
  }

  // @symbol, @symbol+N or @symbol-N, optionally with " - @other" after
  // the symbol: an address (or a difference) filled in at load time.
  void relocation(unsigned size) {
    DraftData &data = draft_.data.back();
    const Token &symbol = take();
    std::optional<NameUse> minus;
    if (peek().kind == TokenKind::Minus &&
        peek(1).kind == TokenKind::GlobalName) {
      take();
      const Token &other = take();
      minus = NameUse{other.value, other.at};
      draft_.mentions.push_back(*minus);
    }
    int64_t addend = optionalAddend("addend");
    NameUse use{symbol.value, symbol.at};
    draft_.mentions.push_back(use);
    data.relocations.push_back({data.object.relocations.size(), use, false});
    if (minus)
      data.subtrahends.push_back(
          {data.object.relocations.size(), *minus, false});
    data.object.relocations.push_back(
        {bytes().size(), 0, addend, 0, uint8_t(size)});
    appendLittleEndian(0, size);
  }

  void floatData(const Token &word) {
    bool isF32 = word.spelling == ".f32";
    eachItem([&] {
      Scalar value = scalar("floating-point number");
      if (!isFloat(value))
        fail(value.at, "expected floating-point number, found '" +
                           excerpt(value.spelling) + "'");
      appendLittleEndian(floatBits(value, isF32), isF32 ? 4 : 8);
    });
  }

  void zeroData(const Token &) {
    Position at = peek().at;
    appendZeros(unsignedValue("byte count", ~uint64_t(0)), at);
  }

  void alignData(const Token &) {
    Position at = peek().at;
    uint64_t alignment = powerOfTwo("alignment");
    uint64_t size = bytes().size();
    appendZeros((alignment - size % alignment) % alignment, at);
  }

  // ---- inside .func

  void localsDirective(const Token &) {
    DraftFunction &function = draft_.functions.back();
    if (atLineEnd())
      return;
    eachItem([&] { function.locals.push_back(registerDeclaration(0, false)); });
  }

  void aliasDirective(const Token &) {
    Token name = expect(TokenKind::LocalName, "alias ('%name')");
    expect(TokenKind::Comma, "','");
    Token target =
        expect(TokenKind::LocalName, "the register it names ('%name')");
    int64_t offset = optionalAddend("offset");
    draft_.functions.back().aliases.push_back({NameUse{name.value, name.at},
                                               NameUse{target.value, target.at},
                                               offset});
  }

  void locDirective(const Token &) {
    location_.line = static_cast<uint32_t>(unsignedValue("line", UINT32_MAX));
    location_.column =
        static_cast<uint32_t>(unsignedValue("column", UINT32_MAX));
  }

  // ---- instructions

  Written operand() {
    Written written;
    const Token &first = peek();
    written.at = first.at;
    if (first.kind != TokenKind::LeftBracket) {
      written.scalar = scalar("operand");
      written.spelling = written.scalar.spelling;
      return written;
    }
    take();
    written.isList = true;
    if (peek().kind != TokenKind::RightBracket) {
      eachItem([&] {
        const Token &begin = peek();
        Written::Element element;
        element.value = scalar("list element");
        if (peek().kind == TokenKind::Colon) {
          take();
          element.label = scalar("label");
        }
        element.spelling = spanOf(begin, tokens_[next_ - 1]);
        written.elements.push_back(element);
      });
    }
    const Token &last = expect(TokenKind::RightBracket, "',' or ']'");
    written.spelling = spanOf(first, last);
    return written;
  }

  void instruction(const Token &mnemonic) {
    if (context_ != Context::Function)
      fail(mnemonic.at, "instruction outside a function");
    std::vector<Opcode> forms = opcodesNamed(mnemonic.spelling);
    if (forms.empty())
      fail(mnemonic.at,
           "unknown instruction '" + std::string(mnemonic.spelling) + "'");
    std::vector<Written> operands;
    if (!atLineEnd()) {
      operands.push_back(operand());
      while (!atLineEnd()) {
        expect(TokenKind::Comma, "',' or end of line");
        operands.push_back(operand());
      }
    }
    Opcode op = chooseForm(mnemonic, forms, operands);
    DraftFunction &function = draft_.functions.back();
    DraftInstruction draft;
    draft.instruction.op = op;
    std::string_view kinds = opcodeInfo(op).operands;
    for (size_t i = 0; i < kinds.size(); ++i)
      encode(kinds[i], operands[i], draft);
    function.code.push_back(std::move(draft));
    function.locations.push_back(location_);
  }

  Opcode chooseForm(const Token &mnemonic, const std::vector<Opcode> &forms,
                    const std::vector<Written> &operands) const {
    std::string name = "'" + std::string(mnemonic.spelling) + "'";
    for (Opcode op : forms) {
      std::string_view kinds = opcodeInfo(op).operands;
      bool fits = kinds.size() == operands.size();
      for (size_t i = 0; fits && i < kinds.size(); ++i)
        fits = !mismatch(kinds[i], operands[i]);
      if (fits)
        return op;
    }
    if (forms.size() > 1) {
      std::string expected;
      for (Opcode op : forms)
        expected += (expected.empty() ? "(" : "; (") +
                    kindList(opcodeInfo(op).operands) + ")";
      fail(mnemonic.at,
           "operands of " + name + " match none of its forms: " + expected);
    }
    std::string_view kinds = opcodeInfo(forms[0]).operands;
    if (kinds.size() != operands.size()) {
      std::string expected =
          kinds.empty()
              ? "no operands"
              : std::to_string(kinds.size()) +
                    (kinds.size() == 1 ? " operand (" : " operands (") +
                    kindList(kinds) + ")";
      fail(mnemonic.at, name + " expects " + expected + ", found " +
                            std::to_string(operands.size()));
    }
    for (size_t i = 0; i < kinds.size(); ++i) {
      if (auto problem = mismatch(kinds[i], operands[i]))
        fail(problem->at, problem->message + " (operand " +
                              std::to_string(i + 1) + " of " + name + ")");
    }
    fail(mnemonic.at, "internal error: no form chosen"); // unreachable
  }

  void encodeRegister(const Scalar &value, DraftInstruction &draft) {
    RegisterUse use;
    use.slot = draft.instruction.operands.size();
    if (value.token->kind == TokenKind::Word)
      use.number = registerNumber(value);
    else
      use.name = {value.token->value, value.at};
    draft.registers.push_back(use);
    draft.instruction.operands.push_back(0);
  }

  void encodeLabel(const Scalar &value, DraftInstruction &draft) {
    const Token &token = *value.token;
    std::string name = token.kind == TokenKind::String
                           ? token.value
                           : std::string(token.spelling);
    draft.labels.push_back(
        {draft.instruction.operands.size(), {name, value.at}});
    draft.instruction.operands.push_back(0);
  }

  void encode(char kind, const Written &written, DraftInstruction &draft) {
    std::vector<uint64_t> &operands = draft.instruction.operands;
    const Scalar &value = written.scalar;
    switch (kind) {
    case 'd':
    case 'r':
    case 'v':
    case 'w':
      return encodeRegister(value, draft);
    case 'i':
    case 'n':
      operands.push_back(integerValue(value, 64));
      return;
    case 'x':
    case 'y':
      operands.push_back(floatBits(value, kind == 'y'));
      return;
    case 'l':
      return encodeLabel(value, draft);
    case 'c':
    case 's': {
      NameUse use{value.token->value, value.at};
      draft_.mentions.push_back(use);
      draft.globals.push_back({operands.size(), use, kind == 'c'});
      operands.push_back(0);
      return;
    }
    case 'D':
    case 'R':
      operands.push_back(written.elements.size());
      for (const Written::Element &element : written.elements)
        encodeRegister(element.value, draft);
      return;
    case 't':
      operands.push_back(written.elements.size());
      for (const Written::Element &element : written.elements) {
        operands.push_back(integerValue(element.value, 64));
        encodeLabel(*element.label, draft);
      }
      return;
    }
  }

  // ---- macros

  MacroSite site(Position at) {
    MacroSite site;
    site.line = at.line;
    if (context_ == Context::Function) {
      site.scope = draft_.functions.back().name.name;
      site.here = draft_.functions.back().code.size();
    } else if (context_ == Context::Data) {
      site.scope = draft_.data.back().object.name;
      site.inData = true;
      site.here = bytes().size();
    }
    return site;
  }

  MacroValue evaluate(const Token &macro) {
    if (!macros_)
      fail(macro.at, "assembler macros (#(...)) need Scheme, which this "
                     "build leaves out (comet-vm-no-scheme); use comet-vm");
    try {
      return macros_->expand(macro.value, site(macro.at));
    } catch (const Error &e) {
      fail(macro.at, std::string("in macro: ") + e.what());
    }
  }

  // The assembly text of a value: 42, "text", 'c', a name, or a list
  // separated by commas.
  std::string valueText(const MacroValue &value, Position at) {
    switch (value.kind) {
    case MacroValue::Kind::Nothing:
      fail(at, "the macro has no value here (an operand or item was "
               "expected)");
    case MacroValue::Kind::Bool:
      return value.boolean ? "1" : "0";
    case MacroValue::Kind::Integer:
      return std::to_string(value.integer);
    case MacroValue::Kind::Real: {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%.17g", value.real);
      std::string text = buffer;
      if (text.find_first_of(".eni") == std::string::npos)
        text += ".0";
      return text;
    }
    case MacroValue::Kind::String:
      return quoted(value.text, '"');
    case MacroValue::Kind::Char:
      return quoted(value.text, '\'');
    case MacroValue::Kind::Symbol:
      return value.text;
    case MacroValue::Kind::List: {
      std::string text;
      for (size_t i = 0; i < value.items.size(); ++i)
        text += (i ? ", " : "") + valueText(value.items[i], at);
      return text;
    }
    }
    return "";
  }

  static std::string quoted(const std::string &text, char quote) {
    std::string out(1, quote);
    for (unsigned char c : text) {
      if (c == '\\' || c == '"' || c == '\'') {
        out += '\\';
        out += char(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c < 0x20 || c >= 0x7f) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
        out += buffer;
      } else {
        out += char(c);
      }
    }
    return out + quote;
  }

  // Assembly lines from a statement macro's value.
  std::string statementText(const MacroValue &value, Position at) {
    switch (value.kind) {
    case MacroValue::Kind::Nothing:
      return "";
    case MacroValue::Kind::Bool:
      if (!value.boolean)
        return "";
      break;
    case MacroValue::Kind::String:
    case MacroValue::Kind::Symbol:
      return value.text + "\n";
    case MacroValue::Kind::List: {
      std::string text;
      for (const MacroValue &item : value.items) {
        if (item.kind != MacroValue::Kind::List) {
          text += statementText(item, at);
          continue;
        }
        // (MNEMONIC OPERAND...)
        for (size_t i = 0; i < item.items.size(); ++i) {
          if (i == 1)
            text += " ";
          else if (i > 1)
            text += ", ";
          text += i == 0 && item.items[0].kind == MacroValue::Kind::Symbol
                      ? item.items[0].text
                      : valueText(item.items[i], at);
        }
        text += "\n";
      }
      return text;
    }
    default:
      break;
    }
    fail(at, "a macro at the start of a statement must give assembly "
             "lines (a string, or a list of strings or instructions), not " +
                 valueText(value, at));
  }

  // Tokens of expanded text, placed at the macro (for error messages).
  std::vector<size_t> tokensOf(const std::string &text, Position at) {
    expansions_.push_back(text);
    uint32_t origin = uint32_t(expansions_.size());
    std::vector<Token> tokens;
    try {
      tokens = tokenize(SourceText(expansions_.back(), "macro"));
    } catch (const Error &e) {
      std::string message = e.what();
      size_t start = message.find("error: ");
      size_t end = message.find('\n');
      fail(at, "in the expansion of the macro ('" +
                   excerpt(expansions_.back()) + "'): " +
                   message.substr(start == std::string::npos ? 0 : start + 7,
                                  end == std::string::npos ? end
                                                           : end - start - 7));
    }
    tokens.pop_back(); // End
    std::vector<size_t> indices;
    for (Token &token : tokens) {
      token.at = at;
      token.origin = origin;
      indices.push_back(tokens_.size());
      tokens_.push_back(std::move(token));
    }
    return indices;
  }

  void splice(size_t position, const std::vector<size_t> &indices) {
    order_.erase(order_.begin() + std::ptrdiff_t(position));
    order_.insert(order_.begin() + std::ptrdiff_t(position), indices.begin(),
                  indices.end());
  }

  void expandValue(size_t position) {
    const Token &macro = tokens_[order_[position]];
    Position at = macro.at;
    std::string text = valueText(evaluate(macro), at);
    std::vector<size_t> indices = tokensOf(text, at);
    for (size_t index : indices)
      if (tokens_[index].kind == TokenKind::Newline)
        fail(at, "a macro's value cannot span lines here");
    splice(position, indices);
  }

  void expandStatement() {
    const Token &macro = raw();
    Position at = macro.at;
    splice(next_, tokensOf(statementText(evaluate(macro), at), at));
  }

  const SourceText &source_;
  MacroExpander *macros_;
  std::deque<Token> tokens_;  // grows at the end only: references stay valid
  std::vector<size_t> order_; // the token stream, as indices into tokens_
  std::deque<std::string> expansions_; // the text expanded tokens point into
  size_t next_ = 0;
  DraftModule draft_;

  Context context_ = Context::TopLevel;
  const Token *openToken_ = nullptr; // the .func or .data being read
  bool sawSource_ = false;
  std::set<std::string> imported_, functionNames_, dataNames_;
  SourceLocation location_;                        // from the last .loc
  std::map<std::string, Position> labelPositions_; // of this function
  std::optional<std::pair<uint64_t, Position>> sizeAttribute_;
};

} // namespace

DraftModule parseDraft(const SourceText &source, MacroExpander *macros) {
  return Parser(source, macros).run();
}

namespace {

LabelAddresses labelsOf(const DraftModule &draft) {
  LabelAddresses labels;
  for (const DraftFunction &function : draft.functions)
    labels[function.name.name].insert(function.labels.begin(),
                                      function.labels.end());
  for (const DraftData &data : draft.data)
    labels[data.object.name].insert(data.labels.begin(), data.labels.end());
  return labels;
}

} // namespace

Module parse(std::string_view text, std::string_view fileName) {
  SourceText source(text, fileName);
  std::vector<Token> tokens = tokenize(source);
  auto macro = std::find_if(tokens.begin(), tokens.end(), [](const Token &t) {
    return t.kind == TokenKind::Macro;
  });
  if (macro == tokens.end())
    return resolveDraft(parseDraft(source, nullptr), source);
  std::unique_ptr<MacroExpander> macros = makeMacroExpander();
  if (!macros)
    source.fail(macro->at,
                "assembler macros (#(...)) need Scheme, which this "
                "build leaves out (comet-vm-no-scheme); use comet-vm");
  // Assemble with the label addresses of the previous pass until they
  // settle.
  LabelAddresses labels;
  for (unsigned pass = 1;; ++pass) {
    macros->beginPass(labels);
    DraftModule draft = parseDraft(source, macros.get());
    LabelAddresses found = labelsOf(draft);
    if (!macros->usedLabels() || found == labels)
      return resolveDraft(std::move(draft), source);
    if (pass == MaxMacroPasses)
      source.fail(macro->at, "label addresses still change after " +
                                 std::to_string(MaxMacroPasses) +
                                 " passes: macros that read them must give "
                                 "results that settle");
    labels = std::move(found);
  }
}

namespace {
MacroExpanderFactory &macroFactory() {
  static MacroExpanderFactory factory;
  return factory;
}
} // namespace

void setMacroExpanderFactory(MacroExpanderFactory factory) {
  macroFactory() = std::move(factory);
}

std::unique_ptr<MacroExpander> makeMacroExpander() {
  return macroFactory() ? macroFactory()() : nullptr;
}

} // namespace comet::assembly
