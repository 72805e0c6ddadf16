// Breakpoints and watchpoints: numbered together, as in gdb. The table
// holds what C++ needs to stop the program; breakpoint conditions and
// commands are Scheme procedures and stay on the Scheme side
// (lib/debugger.scm), keyed by the same numbers.
#ifndef COMET_SCHEME_DEBUGGER_STOP_POINTS_H
#define COMET_SCHEME_DEBUGGER_STOP_POINTS_H

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace comet::debugger {

struct Location {
  uint32_t function = 0;
  uint32_t pc = 0;
  auto operator<=>(const Location &) const = default;
};

struct StopPoint {
  enum class Kind { Breakpoint, MemoryWatch, RegisterWatch };
  int number = 0;
  Kind kind = Kind::Breakpoint;
  bool enabled = true;
  bool temporary = false; // deleted at its first stop (tbreak)
  std::string spec;       // as the user wrote it
  uint64_t hits = 0;
  uint64_t ignoreCount = 0;
  std::string condition; // its text, for `info breakpoints`
  std::string commands;  // likewise

  // Breakpoint.
  std::vector<Location> locations;

  // Watchpoints: the value last seen, as bytes (memory) or register values
  // (8 bytes each), and the one before it changed to that.
  std::vector<uint8_t> lastBytes, previousBytes;
  bool lastReadable = true, previousReadable = true;
  uint64_t address = 0, size = 0;  // MemoryWatch
  std::vector<uint32_t> registers; // RegisterWatch, in this frame:
  int64_t offset = 0;              // (plus this: an address alias)
  size_t frameIndex = 0;           // (from the outermost)
  uint64_t frameSerial = 0;
  uint32_t function = 0;

  bool isWatch() const { return kind != Kind::Breakpoint; }
};

class StopPoints {
public:
  StopPoint &add(StopPoint point) {
    point.number = next_++;
    return points_[point.number] = std::move(point);
  }
  StopPoint *find(int number) {
    auto it = points_.find(number);
    return it == points_.end() ? nullptr : &it->second;
  }
  bool remove(int number) { return points_.erase(number) > 0; }
  std::map<int, StopPoint> &all() { return points_; }
  const std::map<int, StopPoint> &all() const { return points_; }

  // Enabled breakpoints with a location at `at`, by number.
  std::vector<int> breakpointsAt(Location at) const {
    std::vector<int> numbers;
    for (const auto &[number, point] : points_)
      if (point.enabled && point.kind == StopPoint::Kind::Breakpoint)
        for (const Location &location : point.locations)
          if (location == at) {
            numbers.push_back(number);
            break;
          }
    return numbers;
  }
  bool anyWatchEnabled() const {
    for (const auto &[number, point] : points_)
      if (point.enabled && point.isWatch())
        return true;
    return false;
  }

private:
  std::map<int, StopPoint> points_;
  int next_ = 1;
};

} // namespace comet::debugger

#endif
