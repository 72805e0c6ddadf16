#include "input/input.h"
#include "asm/assembly.h"
#include "comet/binary.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

namespace comet::input {

FileKind kindOf(const std::string &path) {
  auto endsWith = [&](const char *suffix) {
    size_t n = std::strlen(suffix);
    return path.size() >= n && path.compare(path.size() - n, n, suffix) == 0;
  };
  if (endsWith(".cas"))
    return FileKind::Assembly;
  if (endsWith(".cob"))
    return FileKind::Binary;
  return FileKind::Unknown;
}

std::vector<uint8_t> readFile(const std::string &path) {
  if (path == "-")
    return {std::istreambuf_iterator<char>(std::cin),
            std::istreambuf_iterator<char>()};
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw Error(path + ": error: cannot open: " + std::strerror(errno));
  return {std::istreambuf_iterator<char>(file),
          std::istreambuf_iterator<char>()};
}

void writeFile(const std::string &path, const std::string &bytes) {
  if (path == "-") {
    std::cout << bytes << std::flush;
    return;
  }
  std::ofstream file(path, std::ios::binary);
  if (!file || !file.write(bytes.data(), std::streamsize(bytes.size())))
    throw Error(path + ": error: cannot write: " + std::strerror(errno));
}

Module loadModule(const std::string &path) {
  FileKind kind = kindOf(path);
  if (kind == FileKind::Unknown)
    throw Error(path + ": error: unknown file kind (expected .cas or .cob)");
  std::vector<uint8_t> bytes = readFile(path);
  switch (kind) {
  case FileKind::Assembly: {
    std::string text(bytes.begin(), bytes.end());
    Module module = assembly::parse(text, path);
    try {
      verifyModule(module);
    } catch (const Error &e) {
      throw Error(path + ": error: " + e.what());
    }
    return module;
  }
  case FileKind::Binary:
    try {
      return decodeModule(bytes);
    } catch (const Error &e) {
      throw Error(path + ": error: " + e.what());
    }
  case FileKind::Unknown:
    break;
  }
  return {};
}

} // namespace comet::input
