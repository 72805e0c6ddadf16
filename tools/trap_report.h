// The short report a driver prints when a guest traps.
#ifndef COMET_TOOLS_TRAP_REPORT_H
#define COMET_TOOLS_TRAP_REPORT_H

#include "comet/vm.h"

#include <cstdio>

namespace comet::tools {

// Kind, message, address, the instruction (with its source location) and
// a backtrace of function names and pcs.
void printTrapReport(Program &program, std::FILE *out);

} // namespace comet::tools

#endif
