// The guest's three standard streams, buffered as glibc buffers them when
// stdout is a pipe: stdout fully buffered, stderr unbuffered, stdin read
// ahead with pushback (ungetc) and a sticky end-of-file flag.
#ifndef COMET_HOST_STREAMS_H
#define COMET_HOST_STREAMS_H

#include "comet/host.h"

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace comet {

enum class BufferMode { Full, Line, Unbuffered };

class GuestStreams {
public:
  // Buffered stdout is handed to the sink once it holds this much.
  static constexpr size_t StdoutBufferLimit = 64 * 1024;
  static constexpr int EndOfFile = -1;

  // input null reads the host's fd 0.
  GuestStreams(OutputSink sink, std::istream *input);

  // fd 1 (stdout) or 2 (stderr).
  void write(int fd, std::string_view bytes);
  void flush();
  // What exit paths that skip stdio cleanup (_Exit, abort) do to pending
  // output: it is never written.
  void discardBufferedOutput() { stdoutBuffer.clear(); }
  void setStdoutMode(BufferMode mode);

  // stdin: the next byte, or EndOfFile.
  int readChar();
  // Pushes a byte back so readChar returns it next; clears end-of-file.
  void unreadChar(unsigned char byte);
  bool inputAtEnd() const { return endOfInput; }
  void clearInputEnd() { endOfInput = false; }

private:
  bool refillInput();

  OutputSink sink;
  std::istream *input;
  BufferMode stdoutMode = BufferMode::Full;
  std::string stdoutBuffer;
  std::vector<unsigned char> pushedBack; // read from the back
  std::vector<char> inputBuffer;
  size_t inputPosition = 0;
  bool endOfInput = false;
};

// The stream number (0 stdin, 1 stdout, 2 stderr) of a guest FILE*;
// any other FILE* is a HostTrap.
int guestStreamNumber(uint64_t file);

} // namespace comet

#endif
