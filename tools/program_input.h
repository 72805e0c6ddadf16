// Reads a program of any kind the driver accepts into a Comet module:
// assembly and binary modules directly, LLVM IR and C through lowering.
#ifndef COMET_TOOLS_PROGRAM_INPUT_H
#define COMET_TOOLS_PROGRAM_INPUT_H

#include "asm/assembly.h"
#include "comet/module.h"

#include <string>
#include <vector>

namespace comet::tools {

struct ProgramInput {
  Module module;
  // For lowered input: the IR instruction each Comet instruction came
  // from, as comments for the assembly printer.
  assembly::PrintOptions printOptions;
};

// cflags: for C input, clang flags replacing the defaults.
ProgramInput readProgram(const std::string &path,
                         const std::vector<std::string> &cflags = {});

// Splits a --cflags string at spaces (no quoting).
std::vector<std::string> splitFlags(const std::string &flags);

} // namespace comet::tools

#endif
