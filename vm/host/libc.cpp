#include "libc.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace comet {

// Where the tables sit inside the ctype area (after the three pointers).
// Each covers indices -128..255, as glibc's do, so that a signed char and
// EOF index them safely.
constexpr uint64_t CtypeClassTable = libc_layout::CtypeBase + 0x100;
constexpr uint64_t CtypeToLowerTable = CtypeClassTable + 384 * 2;
constexpr uint64_t CtypeToUpperTable = CtypeToLowerTable + 384 * 4;
static_assert(CtypeToUpperTable + 384 * 4 <=
              libc_layout::CtypeBase + libc_layout::CtypeSize);

Libc::Libc(AddressSpace &memory, OutputSink sink, LibcOptions options)
    : guestMemory(memory), settings(std::move(options)),
      standardStreams(std::move(sink), settings.input),
      guestHeap(layout::HeapBase, layout::HeapReserve),
      guestClock(settings.deterministicTime),
      dataNext(libc_layout::DataBase + 16) {
  memory.map(layout::HeapBase, layout::HeapReserve, PermRead | PermWrite,
             "heap");
  memory.map(libc_layout::DataBase, libc_layout::DataSize, PermRead | PermWrite,
             "libc data");
  buildCtypeTables();
}

void Libc::buildCtypeTables() {
  using libc_layout::CtypeBase;
  using libc_layout::CtypeSize;
  guestMemory.map(CtypeBase, CtypeSize, PermRead | PermWrite, "libc ctype");
  // The host's tables are glibc's for the C locale; the guest gets a copy.
  const unsigned short *classes = *__ctype_b_loc() - 128;
  const int32_t *lower = *__ctype_tolower_loc() - 128;
  const int32_t *upper = *__ctype_toupper_loc() - 128;
  guestMemory.writeOrThrow(CtypeClassTable, classes, 384 * 2);
  guestMemory.writeOrThrow(CtypeToLowerTable, lower, 384 * 4);
  guestMemory.writeOrThrow(CtypeToUpperTable, upper, 384 * 4);
  guestMemory.storeOrThrow<uint64_t>(ctypeClassLocation(),
                                     CtypeClassTable + 128 * 2);
  guestMemory.storeOrThrow<uint64_t>(ctypeToLowerLocation(),
                                     CtypeToLowerTable + 128 * 4);
  guestMemory.storeOrThrow<uint64_t>(ctypeToUpperLocation(),
                                     CtypeToUpperTable + 128 * 4);
  guestMemory.protect(CtypeBase, CtypeSize, PermRead);
}

std::vector<uint64_t> Libc::takeAtexitHandlers() {
  std::vector<uint64_t> handlers;
  handlers.swap(atexitHandlers);
  std::reverse(handlers.begin(), handlers.end());
  return handlers;
}

uint64_t Libc::internString(std::string_view text) {
  std::string key(text);
  auto found = internedStrings.find(key);
  if (found != internedStrings.end())
    return found->second;
  uint64_t address;
  uint64_t dataEnd = libc_layout::DataBase + libc_layout::DataSize;
  if (text.size() + 1 <= dataEnd - dataNext) {
    address = dataNext;
    dataNext += (text.size() + 1 + 7) & ~uint64_t(7);
  } else {
    // The data area is full: the heap holds the rest.
    address = guestHeap.allocate(text.size() + 1);
    if (address == 0)
      throw HostTrap{"out of guest memory for a C library string"};
  }
  guestMemory.writeOrThrow(address, key.c_str(), text.size() + 1);
  internedStrings.emplace(std::move(key), address);
  return address;
}

} // namespace comet
