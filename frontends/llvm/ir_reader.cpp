#include "llvm/ir_reader.h"
#include "comet/module.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/IRReader/IRReader.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdlib>

namespace comet::ir {

namespace {

bool endsWith(const std::string &text, const char *suffix) {
  size_t n = std::char_traits<char>::length(suffix);
  return text.size() >= n && text.compare(text.size() - n, n, suffix) == 0;
}

// Temporary .ll files made from C sources, removed at exit.
std::vector<std::string> &temporaries() {
  static std::vector<std::string> files;
  static bool registered = [] {
    std::atexit([] {
      for (const std::string &file : temporaries())
        llvm::sys::fs::remove(file);
    });
    return true;
  }();
  (void)registered;
  return files;
}

std::string compileC(const std::string &path, const ReadOptions &options) {
  std::string output =
      options.irOutput.empty() ? temporaryIRFile() : options.irOutput;
  auto clang = llvm::sys::findProgramByName(options.clang);
  if (!clang)
    throw Error("cannot find " + options.clang + " to compile " + path);
  std::vector<std::string> args = {*clang, "-S", "-emit-llvm"};
  const std::vector<std::string> &flags =
      options.cflags.empty() ? defaultCFlags() : options.cflags;
  args.insert(args.end(), flags.begin(), flags.end());
  args.insert(args.end(), {"-o", output, path});
  std::vector<llvm::StringRef> argRefs(args.begin(), args.end());
  std::string message;
  // clang's diagnostics go straight to our stderr, unchanged.
  int status = llvm::sys::ExecuteAndWait(*clang, argRefs, std::nullopt, {}, 0,
                                         0, &message);
  if (status != 0)
    throw Error(message.empty() ? path + ": error: clang failed with status " +
                                      std::to_string(status)
                                : path + ": error: " + message);
  return output;
}

} // namespace

std::string temporaryIRFile(const std::string &prefix) {
  llvm::SmallString<128> temp;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile(prefix, "ll", temp))
    throw Error("cannot create a temporary file: " + ec.message());
  temporaries().push_back(std::string(temp));
  return std::string(temp);
}

std::vector<std::string> defaultCFlags() {
  return {"-O0", "-Xclang", "-disable-O0-optnone", "-fno-discard-value-names",
          "-w"};
}

bool isIRInput(const std::string &path) {
  return endsWith(path, ".ll") || endsWith(path, ".bc") || endsWith(path, ".c");
}

ReadResult readIR(const std::string &path, llvm::LLVMContext &context,
                  const ReadOptions &options) {
  ReadResult result;
  result.irFile = endsWith(path, ".c") ? compileC(path, options) : path;
  llvm::SMDiagnostic diagnostic;
  result.module = llvm::parseIRFile(result.irFile, diagnostic, context);
  if (!result.module) {
    std::string text;
    llvm::raw_string_ostream out(text);
    diagnostic.print(nullptr, out, /*ShowColors=*/false);
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    throw Error(text);
  }
  std::string problems;
  llvm::raw_string_ostream out(problems);
  if (llvm::verifyModule(*result.module, &out)) {
    while (!problems.empty() && problems.back() == '\n')
      problems.pop_back();
    throw Error(path + ": error: invalid IR: " + problems);
  }
  if (!endsWith(path, ".ll") && !endsWith(path, ".c"))
    result.irFile.clear(); // bitcode has no lines to point at
  return result;
}

} // namespace comet::ir
