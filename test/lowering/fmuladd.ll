; llvm.fmuladd on x86-64 without FMA is what the native code does: a
; multiply rounded, then an add rounded: one fmuladd instruction for a
; scalar, one vfmuladd for a vector in consecutive registers. With +fma in the
; function's target features it is fused, as the native code would be.
; RUN: comet-vm lower %s | FileCheck --check-prefix=ASM %s
; RUN: comet-vm run %s | FileCheck %s
; CHECK: scalar=0x0p+0 lanes=0x0p+0,0x1p+2 fused=-0x1p-56
; CHECK: sums=0x1.8p+2,0x1.8p+3
;
; ASM-LABEL: .func @scalar(
; ASM: fmuladd.f64 %r, %a, %b, %c
; ASM-LABEL: .func @lanes(
; ASM: vfmuladd.f64 %r.0, %a.0, %b.0, %c.0, 2
; ASM-LABEL: .func @fused(
; ASM: fma.f64 %r, %a, %b, %c
; A vector accumulator is multiplied-and-added in place: vfmuladd reads
; lane k of its operands before it writes lane k, so the sum shares the
; phi's registers and the loop copies nothing.
; ASM-LABEL: .func @sums(
; ASM:      loop:
; ASM-NOT:  mov
; ASM:      vfmuladd.f64 %acc.0, %x.0, %y.0, %acc.0, 2
; ASM-NOT:  mov
; ASM:      ret

target triple = "x86_64-pc-linux-gnu"

@format = private constant [32 x i8] c"scalar=%a lanes=%a,%a fused=%a\0A\00"
@sumsFormat = private constant [12 x i8] c"sums=%a,%a\0A\00"

define double @scalar(double %a, double %b, double %c) #0 {
  %r = call double @llvm.fmuladd.f64(double %a, double %b, double %c)
  ret double %r
}

define <2 x double> @lanes(<2 x double> %a, <2 x double> %b, <2 x double> %c) #0 {
  %r = call <2 x double> @llvm.fmuladd.v2f64(<2 x double> %a, <2 x double> %b, <2 x double> %c)
  ret <2 x double> %r
}

define double @fused(double %a, double %b, double %c) #1 {
  %r = call double @llvm.fmuladd.f64(double %a, double %b, double %c)
  ret double %r
}

define <2 x double> @sums(<2 x double> %x, <2 x double> %y, i64 %n) #0 {
entry:
  br label %loop
loop:
  %acc = phi <2 x double> [ zeroinitializer, %entry ], [ %acc.next, %loop ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc.next = call <2 x double> @llvm.fmuladd.v2f64(<2 x double> %x, <2 x double> %y, <2 x double> %acc)
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret <2 x double> %acc.next
}

define i32 @main() #0 {
  ; (1 + 2^-28)(1 - 2^-28) - 1 is -2^-56, but the product rounds to 1 first
  %s = call double @scalar(double 0x3FF0000001000000, double 0x3FEFFFFFFE000000, double -1.0)
  %v = call <2 x double> @lanes(<2 x double> <double 0x3FF0000001000000, double 2.0>, <2 x double> <double 0x3FEFFFFFFE000000, double 3.0>, <2 x double> <double -1.0, double -2.0>)
  %v0 = extractelement <2 x double> %v, i64 0
  %v1 = extractelement <2 x double> %v, i64 1
  %f = call double @fused(double 0x3FF0000001000000, double 0x3FEFFFFFFE000000, double -1.0)
  %p = call i32 (ptr, ...) @printf(ptr @format, double %s, double %v0, double %v1, double %f)
  %sums = call <2 x double> @sums(<2 x double> <double 1.5, double 2.0>, <2 x double> <double 1.0, double 1.5>, i64 4)
  %sum0 = extractelement <2 x double> %sums, i64 0
  %sum1 = extractelement <2 x double> %sums, i64 1
  %q = call i32 (ptr, ...) @printf(ptr @sumsFormat, double %sum0, double %sum1)
  ret i32 0
}

declare double @llvm.fmuladd.f64(double, double, double)
declare <2 x double> @llvm.fmuladd.v2f64(<2 x double>, <2 x double>, <2 x double>)
declare i32 @printf(ptr, ...)

attributes #0 = { "target-features"="+sse2" }
attributes #1 = { "target-features"="+fma,+sse2" }
