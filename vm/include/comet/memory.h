// A guest address space: 64-bit, little-endian, paged, with permissions,
// pages materialised on first touch, and a software TLB in front of the
// page table. Nothing here can reach host memory outside guest pages.
#ifndef COMET_MEMORY_H
#define COMET_MEMORY_H

#include "comet/layout.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace comet {

enum Permission : uint8_t { PermRead = 1, PermWrite = 2 };

struct MemoryFault {
  enum Kind : uint8_t { None, Unmapped, ReadOnly, Limit } kind = None;
  uint64_t address = 0;
  bool write = false;
};

// Thrown by the checked accessors that host functions use; the interpreter
// turns it into a trap at the host call.
struct GuestFault {
  MemoryFault fault;
};

class AddressSpace {
public:
  explicit AddressSpace(uint64_t memoryLimit = uint64_t(1) << 32);
  ~AddressSpace();
  AddressSpace(const AddressSpace &) = delete;
  AddressSpace &operator=(const AddressSpace &) = delete;

  // Reserves [base, base + size) (page-rounded) with the given permissions.
  void map(uint64_t base, uint64_t size, uint8_t permissions, std::string name);
  // Changes the permissions of the regions that lie inside the range and
  // of the pages already materialised there.
  void protect(uint64_t base, uint64_t size, uint8_t permissions);
  // The region name containing an address, or "" if none.
  std::string regionName(uint64_t address) const;

  void setMemoryLimit(uint64_t bytes) { limit = bytes; }
  uint64_t memoryLimit() const { return limit; }
  uint64_t bytesMaterialised() const { return pageCount * layout::PageSize; }

  // Fast accessors for the interpreter: false on a fault (see lastFault).
  template <typename T> bool load(uint64_t address, T &value) {
    uint64_t page = address >> layout::PageBits;
    const TlbEntry &e = readTlb[page & (TlbSize - 1)];
    uint64_t offset = address & (layout::PageSize - 1);
    if (e.tag == page && offset + sizeof(T) <= layout::PageSize) [[likely]] {
      std::memcpy(&value, e.data + offset, sizeof(T));
      return true;
    }
    // Through a variable of its own: were the caller's passed by address,
    // it would live on the host stack on the fast path too.
    T slow{};
    bool loaded = loadSlow(address, &slow, sizeof(T));
    value = slow;
    return loaded;
  }
  template <typename T> bool store(uint64_t address, T value) {
    uint64_t page = address >> layout::PageBits;
    const TlbEntry &e = writeTlb[page & (TlbSize - 1)];
    uint64_t offset = address & (layout::PageSize - 1);
    if (e.tag == page && offset + sizeof(T) <= layout::PageSize) [[likely]] {
      std::memcpy(e.data + offset, &value, sizeof(T));
      return true;
    }
    return storeSlowly(address, value);
  }
  // The same, trying first the TLB slot that `slot` names and setting it to
  // the slot the access belongs in when that fails. The interpreter keeps
  // one such hint per load and store instruction: the entry then loads
  // before the address is known, and the host address is one add after the
  // address rather than an index computation and a load (crc32, fnptr,
  // sort and hashtable 4-10 % faster; not for the vector accesses, whose
  // loops are bound by loads, not by their latency). Written out beside
  // load and store above rather than through a helper they share: the
  // shared form compiled to a slower dispatch loop (crc32 and fft 5 %).
  template <typename T> bool load(uint64_t address, T &value, uint32_t &slot) {
    const TlbEntry &e = readTlb[slot & (TlbSize - 1)];
    uint64_t offset = address & (layout::PageSize - 1);
    if (e.tag == address >> layout::PageBits &&
        offset + sizeof(T) <= layout::PageSize) [[likely]] {
      std::memcpy(&value, e.data + offset, sizeof(T));
      return true;
    }
    slot = uint32_t(address >> layout::PageBits) & (TlbSize - 1);
    return load(address, value);
  }
  template <typename T> bool store(uint64_t address, T value, uint32_t &slot) {
    const TlbEntry &e = writeTlb[slot & (TlbSize - 1)];
    uint64_t offset = address & (layout::PageSize - 1);
    if (e.tag == address >> layout::PageBits &&
        offset + sizeof(T) <= layout::PageSize) [[likely]] {
      std::memcpy(e.data + offset, &value, sizeof(T));
      return true;
    }
    slot = uint32_t(address >> layout::PageBits) & (TlbSize - 1);
    return store(address, value);
  }
  // The host bytes of [address, address + size) when they lie in one page
  // the TLB holds for reading (or writing); null otherwise, and then
  // load/store (which also report faults) do the access.
  const uint8_t *readSpan(uint64_t address, uint64_t size) const {
    return span(readTlb, address, size);
  }
  uint8_t *writeSpan(uint64_t address, uint64_t size) const {
    return span(writeTlb, address, size);
  }
  bool read(uint64_t address, void *out, uint64_t size);
  bool write(uint64_t address, const void *in, uint64_t size);
  bool copy(uint64_t dst, uint64_t src, uint64_t size); // memmove semantics
  bool fill(uint64_t dst, uint8_t byte, uint64_t size);
  const MemoryFault &lastFault() const { return fault; }

  // Checked accessors for host code: throw GuestFault.
  void readOrThrow(uint64_t address, void *out, uint64_t size);
  void writeOrThrow(uint64_t address, const void *in, uint64_t size);
  template <typename T> T loadOrThrow(uint64_t address) {
    T value;
    if (!load(address, value))
      throw GuestFault{fault};
    return value;
  }
  template <typename T> void storeOrThrow(uint64_t address, T value) {
    if (!store(address, value))
      throw GuestFault{fault};
  }
  // Reads a NUL-terminated string (at most maxLength bytes).
  std::string readString(uint64_t address, uint64_t maxLength = 1 << 30);

private:
  static constexpr unsigned TlbSize = 256;
  struct TlbEntry {
    uint64_t tag = ~uint64_t(0);
    uint8_t *data = nullptr;
  };
  struct Region {
    uint64_t size;
    uint8_t permissions;
    std::string name;
  };
  struct Page {
    std::unique_ptr<uint8_t[]> data;
    uint8_t permissions;
  };

  static uint8_t *span(const TlbEntry *tlb, uint64_t address, uint64_t size) {
    uint64_t page = address >> layout::PageBits;
    const TlbEntry &e = tlb[page & (TlbSize - 1)];
    uint64_t offset = address & (layout::PageSize - 1);
    return e.tag == page && offset + size <= layout::PageSize ? e.data + offset
                                                              : nullptr;
  }
  // The host bytes of the page holding address, materialising it; null on
  // a fault (recorded in fault).
  uint8_t *pageFor(uint64_t address, bool write);
  bool loadSlow(uint64_t address, void *out, unsigned size);
  bool storeSlow(uint64_t address, const void *in, unsigned size);
  // Out of line, so that the fast path keeps the value in a register.
  template <typename T>
  [[gnu::noinline]] bool storeSlowly(uint64_t address, T value) {
    return storeSlow(address, &value, sizeof(T));
  }
  const Region *regionAt(uint64_t address, uint64_t &base) const;
  void flushTlb();

  TlbEntry readTlb[TlbSize];
  TlbEntry writeTlb[TlbSize];
  std::map<uint64_t, Region> regions;       // by base address
  std::unordered_map<uint64_t, Page> pages; // by page number
  uint64_t pageCount = 0;
  uint64_t limit;
  MemoryFault fault;
};

} // namespace comet

#endif
