// comet-vm lower: LLVM IR (or C) to Comet assembly or a binary module.
#include "comet/binary.h"
#include "input/input.h"
#include "options.h"
#include "program_input.h"

namespace comet::tools {

int lowerCommand(const Arguments &args) {
  po::options_description options("options");
  std::string file, output = "-", cflags;
  options.add_options()("input", po::value(&file)->required(),
                        "program (.ll, .bc or .c)")(
      "output,o", po::value(&output),
      "where to write: FILE.cas (assembly), FILE.cob (binary module) or - "
      "for assembly on stdout (default)")(
      "no-comments", "leave out the IR instruction comments")(
      "cflags", po::value(&cflags),
      "clang flags for a .c input, replacing the defaults");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "lower FILE.ll [-o OUT.cas|OUT.cob|-]",
                               options, positional, values))
    return *exit;
  try {
    ProgramInput program = readProgram(file, splitFlags(cflags));
    if (input::kindOf(output) == input::FileKind::Binary) {
      std::vector<uint8_t> bytes = encodeModule(program.module);
      input::writeFile(output, std::string(bytes.begin(), bytes.end()));
      return 0;
    }
    if (values.count("no-comments"))
      program.printOptions.commentFor = nullptr;
    input::writeFile(output,
                     assembly::print(program.module, program.printOptions));
    return 0;
  } catch (const std::exception &e) {
    return reportFileError(file, e.what());
  }
}

} // namespace comet::tools
