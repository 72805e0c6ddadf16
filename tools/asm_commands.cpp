// comet-vm asm and disasm: between assembly text and binary modules.
#include "asm/assembly.h"
#include "comet/binary.h"
#include "input/input.h"
#include "options.h"

namespace comet::tools {

int asmCommand(const Arguments &args) {
  po::options_description options("options");
  std::string file, output;
  options.add_options()("input", po::value(&file)->required(),
                        "assembly file (.cas)")(
      "output,o", po::value(&output),
      "binary module to write (default: FILE with .cob; - for stdout)");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "asm FILE.cas [-o FILE.cob]", options,
                               positional, values))
    return *exit;
  try {
    if (input::kindOf(file) != input::FileKind::Assembly)
      return reportError(file + ": error: expected a .cas assembly file");
    if (output.empty())
      output = file.substr(0, file.size() - 4) + ".cob";
    std::vector<uint8_t> bytes = encodeModule(input::loadModule(file));
    input::writeFile(output, std::string(bytes.begin(), bytes.end()));
    return 0;
  } catch (const std::exception &e) {
    return reportFileError(file, e.what());
  }
}

int disasmCommand(const Arguments &args) {
  po::options_description options("options");
  std::string file, output = "-";
  options.add_options()("input", po::value(&file)->required(),
                        "module (.cob or .cas)")(
      "output,o", po::value(&output), "where to write (default: stdout)");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map values;
  if (auto exit = parseOptions(args, "disasm FILE.cob [-o FILE.cas]", options,
                               positional, values))
    return *exit;
  try {
    input::writeFile(output, assembly::print(input::loadModule(file)));
    return 0;
  } catch (const std::exception &e) {
    return reportFileError(file, e.what());
  }
}

} // namespace comet::tools
