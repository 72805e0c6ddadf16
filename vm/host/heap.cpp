#include "heap.h"

namespace comet {

static uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

GuestHeap::GuestHeap(uint64_t base, uint64_t reserve)
    : base(base), end(base + reserve), top(base), untouched(base), used(base) {}

uint64_t GuestHeap::roundedSize(uint64_t size) {
  // malloc(0) still returns a distinct block, as glibc does.
  if (size == 0)
    return Granule;
  return alignUp(size, Granule);
}

uint64_t GuestHeap::allocate(uint64_t size, uint64_t alignment) {
  if (alignment < Granule)
    alignment = Granule;
  if (size > end - base || alignment > end - base)
    return 0;
  size = roundedSize(size);
  if (size <= MaxBinned && alignment == Granule) {
    std::vector<uint64_t> &bin = bins[size / Granule - 1];
    if (!bin.empty()) {
      uint64_t start = bin.back();
      bin.pop_back();
      markUsed(start, size);
      return start;
    }
  }
  if (uint64_t start = allocateCoalesced(size, alignment))
    return start;
  if (binsEmpty)
    return 0;
  coalesceBinned();
  return allocateCoalesced(size, alignment);
}

void GuestHeap::coalesceBinned() {
  for (std::vector<uint64_t> &bin : bins) {
    uint64_t size = (&bin - bins.data() + 1) * Granule;
    for (uint64_t start : bin)
      addFree(start, size);
    bin.clear();
  }
  binsEmpty = true;
}

uint64_t GuestHeap::allocateCoalesced(uint64_t size, uint64_t alignment) {
  // Best fit among the free blocks: the smallest that holds an aligned
  // block of this size.
  for (auto it = freeBySize.lower_bound({size, 0}); it != freeBySize.end();
       ++it) {
    auto [blockSize, blockStart] = *it;
    uint64_t start = alignUp(blockStart, alignment);
    if (start - blockStart <= blockSize - size) {
      takeFromFree(freeBlocks.find(blockStart), start, size);
      markUsed(start, size);
      return start;
    }
  }

  // Otherwise from the wilderness, once the binned blocks have had their
  // chance; an alignment gap becomes a free block.
  uint64_t start = alignUp(top, alignment);
  if (start < top || start > end || end - start < size || !binsEmpty)
    return 0;
  uint64_t gapStart = top;
  top = start + size;
  if (start > gapStart)
    addFree(gapStart, start - gapStart);
  if (top > untouched)
    untouched = top;
  markUsed(start, size);
  return start;
}

void GuestHeap::markUsed(uint64_t address, uint64_t size) {
  used.set(address, size);
  allocatedBytes += size;
}

bool GuestHeap::release(uint64_t address) {
  uint64_t size = used.find(address);
  if (size == 0)
    return false;
  used.erase(address);
  allocatedBytes -= size;
  if (size <= MaxBinned) {
    bins[size / Granule - 1].push_back(address);
    binsEmpty = false;
  } else {
    addFree(address, size);
  }
  return true;
}

std::optional<uint64_t> GuestHeap::blockSize(uint64_t address) const {
  uint64_t size = used.find(address);
  if (size == 0)
    return std::nullopt;
  return size;
}

bool GuestHeap::resizeInPlace(uint64_t address, uint64_t newSize) {
  uint64_t oldSize = used.find(address);
  if (oldSize == 0 || newSize > end - base)
    return false;
  newSize = roundedSize(newSize);
  if (newSize <= oldSize) {
    used.set(address, newSize);
    allocatedBytes -= oldSize - newSize;
    if (newSize < oldSize)
      addFree(address + newSize, oldSize - newSize);
    return true;
  }
  uint64_t blockEnd = address + oldSize, needed = newSize - oldSize;
  if (blockEnd == top) {
    if (end - top < needed)
      return false;
    top += needed;
    if (top > untouched)
      untouched = top;
  } else {
    auto next = freeBlocks.find(blockEnd);
    if (next == freeBlocks.end() || next->second < needed)
      return false;
    takeFromFree(next, blockEnd, needed);
  }
  used.set(address, newSize);
  allocatedBytes += needed;
  return true;
}

void GuestHeap::removeFree(std::map<uint64_t, uint64_t>::iterator block) {
  freeBySize.erase({block->second, block->first});
  freeBlocks.erase(block);
}

void GuestHeap::takeFromFree(std::map<uint64_t, uint64_t>::iterator block,
                             uint64_t start, uint64_t size) {
  uint64_t blockStart = block->first, blockEnd = block->first + block->second;
  removeFree(block);
  if (start > blockStart)
    addFree(blockStart, start - blockStart);
  if (start + size < blockEnd)
    addFree(start + size, blockEnd - (start + size));
}

void GuestHeap::addFree(uint64_t address, uint64_t size) {
  // Coalesce with the free neighbours on both sides.
  auto next = freeBlocks.lower_bound(address);
  if (next != freeBlocks.end() && next->first == address + size) {
    size += next->second;
    auto after = std::next(next);
    removeFree(next);
    next = after;
  }
  if (next != freeBlocks.begin()) {
    auto previous = std::prev(next);
    if (previous->first + previous->second == address) {
      address = previous->first;
      size += previous->second;
      removeFree(previous);
    }
  }
  // A free block touching the wilderness goes back to it.
  if (address + size == top) {
    top = address;
    return;
  }
  freeBlocks.emplace(address, size);
  freeBySize.emplace(size, address);
}

} // namespace comet
