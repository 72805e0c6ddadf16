// comet-vm: run, assemble and disassemble Comet programs.
#include "commands.h"
#include "debugger_entry.h"
#include "full_driver.h"

#include <cstring>
#include <iostream>

using namespace comet::tools;

static const char Usage[] =
    "usage: comet-vm SUBCOMMAND [OPTIONS] [-- PROGRAM-ARGS...]\n"
    "\n"
    "subcommands:\n"
    "  run FILE       run main(argc, argv) of a .c, .ll, .bc, .cas or .cob\n"
    "                 program\n"
    "  lower FILE     lower LLVM IR (.ll, .bc, .c) to Comet assembly\n"
    "  bisect FILE --passes=P\n"
    "                 find the pass that changed the program's behaviour\n"
    "  check-phases FILE --passes=P\n"
    "                 list every pass after which the behaviour differs\n"
    "  snapshots FILE --passes=P -o DIR\n"
    "                 write the IR after every pass that changed it\n"
    "  debug FILE     debug a program (gdb-like commands and Scheme)\n"
    "  repl           a Scheme REPL with the Comet library\n"
    "  asm FILE.cas   assemble to a binary module (.cob)\n"
    "  disasm FILE    print a module as Comet assembly\n"
    "  isa            list the instruction set\n"
    "\n"
    "'comet-vm SUBCOMMAND --help' describes a subcommand's options.\n";

int main(int argc, char **argv) {
#if !COMET_WITH_PHASES
  if (argc > 1 && needsFullDriver(argv[1]))
    return runFullDriver(argv);
#endif
  Arguments args, programArgs;
  bool afterSeparator = false;
  for (int i = 1; i < argc; ++i) {
    if (!afterSeparator && std::strcmp(argv[i], "--") == 0)
      afterSeparator = true;
    else
      (afterSeparator ? programArgs : args).push_back(argv[i]);
  }
  if (args.empty()) {
    std::cerr << Usage;
    return ErrorExit;
  }
  std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << Usage;
    return 0;
  }
#if COMET_WITH_SCHEME
  installAssemblerMacros();
#endif
  if (command == "run")
    return runCommand(args, programArgs);
  if (command == "debug" || command == "repl") {
#if COMET_WITH_SCHEME && COMET_WITH_PHASES
    return command == "debug" ? debugCommand(args, programArgs)
                              : replCommand(args, programArgs);
#elif COMET_WITH_SCHEME
    return replCommand(args, programArgs);
#else
    return reportError("'" + command +
                       "' needs Scheme, which this build "
                       "(comet-vm-no-scheme) leaves out; use comet-vm");
#endif
  }
#if COMET_WITH_PHASES
  if (command == "check-phases")
    return checkPhasesCommand(args, programArgs);
  if (command == "bisect")
    return bisectCommand(args, programArgs);
#endif
  if (!programArgs.empty())
    return reportError("'" + command + "' takes no program arguments");
  if (command == "asm")
    return asmCommand(args);
  if (command == "disasm")
    return disasmCommand(args);
  if (command == "lower")
    return lowerCommand(args);
#if COMET_WITH_PHASES
  if (command == "snapshots")
    return snapshotsCommand(args);
#endif
  if (command == "isa")
    return isaCommand(args);
  return reportError("unknown subcommand '" + command +
                     "' (see 'comet-vm --help')");
}
