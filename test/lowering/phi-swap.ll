; Phis form a parallel assignment: swapped and self-referencing phis keep
; the values from before the edge.
; RUN: comet-vm run %s | FileCheck %s
; CHECK: a=13 b=8 i=5
; RUN: comet-vm lower %s | FileCheck --check-prefix=ASM %s
; The copies on the back edge go through temporaries (%a takes the old %b):
; ASM: .func @main(%argc, %argv)
; ASM: li %a, 1
; ASM: loop:
; ASM: br %done, exit, [[EDGE:L[0-9]+]]
; ASM: [[EDGE]]:
; ASM-NEXT: mov [[OLDB:r[0-9]+]], %b
; ASM: mov %a, [[OLDB]]
; ASM: jmp loop

@format = private constant [19 x i8] c"a=%ld b=%ld i=%ld\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main(i32 %argc, ptr %argv) {
entry:
  br label %loop

loop:
  %a = phi i64 [ 1, %entry ], [ %b, %loop ]
  %b = phi i64 [ 1, %entry ], [ %sum, %loop ]
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %same = phi i64 [ 7, %entry ], [ %same, %loop ]
  %sum = add i64 %a, %b
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 6
  br i1 %done, label %exit, label %loop

exit:
  %r = call i32 (ptr, ...) @printf(ptr @format, i64 %b, i64 %a, i64 %i)
  ret i32 0
}
