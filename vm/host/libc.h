// The C library state of one running guest program: its standard streams,
// malloc heap, rand() state, atexit handlers, strtok position, errno and
// the ctype tables it reads through __ctype_b_loc and friends. The
// interpreter owns one per program and hands it to host functions as
// HostCall::libc.
#ifndef COMET_HOST_LIBC_H
#define COMET_HOST_LIBC_H

#include "comet/host.h"
#include "comet/layout.h"
#include "comet/memory.h"
#include "glibc_random.h"
#include "guest_clock.h"
#include "heap.h"
#include "streams.h"

#include <cerrno>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace comet {

struct LibcOptions {
  // Clocks start at a fixed instant and advance a fixed step per reading.
  bool deterministicTime = false;
  // The guest's stdin; null reads the host's fd 0.
  std::istream *input = nullptr;
  // What assert failures print before the file name (glibc's __progname).
  std::string programName = "comet";
};

// Guest memory that the C library maps for itself, inside the host data
// area below the module's data.
namespace libc_layout {
// Read-only: the pointers __ctype_*_loc return and the tables they point at.
constexpr uint64_t CtypeBase = layout::HostDataBase + 0x1000;
constexpr uint64_t CtypeSize = 0x1000;
// Writable: errno, then strings the library hands out (strerror...).
constexpr uint64_t DataBase = layout::HostDataBase + 0x2000;
constexpr uint64_t DataSize = 0xe000;
} // namespace libc_layout

class Libc {
public:
  // Maps the heap reserve and the library's own data into memory.
  Libc(AddressSpace &memory, OutputSink sink, LibcOptions options = {});
  Libc(const Libc &) = delete;
  Libc &operator=(const Libc &) = delete;

  // Writes out buffered stdout. Call it when the program ends (after its
  // atexit handlers ran); it is not done on destruction.
  void flush() { standardStreams.flush(); }
  // The registered atexit handlers in the order to run them (the reverse
  // of registration), leaving none registered.
  std::vector<uint64_t> takeAtexitHandlers();
  void addAtexitHandler(uint64_t function) {
    atexitHandlers.push_back(function);
  }

  AddressSpace &memory() { return guestMemory; }
  const LibcOptions &options() const { return settings; }
  GuestStreams &streams() { return standardStreams; }
  GuestHeap &heap() { return guestHeap; }
  GlibcRandom &random() { return randomState; }
  GuestClock &clock() { return guestClock; }
  // Where strtok continues (0: no string yet).
  uint64_t &strtokPosition() { return strtokNext; }

  uint64_t errnoAddress() const { return libc_layout::DataBase; }
  int errnoValue() { return guestMemory.loadOrThrow<int32_t>(errnoAddress()); }
  void setErrno(int value) {
    guestMemory.storeOrThrow<int32_t>(errnoAddress(), value);
  }

  // What __ctype_b_loc, __ctype_tolower_loc and __ctype_toupper_loc
  // return: guest addresses of pointers to the tables' index 0.
  static constexpr uint64_t ctypeClassLocation() {
    return libc_layout::CtypeBase;
  }
  static constexpr uint64_t ctypeToLowerLocation() {
    return libc_layout::CtypeBase + 8;
  }
  static constexpr uint64_t ctypeToUpperLocation() {
    return libc_layout::CtypeBase + 16;
  }

  // A NUL-terminated copy of text in guest memory that lives as long as
  // the program; equal texts share one copy.
  uint64_t internString(std::string_view text);

private:
  void buildCtypeTables();

  AddressSpace &guestMemory;
  LibcOptions settings;
  GuestStreams standardStreams;
  GuestHeap guestHeap;
  GlibcRandom randomState;
  GuestClock guestClock;
  std::vector<uint64_t> atexitHandlers;
  uint64_t strtokNext = 0;
  uint64_t dataNext; // next free byte of the data area
  std::unordered_map<std::string, uint64_t> internedStrings;
};

// Runs a host C library function on the guest's behalf and passes on to
// the guest any errno it sets (glibc never clears errno, so neither do we).
template <typename Function>
auto withGuestErrno(Libc &libc, Function function) {
  errno = 0;
  auto result = function();
  if (errno != 0)
    libc.setErrno(errno);
  return result;
}

} // namespace comet

#endif
