#include "string_scans.h"
#include "guest_bytes.h"

namespace comet {

uint64_t stringLength(AddressSpace &memory, uint64_t address, uint64_t limit) {
  GuestByteReader reader(memory, address);
  uint64_t length = 0;
  while (length < limit && reader.next() != 0)
    ++length;
  return length;
}

int compareBytes(AddressSpace &memory, uint64_t left, uint64_t right,
                 uint64_t limit, bool stopAtNul) {
  GuestByteReader leftBytes(memory, left), rightBytes(memory, right);
  for (uint64_t i = 0; i < limit; ++i) {
    int a = leftBytes.next(), b = rightBytes.next();
    if (a != b)
      return a - b;
    if (stopAtNul && a == 0)
      return 0;
  }
  return 0;
}

} // namespace comet
