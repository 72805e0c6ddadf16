// RUN: %difftest %s
// limits_types.c — the type system as clang's x86-64 target sees it:
// sizeof/_Alignof of scalar, pointer, struct and union types, limits.h
// and stdint.h limits, inttypes.h print macros (PRId8..PRIu64, PRIxMAX),
// float.h constants, stdbool semantics, enums with explicit values,
// assert.h (passing assertions only), and _Static_assert.
#include <assert.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum Color { RED = -2, GREEN, BLUE = 10, ALPHA, LAST = 0x7fffffff };
struct Mixed { char c; double d; short s; int i; char tail[3]; };
union Any { char c; int i; double d; char bytes[12]; };
_Static_assert(sizeof(int64_t) == 8, "int64_t is 8 bytes");

int main(void) {
  printf("sizes: char %zu short %zu int %zu long %zu llong %zu ptr %zu float %zu double %zu size_t %zu\n", sizeof(char),
         sizeof(short), sizeof(int), sizeof(long), sizeof(long long), sizeof(void *), sizeof(float), sizeof(double),
         sizeof(size_t));
  printf("align: short %zu int %zu double %zu Mixed %zu Any %zu\n", _Alignof(short), _Alignof(int), _Alignof(double),
         _Alignof(struct Mixed), _Alignof(union Any));
  printf("struct Mixed %zu union Any %zu enum %zu bool %zu\n", sizeof(struct Mixed), sizeof(union Any), sizeof(enum Color), sizeof(bool));
  printf("CHAR_BIT %d SCHAR %d..%d UCHAR_MAX %d CHAR %d..%d\n", CHAR_BIT, SCHAR_MIN, SCHAR_MAX, UCHAR_MAX, CHAR_MIN, CHAR_MAX);
  printf("SHRT %d..%d USHRT_MAX %d INT %d..%d UINT_MAX %u\n", SHRT_MIN, SHRT_MAX, USHRT_MAX, INT_MIN, INT_MAX, UINT_MAX);
  printf("LONG %ld..%ld ULONG_MAX %lu LLONG_MAX %lld\n", LONG_MIN, LONG_MAX, ULONG_MAX, LLONG_MAX);
  printf("int8 %" PRId8 "..%" PRId8 " uint8 %" PRIu8 " int16 %" PRId16 " uint16 %" PRIu16 "\n", INT8_MIN, INT8_MAX, UINT8_MAX, INT16_MIN, UINT16_MAX);
  printf("int32 %" PRId32 " uint32 %" PRIu32 " int64 %" PRId64 " uint64 %" PRIu64 " hex %" PRIx64 "\n", INT32_MIN, UINT32_MAX, INT64_MIN,
         UINT64_MAX, UINT64_MAX);
  printf("intmax %" PRIdMAX " uintmax %" PRIxMAX " intptr %zu SIZE_MAX %zu PTRDIFF_MAX %td\n", INTMAX_MAX, UINTMAX_MAX, sizeof(intptr_t),
         SIZE_MAX, PTRDIFF_MAX);
  printf("fast8 %zu least16 %zu fast32 %zu\n", sizeof(int_fast8_t), sizeof(int_least16_t), sizeof(uint_fast32_t));
  printf("FLT_RADIX %d FLT_MANT_DIG %d DBL_MAX_EXP %d DBL_MIN_EXP %d FLT_MAX_10_EXP %d DBL_DECIMAL_DIG %d\n", FLT_RADIX, FLT_MANT_DIG,
         DBL_MAX_EXP, DBL_MIN_EXP, FLT_MAX_10_EXP, DBL_DECIMAL_DIG);
  printf("FLT_EPSILON %a DBL_EPSILON %a FLT_MAX %a\n", (double)FLT_EPSILON, DBL_EPSILON, (double)FLT_MAX);
  printf("enum: %d %d %d %d %d\n", RED, GREEN, BLUE, ALPHA, LAST);
  bool t = 5, f = 0, neg = -1;
  bool sum = t + t;
  printf("bool: %d %d %d %d %d true+true=%d\n", t, f, neg, !t, t && neg, sum);
  int x = 10;
  assert(x == 10);
  assert(sizeof(struct Mixed) % _Alignof(double) == 0);
  union Any any = {.d = 1.0};
  printf("union bytes of 1.0:");
  for (int i = 0; i < 8; i++) printf(" %02x", (unsigned char)any.bytes[i]);
  putchar('\n');
  printf("char is signed: %d, -1 >> 1 = %d, (unsigned)-1 >> 31 = %u\n", (char)-1 < 0, -1 >> 1, (unsigned)-1 >> 31);
  printf("integer division truncates: %d %d %d %d\n", 7 / -2, -7 / 2, 7 % -2, -7 % 2);
  printf("'a'=%d sizeof('a')=%zu sizeof(\"abc\")=%zu\n", 'a', sizeof('a'), sizeof("abc"));
  return 0;
}
