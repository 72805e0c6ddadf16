; A loop's next value whose block still reads the phi after it is lowered
; just before the branch, so that it can be computed into the phi's
; register: the back edge copies nothing. Where the branch tests a compare
; right before it, the value stays (the two run as one instruction).
; RUN: comet-vm run %s | FileCheck %s
; CHECK: acc=285 i=10 n=10
; RUN: comet-vm lower %s | FileCheck --check-prefix=ASM %s
; RUN: comet-vm lower %s > %t.cas
; RUN: comet-vm run %t.cas | FileCheck %s
;
; ASM-LABEL: .func @main()
; ASM-DAG: .alias %i.next, %i
; ASM-LABEL: loop:
; ASM: mul.i32 %sq, %i, %i
; ASM: ult %small, %i, r{{[0-9]+}}
; ASM: and %more, %small, %fits
; ASM-NEXT: .loc
; ASM-NEXT: ; %i.next = add nuw nsw i32 %i, 1
; ASM-NEXT: add.i32 %i, %i, r{{[0-9]+}}
; ASM-NEXT: .loc
; ASM-NEXT: ; br
; ASM-NEXT: br %more, loop, exit
; ASM-LABEL: counted:
; ASM: add.i32 %n.next, %n, r{{[0-9]+}}
; ASM: ult %again, %n, r{{[0-9]+}}
; ASM-NEXT: .loc
; ASM-NEXT: ; br
; ASM-NEXT: br %again, [[EDGE:L[0-9]+]], done
; ASM: [[EDGE]]:
; ASM-NEXT: mov %n, %n.next

@fmt = private constant [18 x i8] c"acc=%d i=%d n=%d\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i32 [ 0, %entry ], [ %acc.next, %loop ]
  %i.next = add nuw nsw i32 %i, 1
  %sq = mul i32 %i, %i
  %acc.next = add i32 %acc, %sq
  %small = icmp ult i32 %i, 9
  %fits = icmp ult i32 %acc.next, 1000
  %more = and i1 %small, %fits
  br i1 %more, label %loop, label %exit

exit:
  br label %counted

counted:
  %n = phi i32 [ 0, %exit ], [ %n.next, %counted ]
  %n.next = add nuw nsw i32 %n, 1
  %again = icmp ult i32 %n, 9
  br i1 %again, label %counted, label %done

done:
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %acc.next, i32 %i.next, i32 %n.next)
  ret i32 0
}
