// stdio.h output to the standard streams: the printf family, puts,
// fputc, fwrite, buffering control, perror.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"
#include "printf.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace comet {
namespace {

constexpr int Eof = -1;

// glibc's setvbuf modes.
enum : int { FullyBuffered = 0, LineBuffered = 1, Unbuffered = 2 };

// Writes bytes to a guest FILE*; false for stdin, which cannot be written.
bool writeStream(HostCall &call, uint64_t file, std::string_view bytes) {
  int fd = guestStreamNumber(file);
  if (fd == 0) {
    call.libc.setErrno(EBADF);
    return false;
  }
  call.libc.streams().write(fd, bytes);
  return true;
}

PrintfResult format(HostCall &call, uint64_t formatAddress,
                    ArgumentReader &arguments) {
  std::string formatText = call.memory.readString(formatAddress);
  return formatPrintf(call.memory, formatText, arguments,
                      call.libc.errnoValue());
}

uint64_t printfResult(const PrintfResult &result) {
  if (result.failed || result.text.size() > INT_MAX)
    return intResult(-1);
  return intResult(static_cast<int32_t>(result.text.size()));
}

uint64_t printTo(HostCall &call, uint64_t file, uint64_t formatAddress,
                 ArgumentReader &arguments) {
  PrintfResult result = format(call, formatAddress, arguments);
  if (!writeStream(call, file, result.text))
    return intResult(-1);
  return printfResult(result);
}

// sprintf: the whole text and its terminator.
uint64_t printToBuffer(HostCall &call, uint64_t buffer, uint64_t formatAddress,
                       ArgumentReader &arguments) {
  PrintfResult result = format(call, formatAddress, arguments);
  call.memory.writeOrThrow(buffer, result.text.c_str(), result.text.size() + 1);
  return printfResult(result);
}

// snprintf: at most size - 1 bytes and a terminator; nothing if size is 0.
uint64_t printToSizedBuffer(HostCall &call, uint64_t buffer, uint64_t size,
                            uint64_t formatAddress, ArgumentReader &arguments) {
  PrintfResult result = format(call, formatAddress, arguments);
  if (size > 0) {
    uint64_t kept = std::min<uint64_t>(result.text.size(), size - 1);
    call.memory.writeOrThrow(buffer, result.text.data(), kept);
    call.memory.storeOrThrow<uint8_t>(buffer + kept, 0);
  }
  return printfResult(result);
}

// asprintf: a fresh heap copy stored through resultPointer.
uint64_t printToNewBuffer(HostCall &call, uint64_t resultPointer,
                          uint64_t formatAddress, ArgumentReader &arguments) {
  PrintfResult result = format(call, formatAddress, arguments);
  if (result.failed)
    return intResult(-1);
  uint64_t buffer = call.libc.heap().allocate(result.text.size() + 1);
  if (buffer == 0) {
    call.libc.setErrno(ENOMEM);
    return intResult(-1);
  }
  call.memory.writeOrThrow(buffer, result.text.c_str(), result.text.size() + 1);
  call.memory.storeOrThrow<uint64_t>(resultPointer, buffer);
  return printfResult(result);
}

constexpr uint64_t StdoutHandle = layout::FileHandle(1);

uint64_t hostPrintf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 1));
  return printTo(call, StdoutHandle, call.arg(0), arguments);
}
uint64_t hostFprintf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 2));
  return printTo(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostDprintf(HostCall &call) {
  int fd = intArgument(call, 0);
  if (fd != 1 && fd != 2) {
    call.libc.setErrno(EBADF);
    return intResult(-1);
  }
  SlotArgumentReader arguments(argumentsFrom(call, 2));
  return printTo(call, layout::FileHandle(fd), call.arg(1), arguments);
}
uint64_t hostSprintf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 2));
  return printToBuffer(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostSnprintf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 3));
  return printToSizedBuffer(call, call.arg(0), call.arg(1), call.arg(2),
                            arguments);
}
uint64_t hostAsprintf(HostCall &call) {
  SlotArgumentReader arguments(argumentsFrom(call, 2));
  return printToNewBuffer(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostVprintf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(1));
  return printTo(call, StdoutHandle, call.arg(0), arguments);
}
uint64_t hostVfprintf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(2));
  return printTo(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostVsprintf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(2));
  return printToBuffer(call, call.arg(0), call.arg(1), arguments);
}
uint64_t hostVsnprintf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(3));
  return printToSizedBuffer(call, call.arg(0), call.arg(1), call.arg(2),
                            arguments);
}
uint64_t hostVasprintf(HostCall &call) {
  VaListReader arguments(call.memory, call.arg(2));
  return printToNewBuffer(call, call.arg(0), call.arg(1), arguments);
}

uint64_t hostPuts(HostCall &call) {
  std::string line = call.memory.readString(call.arg(0));
  line += '\n';
  call.libc.streams().write(1, line);
  return intResult(
      static_cast<int32_t>(std::min<size_t>(line.size(), INT_MAX)));
}
uint64_t hostFputs(HostCall &call) {
  std::string text = call.memory.readString(call.arg(0));
  return intResult(writeStream(call, call.arg(1), text) ? 1 : Eof);
}
uint64_t putByte(HostCall &call, int character, uint64_t file) {
  char byte = static_cast<char>(character);
  if (!writeStream(call, file, std::string_view(&byte, 1)))
    return intResult(Eof);
  return intResult(static_cast<unsigned char>(byte));
}
uint64_t hostPutchar(HostCall &call) {
  return putByte(call, intArgument(call, 0), StdoutHandle);
}
uint64_t hostFputc(HostCall &call) {
  return putByte(call, intArgument(call, 0), call.arg(1));
}
// glibc's inline putc calls this when the (never filled) FILE buffer is
// full: __overflow(FILE *, int c).
uint64_t hostOverflow(HostCall &call) {
  return putByte(call, intArgument(call, 1), call.arg(0));
}
uint64_t hostFwrite(HostCall &call) {
  uint64_t size = call.arg(1), count = call.arg(2);
  if (size == 0 || count == 0)
    return 0;
  if (count > UINT64_MAX / size)
    throw HostTrap{"fwrite: size * count overflows"};
  std::string bytes(size * count, '\0');
  call.memory.readOrThrow(call.arg(0), bytes.data(), bytes.size());
  return writeStream(call, call.arg(3), bytes) ? count : 0;
}
uint64_t hostFflush(HostCall &call) {
  uint64_t file = call.arg(0);
  // fflush(NULL) flushes every stream; only stdout ever holds output.
  if (file == 0 || guestStreamNumber(file) == 1)
    call.libc.flush();
  return 0;
}
uint64_t hostSetvbuf(HostCall &call) {
  int fd = guestStreamNumber(call.arg(0));
  int mode = intArgument(call, 2);
  if (mode != FullyBuffered && mode != LineBuffered && mode != Unbuffered) {
    call.libc.setErrno(EINVAL);
    return intResult(Eof);
  }
  // The guest's buffer is not used: output is kept on the host side.
  if (fd == 1)
    call.libc.streams().setStdoutMode(mode == FullyBuffered ? BufferMode::Full
                                      : mode == LineBuffered
                                          ? BufferMode::Line
                                          : BufferMode::Unbuffered);
  return 0;
}
uint64_t hostSetbuf(HostCall &call) {
  if (guestStreamNumber(call.arg(0)) == 1)
    call.libc.streams().setStdoutMode(call.arg(1) ? BufferMode::Full
                                                  : BufferMode::Unbuffered);
  return 0;
}
uint64_t hostSetlinebuf(HostCall &call) {
  if (guestStreamNumber(call.arg(0)) == 1)
    call.libc.streams().setStdoutMode(BufferMode::Line);
  return 0;
}

uint64_t hostFerror(HostCall &call) {
  guestStreamNumber(call.arg(0));
  return 0;
}
uint64_t hostFileno(HostCall &call) {
  return intResult(guestStreamNumber(call.arg(0)));
}

uint64_t hostPerror(HostCall &call) {
  std::string text;
  if (uint64_t prefix = call.arg(0)) {
    text = call.memory.readString(prefix);
    if (!text.empty())
      text += ": ";
  }
  text += std::strerror(call.libc.errnoValue());
  text += '\n';
  call.libc.streams().write(2, text);
  return 0;
}

constexpr HostFunctionEntry stdioFunctions[] = {
    {"printf", hostPrintf},
    {"fprintf", hostFprintf},
    {"dprintf", hostDprintf},
    {"sprintf", hostSprintf},
    {"snprintf", hostSnprintf},
    {"asprintf", hostAsprintf},
    {"vprintf", hostVprintf},
    {"vfprintf", hostVfprintf},
    {"vsprintf", hostVsprintf},
    {"vsnprintf", hostVsnprintf},
    {"vasprintf", hostVasprintf},
    {"puts", hostPuts},
    {"fputs", hostFputs},
    {"putchar", hostPutchar},
    {"fputc", hostFputc},
    {"putc", hostFputc},
    {"fwrite", hostFwrite},
    {"fflush", hostFflush},
    {"setvbuf", hostSetvbuf},
    {"setbuf", hostSetbuf},
    {"setlinebuf", hostSetlinebuf},
    {"ferror", hostFerror},
    {"fileno", hostFileno},
    {"perror", hostPerror},
    // glibc's unlocked variants and old names.
    {"putc_unlocked", hostFputc},
    {"fputc_unlocked", hostFputc},
    {"putchar_unlocked", hostPutchar},
    {"fputs_unlocked", hostFputs},
    {"fwrite_unlocked", hostFwrite},
    {"fflush_unlocked", hostFflush},
    {"_IO_putc", hostFputc},
    {"__overflow", hostOverflow},
};

} // namespace

std::span<const HostFunctionEntry> stdioHostFunctions() {
  return stdioFunctions;
}

} // namespace comet
