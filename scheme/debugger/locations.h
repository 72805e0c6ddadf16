// Where the user wants to stop, as written in `break`, `tbreak`, `until`
// and `list`:
//   FUNCTION, @FUNCTION          its first statement
//   FUNCTION:%VALUE, %VALUE      the instruction defining an IR value (in
//                                the selected frame's function)
//   LINE, FILE:LINE              a line of the source (.ll) file
//   *PC, *FUNCTION:PC            a Comet instruction
#ifndef COMET_SCHEME_DEBUGGER_LOCATIONS_H
#define COMET_SCHEME_DEBUGGER_LOCATIONS_H

#include "debugger/source_map.h"
#include "debugger/stop_points.h"

#include <optional>
#include <string>
#include <vector>

namespace comet::debugger {

// The function named `name` ("main", "@main"), matched exactly, else
// ignoring case when only one matches (the Scheme reader folds symbols to
// lower case). Throws Error if there is none.
uint32_t findFunction(const Module &module, std::string name);

// Throws Error naming what is missing.
std::vector<Location> resolveLocation(const Module &module,
                                      const SourceMap &map,
                                      const std::string &spec,
                                      std::optional<uint32_t> current);

// The first statement of a function (after constants it sets up first).
uint32_t firstStatement(const Module &module, const SourceMap &map,
                        uint32_t function);

} // namespace comet::debugger

#endif
