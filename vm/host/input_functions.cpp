// stdio.h input from the guest's stdin: characters, lines, blocks, and
// the end-of-file state.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

#include <algorithm>
#include <cerrno>

namespace comet {
namespace {

constexpr int Eof = -1;

// Reads from a guest FILE*: stdin gives bytes, the others end at once.
int readStream(HostCall &call, uint64_t file) {
  if (guestStreamNumber(file) != 0) {
    call.libc.setErrno(EBADF);
    return Eof;
  }
  return call.libc.streams().readChar();
}

uint64_t hostGetchar(HostCall &call) {
  return intResult(call.libc.streams().readChar());
}
uint64_t hostFgetc(HostCall &call) {
  return intResult(readStream(call, call.arg(0)));
}
uint64_t hostFgets(HostCall &call) {
  uint64_t buffer = call.arg(0);
  int size = intArgument(call, 1);
  if (size <= 0) {
    call.libc.setErrno(EINVAL);
    return 0;
  }
  std::string line;
  while (line.size() + 1 < static_cast<size_t>(size)) {
    int c = readStream(call, call.arg(2));
    if (c == Eof)
      break;
    line += static_cast<char>(c);
    if (c == '\n')
      break;
  }
  // End of input before any byte: NULL, and the buffer is left alone.
  if (line.empty() && size > 1)
    return 0;
  call.memory.writeOrThrow(buffer, line.c_str(), line.size() + 1);
  return buffer;
}
uint64_t hostFread(HostCall &call) {
  uint64_t buffer = call.arg(0), size = call.arg(1), count = call.arg(2);
  if (size == 0 || count == 0)
    return 0;
  if (count > UINT64_MAX / size)
    throw HostTrap{"fread: size * count overflows"};
  std::string bytes;
  uint64_t wanted = size * count;
  while (bytes.size() < wanted) {
    int c = readStream(call, call.arg(3));
    if (c == Eof)
      break;
    bytes += static_cast<char>(c);
  }
  call.memory.writeOrThrow(buffer, bytes.data(), bytes.size());
  return bytes.size() / size;
}
uint64_t hostUngetc(HostCall &call) {
  int c = intArgument(call, 0);
  if (c == Eof || guestStreamNumber(call.arg(1)) != 0)
    return intResult(Eof);
  call.libc.streams().unreadChar(static_cast<unsigned char>(c));
  return intResult(static_cast<unsigned char>(c));
}
uint64_t hostFeof(HostCall &call) {
  bool atEnd =
      guestStreamNumber(call.arg(0)) == 0 && call.libc.streams().inputAtEnd();
  return intResult(atEnd ? 1 : 0);
}
uint64_t hostClearerr(HostCall &call) {
  if (guestStreamNumber(call.arg(0)) == 0)
    call.libc.streams().clearInputEnd();
  return 0;
}
// getdelim: a whole line into a heap buffer that grows as glibc grows it
// (120 bytes first, then doubling), so *n comes out as natively.
uint64_t hostGetdelim(HostCall &call, int delimiter, uint64_t file) {
  uint64_t linePointer = call.arg(0), sizePointer = call.arg(1);
  uint64_t buffer = call.memory.loadOrThrow<uint64_t>(linePointer);
  uint64_t size = call.memory.loadOrThrow<uint64_t>(sizePointer);
  std::string line;
  while (true) {
    int c = readStream(call, file);
    if (c == Eof)
      break;
    line += static_cast<char>(c);
    if (c == delimiter)
      break;
  }
  GuestHeap &heap = call.libc.heap();
  if (buffer == 0 || size == 0) {
    size = 120;
    if (buffer != 0 && !heap.release(buffer))
      throw HostTrap{"getline(): invalid buffer pointer", true};
    buffer = heap.allocate(size);
    if (buffer == 0) {
      call.libc.setErrno(ENOMEM);
      return longResult(-1);
    }
  }
  if (line.size() + 1 > size) {
    uint64_t grown = std::max<uint64_t>(line.size() + 1, 2 * size);
    if (!heap.resizeInPlace(buffer, grown)) {
      uint64_t moved = heap.allocate(grown);
      if (moved == 0 || !heap.release(buffer))
        throw HostTrap{"getline(): cannot grow the line buffer", true};
      buffer = moved;
    }
    size = grown;
  }
  call.memory.storeOrThrow<uint64_t>(linePointer, buffer);
  call.memory.storeOrThrow<uint64_t>(sizePointer, size);
  if (line.empty())
    return longResult(-1);
  call.memory.writeOrThrow(buffer, line.c_str(), line.size() + 1);
  return line.size();
}
uint64_t hostGetline(HostCall &call) {
  return hostGetdelim(call, '\n', call.arg(2));
}
uint64_t hostGetdelimEntry(HostCall &call) {
  return hostGetdelim(call, intArgument(call, 2), call.arg(3));
}

constexpr HostFunctionEntry inputFunctions[] = {
    {"getchar", hostGetchar},
    {"fgetc", hostFgetc},
    {"getc", hostFgetc},
    {"fgets", hostFgets},
    {"fread", hostFread},
    {"ungetc", hostUngetc},
    {"feof", hostFeof},
    {"clearerr", hostClearerr},
    {"getline", hostGetline},
    {"getdelim", hostGetdelimEntry},
    // glibc's unlocked variants, old names, and what its inline getc
    // calls when the (never filled) FILE buffer is empty.
    {"getc_unlocked", hostFgetc},
    {"fgetc_unlocked", hostFgetc},
    {"getchar_unlocked", hostGetchar},
    {"_IO_getc", hostFgetc},
    {"__uflow", hostFgetc},
};

} // namespace

std::span<const HostFunctionEntry> inputHostFunctions() {
  return inputFunctions;
}

} // namespace comet
