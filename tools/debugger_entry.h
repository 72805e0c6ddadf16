// The Scheme-based parts of comet-vm (debugger_entry.cpp): only the
// comet-vm driver, built with COMET_WITH_SCHEME, has them;
// comet-vm-no-scheme links no Scheme at all.
#ifndef COMET_TOOLS_DEBUGGER_ENTRY_H
#define COMET_TOOLS_DEBUGGER_ENTRY_H

#if COMET_WITH_SCHEME

#include "comet/vm.h"
#include "commands.h"
#include "program_input.h"
#if COMET_WITH_PHASES
#include "phases/phases.h"
#endif

#include <memory>

namespace comet::tools {

// comet-vm repl [OPTIONS]
int replCommand(const Arguments &args, const Arguments &programArgs);
// Opens the debugger on a program that trapped under `comet-vm run`;
// returns the exit status.
int debugTrappedProgram(std::unique_ptr<Program> program,
                        const ProgramInput &input, const Arguments &argv);
// Lets the assembler expand Scheme macros in .cas files.
void installAssemblerMacros();
#if COMET_WITH_PHASES
// comet-vm debug PROG [OPTIONS] [-- ARGS...]
int debugCommand(const Arguments &args, const Arguments &programArgs);
// bisect --explain: the IR after passes `good` and `bad` of the pipeline
// run side by side (compare-runs), looking into `focus` first.
std::string explainMiscompile(const phases::PhasesOptions &options,
                              unsigned good, unsigned bad,
                              const std::string &focus);
#endif

} // namespace comet::tools

#endif

#endif
