// Shared Boost.Program_options handling for the subcommands.
#ifndef COMET_TOOLS_OPTIONS_H
#define COMET_TOOLS_OPTIONS_H

#include "commands.h"

#include "comet/vm.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <optional>

namespace comet::tools {

namespace po = boost::program_options;

// "64M", "2G", "4096": a byte count with an optional binary suffix.
uint64_t parseSize(const std::string &text);

// How a guest program runs, as run and debug take it: --max-steps,
// --max-memory, --max-call-depth, --deterministic-time.
struct RunLimits {
  uint64_t maxSteps = 0;
  std::string maxMemory = "4G";
  uint32_t maxCallDepth = Limits().maxCallDepth;
};
void addRunLimitOptions(po::options_description &options, RunLimits &limits);
// The ProgramOptions they give, once parsed. Throws Error for a bad size.
ProgramOptions programOptionsOf(const RunLimits &limits,
                                const po::variables_map &values);

// Parses args against options plus positionals; prints help and returns
// exit code 0, or an error and ErrorExit, when the caller should stop.
inline std::optional<int>
parseOptions(const Arguments &args, const std::string &synopsis,
             po::options_description &options,
             const po::positional_options_description &positional,
             po::variables_map &values) {
  options.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args)
                  .options(options)
                  .positional(positional)
                  .run(),
              values);
    if (values.count("help")) {
      std::cout << "usage: comet-vm " << synopsis << "\n\n" << options;
      return 0;
    }
    po::notify(values);
  } catch (const po::error &e) {
    return reportError(std::string(e.what()) + " (see 'comet-vm " +
                       synopsis.substr(0, synopsis.find(' ')) + " --help')");
  }
  return std::nullopt;
}

} // namespace comet::tools

#endif
