// string.h on guest memory.
#include "call_arguments.h"
#include "guest_bytes.h"
#include "host_function_groups.h"
#include "libc.h"
#include "string_scans.h"

#include <cerrno>
#include <cstring>

namespace comet {
namespace {

void copyOrThrow(AddressSpace &memory, uint64_t to, uint64_t from,
                 uint64_t size) {
  if (!memory.copy(to, from, size))
    throw GuestFault{memory.lastFault()};
}

uint64_t hostMemcpy(HostCall &call) {
  copyOrThrow(call.memory, call.arg(0), call.arg(1), call.arg(2));
  return call.arg(0);
}
uint64_t hostMempcpy(HostCall &call) {
  copyOrThrow(call.memory, call.arg(0), call.arg(1), call.arg(2));
  return call.arg(0) + call.arg(2);
}
uint64_t hostMemset(HostCall &call) {
  if (!call.memory.fill(call.arg(0), static_cast<uint8_t>(call.arg(1)),
                        call.arg(2)))
    throw GuestFault{call.memory.lastFault()};
  return call.arg(0);
}
uint64_t hostMemcmp(HostCall &call) {
  return intResult(
      compareBytes(call.memory, call.arg(0), call.arg(1), call.arg(2), false));
}
uint64_t hostMemchr(HostCall &call) {
  uint8_t wanted = static_cast<uint8_t>(call.arg(1));
  GuestByteReader reader(call.memory, call.arg(0));
  for (uint64_t i = 0, size = call.arg(2); i < size; ++i) {
    uint64_t here = reader.address();
    if (reader.next() == wanted)
      return here;
  }
  return 0;
}
uint64_t hostMemrchr(HostCall &call) {
  uint8_t wanted = static_cast<uint8_t>(call.arg(1));
  for (uint64_t i = call.arg(2); i > 0; --i)
    if (call.memory.loadOrThrow<uint8_t>(call.arg(0) + i - 1) == wanted)
      return call.arg(0) + i - 1;
  return 0;
}

uint64_t hostStrlen(HostCall &call) {
  return stringLength(call.memory, call.arg(0));
}
uint64_t hostStrnlen(HostCall &call) {
  return stringLength(call.memory, call.arg(0), call.arg(1));
}
uint64_t hostStrcmp(HostCall &call) {
  return intResult(
      compareBytes(call.memory, call.arg(0), call.arg(1), UINT64_MAX, true));
}
uint64_t hostStrncmp(HostCall &call) {
  return intResult(
      compareBytes(call.memory, call.arg(0), call.arg(1), call.arg(2), true));
}
int caseCompare(HostCall &call, uint64_t limit) {
  GuestByteReader left(call.memory, call.arg(0)),
      right(call.memory, call.arg(1));
  for (uint64_t i = 0; i < limit; ++i) {
    int a = std::tolower(left.next()), b = std::tolower(right.next());
    if (a != b || a == 0)
      return a - b;
  }
  return 0;
}
uint64_t hostStrcasecmp(HostCall &call) {
  return intResult(caseCompare(call, UINT64_MAX));
}
uint64_t hostStrncasecmp(HostCall &call) {
  return intResult(caseCompare(call, call.arg(2)));
}

// Writes text and a terminator at address.
void writeString(AddressSpace &memory, uint64_t address,
                 const std::string &text) {
  memory.writeOrThrow(address, text.c_str(), text.size() + 1);
}

uint64_t hostStrcpy(HostCall &call) {
  writeString(call.memory, call.arg(0), call.memory.readString(call.arg(1)));
  return call.arg(0);
}
uint64_t hostStpcpy(HostCall &call) {
  std::string text = call.memory.readString(call.arg(1));
  writeString(call.memory, call.arg(0), text);
  return call.arg(0) + text.size();
}
uint64_t hostStrncpy(HostCall &call) {
  uint64_t size = call.arg(2);
  std::string text = call.memory.readString(call.arg(1), size);
  call.memory.writeOrThrow(call.arg(0), text.data(), text.size());
  // strncpy pads with NULs to the full size.
  if (!call.memory.fill(call.arg(0) + text.size(), 0, size - text.size()))
    throw GuestFault{call.memory.lastFault()};
  return call.arg(0);
}
uint64_t hostStrcat(HostCall &call) {
  uint64_t end = call.arg(0) + stringLength(call.memory, call.arg(0));
  writeString(call.memory, end, call.memory.readString(call.arg(1)));
  return call.arg(0);
}
uint64_t hostStrncat(HostCall &call) {
  uint64_t end = call.arg(0) + stringLength(call.memory, call.arg(0));
  writeString(call.memory, end,
              call.memory.readString(call.arg(1), call.arg(2)));
  return call.arg(0);
}

// The address of the first c in the string (its terminator counts), or
// of the terminator when orTerminator.
uint64_t findChar(HostCall &call, bool orTerminator) {
  uint8_t wanted = static_cast<uint8_t>(call.arg(1));
  GuestByteReader reader(call.memory, call.arg(0));
  while (true) {
    uint64_t here = reader.address();
    uint8_t byte = reader.next();
    if (byte == wanted)
      return here;
    if (byte == 0)
      return orTerminator ? here : 0;
  }
}
uint64_t hostStrchr(HostCall &call) { return findChar(call, false); }
uint64_t hostStrchrnul(HostCall &call) { return findChar(call, true); }
uint64_t hostStrrchr(HostCall &call) {
  std::string text = call.memory.readString(call.arg(0));
  char wanted = static_cast<char>(call.arg(1));
  if (wanted == 0)
    return call.arg(0) + text.size();
  size_t found = text.rfind(wanted);
  return found == std::string::npos ? 0 : call.arg(0) + found;
}
uint64_t hostStrstr(HostCall &call) {
  std::string haystack = call.memory.readString(call.arg(0));
  std::string needle = call.memory.readString(call.arg(1));
  size_t found = haystack.find(needle);
  return found == std::string::npos ? 0 : call.arg(0) + found;
}

size_t spanLength(HostCall &call, bool accept) {
  std::string text = call.memory.readString(call.arg(0));
  std::string set = call.memory.readString(call.arg(1));
  size_t length =
      accept ? text.find_first_not_of(set) : text.find_first_of(set);
  return length == std::string::npos ? text.size() : length;
}
uint64_t hostStrspn(HostCall &call) { return spanLength(call, true); }
uint64_t hostStrcspn(HostCall &call) { return spanLength(call, false); }
uint64_t hostStrpbrk(HostCall &call) {
  size_t length = spanLength(call, false);
  if (call.memory.loadOrThrow<uint8_t>(call.arg(0) + length) == 0)
    return 0;
  return call.arg(0) + length;
}

uint64_t duplicate(HostCall &call, const std::string &text) {
  uint64_t copy = call.libc.heap().allocate(text.size() + 1);
  if (copy == 0) {
    call.libc.setErrno(ENOMEM);
    return 0;
  }
  writeString(call.memory, copy, text);
  return copy;
}
uint64_t hostStrdup(HostCall &call) {
  return duplicate(call, call.memory.readString(call.arg(0)));
}
uint64_t hostStrndup(HostCall &call) {
  return duplicate(call, call.memory.readString(call.arg(0), call.arg(1)));
}

// strtok_r's algorithm: skip delimiters, cut the token at the next one,
// and return where to continue.
uint64_t nextToken(HostCall &call, uint64_t start, uint64_t delimiters,
                   uint64_t &continueAt) {
  std::string text = call.memory.readString(start);
  std::string set = call.memory.readString(delimiters);
  size_t tokenStart = text.find_first_not_of(set);
  if (tokenStart == std::string::npos) {
    continueAt = start + text.size();
    return 0;
  }
  size_t tokenEnd = text.find_first_of(set, tokenStart);
  if (tokenEnd == std::string::npos) {
    continueAt = start + text.size();
  } else {
    call.memory.storeOrThrow<uint8_t>(start + tokenEnd, 0);
    continueAt = start + tokenEnd + 1;
  }
  return start + tokenStart;
}
uint64_t hostStrtok(HostCall &call) {
  uint64_t &saved = call.libc.strtokPosition();
  uint64_t start = call.arg(0) ? call.arg(0) : saved;
  if (start == 0)
    return 0;
  return nextToken(call, start, call.arg(1), saved);
}
uint64_t hostStrtokR(HostCall &call) {
  uint64_t savePointer = call.arg(2);
  uint64_t start = call.arg(0) ? call.arg(0)
                               : call.memory.loadOrThrow<uint64_t>(savePointer);
  if (start == 0)
    return 0;
  uint64_t continueAt;
  uint64_t token = nextToken(call, start, call.arg(1), continueAt);
  call.memory.storeOrThrow<uint64_t>(savePointer, continueAt);
  return token;
}

uint64_t hostStrerror(HostCall &call) {
  return call.libc.internString(std::strerror(intArgument(call, 0)));
}

constexpr HostFunctionEntry stringFunctions[] = {
    {"memcpy", hostMemcpy},           {"memmove", hostMemcpy},
    {"mempcpy", hostMempcpy},         {"memset", hostMemset},
    {"memcmp", hostMemcmp},           {"bcmp", hostMemcmp},
    {"memchr", hostMemchr},           {"memrchr", hostMemrchr},
    {"strlen", hostStrlen},           {"strnlen", hostStrnlen},
    {"strcmp", hostStrcmp},           {"strncmp", hostStrncmp},
    {"strcoll", hostStrcmp},          {"strcasecmp", hostStrcasecmp},
    {"strncasecmp", hostStrncasecmp}, {"strcpy", hostStrcpy},
    {"stpcpy", hostStpcpy},           {"strncpy", hostStrncpy},
    {"strcat", hostStrcat},           {"strncat", hostStrncat},
    {"strchr", hostStrchr},           {"strchrnul", hostStrchrnul},
    {"strrchr", hostStrrchr},         {"strstr", hostStrstr},
    {"strspn", hostStrspn},           {"strcspn", hostStrcspn},
    {"strpbrk", hostStrpbrk},         {"strdup", hostStrdup},
    {"strndup", hostStrndup},         {"strtok", hostStrtok},
    {"strtok_r", hostStrtokR},        {"strerror", hostStrerror},
};

} // namespace

std::span<const HostFunctionEntry> stringHostFunctions() {
  return stringFunctions;
}

} // namespace comet
