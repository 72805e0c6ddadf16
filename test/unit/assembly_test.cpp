// Comet assembly: parsing, operand encodings, printing, round trips and
// error messages.
#include "asm/assembly.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>

namespace comet::assembly {
namespace {

Module parseText(std::string_view text) { return parse(text, "test.cas"); }

// The full message of the error parsing `text` throws, or "" if none.
std::string errorOf(std::string_view text) {
  try {
    parseText(text);
  } catch (const Error &error) {
    return error.what();
  }
  return "";
}

// parse(print(m)) == m, and printing is stable.
void expectRoundTrip(const Module &module) {
  std::string printed = print(module);
  SCOPED_TRACE(printed);
  Module reparsed = parseText(printed);
  EXPECT_EQ(reparsed, module);
  EXPECT_EQ(print(reparsed), printed);
}

uint64_t bitsOf(double value) { return std::bit_cast<uint64_t>(value); }
uint64_t bitsOf(float value) { return std::bit_cast<uint32_t>(value); }

uint64_t loadLittleEndian(const std::vector<uint8_t> &bytes, size_t offset,
                          size_t size) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value |= uint64_t(bytes.at(offset + i)) << (8 * i);
  return value;
}

const char *const SpecExample = R"(; comment to end of line (also after code)
.source "prog.ll"                 ; optional, sets Module::sourceFile
.import printf                    ; optional explicit host import
.data @msg align 1 ro size 128    ; attributes optional, any order
  .ascii "Hello, %d\n"            ; escapes
  .asciz "text"                   ; with a trailing NUL
  .byte 1, 2, 0xff
  .i16 1, -2
  .i32 7
  .i64 42, @other, @main, @msg+8, @x-4
  .f32 1.5
  .f64 -2.25e10
  .zero 16
  .align 8
.end
.func @main(%argc, %argv) regs 12 ; params are r1..
  .locals %i, _, %sum             ; names r3, r4, r5
  .loc 12 5
entry:
  li %i, 0
  add.i32 %sum, %sum, %i
  br %c, loop, done
loop:
  switch %v, default, [1: one, -2: two]
one:
  call [%r], @printf, [%fmt, %x]
two:
  call [], @f, []
default:
done:
  ret [%sum]
.end
)";

TEST(AssemblyParse, SpecExampleModule) {
  Module module = parseText(SpecExample);
  EXPECT_EQ(module.sourceFile, "prog.ll");
  // Explicit imports first, then undefined names in order of mention.
  EXPECT_EQ(module.imports,
            (std::vector<std::string>{"printf", "other", "x", "f"}));

  ASSERT_EQ(module.data.size(), 1u);
  const DataObject &msg = module.data[0];
  EXPECT_EQ(msg.name, "msg");
  EXPECT_EQ(msg.alignment, 1u);
  EXPECT_FALSE(msg.writable);
  EXPECT_EQ(msg.size, 128u);
  std::string text(msg.bytes.begin(), msg.bytes.begin() + 15);
  EXPECT_EQ(text, std::string("Hello, %d\ntext\0", 15));
  size_t at = 15;
  EXPECT_EQ(loadLittleEndian(msg.bytes, at, 3), 0xff0201u);
  EXPECT_EQ(loadLittleEndian(msg.bytes, at + 3, 2), 1u);
  EXPECT_EQ(loadLittleEndian(msg.bytes, at + 5, 2), 0xfffeu);
  EXPECT_EQ(loadLittleEndian(msg.bytes, at + 7, 4), 7u);
  EXPECT_EQ(loadLittleEndian(msg.bytes, at + 11, 8), 42u);
  at += 19;
  // Relocations: 8 zero bytes each; symbols use the unified index.
  uint64_t functions = module.functions.size();
  uint64_t data = module.data.size();
  std::vector<Relocation> expected = {
      {at, functions + data + 1, 0},       // @other: import 1
      {at + 8, 0, 0},                      // @main: function 0
      {at + 16, functions + 0, 8},         // @msg: data 0
      {at + 24, functions + data + 2, -4}, // @x: import 2
  };
  EXPECT_EQ(msg.relocations, expected);
  EXPECT_EQ(loadLittleEndian(msg.bytes, at, 8), 0u);
  at += 32;
  EXPECT_EQ(loadLittleEndian(msg.bytes, at, 4), bitsOf(1.5f));
  EXPECT_EQ(loadLittleEndian(msg.bytes, at + 4, 8), bitsOf(-2.25e10));
  at += 12 + 16;
  // .align 8 pads to the next multiple of 8 from the object start.
  EXPECT_EQ(msg.bytes.size(), (at + 7) / 8 * 8);

  ASSERT_EQ(module.functions.size(), 1u);
  const Function &main = module.functions[0];
  EXPECT_EQ(main.name, "main");
  EXPECT_EQ(main.numParams, 2u);
  // Undeclared names follow the declared ones: %c=6, %v=7, %r=8, %fmt=9,
  // %x=10; "regs 12" is the larger count.
  EXPECT_EQ(main.numRegs, 12u);
  EXPECT_EQ(main.registerNames,
            (std::vector<std::string>{"", "argc", "argv", "i", "", "sum", "c",
                                      "v", "r", "fmt", "x", ""}));
  std::map<uint32_t, std::string> labels = {
      {0, "entry"}, {3, "loop"}, {4, "one"}, {5, "two"}, {6, "default"}};
  EXPECT_EQ(main.labelNames, labels);
  ASSERT_EQ(main.code.size(), 7u);
  EXPECT_EQ(main.code[0], (Instruction{Opcode::LI, {3, 0}}));
  EXPECT_EQ(main.code[1], (Instruction{Opcode::ADD_I32, {5, 5, 3}}));
  EXPECT_EQ(main.code[2], (Instruction{Opcode::BR, {6, 3, 6}}));
  EXPECT_EQ(main.code[3],
            (Instruction{Opcode::SWITCH, {7, 6, 2, 1, 4, uint64_t(-2), 5}}));
  uint64_t printfCallee = functions + 0; // functions.size() + import 0
  EXPECT_EQ(main.code[4],
            (Instruction{Opcode::CALL, {1, 8, printfCallee, 2, 9, 10}}));
  EXPECT_EQ(main.code[5], (Instruction{Opcode::CALL, {0, functions + 3, 0}}));
  EXPECT_EQ(main.code[6], (Instruction{Opcode::RET, {1, 5}}));
  EXPECT_EQ(main.locations,
            std::vector<SourceLocation>(7, SourceLocation{12, 5}));
  expectRoundTrip(module);
}

TEST(AssemblyParse, SymbolAndCalleeIndexLayout) {
  Module module = parseText(R"(
.import puts
.func @a()
  addr r1, @a        ; function 0
  addr r1, @b        ; function 1
  addr r1, @d0       ; data 0 -> 2
  addr r1, @d1       ; data 1 -> 3
  addr r1, @puts     ; import 0 -> 4
  addr r1, @stdout   ; import 1 -> 5
  call [], @b, []    ; function 1
  call [], @puts, [] ; import 0 -> functions + 0 = 2
  tcall @stdout, []  ; import 1 -> 3
.end
.data @d0
.end
.func @b()
  ret []
.end
.data @d1
  .i64 @b, @stdout+16
.end
)");
  ASSERT_EQ(module.functions.size(), 2u);
  std::vector<uint64_t> symbols;
  for (size_t i = 0; i < 6; ++i)
    symbols.push_back(module.functions[0].code[i].operands[1]);
  EXPECT_EQ(symbols, (std::vector<uint64_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(module.functions[0].code[6].operands,
            (std::vector<uint64_t>{0, 1, 0}));
  EXPECT_EQ(module.functions[0].code[7].operands,
            (std::vector<uint64_t>{0, 2, 0}));
  EXPECT_EQ(module.functions[0].code[8].operands,
            (std::vector<uint64_t>{3, 0}));
  EXPECT_EQ(module.imports, (std::vector<std::string>{"puts", "stdout"}));
  EXPECT_EQ(module.symbolName(5), "stdout");
  EXPECT_EQ(module.calleeName(2), "puts");
  std::vector<Relocation> relocations = {{0, 1, 0}, {8, 5, 16}};
  EXPECT_EQ(module.data[1].relocations, relocations);
  EXPECT_EQ(module.data[1].bytes, std::vector<uint8_t>(16, 0));
  EXPECT_EQ(module.data[0].size, 0u);
  expectRoundTrip(module);
}

TEST(AssemblyParse, RegisterNamesAndCounts) {
  // %n is undeclared: it takes the first number after the declared ones
  // (3) that is not written as rN (r3 is), so 4.
  Module module = parseText(R"(
.func @f(%a, r2)
  add.i64 %n, r3, %a
  mov %5, %add.i
  mov %"odd name", r0
.end
.func @g(r1) regs 7
  mov r2, r1
.end
)");
  const Function &f = module.functions[0];
  EXPECT_EQ(f.numParams, 2u);
  EXPECT_EQ(f.code[0].operands, (std::vector<uint64_t>{4, 3, 1}));
  EXPECT_EQ(f.code[1].operands, (std::vector<uint64_t>{5, 6}));
  EXPECT_EQ(f.code[2].operands, (std::vector<uint64_t>{7, 0}));
  EXPECT_EQ(f.numRegs, 8u);
  EXPECT_EQ(f.registerNames,
            (std::vector<std::string>{"", "a", "", "", "n", "5", "add.i",
                                      "odd name"}));
  const Function &g = module.functions[1];
  EXPECT_EQ(g.numRegs, 7u);
  EXPECT_TRUE(g.registerNames.empty());
  EXPECT_TRUE(g.labelNames.empty());
  EXPECT_TRUE(g.locations.empty());
  expectRoundTrip(module);
}

// A second name of a register: operands may use either, the module keeps
// the first as the register's name and the second as an alias.
TEST(AssemblyParse, AliasesNameDeclaredRegisters) {
  Module module = parseText(R"(
.func @f(%n)
  .locals %i
  .alias %i.next, %i
  add.i64 %i.next, %i, %n
  ret [%i.next]
.end
)");
  const Function &f = module.functions[0];
  EXPECT_EQ(f.numRegs, 3u);
  EXPECT_EQ(f.registerNames, (std::vector<std::string>{"", "n", "i"}));
  EXPECT_EQ(f.registerAliases, (std::vector<RegisterAlias>{{2, "i.next", 0}}));
  EXPECT_EQ(f.code[0].operands, (std::vector<uint64_t>{2, 2, 1}));
  expectRoundTrip(module);
}

// An alias with an offset names an address that loads and stores compute
// from a register (a folded getelementptr): it is kept, printed the same
// way, and is no register an instruction could name.
TEST(AssemblyParse, AddressAliasesKeepTheirOffsets) {
  Module module = parseText(R"(
.func @f(%p)
  .alias %y, %p + 8
  .alias %z, %p - 16
  ld.64 r0, %p, 8
  ret []
.end
)");
  const Function &f = module.functions[0];
  EXPECT_EQ(f.registerAliases,
            (std::vector<RegisterAlias>{{1, "y", 8}, {1, "z", -16}}));
  expectRoundTrip(module);
  EXPECT_NE(print(module).find(".alias %z, %p - 16\n"), std::string::npos);
  EXPECT_EQ(errorOf(".func @f(%p)\n  .alias %y, %p + 8\n"
                    "  ld.64 %y, %p, 0\n.end\n"),
            "test.cas:3:9: error: '%y' is an address alias (a register plus "
            "an offset), not a register\n"
            "  ld.64 %y, %p, 0\n"
            "        ^");
}

TEST(AssemblyParse, LocalsCountTowardsRegisters) {
  Module module = parseText(".func @f(%p)\n  .locals _, %b, _\n"
                            "  .locals %c\n  ret [%b]\n.end\n");
  const Function &f = module.functions[0];
  EXPECT_EQ(f.numRegs, 6u);
  EXPECT_EQ(f.registerNames,
            (std::vector<std::string>{"", "p", "", "b", "", "c"}));
  EXPECT_EQ(f.code[0].operands, (std::vector<uint64_t>{1, 3}));
  expectRoundTrip(module);
}

TEST(AssemblyParse, IntegerImmediates) {
  Module module = parseText(R"(
.func @f()
  li r1, 0
  li r1, -1
  li r1, 0x7fff
  li r1, 0b101
  li r1, 'A'
  li r1, '\n'
  li r1, '\x7f'
  li r1, 18446744073709551615
  li r1, -9223372036854775808
  sext r1, r2, 8, 64
.end
)");
  std::vector<uint64_t> values;
  for (size_t i = 0; i < 9; ++i)
    values.push_back(module.functions[0].code[i].operands[1]);
  EXPECT_EQ(values,
            (std::vector<uint64_t>{0, ~uint64_t(0), 0x7fff, 5, 65, 10, 0x7f,
                                   ~uint64_t(0), uint64_t(1) << 63}));
  EXPECT_EQ(module.functions[0].code[9].operands,
            (std::vector<uint64_t>{1, 2, 8, 64}));
  expectRoundTrip(module);
}

TEST(AssemblyParse, FloatImmediates) {
  Module module = parseText(R"(
.func @f()
  lf64 r1, 1.5
  lf64 r1, -2e10
  lf64 r1, 3.
  lf64 r1, 3
  lf64 r1, 0x1.8p3
  lf64 r1, inf
  lf64 r1, -inf
  lf64 r1, nan
  lf64 r1, -0.0
  lf64 r1, 0x7ff0000000000001
  lf64 r1, 5e-324
  lf32 r1, 0.1
  lf32 r1, -inf
  lf32 r1, nan
  lf32 r1, 0x7fc00001
  lf32 r1, -0.0
.end
)");
  std::vector<uint64_t> bits;
  for (const Instruction &instruction : module.functions[0].code)
    bits.push_back(instruction.operands[1]);
  std::vector<uint64_t> expected = {bitsOf(1.5),
                                    bitsOf(-2e10),
                                    bitsOf(3.0),
                                    bitsOf(3.0),
                                    bitsOf(12.0),
                                    0x7ff0000000000000,
                                    0xfff0000000000000,
                                    0x7ff8000000000000,
                                    uint64_t(1) << 63,
                                    0x7ff0000000000001,
                                    1,
                                    bitsOf(0.1f),
                                    0xff800000,
                                    0x7fc00000,
                                    0x7fc00001,
                                    0x80000000};
  EXPECT_EQ(bits, expected);
  std::string printed = print(module);
  for (const char *text :
       {"lf64 r1, 1.5\n", "lf64 r1, -2e+10\n", "lf64 r1, 3.0\n",
        "lf64 r1, inf\n", "lf64 r1, -inf\n", "lf64 r1, nan\n",
        "lf64 r1, -0.0\n", "lf64 r1, 0x7ff0000000000001\n", "lf32 r1, 0.1\n",
        "lf32 r1, 0x7fc00001\n"})
    EXPECT_NE(printed.find(text), std::string::npos) << text << printed;
  expectRoundTrip(module);
}

TEST(AssemblyParse, LabelsAndLocations) {
  Module module = parseText(R"(
.func @f(%n)
top: .L1:
  .loc 3 1
  jmp .L1
  .loc 0 0
"quoted label":
  br %n, top, "quoted label"
  .loc 4 2
  ret []
.end
.func @g()
  .loc 0 0
  ret []
.end
)");
  const Function &f = module.functions[0];
  // Two labels at one instruction: both resolve, the first is stored.
  EXPECT_EQ(f.labelNames,
            (std::map<uint32_t, std::string>{{0, "top"}, {1, "quoted label"}}));
  EXPECT_EQ(f.code[0].operands, (std::vector<uint64_t>{0}));
  EXPECT_EQ(f.code[1].operands, (std::vector<uint64_t>{1, 0, 1}));
  EXPECT_EQ(f.locations, (std::vector<SourceLocation>{{3, 1}, {0, 0}, {4, 2}}));
  // Only zero locations: none at all.
  EXPECT_TRUE(module.functions[1].locations.empty());
  expectRoundTrip(module);
}

TEST(AssemblyParse, DataDirectives) {
  Module module = parseText(R"(
.data @a rw align 16
  .byte 'a', -1, 255, 0b1
  .i16 0xffff, -32768
  .i32 -1
  .ascii "\t\r\\\"\'\0\xAb", "x"
  .align 8
  .zero 3
.end
.data @b size 10 ro
.end
)");
  const DataObject &a = module.data[0];
  EXPECT_EQ(a.alignment, 16u);
  EXPECT_TRUE(a.writable);
  std::vector<uint8_t> bytes = {'a',  0xff, 0xff, 1,    0xff, 0xff, 0,
                                0x80, 0xff, 0xff, 0xff, 0xff, '\t', '\r',
                                '\\', '"',  '\'', 0,    0xab, 'x',  0,
                                0,    0,    0,    0,    0,    0};
  EXPECT_EQ(a.bytes, bytes);
  EXPECT_EQ(a.size, bytes.size());
  const DataObject &b = module.data[1];
  EXPECT_FALSE(b.writable);
  EXPECT_TRUE(b.bytes.empty());
  EXPECT_EQ(b.size, 10u);
  expectRoundTrip(module);
}

// A module using every feature, as text.
const char *const RichModule = R"(.source "dir/prog \"1\".ll"
.import @"host fn"
.import malloc

.data @"weird name" align 8 ro size 64
  .asciz "line\n\ttab"
  .i64 @main, @"f-1"+16, @missing-9223372036854775808
  .zero 20
  .byte 1, 0, 0, 2, 0x80
.end

.data @table
  .i64 @table+8, @"host fn"
  .f64 nan, -0.0, 0x7ff8000000000123
.end

.func @main(%argc, %"arg v") regs 20
  .locals %i, _, %"sum.0"
  .loc 1 1
entry:
  li %i, -42
  lf64 %d, -0.0
  lf64 %d, inf
  lf32 %f, nan
  lf32 %f, 0xff800001
  addr %p, @"weird name"
  addr %p, @"host fn"
  ld.u8 %b, %p, -1
  st.64 %b, %p, 8
  .loc 2 7
  fcmp.oeq.f64 %c, %d, %d
  br %c, body, exit
body:
  switch %i, exit, [0: entry, -5: body, 9223372036854775807: exit]
  calli [%x, %y], %p, [%i]
  call [], @"f-1", [r15, r16]
  call [%argc], @malloc, []
  .loc 0 0
exit:
  tcall @"f-1", [%"sum.0"]
.end

.func @"f-1"(r1, r2)
  ret [r1, r2, r0]
.end
)";

TEST(AssemblyRoundTrip, RichModule) {
  Module module = parseText(RichModule);
  EXPECT_EQ(module.sourceFile, "dir/prog \"1\".ll");
  EXPECT_EQ(module.imports,
            (std::vector<std::string>{"host fn", "malloc", "missing"}));
  EXPECT_EQ(module.functions[1].name, "f-1");
  EXPECT_EQ(module.data[0].relocations[2].addend, INT64_MIN);
  EXPECT_EQ(module.data[0].relocations[1], (Relocation{18, 1, 16}));
  expectRoundTrip(module);
  // And the printed form is itself a fixed point.
  std::string printed = print(module);
  EXPECT_EQ(print(parseText(printed)), printed);
}

TEST(AssemblyRoundTrip, EveryOpcode) {
  // Every mnemonic of the ISA with operands of each kind; the printed text
  // must parse back to exactly the same instructions.
  Module module;
  module.imports = {"puts"};
  Function main;
  main.name = "main";
  main.numRegs = 6;
  main.labelNames = {{0, "start"}};
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    auto op = static_cast<Opcode>(i);
    Instruction instruction{op, {}};
    for (char kind : opcodeInfo(op).operands) {
      std::vector<uint64_t> &operands = instruction.operands;
      switch (kind) {
      case 'd':
      case 'v':
        operands.push_back(1);
        break;
      case 'r':
      case 'w':
        operands.push_back(2);
        break;
      case 'i':
        operands.push_back(uint64_t(-5));
        break;
      case 'n':
        operands.push_back(2);
        break;
      case 'x':
        operands.push_back(bitsOf(1.5));
        break;
      case 'y':
        operands.push_back(bitsOf(2.5f));
        break;
      case 'l':
        operands.push_back(i % 2); // a target after the first instruction
        break;
      case 'c':
        operands.push_back(i % 3 == 0 ? 2 : 1); // import or function
        break;
      case 's':
        operands.push_back(i % 4); // function, function, data or import
        break;
      case 'D':
        operands.insert(operands.end(), {2, 1, 3});
        break;
      case 'R':
        operands.insert(operands.end(), {3, 2, 4, 5});
        break;
      case 't':
        operands.insert(operands.end(), {2, 7, 0, uint64_t(-1), 1});
        break;
      }
    }
    main.code.push_back(instruction);
  }
  main.labelNames[1] = "next";
  Function other;
  other.name = "other";
  other.code.push_back({Opcode::RET, {0}});
  module.functions = {main, other};
  module.data.push_back(DataObject{"d", 1, 0, {}, true, {}});

  std::string printed = print(module);
  Module reparsed = parseText(printed);
  ASSERT_EQ(reparsed.functions.size(), 2u);
  const std::vector<Instruction> &code = reparsed.functions[0].code;
  ASSERT_EQ(code.size(), NumOpcodes);
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    SCOPED_TRACE(opcodeInfo(static_cast<Opcode>(i)).mnemonic);
    EXPECT_EQ(code[i], module.functions[0].code[i]);
  }
  EXPECT_EQ(reparsed, module);
}

TEST(AssemblyPrint, ExactLayout) {
  Module module = parseText(R"(
.func @f(%a) regs 4
  .loc 7 3
  add.i32 %a, %a, r2
  jmp done
done:
  ret [%a]
.end
.data @s ro size 40
  .asciz "hi\n"
  .byte 1, 2
  .zero 20
  .i64 @f-8
.end
.import exit
)");
  EXPECT_EQ(print(module), R"(.import exit

.data @s ro size 40
  .asciz "hi\n"
  .byte 0x01, 0x02
  .zero 20
  .i64 @f-8
.end

.func @f(%a) regs 4
  .locals _, _
  .loc 7 3
  add.i32 %a, %a, r2
  jmp done
done:
  ret [%a]
.end
)");
}

TEST(AssemblyPrint, DataLayoutChoices) {
  Module module;
  DataObject object;
  object.name = "blob";
  std::string text = "A fairly long line of text that will be split somewhere "
                     "because it is long\n";
  object.bytes.assign(text.begin(), text.end());
  object.bytes.push_back(0);
  for (int i = 0; i < 20; ++i)
    object.bytes.push_back(static_cast<uint8_t>(i + 1));
  object.bytes.insert(object.bytes.end(), 16, 0);
  object.bytes.insert(object.bytes.end(), {'o', 'k', 0, 5});
  object.size = object.bytes.size();
  module.data.push_back(object);
  std::string printed = print(module);
  EXPECT_EQ(printed,
            ".data @blob\n"
            "  .ascii \"A fairly long line of text that will be split "
            "somewhere because \"\n"
            "  .asciz \"it is long\\n\"\n"
            "  .byte 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, "
            "0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10\n"
            "  .byte 0x11, 0x12, 0x13, 0x14\n"
            "  .zero 16\n"
            "  .asciz \"ok\"\n"
            "  .byte 0x05\n"
            ".end\n");
  expectRoundTrip(module);
}

TEST(AssemblyPrint, GeneratedLabelsAndComments) {
  // A module as the lowering might build it: no label names, names for
  // some registers only, and a comment per instruction.
  Module module;
  Function function;
  function.name = "loop";
  function.numParams = 1;
  function.numRegs = 3;
  function.registerNames = {"", "n", ""};
  function.labelNames = {{2, "L1"}}; // clashes with a generated name
  function.code = {{Opcode::SUB_I64, {1, 1, 2}},
                   {Opcode::BR, {1, 1, 2}},
                   {Opcode::RET, {0}}};
  module.functions.push_back(function);
  PrintOptions options;
  options.commentFor = [](const Function &, size_t index) {
    return index == 1 ? std::string("%c = icmp ne\nbr i1 %c") : std::string();
  };
  EXPECT_EQ(print(module, options), R"(.func @loop(%n) regs 3
  .locals _
  sub.i64 %n, %n, r2
L1.1:
  ; %c = icmp ne
  ; br i1 %c
  br %n, L1.1, L1
L1:
  ret []
.end
)");
  EXPECT_EQ(printInstruction(module, module.functions[0], 1),
            "br %n, L1.1, L1");
  // After one trip through text the module has names for every label.
  Module named = parseText(print(module));
  EXPECT_EQ(named.functions[0].code, module.functions[0].code);
  expectRoundTrip(named);
}

TEST(AssemblyPrint, QuotesNamesThatNeedIt) {
  Module module = parseText(R"(
.func @"a b"(%"x y")
  call [], @"c-1", [%"x y"]
  call [], @"\x01", []
.end
)");
  std::string printed = print(module);
  EXPECT_NE(printed.find(".func @\"a b\"(%\"x y\")"), std::string::npos);
  EXPECT_NE(printed.find("@\"c-1\""), std::string::npos);
  EXPECT_NE(printed.find(".import @\"\\x01\""), std::string::npos);
  expectRoundTrip(module);
}

struct ErrorCase {
  const char *source;
  const char *message;
};

TEST(AssemblyErrors, ExactMessages) {
  const ErrorCase cases[] = {
      {".func @main()\n  ad.i32 r1, r2, r3\n.end\n",
       "test.cas:2:3: error: unknown instruction 'ad.i32'\n"
       "  ad.i32 r1, r2, r3\n"
       "  ^"},
      {".func @main()\n  add.i32 r1, 5, r3\n.end\n",
       "test.cas:2:15: error: expected register, found '5' (operand 2 of "
       "'add.i32')\n"
       "  add.i32 r1, 5, r3\n"
       "              ^"},
      {".func @main()\n  add.i32 r1, r2\n.end\n",
       "test.cas:2:3: error: 'add.i32' expects 3 operands (register, "
       "register, register), found 2\n"
       "  add.i32 r1, r2\n"
       "  ^"},
      {".func @main()\n  li r16777216, 1\n.end\n",
       "test.cas:2:6: error: register number too large (the limit is "
       "r16777215)\n"
       "  li r16777216, 1\n"
       "     ^"},
      {".func @main()\n  jmp loop\n.end\n",
       "test.cas:2:7: error: undefined label 'loop'\n"
       "  jmp loop\n"
       "      ^"},
      {".func @main()\na:\n  nop\na:\n  nop\n.end\n",
       "test.cas:4:1: error: duplicate label 'a'\n"
       "a:\n"
       "^"},
      {".func @main()\n  nop\nend:\n.end\n",
       "test.cas:3:1: error: label 'end' does not precede an instruction\n"
       "end:\n"
       "^"},
      {".func @main()\n.end\n.func @main()\n.end\n",
       "test.cas:3:7: error: duplicate function '@main'\n"
       ".func @main()\n"
       "      ^"},
      {".data @x\n.end\n.func @x()\n.end\n",
       "test.cas:3:7: error: '@x' is already defined as a data object\n"
       ".func @x()\n"
       "      ^"},
      {".func @main()\n  li r1, 0x1ffffffffffffffff\n.end\n",
       "test.cas:2:10: error: integer '0x1ffffffffffffffff' does not fit in "
       "64 bits\n"
       "  li r1, 0x1ffffffffffffffff\n"
       "         ^"},
      {".data @s\n  .ascii \"abc\n.end\n",
       "test.cas:2:10: error: unterminated string\n"
       "  .ascii \"abc\n"
       "         ^"},
      {".func @main()\n  nop\n",
       "test.cas:1:1: error: missing .end for function '@main'\n"
       ".func @main()\n"
       "^"},
      {".data @d\n.func @f()\n.end\n",
       "test.cas:2:1: error: missing .end for data object '@d'\n"
       ".func @f()\n"
       "^"},
      {"  nop\n", "test.cas:1:3: error: instruction outside a function\n"
                  "  nop\n"
                  "  ^"},
      {".func @f()\n  call [], @d, []\n.end\n.data @d\n.end\n",
       "test.cas:2:12: error: cannot call data object '@d'; a callee is a "
       "function or an import\n"
       "  call [], @d, []\n"
       "           ^"},
      {".func @f(%x)\n  .locals %y, %x\n.end\n",
       "test.cas:2:15: error: duplicate register name '%x'\n"
       "  .locals %y, %x\n"
       "              ^"},
      {".func @f(%x)\n  .alias %y, %z\n.end\n",
       "test.cas:2:14: error: alias of '%z', which is no parameter or .locals "
       "name\n"
       "  .alias %y, %z\n"
       "             ^"},
      {".func @f(%x)\n  .alias %x, %x\n.end\n",
       "test.cas:2:10: error: duplicate register name '%x'\n"
       "  .alias %x, %x\n"
       "         ^"},
      {".data @d size 2\n  .i32 5\n.end\n",
       "test.cas:1:15: error: size 2 is smaller than the 4 initialised bytes "
       "of '@d'\n"
       ".data @d size 2\n"
       "              ^"},
      {".data @d\n  .byte 1, 256\n.end\n",
       "test.cas:2:12: error: integer '256' does not fit in 8 bits\n"
       "  .byte 1, 256\n"
       "           ^"},
      {".data @d align 3\n.end\n",
       "test.cas:1:16: error: alignment must be a power of 2\n"
       ".data @d align 3\n"
       "               ^"},
      {".data @d\n  .ascii \"a\\q\"\n.end\n",
       "test.cas:2:12: error: unknown escape sequence '\\q'\n"
       "  .ascii \"a\\q\"\n"
       "           ^"},
      {".frob 1\n", "test.cas:1:1: error: unknown directive '.frob'\n"
                    ".frob 1\n"
                    "^"},
      {".ascii \"x\"\n",
       "test.cas:1:1: error: '.ascii' is only allowed inside .data ... .end\n"
       ".ascii \"x\"\n"
       "^"},
      {".end\n", "test.cas:1:1: error: '.end' without an open .func or .data\n"
                 ".end\n"
                 "^"},
      {".func @f()\n\tbr r1, a b\n.end\n",
       "test.cas:2:11: error: expected ',' or end of line, found 'b'\n"
       "\tbr r1, a b\n"
       "\t         ^"},
      {".func @f()\n  lf32 r1, 0x1ffffffff\n.end\n",
       "test.cas:2:12: error: bit pattern '0x1ffffffff' does not fit in 32 "
       "bits\n"
       "  lf32 r1, 0x1ffffffff\n"
       "           ^"},
      {".func @f()\n  lf64 r1, 1.5.2\n.end\n",
       "test.cas:2:12: error: invalid floating-point number '1.5.2'\n"
       "  lf64 r1, 1.5.2\n"
       "           ^"},
      {".func @f()\n  mov r1, % \n.end\n",
       "test.cas:2:11: error: expected a name after '%'\n"
       "  mov r1, % \n"
       "          ^"},
      {".func @f()\n  mov r1, #3\n.end\n",
       "test.cas:2:11: error: unexpected character '#'\n"
       "  mov r1, #3\n"
       "          ^"},
      {".import f\n.func @f()\n.end\n",
       "test.cas:1:9: error: '@f' is defined in this module and cannot also "
       "be imported\n"
       ".import f\n"
       "        ^"},
      {".func @f()\n  call [r1, 2], @f, []\n.end\n",
       "test.cas:2:13: error: expected register, found '2' (operand 1 of "
       "'call')\n"
       "  call [r1, 2], @f, []\n"
       "            ^"},
      {".func @f()\n  switch r1, d, [1 d]\n.end\n",
       "test.cas:2:20: error: expected ',' or ']', found 'd'\n"
       "  switch r1, d, [1 d]\n"
       "                   ^"},
      {".func @f(r2)\n.end\n",
       "test.cas:1:10: error: expected parameter ('%name', 'r1' or '_'), "
       "found 'r2'\n"
       ".func @f(r2)\n"
       "         ^"},
  };
  for (const ErrorCase &test : cases) {
    SCOPED_TRACE(test.source);
    EXPECT_EQ(errorOf(test.source), test.message);
  }
}

TEST(AssemblyErrors, ErrorsAreCometErrors) {
  EXPECT_THROW(parseText(".func @f()\n  nope\n.end\n"), Error);
  EXPECT_EQ(errorOf(""), "");
  EXPECT_EQ(parseText("; only a comment\n\n"), Module{});
}

TEST(AssemblyErrors, DamagedTextIsAnErrorOrARoundTrip) {
  // Every one-character deletion or replacement of a rich module either
  // parses (and then round-trips) or is a comet::Error; nothing else.
  std::string text = RichModule;
  const char replacements[] = {'\n', '"', '%', '@',  '[', ':',
                               '-',  '0', 'x', '\\', '\''};
  size_t parsed = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    std::vector<std::string> variants = {text.substr(0, i) +
                                         text.substr(i + 1)};
    for (char c : replacements)
      variants.push_back(text.substr(0, i) + c + text.substr(i + 1));
    for (const std::string &variant : variants) {
      try {
        Module module = parseText(variant);
        ++parsed;
        EXPECT_EQ(parseText(print(module)), module) << variant;
      } catch (const Error &) {
      }
    }
  }
  EXPECT_GT(parsed, 0u);
}

} // namespace
} // namespace comet::assembly
