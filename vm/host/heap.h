// The guest's malloc heap: which guest addresses are allocated and which
// are free. All bookkeeping lives here on the host side, never in guest
// memory, so a guest that scribbles over its heap cannot corrupt it.
#ifndef COMET_HOST_HEAP_H
#define COMET_HOST_HEAP_H

#include "block_sizes.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace comet {

class GuestHeap {
public:
  // Like glibc on x86-64: every block is aligned to and sized in 16 bytes.
  static constexpr uint64_t Granule = 16;

  // Manages [base, base + reserve); the caller maps that range.
  GuestHeap(uint64_t base, uint64_t reserve);

  // A block of at least size bytes aligned to alignment (a power of two),
  // or 0 when the reserve cannot hold it.
  uint64_t allocate(uint64_t size, uint64_t alignment = Granule);
  // Frees an allocated block; false if address is not one (the caller
  // reports the invalid or double free).
  bool release(uint64_t address);
  // Grows or shrinks a block without moving it; false if it cannot grow
  // in place or address is not allocated.
  bool resizeInPlace(uint64_t address, uint64_t newSize);
  // The usable size of an allocated block, or nothing.
  std::optional<uint64_t> blockSize(uint64_t address) const;
  // Guest memory from this address up was never handed out, so it still
  // reads as zero (calloc need not clear it).
  uint64_t untouchedFrom() const { return untouched; }

  uint64_t bytesAllocated() const { return allocatedBytes; }
  size_t blockCount() const { return used.size(); }

private:
  // Freed blocks up to this size wait, uncoalesced, in a list per size for
  // the next request of that size (as glibc's tcache and fast bins do):
  // programs free and allocate the same few sizes over and over. They are
  // coalesced when a request finds nothing else to reuse.
  static constexpr uint64_t MaxBinned = 1024;
  static uint64_t roundedSize(uint64_t size);
  uint64_t allocateCoalesced(uint64_t size, uint64_t alignment);
  void coalesceBinned();
  void addFree(uint64_t address, uint64_t size);
  void removeFree(std::map<uint64_t, uint64_t>::iterator block);
  // Carves [start, start + size) out of the free block at it.
  void takeFromFree(std::map<uint64_t, uint64_t>::iterator block,
                    uint64_t start, uint64_t size);
  void markUsed(uint64_t address, uint64_t size);

  uint64_t base;
  uint64_t end;
  uint64_t top;       // everything from here to end is unused wilderness
  uint64_t untouched; // the highest address ever handed out
  uint64_t allocatedBytes = 0;
  BlockSizes<Granule> used;
  std::array<std::vector<uint64_t>, MaxBinned / Granule> bins;
  bool binsEmpty = true;
  std::map<uint64_t, uint64_t> freeBlocks; // address -> size, coalesced
  std::set<std::pair<uint64_t, uint64_t>> freeBySize; // (size, address)
};

} // namespace comet

#endif
