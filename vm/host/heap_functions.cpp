// The malloc family, over GuestHeap.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace comet {
namespace {

[[noreturn]] void invalidPointer(const char *function, uint64_t address) {
  // glibc prints "free(): invalid pointer" and aborts.
  char message[80];
  std::snprintf(message, sizeof message, "%s(): invalid pointer 0x%llx",
                function, static_cast<unsigned long long>(address));
  throw HostTrap{message, true};
}

bool isPowerOfTwo(uint64_t value) {
  return value != 0 && (value & (value - 1)) == 0;
}

uint64_t allocateOrSetErrno(HostCall &call, uint64_t size,
                            uint64_t alignment = GuestHeap::Granule) {
  uint64_t block = call.libc.heap().allocate(size, alignment);
  if (block == 0)
    call.libc.setErrno(ENOMEM);
  return block;
}

uint64_t hostMalloc(HostCall &call) {
  return allocateOrSetErrno(call, call.arg(0));
}

uint64_t hostCalloc(HostCall &call) {
  uint64_t count = call.arg(0), size = call.arg(1);
  if (size != 0 && count > UINT64_MAX / size) {
    call.libc.setErrno(ENOMEM);
    return 0;
  }
  uint64_t bytes = count * size;
  // Reused memory holds old data; never-used memory is still zero, and
  // leaving it alone keeps a large calloc from materialising its pages.
  uint64_t cleanFrom = call.libc.heap().untouchedFrom();
  uint64_t block = allocateOrSetErrno(call, bytes);
  if (block == 0)
    return 0;
  uint64_t dirtyEnd = std::min(block + bytes, cleanFrom);
  if (dirtyEnd > block && !call.memory.fill(block, 0, dirtyEnd - block))
    throw GuestFault{call.memory.lastFault()};
  return block;
}

uint64_t hostFree(HostCall &call) {
  uint64_t address = call.arg(0);
  if (address != 0 && !call.libc.heap().release(address))
    invalidPointer("free", address);
  return 0;
}

uint64_t hostRealloc(HostCall &call) {
  uint64_t address = call.arg(0), size = call.arg(1);
  GuestHeap &heap = call.libc.heap();
  if (address == 0)
    return allocateOrSetErrno(call, size);
  std::optional<uint64_t> oldSize = heap.blockSize(address);
  if (!oldSize)
    invalidPointer("realloc", address);
  // glibc: realloc(p, 0) frees p and returns NULL.
  if (size == 0) {
    heap.release(address);
    return 0;
  }
  if (heap.resizeInPlace(address, size))
    return address;
  uint64_t moved = allocateOrSetErrno(call, size);
  if (moved == 0)
    return 0; // the old block stays valid
  if (!call.memory.copy(moved, address, std::min(*oldSize, size)))
    throw GuestFault{call.memory.lastFault()};
  heap.release(address);
  return moved;
}

// glibc's memalign and aligned_alloc round an alignment that is not a
// power of two up to one.
uint64_t roundAlignment(uint64_t alignment) {
  if (alignment > (uint64_t(1) << 63))
    return 0;
  uint64_t rounded = 1;
  while (rounded < alignment)
    rounded <<= 1;
  return rounded;
}

uint64_t hostMemalign(HostCall &call) {
  uint64_t alignment = roundAlignment(call.arg(0));
  if (alignment == 0) {
    call.libc.setErrno(EINVAL);
    return 0;
  }
  return allocateOrSetErrno(call, call.arg(1), alignment);
}

uint64_t hostPosixMemalign(HostCall &call) {
  uint64_t alignment = call.arg(1);
  if (!isPowerOfTwo(alignment) || alignment % 8 != 0)
    return intResult(EINVAL);
  uint64_t block = call.libc.heap().allocate(call.arg(2), alignment);
  if (block == 0)
    return intResult(ENOMEM);
  call.memory.storeOrThrow<uint64_t>(call.arg(0), block);
  return 0;
}

uint64_t hostMallocUsableSize(HostCall &call) {
  if (call.arg(0) == 0)
    return 0;
  std::optional<uint64_t> size = call.libc.heap().blockSize(call.arg(0));
  if (!size)
    invalidPointer("malloc_usable_size", call.arg(0));
  return *size;
}

constexpr HostFunctionEntry heapFunctions[] = {
    {"malloc", hostMalloc},
    {"calloc", hostCalloc},
    {"realloc", hostRealloc},
    {"free", hostFree},
    {"aligned_alloc", hostMemalign},
    {"memalign", hostMemalign},
    {"posix_memalign", hostPosixMemalign},
    {"malloc_usable_size", hostMallocUsableSize},
};

} // namespace

std::span<const HostFunctionEntry> heapHostFunctions() { return heapFunctions; }

} // namespace comet
