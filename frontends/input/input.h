// Reads a program file of any kind Comet knows into a module.
#ifndef COMET_INPUT_INPUT_H
#define COMET_INPUT_INPUT_H

#include "comet/module.h"

#include <string>
#include <vector>

namespace comet::input {

enum class FileKind { Assembly, Binary, Unknown };

// By extension: .cas is assembly, .cob a binary module.
FileKind kindOf(const std::string &path);

// Reads a whole file ("-" is stdin); throws Error naming the path.
std::vector<uint8_t> readFile(const std::string &path);
void writeFile(const std::string &path, const std::string &bytes);

// Reads, parses or decodes, and verifies. Errors name the file.
Module loadModule(const std::string &path);

} // namespace comet::input

#endif
