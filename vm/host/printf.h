// The printf format engine: formats guest arguments byte-for-byte as glibc
// does. Each conversion is parsed here and handed, with its one argument,
// to the host's own snprintf, which is glibc: identical output by
// construction, including every rounding and padding rule.
//
// Comet has no long double yet: an L-modified floating conversion takes
// its argument as a double.
#ifndef COMET_HOST_PRINTF_H
#define COMET_HOST_PRINTF_H

#include "argument_readers.h"
#include "comet/memory.h"

#include <string>
#include <string_view>

namespace comet {

struct PrintfResult {
  std::string text;
  // glibc gives up (returning -1) on a format that ends inside a
  // conversion; text then holds what was formatted before it.
  bool failed = false;
};

// Formats format with arguments. %s and %n reach guest memory, so a bad
// pointer throws GuestFault. guestErrno is what %m describes.
PrintfResult formatPrintf(AddressSpace &memory, std::string_view format,
                          ArgumentReader &arguments, int guestErrno = 0);

} // namespace comet

#endif
