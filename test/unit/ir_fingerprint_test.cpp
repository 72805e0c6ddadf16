// Fingerprints must move with every change a pass can make to a function,
// and change tracking without texts must see the passes that change IR
// exactly as tracking with texts does.
#include "llvm/ir_fingerprint.h"
#include "llvm/pipeline.h"

#include <gtest/gtest.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/SourceMgr.h>

#include <set>

namespace {

const char *const source = R"(
define internal i32 @f(i32 %a, i32 %b, ptr %p) {
entry:
  %sum = add i32 %a, %b
  %less = icmp slt i32 %sum, 10
  br i1 %less, label %small, label %big
small:
  store i32 %sum, ptr %p, align 4
  br label %join
big:
  br label %join
join:
  %r = phi i32 [ %a, %small ], [ %b, %big ]
  %v = load i32, ptr %p, align 4
  %t = add i32 %r, %v
  ret i32 %t
}

define i32 @g(i32 %x) {
  %y = mul i32 %x, 3
  %z = call i32 @f(i32 %y, i32 1, ptr null)
  ret i32 %z
}
)";

std::unique_ptr<llvm::Module> parse(llvm::LLVMContext &context) {
  llvm::SMDiagnostic error;
  auto module = llvm::parseAssemblyString(source, error, context);
  EXPECT_TRUE(module) << error.getMessage().str();
  return module;
}

llvm::Instruction &named(llvm::Function &function, llvm::StringRef name) {
  for (llvm::Instruction &instruction : llvm::instructions(function))
    if (instruction.getName() == name)
      return instruction;
  ADD_FAILURE() << "no %" << name.str();
  return *function.getEntryBlock().getTerminator();
}

TEST(IRFingerprint, EqualForTheSameIRAndStableAcrossCalls) {
  llvm::LLVMContext context;
  auto module = parse(context);
  llvm::Function &f = *module->getFunction("f");
  EXPECT_EQ(comet::ir::fingerprint(f), comet::ir::fingerprint(f));
  EXPECT_NE(comet::ir::fingerprint(f),
            comet::ir::fingerprint(*module->getFunction("g")));
}

TEST(IRFingerprint, MovesWithEveryKindOfInPlaceChange) {
  llvm::LLVMContext context;
  auto module = parse(context);
  llvm::Function &f = *module->getFunction("f");
  std::set<uint64_t> seen = {comet::ir::fingerprint(f)};
  auto changed = [&](const char *what) {
    EXPECT_TRUE(seen.insert(comet::ir::fingerprint(f)).second) << what;
  };
  auto &sum = llvm::cast<llvm::BinaryOperator>(named(f, "sum"));
  sum.setHasNoSignedWrap(true);
  changed("nsw flag");
  auto &less = llvm::cast<llvm::ICmpInst>(named(f, "less"));
  less.setPredicate(llvm::CmpInst::ICMP_SLE);
  changed("compare predicate");
  less.setOperand(1, llvm::ConstantInt::get(sum.getType(), 11));
  changed("constant operand");
  auto &load = llvm::cast<llvm::LoadInst>(named(f, "v"));
  load.setAlignment(llvm::Align(1));
  changed("alignment");
  load.setVolatile(true);
  changed("volatile");
  auto &phi = llvm::cast<llvm::PHINode>(named(f, "r"));
  llvm::BasicBlock *small = phi.getIncomingBlock(0);
  phi.setIncomingBlock(0, phi.getIncomingBlock(1));
  phi.setIncomingBlock(1, small);
  changed("phi incoming blocks");
  sum.setName("total");
  changed("a value's name");
  sum.moveBefore(&less);
  less.moveBefore(&sum);
  changed("instruction order");
}

TEST(IRFingerprint, WithoutEverythingNamesAndMetadataDoNotCount) {
  llvm::LLVMContext context;
  auto module = parse(context);
  llvm::Function &f = *module->getFunction("f");
  uint64_t lean = comet::ir::fingerprint(f, false);
  uint64_t full = comet::ir::fingerprint(f);
  auto &sum = llvm::cast<llvm::BinaryOperator>(named(f, "sum"));
  sum.setName("total");
  auto &load = llvm::cast<llvm::LoadInst>(named(f, "v"));
  load.setMetadata(llvm::LLVMContext::MD_nontemporal,
                   llvm::MDNode::get(context, {}));
  EXPECT_EQ(lean, comet::ir::fingerprint(f, false));
  EXPECT_NE(full, comet::ir::fingerprint(f));
  sum.setHasNoUnsignedWrap(true);
  EXPECT_NE(lean, comet::ir::fingerprint(f, false));
}

TEST(IRFingerprint, GlobalsMoveWithWhatAFunctionPassMayChange) {
  llvm::LLVMContext context;
  auto module = parse(context);
  auto *global = new llvm::GlobalVariable(
      *module, llvm::Type::getInt64Ty(context), false,
      llvm::GlobalValue::InternalLinkage,
      llvm::ConstantInt::get(llvm::Type::getInt64Ty(context), 7), "table");
  uint64_t before = comet::ir::globalsFingerprint(*module);
  global->setAlignment(llvm::Align(16));
  EXPECT_NE(before, comet::ir::globalsFingerprint(*module));
}

TEST(IRFingerprint, ModuleLevelMovesWithGlobalsAndSignatures) {
  llvm::LLVMContext context;
  auto module = parse(context);
  uint64_t before = comet::ir::moduleLevelFingerprint(*module);
  new llvm::GlobalVariable(
      *module, llvm::Type::getInt32Ty(context), false,
      llvm::GlobalValue::InternalLinkage,
      llvm::ConstantInt::get(llvm::Type::getInt32Ty(context), 7), "counter");
  uint64_t withGlobal = comet::ir::moduleLevelFingerprint(*module);
  EXPECT_NE(before, withGlobal);
  module->getGlobalVariable("counter", true)
      ->setInitializer(
          llvm::ConstantInt::get(llvm::Type::getInt32Ty(context), 8));
  EXPECT_NE(withGlobal, comet::ir::moduleLevelFingerprint(*module));
}

// The passes seen changing the IR, and the functions named ("": the
// module level).
std::vector<std::pair<unsigned, std::string>>
changes(const char *passes, bool texts, const char *ir = source) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic error;
  auto module = llvm::parseAssemblyString(ir, error, context);
  EXPECT_TRUE(module) << error.getMessage().str();
  comet::ir::PipelineOptions options;
  options.passes = passes;
  options.unitTexts = texts;
  std::vector<std::pair<unsigned, std::string>> seen;
  comet::ir::runPipeline(
      *module, options,
      [&](const comet::ir::PassChange &change, const llvm::Module &) {
        for (const auto &unit : change.functions)
          seen.emplace_back(change.pass.number, unit.name);
        if (change.moduleLevel)
          seen.emplace_back(change.pass.number, "");
      });
  return seen;
}

TEST(PipelineChanges, TrackingWithoutTextsSeesWhatTrackingWithTextsSees) {
  for (const char *passes : {"default<O2>", "instcombine,simplifycfg",
                             "cgscc(inline),function(sroa,instcombine)",
                             "globalopt,ipsccp,deadargelim"}) {
    auto withTexts = changes(passes, true);
    EXPECT_FALSE(withTexts.empty()) << passes;
    EXPECT_EQ(withTexts, changes(passes, false)) << passes;
  }
}

// InferAlignment, a function pass, raises the alignment of a global its
// function loads from: the change to the module level belongs to that pass.
TEST(PipelineChanges, GlobalsChangedByAFunctionPassAreSeenAtThatPass) {
  const char *ir = R"(
@table = internal global [2 x i64] [i64 1, i64 2], align 1
define i64 @first() {
  %v = load i64, ptr @table, align 1
  ret i64 %v
}
define i64 @second(i64 %x) {
  %y = load i64, ptr @table, align 1
  %z = add i64 %x, %y
  ret i64 %z
}
)";
  for (bool texts : {true, false}) {
    auto seen = changes("function(infer-alignment)", texts, ir);
    std::vector<std::pair<unsigned, std::string>> expected = {
        {1, "first"}, {1, ""}, {2, "second"}};
    EXPECT_EQ(seen, expected) << (texts ? "with texts" : "without texts");
  }
}

} // namespace
