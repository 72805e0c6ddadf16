// The guest address space: copies in place and through a buffer, and
// accesses that the TLB must still check.
#include "comet/memory.h"
#include "guest_bytes.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

using namespace comet;

namespace {

constexpr uint64_t Base = 0x40000000;
constexpr uint64_t Page = layout::PageSize;

std::vector<uint8_t> bytesAt(AddressSpace &memory, uint64_t address,
                             uint64_t size) {
  std::vector<uint8_t> bytes(size);
  EXPECT_TRUE(memory.read(address, bytes.data(), size));
  return bytes;
}

// Writes 0, 1, 2, ... at address.
void writeCount(AddressSpace &memory, uint64_t address, uint64_t size) {
  std::vector<uint8_t> bytes(size);
  std::iota(bytes.begin(), bytes.end(), 0);
  ASSERT_TRUE(memory.write(address, bytes.data(), size));
}

} // namespace

TEST(Memory, CopiesOverlappingRangesAsMemmoveDoes) {
  AddressSpace memory;
  memory.map(Base, Page, PermRead | PermWrite, "data");
  writeCount(memory, Base, 16);                // the page is now in both TLBs
  ASSERT_TRUE(memory.copy(Base + 2, Base, 8)); // forwards over itself
  EXPECT_EQ(bytesAt(memory, Base, 12),
            (std::vector<uint8_t>{0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 10, 11}));
  writeCount(memory, Base, 16);
  ASSERT_TRUE(memory.copy(Base, Base + 2, 8)); // backwards over itself
  EXPECT_EQ(bytesAt(memory, Base, 12),
            (std::vector<uint8_t>{2, 3, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11}));
}

TEST(Memory, CopiesAcrossPagesAndOverlapsBetweenThem) {
  AddressSpace memory;
  memory.map(Base, 4 * Page, PermRead | PermWrite, "data");
  writeCount(memory, Base + Page - 100, 200); // straddles a page boundary
  ASSERT_TRUE(memory.copy(Base + 2 * Page + 10, Base + Page - 100, 200));
  std::vector<uint8_t> expected(200);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(bytesAt(memory, Base + 2 * Page + 10, 200), expected);
  // More than a page, overlapping, backwards (the buffered path).
  std::vector<uint8_t> big(Page + 300);
  for (size_t i = 0; i < big.size(); ++i)
    big[i] = uint8_t(i * 7);
  ASSERT_TRUE(memory.write(Base, big.data(), big.size()));
  ASSERT_TRUE(memory.copy(Base + 5, Base, big.size()));
  EXPECT_EQ(bytesAt(memory, Base + 5, big.size()), big);
}

TEST(Memory, ReadOnlyPagesStayReadOnlyOnceRead) {
  AddressSpace memory;
  memory.map(Base, Page, PermRead, "rodata");
  memory.map(Base + Page, Page, PermRead | PermWrite, "data");
  uint64_t value = 0;
  ASSERT_TRUE(memory.load(Base, value)); // in the read TLB now
  EXPECT_FALSE(memory.store<uint64_t>(Base, 1));
  EXPECT_EQ(memory.lastFault().kind, MemoryFault::ReadOnly);
  uint8_t byte = 1;
  EXPECT_FALSE(memory.write(Base + 8, &byte, 1));
  EXPECT_EQ(memory.lastFault().kind, MemoryFault::ReadOnly);
  ASSERT_TRUE(memory.load(Base + Page, value));
  EXPECT_FALSE(memory.copy(Base, Base + Page, 16));
  EXPECT_EQ(memory.lastFault().kind, MemoryFault::ReadOnly);
  EXPECT_EQ(memory.lastFault().address, Base);
}

TEST(Memory, GuestBytesAreReadInPlaceOrCopiedAlike) {
  AddressSpace memory;
  memory.map(Base, 2 * Page, PermRead | PermWrite, "data");
  std::vector<uint8_t> written(2 * Page);
  for (size_t i = 0; i < written.size(); ++i)
    written[i] = uint8_t(i * 13 + 1);
  ASSERT_TRUE(memory.write(Base, written.data(), written.size()));
  // The first page in place from the TLB, the second (whose TLB slot a
  // page 256 pages on holds) through the copying path.
  memory.map(Base + 257 * Page, Page, PermRead, "far");
  uint64_t value;
  ASSERT_TRUE(memory.load(Base, value));
  ASSERT_TRUE(memory.load(Base + 257 * Page, value));
  GuestByteReader reader(memory, Base + 10);
  for (size_t i = 10; i < written.size(); ++i) {
    ASSERT_EQ(reader.address(), Base + i);
    ASSERT_EQ(reader.next(), written[i]) << "at " << i;
  }
  // Past the mapping: the read faults there, and only there.
  EXPECT_THROW(reader.next(), GuestFault);
}

TEST(Memory, HintedAccessesCheckTheSlotTheyAreGiven) {
  AddressSpace memory;
  memory.map(Base, 2 * Page, PermRead | PermWrite, "data");
  memory.map(Base + 4 * Page, Page, PermRead, "constants");
  uint32_t slot = 0; // a slot that holds neither page
  ASSERT_TRUE(memory.store<uint32_t>(Base + 8, 0x11223344, slot));
  uint32_t first = slot;
  EXPECT_EQ(first, (Base / Page) % 256);
  // The hint names the first page's slot; the second page misses it and
  // moves it, and both still read what was written.
  ASSERT_TRUE(memory.store<uint32_t>(Base + Page + 8, 0x55667788, slot));
  EXPECT_NE(slot, first);
  uint32_t value = 0;
  slot = first;
  ASSERT_TRUE(memory.load(Base + Page + 8, value, slot));
  EXPECT_EQ(value, 0x55667788u);
  ASSERT_TRUE(memory.load(Base + 8, value, slot));
  EXPECT_EQ(value, 0x11223344u);
  // An access that straddles two pages takes the checked way.
  uint64_t straddling = 0;
  ASSERT_TRUE(memory.store<uint64_t>(Base + Page - 4, ~uint64_t(0), slot));
  ASSERT_TRUE(memory.load(Base + Page - 4, straddling, slot));
  EXPECT_EQ(straddling, ~uint64_t(0));
  // A hint out of range is only a hint; faults are still faults.
  slot = 12345;
  EXPECT_FALSE(memory.load(Base + 2 * Page, value, slot));
  EXPECT_EQ(memory.lastFault().kind, MemoryFault::Unmapped);
  ASSERT_TRUE(memory.load(Base + 4 * Page, value, slot));
  EXPECT_FALSE(memory.store<uint32_t>(Base + 4 * Page, 1, slot));
  EXPECT_EQ(memory.lastFault().kind, MemoryFault::ReadOnly);
  // A page the TLB held is checked again once its permissions change.
  slot = first;
  ASSERT_TRUE(memory.load(Base + 8, value, slot));
  memory.protect(Base, Page, PermRead);
  EXPECT_FALSE(memory.store<uint32_t>(Base + 8, 1, slot));
  EXPECT_EQ(memory.lastFault().kind, MemoryFault::ReadOnly);
}
