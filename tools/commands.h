// The subcommands of comet-vm. Each parses its own options from the
// arguments after the subcommand name and returns the process exit code.
#ifndef COMET_TOOLS_COMMANDS_H
#define COMET_TOOLS_COMMANDS_H

#include <string>
#include <vector>

namespace comet::tools {

using Arguments = std::vector<std::string>;

// Exit code for bad usage, unreadable or malformed input.
constexpr int ErrorExit = 2;

int runCommand(const Arguments &args, const Arguments &programArgs);
int asmCommand(const Arguments &args);
int disasmCommand(const Arguments &args);
int isaCommand(const Arguments &args);
int lowerCommand(const Arguments &args);
int snapshotsCommand(const Arguments &args);
int checkPhasesCommand(const Arguments &args, const Arguments &programArgs);
int bisectCommand(const Arguments &args, const Arguments &programArgs);

// Prints "comet-vm: error: MESSAGE" to stderr (or MESSAGE alone if it
// already reads "FILE: error: ...") and returns ErrorExit.
int reportError(const std::string &message);
// The same for an error about a file, naming the file if the message
// does not.
int reportFileError(const std::string &file, const std::string &message);

} // namespace comet::tools

#endif
