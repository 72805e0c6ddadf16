#include "full_driver.h"
#include "commands.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace comet::tools {

bool needsFullDriver(const char *subcommand) {
  for (std::string_view name : {"bisect", "check-phases", "snapshots", "debug"})
    if (name == subcommand)
      return true;
  return false;
}

int runFullDriver(char **argv) {
  // Next to this executable, wherever the build or install put both.
  std::error_code error;
  std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", error);
  std::string full = (self.parent_path() / "comet-vm-full").string();
  if (!error)
    execv(full.c_str(), argv);
  std::string reason = error ? error.message() : std::strerror(errno);
  std::string message = "'";
  message += argv[1];
  message += "' needs " + full + ", which cannot be started: " + reason;
  return reportError(message);
}

} // namespace comet::tools
