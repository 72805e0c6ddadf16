; A scalar inserted into a poison vector that only shuffles and extracts
; read needs no code: every lane of it is the scalar's register (the poison
; lanes may hold that value too), so a splat is one copy a lane. Inserted
; into a vector another instruction reads whole (which needs its lanes in
; consecutive registers), it is lowered as before.
; RUN: comet-vm lower %s | FileCheck --check-prefix=ASM %s
; RUN: comet-vm run %s | FileCheck %s
; RUN: comet-vm lower %s > %t.cas
; RUN: comet-vm run %t.cas | FileCheck %s
; CHECK: scaled=6,9 lane=3 whole=4,7
;
; ASM-LABEL: .func @scale(
; ASM-DAG: .alias %one.0, %k
; ASM-DAG: .alias %one.1, %k
; ASM: mov %splat.0, %k
; ASM-NEXT: mov %splat.1, %k
; ASM: vmul.i64 %r.0, %v.0, %splat.0, 2
; ASM-LABEL: .func @lane(
; ASM-DAG: .alias %one.0, %k
; ASM-DAG: .alias %x, %k
; ASM-LABEL: .func @whole(
; ASM: mov %one.0, %k
; ASM-NEXT: mov %one.1, r0
; ASM: vadd.i64 %r.0, %v.0, %one.0, 2

target triple = "x86_64-pc-linux-gnu"

@format = private constant [44 x i8] c"scaled=%lld,%lld lane=%lld whole=%lld,%lld\0A\00"

define <2 x i64> @scale(<2 x i64> %v, i64 %k) {
  %one = insertelement <2 x i64> poison, i64 %k, i64 0
  %splat = shufflevector <2 x i64> %one, <2 x i64> poison, <2 x i32> zeroinitializer
  %r = mul <2 x i64> %v, %splat
  ret <2 x i64> %r
}

define i64 @lane(i64 %k) {
  %one = insertelement <2 x i64> poison, i64 %k, i64 0
  %x = extractelement <2 x i64> %one, i64 0
  ret i64 %x
}

; The poison lane reads as zero here: `whole`'s second lane is only %v's.
define <2 x i64> @whole(<2 x i64> %v, i64 %k) {
  %one = insertelement <2 x i64> poison, i64 %k, i64 0
  %r = add <2 x i64> %v, %one
  ret <2 x i64> %r
}

define i32 @main() {
  %s = call <2 x i64> @scale(<2 x i64> <i64 2, i64 3>, i64 3)
  %s0 = extractelement <2 x i64> %s, i64 0
  %s1 = extractelement <2 x i64> %s, i64 1
  %l = call i64 @lane(i64 3)
  %w = call <2 x i64> @whole(<2 x i64> <i64 1, i64 7>, i64 3)
  %w0 = extractelement <2 x i64> %w, i64 0
  %w1 = extractelement <2 x i64> %w, i64 1
  %p = call i32 (ptr, ...) @printf(ptr @format, i64 %s0, i64 %s1, i64 %l, i64 %w0, i64 %w1)
  ret i32 0
}

declare i32 @printf(ptr, ...)
