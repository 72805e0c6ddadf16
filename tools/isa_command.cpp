// comet-vm isa: the instruction set, straight from isa.def.
#include "comet/isa.h"
#include "options.h"

#include <cstdio>

namespace comet::tools {

// Operand kinds as a reader sees them in assembly.
static std::string describeOperands(std::string_view kinds) {
  std::string text;
  for (char kind : kinds) {
    if (!text.empty())
      text += ", ";
    switch (kind) {
    case 'd':
      text += "%dst";
      break;
    case 'r':
      text += "%src";
      break;
    case 'v':
      text += "%dst[n]";
      break;
    case 'w':
      text += "%src[n]";
      break;
    case 'i':
      text += "imm";
      break;
    case 'n':
      text += "n";
      break;
    case 'x':
      text += "f64";
      break;
    case 'y':
      text += "f32";
      break;
    case 'l':
      text += "label";
      break;
    case 'c':
      text += "@callee";
      break;
    case 's':
      text += "@symbol";
      break;
    case 'D':
      text += "[%dst...]";
      break;
    case 'R':
      text += "[%src...]";
      break;
    case 't':
      text += "[value: label...]";
      break;
    }
  }
  return text;
}

// What each opcode does, from isa.def (libcomet does not keep it).
static constexpr std::string_view Semantics[] = {
#define OP(ID, MN, SIG, SEM) SEM,
#include "comet/isa.def"
};
static_assert(std::size(Semantics) == NumOpcodes);

int isaCommand(const Arguments &args) {
  po::options_description options("options");
  options.add_options()("markdown", "print a Markdown table (docs/isa.md)");
  po::positional_options_description positional;
  po::variables_map values;
  if (auto exit =
          parseOptions(args, "isa [--markdown]", options, positional, values))
    return *exit;
  bool markdown = values.count("markdown");
  if (markdown)
    std::printf("# The Comet instruction set\n\n"
                "Generated from `vm/include/comet/isa.def` by `comet-vm isa "
                "--markdown`; a test keeps the two equal. Operands and value "
                "conventions are explained at the top of isa.def and in "
                "[assembly.md](assembly.md).\n\n"
                "| opcode | mnemonic | operands | semantics |\n"
                "| ---: | --- | --- | --- |\n");
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    OpcodeInfo info = opcodeInfo(static_cast<Opcode>(i));
    std::string operands = describeOperands(info.operands);
    std::string semantics(Semantics[i]);
    if (markdown) {
      for (size_t at = 0; (at = semantics.find('|', at)) != std::string::npos;
           at += 2)
        semantics.replace(at, 1, "\\|");
      std::printf("| %u | `%.*s` | %s | %s |\n", i, int(info.mnemonic.size()),
                  info.mnemonic.data(), operands.c_str(), semantics.c_str());
    } else {
      std::printf("%3u  %-16.*s %-28s %s\n", i, int(info.mnemonic.size()),
                  info.mnemonic.data(), operands.c_str(), semantics.c_str());
    }
  }
  return 0;
}

} // namespace comet::tools
