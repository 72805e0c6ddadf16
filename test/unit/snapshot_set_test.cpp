// Snapshots lowered at checkpoints only, or recorded from a later pass on,
// must be the very modules that lowering every snapshot gives.
#include "asm/assembly.h"
#include "phases/snapshots.h"

#include <gtest/gtest.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/SourceMgr.h>

#include <map>

namespace {

const char *const source = R"(
@total = internal global i32 0, align 4

define internal i32 @square(i32 %x) {
  %y = mul nsw i32 %x, %x
  ret i32 %y
}

define i32 @main() {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %next, %loop ]
  %s = call i32 @square(i32 %i)
  %old = load i32, ptr @total, align 4
  %new = add nsw i32 %old, %s
  store i32 %new, ptr @total, align 4
  %next = add nsw i32 %i, 1
  %more = icmp slt i32 %next, 10
  br i1 %more, label %loop, label %done
done:
  %result = load i32, ptr @total, align 4
  ret i32 %result
}
)";

// Each snapshot's pass number and, where lowered, its Comet assembly.
std::map<unsigned, std::string> record(comet::phases::Recording recording,
                                       bool texts) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic error;
  auto module = llvm::parseAssemblyString(source, error, context);
  EXPECT_TRUE(module) << error.getMessage().str();
  comet::ir::PipelineOptions options;
  options.passes = "default<O2>";
  options.unitTexts = texts;
  comet::phases::SnapshotSet set(*module, options, recording);
  std::map<unsigned, std::string> out;
  for (size_t i = 0; i < set.snapshots().size(); ++i)
    out[set.snapshots()[i].pass.number] =
        set.lowered(i) ? comet::assembly::print(set.moduleAt(i)) : "";
  return out;
}

TEST(SnapshotSet, CheckpointsAreTheSnapshotsLoweredOneByOne) {
  auto every = record({}, true);
  ASSERT_GT(every.size(), 4u);
  auto lean = record({}, false);
  EXPECT_EQ(lean.size(), every.size());
  comet::phases::Recording sparse;
  sparse.every = 3;
  auto checkpoints = record(sparse, false);
  ASSERT_EQ(checkpoints.size(), every.size());
  size_t index = 0, lowered = 0;
  for (const auto &[number, text] : checkpoints) {
    bool last = index + 1 == checkpoints.size();
    EXPECT_EQ(!text.empty(), index % 3 == 0 || last) << "pass " << number;
    // Registers carry no names without texts: compare with the lean run.
    if (!text.empty()) {
      EXPECT_EQ(text, lean.at(number)) << "pass " << number;
      ++lowered;
    }
    ++index;
  }
  EXPECT_LT(lowered, every.size());
}

TEST(SnapshotSet, RecordingFromALaterPassGivesTheSameSnapshots) {
  auto lean = record({}, false);
  auto middle = std::next(lean.begin(), lean.size() / 2);
  comet::phases::Recording later;
  later.after = middle->first;
  auto tail = record(later, false);
  ASSERT_EQ(tail.size(), size_t(std::distance(std::next(middle), lean.end())));
  for (const auto &[number, text] : tail) {
    EXPECT_FALSE(text.empty()) << "pass " << number;
    EXPECT_EQ(text, lean.at(number)) << "pass " << number;
  }
}

} // namespace
