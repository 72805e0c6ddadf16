// Prints data objects: text as .ascii/.asciz, long zero runs as .zero,
// relocations as .i64 @symbol, and everything else as .byte lines.
#include "asm/printer.h"
#include "asm/spelling.h"

#include <algorithm>
#include <cstdio>

namespace comet::assembly {

namespace {

constexpr size_t BytesPerLine = 16;
constexpr size_t MinZeroRun = 16;
constexpr size_t MinTextRun = 4;
constexpr size_t MinStringRun = 2; // text followed by a NUL
constexpr size_t TextPerLine = 64;

bool isText(uint8_t byte) {
  return (byte >= 0x20 && byte < 0x7f) || byte == '\n' || byte == '\t' ||
         byte == '\r';
}

std::string symbolSpelling(const Module &module, uint64_t symbol) {
  std::string name = module.symbolName(symbol);
  if (name.empty())
    name = "<invalid symbol " + std::to_string(symbol) + ">";
  return globalSpelling(name);
}

class DataPrinter {
public:
  DataPrinter(const Module &module, const DataObject &object)
      : module_(module), object_(object), bytes_(object.bytes) {}

  std::string run() {
    out_ = ".data " + globalSpelling(object_.name);
    if (object_.alignment != 1)
      out_ += " align " + std::to_string(object_.alignment);
    if (!object_.writable)
      out_ += " ro";
    if (object_.size > bytes_.size())
      out_ += " size " + std::to_string(object_.size);
    out_ += "\n";

    std::vector<Relocation> relocations = object_.relocations;
    std::stable_sort(relocations.begin(), relocations.end(),
                     [](const Relocation &a, const Relocation &b) {
                       return a.offset < b.offset;
                     });
    size_t position = 0;
    for (const Relocation &relocation : relocations) {
      if (relocation.offset < position) {
        flushBytes();
        out_ += "  ; overlapping relocation at offset " +
                std::to_string(relocation.offset) + " not shown\n";
        continue;
      }
      printBytes(position, relocation.offset);
      printRelocation(relocation);
      position = relocation.offset + relocation.size;
    }
    printBytes(position, bytes_.size());
    flushBytes();
    return out_ + ".end\n";
  }

private:
  uint8_t byteAt(size_t index) const {
    return index < bytes_.size() ? bytes_[index] : 0;
  }

  void printRelocation(const Relocation &relocation) {
    flushBytes();
    out_ += relocation.size == 4 ? "  .i32 " : "  .i64 ";
    out_ += symbolSpelling(module_, relocation.symbol);
    if (relocation.minus)
      out_ += " - " + symbolSpelling(module_, relocation.minus - 1);
    uint64_t addend = static_cast<uint64_t>(relocation.addend);
    if (relocation.addend > 0)
      out_ += '+' + std::to_string(addend);
    else if (relocation.addend < 0)
      out_ += '-' + std::to_string(uint64_t(0) - addend);
    out_ += "\n";
  }

  // Bytes [begin, end), which hold no relocation.
  void printBytes(size_t begin, size_t end) {
    size_t position = begin;
    while (position < end) {
      size_t zeros = 0;
      while (position + zeros < end && byteAt(position + zeros) == 0)
        ++zeros;
      if (zeros >= MinZeroRun) {
        flushBytes();
        out_ += "  .zero " + std::to_string(zeros) + "\n";
        position += zeros;
        continue;
      }
      size_t text = 0;
      while (position + text < end && isText(byteAt(position + text)))
        ++text;
      size_t after = position + text;
      bool terminated = after < end && byteAt(after) == 0;
      // Short text is more likely part of a number, unless it ends in a
      // NUL: a C string, or a one-character one ("\n\0") at the end.
      bool string = terminated &&
                    (text >= MinStringRun || (text == 1 && after + 1 == end));
      if (text >= MinTextRun || string) {
        printText(position, text, terminated);
        position = after + (terminated ? 1 : 0);
        continue;
      }
      pending_.push_back(byteAt(position++));
      if (pending_.size() == BytesPerLine)
        flushBytes();
    }
  }

  void printText(size_t begin, size_t length, bool terminated) {
    flushBytes();
    std::string_view text(reinterpret_cast<const char *>(bytes_.data()) + begin,
                          length);
    while (!text.empty()) {
      // Long strings are split into lines, after a newline where possible.
      size_t piece = text.size();
      if (piece > TextPerLine) {
        size_t newline = text.substr(0, TextPerLine).rfind('\n');
        piece = newline != std::string_view::npos ? newline + 1 : TextPerLine;
      }
      bool last = piece == text.size();
      out_ += last && terminated ? "  .asciz " : "  .ascii ";
      out_ += quoted(text.substr(0, piece)) + "\n";
      text.remove_prefix(piece);
    }
  }

  void flushBytes() {
    if (pending_.empty())
      return;
    out_ += "  .byte ";
    for (size_t i = 0; i < pending_.size(); ++i) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "%s0x%02x", i ? ", " : "",
                    pending_[i]);
      out_ += buffer;
    }
    out_ += "\n";
    pending_.clear();
  }

  const Module &module_;
  const DataObject &object_;
  const std::vector<uint8_t> &bytes_;
  std::vector<uint8_t> pending_;
  std::string out_;
};

} // namespace

std::string printData(const Module &module, const DataObject &object) {
  return DataPrinter(module, object).run();
}

} // namespace comet::assembly
