#include "streams.h"

#include "comet/layout.h"

#include <cerrno>
#include <cstdio>
#include <streambuf>
#include <unistd.h>

namespace comet {

GuestStreams::GuestStreams(OutputSink sink, std::istream *input)
    : sink(std::move(sink)), input(input) {}

void GuestStreams::write(int fd, std::string_view bytes) {
  if (bytes.empty())
    return;
  if (fd != 1) {
    sink(fd, bytes);
    return;
  }
  if (stdoutMode == BufferMode::Unbuffered) {
    sink(1, bytes);
    return;
  }
  stdoutBuffer.append(bytes);
  bool lineDone =
      stdoutMode == BufferMode::Line && bytes.find('\n') != bytes.npos;
  if (lineDone || stdoutBuffer.size() >= StdoutBufferLimit)
    flush();
}

void GuestStreams::flush() {
  if (stdoutBuffer.empty())
    return;
  std::string pending;
  pending.swap(stdoutBuffer);
  sink(1, pending);
}

void GuestStreams::setStdoutMode(BufferMode mode) {
  flush();
  stdoutMode = mode;
}

bool GuestStreams::refillInput() {
  inputBuffer.resize(4096);
  inputPosition = 0;
  size_t got = 0;
  if (input) {
    // Take what the stream holds without blocking, but at least one byte,
    // so an interactive reader is never kept waiting for a full buffer.
    std::streambuf *source = input->rdbuf();
    int first = source ? source->sbumpc() : std::char_traits<char>::eof();
    if (first != std::char_traits<char>::eof()) {
      inputBuffer[got++] = static_cast<char>(first);
      while (got < inputBuffer.size() && source->in_avail() > 0)
        inputBuffer[got++] = static_cast<char>(source->sbumpc());
    }
  } else {
    ssize_t result;
    do
      result = ::read(0, inputBuffer.data(), inputBuffer.size());
    while (result < 0 && errno == EINTR);
    got = result > 0 ? static_cast<size_t>(result) : 0;
  }
  inputBuffer.resize(got);
  return got > 0;
}

int GuestStreams::readChar() {
  if (!pushedBack.empty()) {
    unsigned char byte = pushedBack.back();
    pushedBack.pop_back();
    return byte;
  }
  // glibc treats end-of-file as sticky until clearerr.
  if (endOfInput)
    return EndOfFile;
  if (inputPosition == inputBuffer.size()) {
    // Reading stdin flushes a line-buffered stdout, as glibc does.
    if (stdoutMode == BufferMode::Line)
      flush();
    if (!refillInput()) {
      endOfInput = true;
      return EndOfFile;
    }
  }
  return static_cast<unsigned char>(inputBuffer[inputPosition++]);
}

void GuestStreams::unreadChar(unsigned char byte) {
  pushedBack.push_back(byte);
  endOfInput = false;
}

int guestStreamNumber(uint64_t file) {
  for (int fd = 0; fd < 3; ++fd)
    if (file == layout::FileHandle(fd))
      return fd;
  char message[64];
  std::snprintf(message, sizeof message, "invalid FILE* 0x%llx",
                static_cast<unsigned long long>(file));
  throw HostTrap{message};
}

} // namespace comet
