#include "runtime/value.h"

#include <cstdio>

namespace comet::scheme {

namespace {

void writeString(const std::string &text, std::string &out) {
  out += '"';
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\x%02x;",
                      static_cast<unsigned char>(c));
        out += buffer;
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

void write(const Value &value, std::string &out) {
  switch (value.kind) {
  case Value::Kind::Void:
    return;
  case Value::Kind::Bool:
    out += value.boolean ? "#t" : "#f";
    return;
  case Value::Kind::Integer:
    out += std::to_string(value.integer);
    return;
  case Value::Kind::Real: {
    // As TinyScheme prints reals: %.10g, with a point if it looks integral.
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value.real);
    out += buffer;
    std::string_view text = buffer;
    if (text.find_first_of(".eEni") == std::string_view::npos)
      out += ".0";
    return;
  }
  case Value::Kind::String:
    writeString(value.text, out);
    return;
  case Value::Kind::Symbol:
  case Value::Kind::Opaque:
    out += value.text;
    return;
  case Value::Kind::Char: {
    unsigned char c = value.text.empty() ? 0 : value.text[0];
    if (c == ' ')
      out += "#\\space";
    else if (c == '\n')
      out += "#\\newline";
    else if (c < 0x20 || c >= 0x7f) {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "#\\x%x", c);
      out += buffer;
    } else {
      out += "#\\";
      out += char(c);
    }
    return;
  }
  case Value::Kind::List:
    out += '(';
    for (size_t i = 0; i < value.items.size(); ++i) {
      if (i > 0)
        out += value.dotted && i + 1 == value.items.size() ? " . " : " ";
      write(value.items[i], out);
    }
    out += ')';
    return;
  }
}

} // namespace

std::string writeValue(const Value &value) {
  std::string out;
  write(value, out);
  return out;
}

} // namespace comet::scheme
