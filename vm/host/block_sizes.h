// The size of every allocated heap block, by the block's first granule: a
// flat array over the part of the heap handed out, up to a bound. Blocks
// allocated together sit together in it, so a program that frees what it
// allocated touches it in order (a hash of the address scattered them, and
// every free in an allocation-heavy program missed the cache).
#ifndef COMET_HOST_BLOCK_SIZES_H
#define COMET_HOST_BLOCK_SIZES_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace comet {

template <uint64_t granule> class BlockSizes {
public:
  explicit BlockSizes(uint64_t base) : base(base) {}

  // address is granule-aligned, at or above base; size a non-zero multiple
  // of the granule.
  void set(uint64_t address, uint64_t size) {
    uint64_t index = (address - base) / granule, count = size / granule;
    uint16_t *entry = index < FlatGranules ? &entryAt(index) : nullptr;
    if (entry ? *entry == 0 : !other.count(address))
      ++blocks;
    if (entry && count < Large) {
      if (*entry == Large)
        other.erase(address);
      *entry = uint16_t(count);
      return;
    }
    // Past the array, or too large for its entries.
    if (entry)
      *entry = Large;
    other[address] = size;
  }
  // The size of the block at address, or 0 if no block starts there.
  uint64_t find(uint64_t address) const {
    if (address < base || (address - base) % granule != 0)
      return 0;
    uint64_t index = (address - base) / granule;
    if (index < flat.size() && flat[index] != Large)
      return flat[index] * granule;
    auto it = other.find(address);
    return it == other.end() ? 0 : it->second;
  }
  // address is a block's, as find tells.
  void erase(uint64_t address) {
    uint64_t index = (address - base) / granule;
    if (index < flat.size() && flat[index] != Large)
      flat[index] = 0;
    else
      other.erase(address);
    --blocks;
  }
  size_t size() const { return blocks; }

private:
  // The array covers the first 256 MiB of the heap (in at most 32 MiB,
  // grown as blocks start further on); blocks past it, and sizes of
  // Large granules and more, are kept in `other`.
  static constexpr uint64_t FlatGranules = uint64_t(1) << 24;
  static constexpr uint16_t Large = UINT16_MAX;
  uint16_t &entryAt(uint64_t index) {
    if (index >= flat.size())
      flat.resize(std::min(std::max(index + 1, 2 * flat.size()), FlatGranules));
    return flat[index];
  }
  uint64_t base;
  std::vector<uint16_t> flat;
  std::unordered_map<uint64_t, uint64_t> other;
  size_t blocks = 0;
};

} // namespace comet

#endif
