; A getelementptr of constant indices that only loads and stores use, as
; their address, has no code: they add its offset themselves, and the
; source map keeps its name as the base register plus the offset.
; RUN: comet-vm lower %s --no-comments | FileCheck --check-prefix=ASM %s
; RUN: comet-vm run %s | FileCheck %s
; RUN: comet-vm lower %s > %t.cas
; RUN: comet-vm run %t.cas | FileCheck %s
; CHECK: fields=111 walked=60 kept=18

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@table = global [3 x i64] [i64 1, i64 2, i64 3]
@.kept = private constant [32 x i8] c"fields=%ld walked=%ld kept=%ld\0A\00"

; Loads and a store at offsets from one pointer, one of them negative.
; ASM-LABEL: .func @fields(
; ASM-DAG:  .alias %b, %p + 8
; ASM-DAG:  .alias %c, %p + 16
; ASM-DAG:  .alias %before, %p - 8
; ASM-NOT:  add.i64
; ASM:      ld.64 %va, %p, 0
; ASM:      ld.64 %vb, %p, 8
; ASM:      ld.64 %vbefore, %p, -8
; ASM:      st.64 %sum, %p, 16
define i64 @fields(ptr %p) {
  %b = getelementptr inbounds i8, ptr %p, i64 8
  %c = getelementptr inbounds i64, ptr %p, i64 2
  %before = getelementptr inbounds i64, ptr %p, i64 -1
  %va = load i64, ptr %p
  %vb = load i64, ptr %b
  %vbefore = load i64, ptr %before
  %s = add i64 %va, %vb
  %sum = add i64 %s, %vbefore
  store i64 %sum, ptr %c
  ret i64 %sum
}

; A pointer stepped around a loop lives in one register with its next
; value; an address taken from it is read in its own block before the step
; (folded), another only in the next block (computed).
; ASM-LABEL: .func @walk(
; ASM:      .alias %p, %start
; ASM-NEXT: .alias %second, %start + 8
; ASM-NOT:  .alias %later
; ASM:      add.i64 %later, %start, r{{[0-9]+}}
; ASM:      ld.64 %x, %start, 8
; ASM:      add.i64 %start, %start, r{{[0-9]+}}
; ASM:      tail:
; ASM:      ld.64 %y, %later, 0
define i64 @walk(ptr %start, i64 %n) {
entry:
  br label %loop
loop:
  %p = phi ptr [ %start, %entry ], [ %p.next, %tail ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %tail ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %tail ]
  %second = getelementptr inbounds i64, ptr %p, i64 1
  %later = getelementptr inbounds i64, ptr %p, i64 1
  %x = load i64, ptr %second
  %p.next = getelementptr inbounds i64, ptr %p, i64 2
  br label %tail
tail:
  %y = load i64, ptr %later
  %xy = add i64 %x, %y
  %acc.next = add i64 %acc, %xy
  %i.next = add i64 %i, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret i64 %acc.next
}

; A field of a global (a constant getelementptr) is its global's hoisted
; register plus the offset.
; ASM-LABEL: .func @second(
; ASM:      addr [[TABLE:r[0-9]+]], @table
; ASM-NOT:  add.i64
; ASM:      ld.64 %v, [[TABLE]], 8
; ASM:      st.64 %v, [[TABLE]], 16
define i64 @second() {
  %v = load i64, ptr getelementptr inbounds (i8, ptr @table, i64 8)
  store i64 %v, ptr getelementptr inbounds ([3 x i64], ptr @table, i64 0, i64 2)
  ret i64 %v
}

; An address that is also stored, or passed on, is a value of its own.
; ASM-LABEL: .func @kept(
; ASM:      add.i64 %slot, %p, r{{[0-9]+}}
; ASM:      st.64 %slot, %p, 0
define i64 @kept(ptr %p) {
  %slot = getelementptr inbounds i8, ptr %p, i64 8
  store ptr %slot, ptr %p
  %back = load ptr, ptr %p
  %v = load i64, ptr %back
  ret i64 %v
}

declare i32 @printf(ptr, ...)

define i32 @main() {
  %record = alloca [4 x i64]
  %first = getelementptr inbounds i64, ptr %record, i64 1
  store i64 100, ptr %record
  store i64 1, ptr %first
  %third = getelementptr inbounds i64, ptr %record, i64 2
  store i64 10, ptr %third
  %fields = call i64 @fields(ptr %first)
  %array = alloca [8 x i64]
  %a1 = getelementptr inbounds i64, ptr %array, i64 1
  %a3 = getelementptr inbounds i64, ptr %array, i64 3
  %a5 = getelementptr inbounds i64, ptr %array, i64 5
  %a7 = getelementptr inbounds i64, ptr %array, i64 7
  %a2 = getelementptr inbounds i64, ptr %array, i64 2
  %a4 = getelementptr inbounds i64, ptr %array, i64 4
  %a6 = getelementptr inbounds i64, ptr %array, i64 6
  store i64 0, ptr %array
  store i64 5, ptr %a1
  store i64 0, ptr %a2
  store i64 10, ptr %a3
  store i64 0, ptr %a4
  store i64 15, ptr %a5
  store i64 0, ptr %a6
  store i64 15, ptr %a7
  %walked = call i64 @walk(ptr %array, i64 3)
  %cell = alloca [2 x i64]
  %cell1 = getelementptr inbounds i64, ptr %cell, i64 1
  store i64 7, ptr %cell1
  %kept = call i64 @kept(ptr %cell)
  %second = call i64 @second()
  %third3 = load i64, ptr getelementptr inbounds (i8, ptr @table, i64 16)
  %kept2 = add i64 %kept, %second
  %kept3 = mul i64 %kept2, %third3
  call i32 (ptr, ...) @printf(ptr @.kept, i64 %fields, i64 %walked, i64 %kept3)
  ret i32 0
}
