// The size of every allocated heap block, by the block's first granule: a
// flat array over the part of the heap ever handed out. Blocks allocated
// together sit together in it, so a program that frees what it allocated
// touches it in order (a hash of the address scattered them, and every
// free in an allocation-heavy program missed the cache).
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
    size_t index = (address - base) / granule;
    if (index >= granules.size())
      granules.resize(std::max(index + 1, granules.size() * 2));
    uint64_t count = size / granule;
    uint16_t &entry = granules[index];
    if (entry == 0)
      ++blocks;
    else if (entry == Large && count < Large)
      large.erase(address);
    entry = uint16_t(std::min<uint64_t>(count, Large));
    if (count >= Large)
      large[address] = size;
  }
  // The size of the block at address, or 0 if no block starts there.
  uint64_t find(uint64_t address) const {
    if (address < base || (address - base) % granule != 0)
      return 0;
    size_t index = (address - base) / granule;
    if (index >= granules.size() || granules[index] == 0)
      return 0;
    return granules[index] < Large ? granules[index] * granule
                                   : large.at(address);
  }
  void erase(uint64_t address) {
    uint16_t &entry = granules[(address - base) / granule];
    if (entry == Large)
      large.erase(address);
    entry = 0;
    --blocks;
  }
  size_t size() const { return blocks; }

private:
  // Sizes of this many granules and more live in `large`.
  static constexpr uint16_t Large = UINT16_MAX;
  uint64_t base;
  std::vector<uint16_t> granules;
  std::unordered_map<uint64_t, uint64_t> large;
  size_t blocks = 0;
};

} // namespace comet

#endif
