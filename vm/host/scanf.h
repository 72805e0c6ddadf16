// The scanf format engine, following glibc's rules: which characters each
// conversion consumes (greedily, with one character of lookahead), when a
// failure is a matching failure and when an input failure (EOF), and how
// the collected text converts (through the host's strtol/strtod, so values
// and overflow behaviour are glibc's).
//
// Comet has no long double: %Lf stores a double. Wide-character
// conversions (%ls, %lc, %l[) are not supported and trap.
#ifndef COMET_HOST_SCANF_H
#define COMET_HOST_SCANF_H

#include "argument_readers.h"
#include "comet/memory.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace comet {

class GuestHeap;
class GuestStreams;

// Characters to scan, with one character of lookahead.
class ScanInput {
public:
  static constexpr int End = -1;
  virtual ~ScanInput() = default;
  // The next character without consuming it, or End.
  virtual int peek() = 0;
  // Consumes the character peek() returned.
  void advance() {
    skip();
    ++consumedCount;
  }
  // Characters consumed so far (what %n stores).
  uint64_t consumed() const { return consumedCount; }

protected:
  virtual void skip() = 0;

private:
  uint64_t consumedCount = 0;
};

class StringScanInput final : public ScanInput {
public:
  explicit StringScanInput(std::string_view text) : text(text) {}
  int peek() override {
    return position < text.size() ? static_cast<unsigned char>(text[position])
                                  : End;
  }

private:
  void skip() override { ++position; }
  std::string_view text;
  size_t position = 0;
};

// The guest's stdin. A character looked at but not consumed goes back to
// the stream when scanning ends, as glibc's ungetc of it does.
class StreamScanInput final : public ScanInput {
public:
  explicit StreamScanInput(GuestStreams &streams) : streams(streams) {}
  ~StreamScanInput() override;
  int peek() override;

private:
  void skip() override { lookahead.reset(); }
  GuestStreams &streams;
  std::optional<int> lookahead;
};

// Scans input by format, storing through the pointers arguments supplies.
// heap serves the 'm' flag (%ms allocates). Returns what scanf returns:
// the number of assignments, or -1 if input ended before the first
// conversion.
int formatScanf(AddressSpace &memory, GuestHeap &heap, std::string_view format,
                ScanInput &input, ArgumentReader &arguments);

} // namespace comet

#endif
