// comet-vm proper links only the parts of LLVM that read IR, statically,
// so that `comet-vm run` stays small: the shared LLVM library alone made
// every run 50 MiB. The subcommands that run LLVM's optimiser (and debug,
// whose (load-snapshot N) does) are served by comet-vm-full, the same
// driver linked with all of LLVM, which comet-vm runs in its place.
#ifndef COMET_TOOLS_FULL_DRIVER_H
#define COMET_TOOLS_FULL_DRIVER_H

#if !COMET_WITH_PHASES

namespace comet::tools {

bool needsFullDriver(const char *subcommand);
// Replaces this process with comet-vm-full, given the same arguments;
// returns (an error status) only if that cannot be started.
int runFullDriver(char **argv);

} // namespace comet::tools

#endif

#endif
