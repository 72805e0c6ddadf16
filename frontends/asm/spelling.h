// How names, strings and numbers are spelled in Comet assembly. Shared by
// the lexer, the parser and the printer so that what one writes the other
// reads back.
#ifndef COMET_ASM_SPELLING_H
#define COMET_ASM_SPELLING_H

#include <cstdint>
#include <string>
#include <string_view>

namespace comet::assembly {

// Characters of unquoted %register and @global names.
bool isNameChar(char c);
// Bare words: mnemonics, directives, keywords and labels.
bool isWordStart(char c);
bool isWordChar(char c);
bool isWord(std::string_view text);

// "0x..." / "0b..." / decimal digits, whatever the magnitude.
bool isIntegerSyntax(std::string_view text);

enum class NumberStatus { Ok, Invalid, OutOfRange, NegativeBits };

// An integer of `bits` bits: -2^(bits-1) .. 2^bits - 1, returned as two's
// complement in 64 bits.
NumberStatus parseInteger(std::string_view digits, bool negative, unsigned bits,
                          uint64_t &value);

// A float immediate as its bit pattern (f32 bits zero-extended). Accepts
// decimal and hex floats, "inf", "nan" and raw bits as a hex integer.
NumberStatus parseFloatBits(std::string_view text, bool negative, bool isF32,
                            uint64_t &bits);

// Shortest text that parseFloatBits reads back to the same bits.
std::string formatF64(uint64_t bits);
std::string formatF32(uint64_t bits);

// Where the name of an unquoted @global ends in `text` (which starts after
// the '@'): before a trailing "-<integer>", which is an addend.
size_t globalNameLength(std::string_view text);

// "text" with escapes for quotes, backslashes and unprintable bytes.
std::string quoted(std::string_view text);
// %name / @name / label, quoted when the bare form would read differently.
std::string registerSpelling(std::string_view name);
std::string globalSpelling(std::string_view name);
std::string labelSpelling(std::string_view name);

} // namespace comet::assembly

#endif
