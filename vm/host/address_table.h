// A map from heap block addresses to sizes, flat and open-addressed: the
// heap looks a block up on every free, and a tree node per block cost more
// than the guest's own work in allocation-heavy programs.
#ifndef COMET_HOST_ADDRESS_TABLE_H
#define COMET_HOST_ADDRESS_TABLE_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace comet {

class AddressTable {
public:
  struct Entry {
    uint64_t address = 0;
    uint64_t size = 0;
  };

  // Addresses are never 0 (it marks an empty slot).
  void insert(uint64_t address, uint64_t size) {
    if ((count + 1) * 4 > slots.size() * 3)
      grow();
    size_t index = home(address);
    while (slots[index].address != 0)
      index = (index + 1) & mask();
    slots[index] = {address, size};
    ++count;
  }
  Entry *find(uint64_t address) {
    if (count == 0)
      return nullptr;
    for (size_t index = home(address);; index = (index + 1) & mask()) {
      if (slots[index].address == address)
        return &slots[index];
      if (slots[index].address == 0)
        return nullptr;
    }
  }
  const Entry *find(uint64_t address) const {
    return const_cast<AddressTable *>(this)->find(address);
  }
  // Removes an entry that find returned.
  void erase(Entry *entry) {
    size_t hole = entry - slots.data();
    // Backward-shift deletion: later entries of the probe run move up, so
    // no tombstones are needed.
    for (size_t next = (hole + 1) & mask(); slots[next].address != 0;
         next = (next + 1) & mask()) {
      size_t wanted = home(slots[next].address);
      if (((next - wanted) & mask()) >= ((next - hole) & mask())) {
        slots[hole] = slots[next];
        hole = next;
      }
    }
    slots[hole] = {};
    --count;
  }
  size_t size() const { return count; }

private:
  size_t mask() const { return slots.size() - 1; }
  size_t home(uint64_t address) const {
    // Fibonacci hashing of the 16-byte granule number.
    return size_t(((address >> 4) * 0x9e3779b97f4a7c15ull) >> shift);
  }
  void grow() {
    std::vector<Entry> old = std::move(slots);
    slots.assign(old.empty() ? 64 : old.size() * 2, Entry{});
    shift = 64 - __builtin_ctzll(slots.size());
    count = 0;
    for (const Entry &slot : old)
      if (slot.address != 0)
        insert(slot.address, slot.size);
  }

  std::vector<Entry> slots;
  size_t count = 0;
  unsigned shift = 64;
};

} // namespace comet

#endif
