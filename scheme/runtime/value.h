// Scheme data as plain C++ values: what primitives receive and return, and
// what evaluation results are read back as. Converting through this type
// keeps TinyScheme's cells out of C++ code, so no cell is ever held where
// the collector cannot see it.
#ifndef COMET_SCHEME_RUNTIME_VALUE_H
#define COMET_SCHEME_RUNTIME_VALUE_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace comet::scheme {

struct Value {
  enum class Kind {
    Void, // no useful value: the REPL prints nothing
    Bool,
    Integer, // TinyScheme's exact integers are 64-bit and wrap
    Real,
    String,
    Symbol,
    Char,
    List,   // a proper list (or a vector, read as a list)
    Opaque, // a procedure, port, environment...: text is its description
  };
  Kind kind = Kind::Void;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text; // String, Symbol, Opaque; Char holds one byte
  std::vector<Value> items;
  bool dotted = false; // List: the last item is the tail of an improper list

  static Value none() { return {}; }
  static Value of(bool b) {
    Value v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
  }
  static Value integerOf(int64_t i) {
    Value v;
    v.kind = Kind::Integer;
    v.integer = i;
    return v;
  }
  static Value realOf(double d) {
    Value v;
    v.kind = Kind::Real;
    v.real = d;
    return v;
  }
  static Value string(std::string s) {
    Value v;
    v.kind = Kind::String;
    v.text = std::move(s);
    return v;
  }
  static Value symbol(std::string s) {
    Value v;
    v.kind = Kind::Symbol;
    v.text = std::move(s);
    return v;
  }
  static Value character(char c) {
    Value v;
    v.kind = Kind::Char;
    v.text.assign(1, c);
    return v;
  }
  static Value list(std::vector<Value> items = {}) {
    Value v;
    v.kind = Kind::List;
    v.items = std::move(items);
    return v;
  }
  // (key . value) pairs are written as two-element lists: (key value).
  static Value entry(const std::string &key, Value value) {
    return list({symbol(key), std::move(value)});
  }

  bool isInteger() const { return kind == Kind::Integer; }
  bool isNumber() const { return kind == Kind::Integer || kind == Kind::Real; }
  bool isText() const { return kind == Kind::String || kind == Kind::Symbol; }
  bool isFalse() const { return kind == Kind::Bool && !boolean; }
};

// The external representation, as Scheme's `write` shows it (for values
// built in C++ and for messages).
std::string writeValue(const Value &value);

} // namespace comet::scheme

#endif
