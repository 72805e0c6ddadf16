// The byte scans under the string functions, compiled for speed (strcmp
// and strlen are hot in string-keyed programs); the functions around them
// are compiled for size.
#ifndef COMET_HOST_STRING_SCANS_H
#define COMET_HOST_STRING_SCANS_H

#include "comet/memory.h"

#include <cstdint>

namespace comet {

// The length of the string at address, stopping after limit bytes.
uint64_t stringLength(AddressSpace &memory, uint64_t address,
                      uint64_t limit = UINT64_MAX);

// Byte differences, as glibc's x86-64 string functions return them.
int compareBytes(AddressSpace &memory, uint64_t left, uint64_t right,
                 uint64_t limit, bool stopAtNul);

} // namespace comet

#endif
