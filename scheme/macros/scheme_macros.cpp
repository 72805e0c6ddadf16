#include "macros/scheme_macros.h"

#include "asm/macros.h"
#include "runtime/interpreter.h"

#include "comet/module.h"

#include <cctype>
#include <cstdio>

namespace comet::scheme {

namespace {

using assembly::LabelAddresses;
using assembly::MacroSite;
using assembly::MacroValue;

std::string lower(std::string text) {
  for (char &c : text)
    c = char(std::tolower((unsigned char)c));
  return text;
}

// (define ...), (define-macro ...), (macro ...), (set! ...), (load ...)
bool isDefinition(const std::string &expression) {
  size_t start = expression.find_first_not_of(" \t\n(");
  if (start == std::string::npos)
    return false;
  size_t end = expression.find_first_of(" \t\n()", start);
  std::string head = expression.substr(start, end - start);
  return head == "define" || head == "define-macro" || head == "macro" ||
         head == "set!" || head == "load";
}

std::string withoutSigil(const std::string &name) {
  return !name.empty() && name[0] == '@' ? name.substr(1) : name;
}

MacroValue toMacroValue(const Value &value) {
  MacroValue result;
  switch (value.kind) {
  case Value::Kind::Void:
    break;
  case Value::Kind::Bool:
    result.kind =
        value.boolean ? MacroValue::Kind::Bool : MacroValue::Kind::Nothing;
    result.boolean = value.boolean;
    break;
  case Value::Kind::Integer:
    result.kind = MacroValue::Kind::Integer;
    result.integer = value.integer;
    break;
  case Value::Kind::Real:
    result.kind = MacroValue::Kind::Real;
    result.real = value.real;
    break;
  case Value::Kind::String:
    result.kind = MacroValue::Kind::String;
    result.text = value.text;
    break;
  case Value::Kind::Symbol:
    result.kind = MacroValue::Kind::Symbol;
    result.text = value.text;
    break;
  case Value::Kind::Char:
    result.kind = MacroValue::Kind::Char;
    result.text = value.text;
    break;
  case Value::Kind::List:
    if (value.dotted)
      throw Error("a macro cannot give a dotted pair: " + writeValue(value));
    result.kind = value.items.empty() ? MacroValue::Kind::Nothing
                                      : MacroValue::Kind::List;
    for (const Value &item : value.items)
      result.items.push_back(toMacroValue(item));
    break;
  case Value::Kind::Opaque:
    throw Error("a macro cannot give " + value.text);
  }
  return result;
}

class SchemeMacroExpander : public assembly::MacroExpander {
public:
  void beginPass(const LabelAddresses &labels) override {
    labels_ = labels;
    usedLabels_ = false;
    firstPass_ = labels.empty();
    // Output of macros (display) goes to stderr: stdout may be the .cob.
    scheme_ = std::make_unique<Interpreter>([](std::string_view text) {
      std::fwrite(text.data(), 1, text.size(), stderr);
    });
    defineNumberPrimitives(*scheme_);
    // (label NAME) or (label SCOPE NAME): an instruction index or byte
    // offset, as the previous pass found it (0 in the first pass).
    scheme_->define("label", [this](const Arguments &args) {
      args.expectCount(1, 2);
      std::string scope =
          args.has(1) ? withoutSigil(args.text(0)) : site_.scope;
      std::string name = args.text(args.has(1) ? 1 : 0);
      usedLabels_ = true;
      if (firstPass_)
        return Value::integerOf(0);
      if (auto address = find(scope, name))
        return Value::integerOf(int64_t(*address));
      args.fail("no label '" + name + "'" +
                (scope.empty() ? "" : " in @" + scope));
    });
    // (here): the index of the next instruction, or offset of the next
    // byte, in this pass.
    scheme_->define("here", [this](const Arguments &args) {
      args.expectCount(0, 0);
      return Value::integerOf(int64_t(site_.here));
    });
    // (scope): the function or data object being assembled, or #f.
    scheme_->define("scope", [this](const Arguments &args) {
      args.expectCount(0, 0);
      if (site_.scope.empty())
        return Value::of(false);
      return Value::string(site_.scope);
    });
    Outcome outcome = scheme_->loadLibrary("asm-macros.scm");
    if (!outcome.ok)
      throw Error("lib/asm-macros.scm: " + outcome.error);
  }

  MacroValue expand(const std::string &expression,
                    const MacroSite &site) override {
    site_ = site;
    Outcome outcome = scheme_->evaluate(expression);
    if (outcome.exitRequested)
      throw Error("exit called in a macro");
    if (!outcome.ok)
      throw Error(outcome.error);
    // A definition's value (the name defined) is no assembly.
    if (isDefinition(expression))
      return MacroValue{};
    return toMacroValue(outcome.value);
  }

  bool usedLabels() const override { return usedLabels_; }

private:
  std::optional<uint64_t> find(const std::string &scope,
                               const std::string &name) const {
    auto in = labels_.find(scope);
    if (in == labels_.end())
      return std::nullopt;
    auto exact = in->second.find(name);
    if (exact != in->second.end())
      return exact->second;
    // Symbols reach us in lower case (the Scheme reader folds them).
    for (const auto &[label, address] : in->second)
      if (lower(label) == lower(name))
        return address;
    return std::nullopt;
  }

  std::unique_ptr<Interpreter> scheme_;
  LabelAddresses labels_;
  MacroSite site_;
  bool usedLabels_ = false;
  bool firstPass_ = true;
};

} // namespace

void installAssemblerMacros() {
  assembly::setMacroExpanderFactory(
      [] { return std::make_unique<SchemeMacroExpander>(); });
}

} // namespace comet::scheme
