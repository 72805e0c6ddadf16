// The fixed layout of every guest address space.
#ifndef COMET_LAYOUT_H
#define COMET_LAYOUT_H

#include <cstdint>

namespace comet::layout {

constexpr uint64_t PageBits = 12;
constexpr uint64_t PageSize = uint64_t(1) << PageBits;

// Below this nothing is ever mapped, so null-pointer accesses fault.
constexpr uint64_t NullGuardEnd = 0x10000;
// Functions and host imports get addresses that are never mapped: a call
// through them works, a load from them faults.
constexpr uint64_t FunctionBase = 0x10000000;
constexpr uint64_t ImportBase = 0x18000000;
constexpr uint64_t CodeAddressStride = 16;
// Host data (the C library's stdin/stdout/stderr variables and FILEs).
constexpr uint64_t HostDataBase = 0x1f000000;
// The variables stdin, stdout and stderr hold FILE handles at these
// addresses (readable, contents unused): fd 0, 1, 2.
constexpr uint64_t StdStreamVariable(int fd) { return HostDataBase + 8 * fd; }
constexpr uint64_t FileHandle(int fd) { return HostDataBase + 0x800 + 16 * fd; }
// Module data objects, in module order, each aligned, then a guard page.
constexpr uint64_t DataBase = 0x20000000;
// The malloc heap: reserved, materialised a page at a time.
constexpr uint64_t HeapBase = 0x100000000;
constexpr uint64_t HeapReserve = uint64_t(1) << 36;
// The guest stack grows down from StackTop; a guard page lies below it.
constexpr uint64_t StackTop = 0x7fff00000000;
constexpr uint64_t DefaultStackSize = uint64_t(8) << 20;

} // namespace comet::layout

#endif
