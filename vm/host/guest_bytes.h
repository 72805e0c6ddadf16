// Reads guest bytes in order, a chunk at a time, never touching a page
// past the one holding the last byte asked for: a scan that stops at a
// string's end faults only where the native function would.
#ifndef COMET_HOST_GUEST_BYTES_H
#define COMET_HOST_GUEST_BYTES_H

#include "comet/layout.h"
#include "comet/memory.h"

#include <algorithm>
#include <cstdint>

namespace comet {

class GuestByteReader {
public:
  GuestByteReader(AddressSpace &memory, uint64_t address)
      : memory(memory), nextAddress(address) {}

  uint8_t next() {
    if (position == available)
      refill();
    return bytes[position++];
  }
  // The guest address of the byte the next call to next() returns.
  uint64_t address() const { return nextAddress - (available - position); }

private:
  // The rest of the page in place when the TLB holds it (a short compare
  // then copies nothing), else a chunk of it copied.
  void refill() {
    uint64_t toPageEnd =
        layout::PageSize - (nextAddress & (layout::PageSize - 1));
    if (const uint8_t *page = memory.readSpan(nextAddress, toPageEnd)) {
      bytes = page;
      available = static_cast<size_t>(toPageEnd);
    } else {
      available =
          static_cast<size_t>(std::min<uint64_t>(sizeof buffer, toPageEnd));
      memory.readOrThrow(nextAddress, buffer, available);
      bytes = buffer;
    }
    nextAddress += available;
    position = 0;
  }

  AddressSpace &memory;
  uint64_t nextAddress; // the first byte not yet in `bytes`
  const uint8_t *bytes = buffer;
  uint8_t buffer[256];
  size_t available = 0;
  size_t position = 0;
};

} // namespace comet

#endif
