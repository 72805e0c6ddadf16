; A getelementptr in a loop whose pointer and leading indices are the same
; on every iteration (a row of a matrix) has that prefix computed once, in
; the loop's preheader; the loop adds only the varying index.
; RUN: comet-vm lower %s --no-comments | FileCheck --check-prefix=ASM %s
; RUN: comet-vm run %s | FileCheck %s
; RUN: comet-vm lower %s > %t.cas
; RUN: comet-vm run %t.cas | FileCheck %s
; CHECK: rows=496 later=220 two=296

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@m = global [4 x [8 x i32]] zeroinitializer
@.out = private constant [28 x i8] c"rows=%ld later=%ld two=%ld\0A\00"

; The row's address (@m + %i * 32) before the inner loop, its element's
; inside.
; ASM-LABEL: .func @rows(
; ASM:      outer:
; ASM:      addmul [[ROW:r[0-9]+]], r{{[0-9]+}}, %i, 32
; ASM-NOT:  addmul
; ASM:      inner:
; ASM-NOT:  addmul
; ASM:      addmul %p, [[ROW]], %j, 4
; ASM-NOT:  addmul
; ASM:      outer.end:
define i64 @rows() {
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %outer.end ]
  %acc = phi i64 [ 0, %entry ], [ %acc.inner, %outer.end ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %acc.in = phi i64 [ %acc, %outer ], [ %acc.inner, %inner ]
  %p = getelementptr inbounds [4 x [8 x i32]], ptr @m, i64 0, i64 %i, i64 %j
  %v = load i32, ptr %p
  %v64 = zext i32 %v to i64
  %acc.inner = add i64 %acc.in, %v64
  %j.next = add i64 %j, 1
  %more = icmp ult i64 %j.next, 8
  br i1 %more, label %inner, label %outer.end
outer.end:
  %i.next = add i64 %i, 1
  %again = icmp ult i64 %i.next, 4
  br i1 %again, label %outer, label %done
done:
  ret i64 %acc.inner
}

; The same with the preheader written after the loop: the loop's code
; comes first and reads the register the preheader fills.
; ASM-LABEL: .func @later(
; ASM:      addmul %q, [[ROW2:r[0-9]+]], %k, 4
; ASM:      addmul [[ROW2]], r{{[0-9]+}}, %row, 32
define i64 @later(i64 %row) {
entry:
  br label %pre
loop:
  %k = phi i64 [ 0, %pre ], [ %k.next, %loop ]
  %sum = phi i64 [ 0, %pre ], [ %sum.next, %loop ]
  %q = getelementptr inbounds [4 x [8 x i32]], ptr @m, i64 0, i64 %row, i64 %k
  %w = load i32, ptr %q
  %w64 = zext i32 %w to i64
  %sum.next = add i64 %sum, %w64
  %k.next = add i64 %k, 1
  %more = icmp ult i64 %k.next, 8
  br i1 %more, label %loop, label %done
done:
  ret i64 %sum.next
pre:
  br label %loop
}

; A loop entered from two blocks has no preheader: nothing moves.
; ASM-LABEL: .func @two(
; ASM:      loop:
; ASM-NOT:  li
; ASM:      addmul [[TMP:r[0-9]+]], r{{[0-9]+}}, %row, 32
; ASM-NOT:  li
; ASM:      addmul %q, [[TMP]], %k, 4
define i64 @two(i64 %row, i1 %skip) {
entry:
  br i1 %skip, label %loop, label %first
first:
  br label %loop
loop:
  %k = phi i64 [ 0, %entry ], [ 1, %first ], [ %k.next, %loop ]
  %sum = phi i64 [ 0, %entry ], [ 100, %first ], [ %sum.next, %loop ]
  %q = getelementptr inbounds [4 x [8 x i32]], ptr @m, i64 0, i64 %row, i64 %k
  %w = load i32, ptr %q
  %w64 = zext i32 %w to i64
  %sum.next = add i64 %sum, %w64
  %k.next = add i64 %k, 1
  %more = icmp ult i64 %k.next, 8
  br i1 %more, label %loop, label %done
done:
  ret i64 %sum.next
}

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  br label %fill
fill:
  %n = phi i64 [ 0, %entry ], [ %n.next, %fill ]
  %cell = getelementptr inbounds i32, ptr @m, i64 %n
  %value = trunc i64 %n to i32
  store i32 %value, ptr %cell
  %n.next = add i64 %n, 1
  %full = icmp eq i64 %n.next, 32
  br i1 %full, label %report, label %fill
report:
  %rows = call i64 @rows()
  %later = call i64 @later(i64 3)
  %two = call i64 @two(i64 3, i1 false)
  call i32 (ptr, ...) @printf(ptr @.out, i64 %rows, i64 %later, i64 %two)
  ret i32 0
}
