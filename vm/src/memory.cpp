#include "comet/memory.h"

#include <algorithm>

namespace comet {

using layout::PageBits;
using layout::PageSize;

AddressSpace::AddressSpace(uint64_t memoryLimit) : limit(memoryLimit) {}
AddressSpace::~AddressSpace() = default;

static uint64_t roundUp(uint64_t value, uint64_t to) {
  return (value + to - 1) & ~(to - 1);
}

void AddressSpace::map(uint64_t base, uint64_t size, uint8_t permissions,
                       std::string name) {
  base &= ~(PageSize - 1);
  size = roundUp(size, PageSize);
  regions[base] = Region{size, permissions, std::move(name)};
  flushTlb();
}

void AddressSpace::protect(uint64_t base, uint64_t size, uint8_t permissions) {
  uint64_t first = base >> PageBits, last = (base + size - 1) >> PageBits;
  for (auto &[number, page] : pages)
    if (number >= first && number <= last)
      page.permissions = permissions;
  for (auto &[start, region] : regions)
    if (start >= base && start + region.size <= base + size)
      region.permissions = permissions;
  flushTlb();
}

const AddressSpace::Region *AddressSpace::regionAt(uint64_t address,
                                                   uint64_t &base) const {
  auto it = regions.upper_bound(address);
  if (it == regions.begin())
    return nullptr;
  --it;
  if (address - it->first >= it->second.size)
    return nullptr;
  base = it->first;
  return &it->second;
}

std::string AddressSpace::regionName(uint64_t address) const {
  uint64_t base;
  const Region *region = regionAt(address, base);
  return region ? region->name : std::string();
}

void AddressSpace::flushTlb() {
  for (auto &e : readTlb)
    e = TlbEntry{};
  for (auto &e : writeTlb)
    e = TlbEntry{};
}

uint8_t *AddressSpace::pageFor(uint64_t address, bool write) {
  uint64_t number = address >> PageBits;
  // The TLB holds only pages already checked for this kind of access.
  TlbEntry &entry = (write ? writeTlb : readTlb)[number & (TlbSize - 1)];
  if (entry.tag == number)
    return entry.data;
  auto it = pages.find(number);
  if (it == pages.end()) {
    uint64_t base;
    const Region *region = regionAt(address, base);
    if (!region) {
      fault = {MemoryFault::Unmapped, address, write};
      return nullptr;
    }
    if ((pageCount + 1) * PageSize > limit) {
      fault = {MemoryFault::Limit, address, write};
      return nullptr;
    }
    Page page{std::make_unique<uint8_t[]>(PageSize), region->permissions};
    it = pages.emplace(number, std::move(page)).first;
    ++pageCount;
  }
  Page &page = it->second;
  if (!(page.permissions & (write ? PermWrite : PermRead))) {
    fault = {write ? MemoryFault::ReadOnly : MemoryFault::Unmapped, address,
             write};
    return nullptr;
  }
  entry.tag = number;
  entry.data = page.data.get();
  return page.data.get();
}

bool AddressSpace::loadSlow(uint64_t address, void *out, unsigned size) {
  return read(address, out, size);
}

bool AddressSpace::storeSlow(uint64_t address, const void *in, unsigned size) {
  return write(address, in, size);
}

bool AddressSpace::read(uint64_t address, void *out, uint64_t size) {
  auto *bytes = static_cast<uint8_t *>(out);
  while (size) {
    uint8_t *page = pageFor(address, false);
    if (!page)
      return false;
    uint64_t offset = address & (PageSize - 1);
    uint64_t chunk = std::min(size, PageSize - offset);
    std::memcpy(bytes, page + offset, chunk);
    bytes += chunk;
    address += chunk;
    size -= chunk;
  }
  return true;
}

bool AddressSpace::write(uint64_t address, const void *in, uint64_t size) {
  auto *bytes = static_cast<const uint8_t *>(in);
  while (size) {
    uint8_t *page = pageFor(address, true);
    if (!page)
      return false;
    uint64_t offset = address & (PageSize - 1);
    uint64_t chunk = std::min(size, PageSize - offset);
    std::memcpy(page + offset, bytes, chunk);
    bytes += chunk;
    address += chunk;
    size -= chunk;
  }
  return true;
}

bool AddressSpace::fill(uint64_t dst, uint8_t byte, uint64_t size) {
  while (size) {
    uint8_t *page = pageFor(dst, true);
    if (!page)
      return false;
    uint64_t offset = dst & (PageSize - 1);
    uint64_t chunk = std::min(size, PageSize - offset);
    std::memset(page + offset, byte, chunk);
    dst += chunk;
    size -= chunk;
  }
  return true;
}

bool AddressSpace::copy(uint64_t dst, uint64_t src, uint64_t size) {
  // Within pages the TLB holds: in place.
  const uint8_t *from = readSpan(src, size);
  uint8_t *to = from ? writeSpan(dst, size) : nullptr;
  if (to) {
    std::memmove(to, from, size);
    return true;
  }
  // Else through a bounded buffer, in the direction that keeps overlaps
  // right.
  uint8_t buffer[PageSize];
  bool backward = dst > src && dst - src < size;
  while (size) {
    uint64_t chunk = std::min<uint64_t>(size, sizeof buffer);
    uint64_t offset = backward ? size - chunk : 0;
    if (!read(src + offset, buffer, chunk) ||
        !write(dst + offset, buffer, chunk))
      return false;
    if (!backward) {
      src += chunk;
      dst += chunk;
    }
    size -= chunk;
  }
  return true;
}

void AddressSpace::readOrThrow(uint64_t address, void *out, uint64_t size) {
  if (!read(address, out, size))
    throw GuestFault{fault};
}

void AddressSpace::writeOrThrow(uint64_t address, const void *in,
                                uint64_t size) {
  if (!write(address, in, size))
    throw GuestFault{fault};
}

std::string AddressSpace::readString(uint64_t address, uint64_t maxLength) {
  std::string text;
  while (text.size() < maxLength) {
    uint8_t *page = pageFor(address, false);
    if (!page)
      throw GuestFault{fault};
    uint64_t offset = address & (PageSize - 1);
    const char *start = reinterpret_cast<const char *>(page + offset);
    uint64_t available = std::min(PageSize - offset, maxLength - text.size());
    const void *nul = std::memchr(start, 0, available);
    if (nul) {
      text.append(start, static_cast<const char *>(nul));
      return text;
    }
    text.append(start, available);
    address += available;
  }
  return text;
}

} // namespace comet
