; Vector operations whose lanes sit in consecutive registers become one
; vector instruction each (constant lanes get a block of their own, set at
; the entry); an array index becomes one addmul. Under UB checks, integer
; lanes are checked one by one.
; RUN: comet-vm run %s | FileCheck %s
; CHECK: 3 9 15 21 | -4.5 1
; RUN: comet-vm lower %s --no-comments | FileCheck --check-prefix=ASM %s
; ASM:      addmul %row, r{{[0-9]+}}, %i, 16
; ASM:      vld.u32 %v.0, %row, 0, 4
; ASM:      vmul.i32 %scaled.0, %v.0, r[[THREES:[0-9]+]], 4
; ASM:      vsub.i32 %less.0, %scaled.0, %v.0, 4
; ASM:      vst.32 %less.0, %row, 0, 4
; ASM:      vfadd.f64 %fs.0, %f.0, %f.0, 2
; ASM:      vst.64 r{{[0-9]+}}, %tmp, 0, 2
; ASM:      vfneg.f64 %n.0, %g.0, 2
; RUN: comet-vm check-phases %s --passes='function(instcombine)' | FileCheck --check-prefix=PHASES %s
; PHASES: no-divergence

@table = global [2 x [4 x i32]] [[4 x i32] [i32 0, i32 0, i32 0, i32 0], [4 x i32] [i32 1, i32 4, i32 7, i32 10]]
@format = private constant [25 x i8] c"%d %d %d %d | %.1f %.0f\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  %i = add i64 0, 1
  %row = getelementptr [2 x [4 x i32]], ptr @table, i64 0, i64 %i
  %v = load <4 x i32>, ptr %row, align 16
  %scaled = mul <4 x i32> %v, <i32 3, i32 3, i32 3, i32 3>
  %less = sub <4 x i32> %scaled, %v
  store <4 x i32> %less, ptr %row, align 16
  %w = load <4 x i32>, ptr %row, align 16
  %x = add <4 x i32> %w, <i32 1, i32 1, i32 1, i32 1>
  %a = extractelement <4 x i32> %x, i64 0
  %b = extractelement <4 x i32> %x, i64 1
  %c = extractelement <4 x i32> %x, i64 2
  %d = extractelement <4 x i32> %x, i64 3
  %f0 = insertelement <2 x double> poison, double 2.25, i64 0
  %f = insertelement <2 x double> %f0, double -0.5, i64 1
  %fs = fadd <2 x double> %f, %f
  %tmp = alloca <2 x double>, align 16
  store <2 x double> zeroinitializer, ptr %tmp, align 16
  %zero = load <2 x double>, ptr %tmp, align 16
  %g = fadd <2 x double> %fs, %zero
  %n = fneg <2 x double> %g
  %g0 = extractelement <2 x double> %n, i64 0
  %g1 = extractelement <2 x double> %n, i64 1
  %r = call i32 (ptr, ...) @printf(ptr @format, i32 %a, i32 %b, i32 %c, i32 %d, double %g0, double %g1)
  ret i32 0
}
