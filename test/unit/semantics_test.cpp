// Edge cases of the arithmetic semantics every width shares.
#include "semantics.h"

#include <gtest/gtest.h>

using namespace comet::sem;

TEST(Semantics, WrappingArithmeticAtEachWidth) {
  EXPECT_EQ(ADD<uint8_t>(250, 10), 4);
  EXPECT_EQ(ADD<uint16_t>(65535, 1), 0);
  EXPECT_EQ(SUB<uint32_t>(0, 1), 0xffffffffu);
  EXPECT_EQ(MUL<uint16_t>(0xffff, 0xffff), 1); // no int promotion overflow
  EXPECT_EQ(MUL<uint64_t>(uint64_t(1) << 63, 2), 0u);
  EXPECT_EQ(NEG<uint8_t>(1), 0xff);
}

TEST(Semantics, ShiftsAtAndPastTheWidth) {
  EXPECT_EQ(SHL<uint8_t>(1, 7), 0x80);
  EXPECT_EQ(SHL<uint8_t>(1, 8), 0);
  EXPECT_EQ(SHL<uint64_t>(1, 64), 0u);
  EXPECT_EQ(LSHR<uint32_t>(0x80000000u, 31), 1u);
  EXPECT_EQ(LSHR<uint32_t>(0x80000000u, 32), 0u);
  EXPECT_EQ(ASHR<uint16_t>(0x8000, 15), 0xffff);
  EXPECT_EQ(ASHR<uint16_t>(0x8000, 200), 0xffff);
  EXPECT_EQ(ASHR<uint16_t>(0x4000, 200), 0);
  EXPECT_EQ(ROTL<uint8_t>(0x81, 1), 0x03);
  EXPECT_EQ(ROTL<uint8_t>(0x81, 9), 0x03); // modulo the width
  EXPECT_EQ(ROTR<uint32_t>(1, 1), 0x80000000u);
  EXPECT_EQ(FSHL<uint8_t>(0x12, 0x34, 4), 0x23);
  EXPECT_EQ(FSHR<uint8_t>(0x12, 0x34, 4), 0x23);
  EXPECT_EQ(FSHL<uint8_t>(0x12, 0x34, 8), 0x12);
  EXPECT_EQ(FSHR<uint8_t>(0x12, 0x34, 8), 0x34);
}

TEST(Semantics, DivisionTrapsAndSigns) {
  uint32_t out = 0;
  EXPECT_EQ(SDIV<uint32_t>(7, 0, out), DivideStatus::ByZero);
  EXPECT_EQ(UREM<uint32_t>(7, 0, out), DivideStatus::ByZero);
  EXPECT_EQ(SDIV<uint32_t>(0x80000000u, 0xffffffffu, out),
            DivideStatus::Overflow);
  EXPECT_EQ(SREM<uint32_t>(0x80000000u, 0xffffffffu, out),
            DivideStatus::Overflow);
  ASSERT_EQ(SDIV<uint32_t>(uint32_t(-7), 2, out), DivideStatus::Ok);
  EXPECT_EQ(int32_t(out), -3);
  ASSERT_EQ(SREM<uint32_t>(uint32_t(-7), 2, out), DivideStatus::Ok);
  EXPECT_EQ(int32_t(out), -1);
  uint8_t small = 0;
  ASSERT_EQ(SDIV<uint8_t>(0x80, 0xff, small), DivideStatus::Overflow);
  ASSERT_EQ(UDIV<uint8_t>(0x80, 0xff, small), DivideStatus::Ok);
  EXPECT_EQ(small, 0);
}

TEST(Semantics, BitCounting) {
  EXPECT_EQ(CLZ<uint8_t>(0), 8);
  EXPECT_EQ(CLZ<uint16_t>(1), 15);
  EXPECT_EQ(CTZ<uint32_t>(0), 32u);
  EXPECT_EQ(CTZ<uint64_t>(uint64_t(1) << 63), 63u);
  EXPECT_EQ(POPCOUNT<uint64_t>(~uint64_t(0)), 64u);
  EXPECT_EQ(BSWAP<uint16_t>(0x1234), 0x3412);
  EXPECT_EQ(BSWAP<uint32_t>(0x12345678), 0x78563412u);
  EXPECT_EQ(BSWAP<uint8_t>(0xab), 0xab);
  EXPECT_EQ(BITREVERSE<uint8_t>(0x01), 0x80);
  EXPECT_EQ(BITREVERSE<uint16_t>(0x0003), 0xc000);
  EXPECT_EQ(BITREVERSE<uint64_t>(1), uint64_t(1) << 63);
}

TEST(Semantics, OverflowFlagsAndSaturation) {
  bool overflow;
  EXPECT_EQ(UADDO<uint8_t>(200, 100, overflow), 44);
  EXPECT_TRUE(overflow);
  EXPECT_EQ(SADDO<uint8_t>(100, 27, overflow), 127);
  EXPECT_FALSE(overflow);
  SADDO<uint8_t>(100, 28, overflow);
  EXPECT_TRUE(overflow);
  USUBO<uint16_t>(0, 1, overflow);
  EXPECT_TRUE(overflow);
  SSUBO<uint32_t>(0x80000000u, 1, overflow);
  EXPECT_TRUE(overflow);
  UMULO<uint64_t>(uint64_t(1) << 32, uint64_t(1) << 32, overflow);
  EXPECT_TRUE(overflow);
  SMULO<uint8_t>(0xff, 0xff, overflow); // -1 * -1
  EXPECT_FALSE(overflow);
  EXPECT_EQ(UADDSAT<uint8_t>(200, 100), 255);
  EXPECT_EQ(USUBSAT<uint8_t>(1, 2), 0);
  EXPECT_EQ(SADDSAT<uint8_t>(100, 100), 127);
  EXPECT_EQ(SADDSAT<uint8_t>(0x80, 0xff), 0x80);
  EXPECT_EQ(SSUBSAT<uint16_t>(0x8000, 1), 0x8000);
  EXPECT_EQ(SSUBSAT<uint16_t>(0x7fff, 0xffff), 0x7fff);
  EXPECT_EQ(ABS<uint8_t>(0x80), 0x80);
  EXPECT_EQ(ABS<uint8_t>(0xff), 1);
}

TEST(Semantics, WidthChanges) {
  EXPECT_EQ(signExtend(0x1, 1, 64), ~uint64_t(0));
  EXPECT_EQ(signExtend(0x80, 8, 32), 0xffffff80u);
  EXPECT_EQ(signExtend(0x7f, 8, 16), 0x7fu);
  EXPECT_EQ(signExtend(0x10000, 17, 64), 0xffffffffffff0000u);
  EXPECT_EQ(lowBits(~uint64_t(0), 17), 0x1ffffu);
  EXPECT_EQ(lowBits(~uint64_t(0), 64), ~uint64_t(0));
}

TEST(Semantics, FloatEdgeCases) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(FMIN(nan, 1.0), 1.0);
  EXPECT_TRUE(std::isnan(FMINIMUM(nan, 1.0)));
  EXPECT_TRUE(std::signbit(FMINIMUM(0.0, -0.0)));
  EXPECT_FALSE(std::signbit(FMAXIMUM(-0.0, 0.0)));
  EXPECT_TRUE(FCMP_UNO(nan, 1.0));
  EXPECT_FALSE(FCMP_OEQ(nan, nan));
  EXPECT_TRUE(FCMP_UNE(nan, nan));
  EXPECT_TRUE(FCMP_UEQ(nan, 1.0));
  EXPECT_FALSE(FCMP_ONE(nan, 1.0));
  EXPECT_TRUE(FCMP_OEQ(0.0, -0.0));
  EXPECT_EQ(ROUND(2.5), 3.0);
  EXPECT_EQ(ROUNDEVEN(2.5), 2.0);
  EXPECT_EQ(ROUND(-2.5), -3.0);
  EXPECT_EQ(FREM(-7.0, 2.0), -1.0);
  EXPECT_EQ(FPTOSI(nan, 32), 0u);
  EXPECT_EQ(FPTOSI(inf, 32), 0x7fffffffu);
  EXPECT_EQ(FPTOSI(-inf, 8), 0x80u);
  EXPECT_EQ(FPTOSI(-1.9, 64), ~uint64_t(0));
  EXPECT_EQ(FPTOSI(1e300, 64), uint64_t(INT64_MAX));
  EXPECT_EQ(FPTOUI(-1.0, 32), 0u);
  EXPECT_EQ(FPTOUI(1e20, 64), ~uint64_t(0));
  EXPECT_EQ(FPTOUI(255.9f, 8), 255u);
  EXPECT_EQ(FPTOUI(256.0f, 8), 255u);
  EXPECT_EQ(bitsOf(-0.0f), 0x80000000u);
  EXPECT_EQ(asF32(0x3fc00000), 1.5f);
}
