; A value that feeds a phi is computed into the phi's register when the two
; are never needed at once; the edge then copies nothing and the branch goes
; straight to the phi's block. Where they are needed at once, the copy stays.
; RUN: comet-vm run %s | FileCheck %s
; CHECK: sum=4950 last=100 prod=243 kept=324 merged=5 other=5
; CHECK-NEXT: machine=186
; CHECK-NEXT: countdown=55
; RUN: comet-vm lower %s | FileCheck --check-prefix=ASM %s
; The assembly keeps the second names (.alias) and runs the same:
; RUN: comet-vm lower %s > %t.cas
; RUN: comet-vm run %t.cas | FileCheck %s
; The debugger reads a value by either name of its register:
; RUN: printf 'break main:%%%%other\nrun\nprint %%%%i.next\nprint %%%%sum.next\n' > %t.script
; RUN: comet-vm debug %s --batch --nx -x %t.script | FileCheck --check-prefix=DEBUG %s
; DEBUG: %i.next = i64 100
; DEBUG-NEXT: %sum.next = i64 4950
;
; The counter and the sum: one register each, named twice.
; ASM-LABEL: .func @main(%argc, %argv)
; ASM-DAG: .alias %i.next, %i
; ASM-DAG: .alias %sum.next, %sum
; ASM-DAG: .alias %w, %k
; ASM-LABEL: count:
; ASM: ; %sum.next = add i64 %sum, %i
; ASM-NEXT: add.i64 %sum, %sum, %i
; ASM: ; %i.next = add i64 %i, 1
; ASM-NEXT: add.i64 %i, %i, r{{[0-9]+}}
; ASM: eq %done, %i, r{{[0-9]+}}
; ASM-NOT: mov
; ASM: br %done, {{L[0-9]+}}, count
;
; %p is read after %p.next, by %q, which needs %p.next too: the copy
; stays.
; ASM-LABEL: powers:
; ASM: mul.i64 %p.next, %p, r{{[0-9]+}}
; ASM: br %stop, merge, [[EDGE:L[0-9]+]]
; ASM: [[EDGE]]:
; ASM: mov %p, %p.next
; ASM: jmp powers
;
; %v is read again after the phi's block is entered: it keeps its own
; register.
; ASM-LABEL: merge:
; ASM: add.i64 %other, %v, r0
;
; A zext changes no bit: %w is another name of %k's register, with no code.
; ASM: trunc %k, %m2, 32
; ASM-NEXT: .loc
; ASM-NEXT: ; %r2 = call
; ASM-NEXT: call [{{.*}}], @printf, [r{{[0-9]+}}, %k]
;
; An argument leads its class: the counter starts in %n's own register.
; ASM-LABEL: .func @countdown(%n)
; ASM-DAG: .alias %k, %n
; ASM-DAG: .alias %k.next, %n
; ASM-NOT: mov
; ASM: add.i64 %n, %n, r{{[0-9]+}}
; ASM-NOT: mov
; ASM: .end
;
; A state machine: the phis of the loop and of the merge, and the values
; of both arms, are one register; nothing is copied anywhere.
; ASM-LABEL: .func @machine(%n)
; ASM-DAG: .alias %next, %state
; ASM-DAG: .alias %s1, %state
; ASM-DAG: .alias %s2, %state
; ASM-NOT: mov
; ASM: add.i64 %state, %state, r{{[0-9]+}}
; ASM-NOT: mov
; ASM: shl.i64 %state, %state, r{{[0-9]+}}
; ASM-NOT: mov
; ASM: .end

@machineFormat = private constant [13 x i8] c"machine=%ld\0A\00"
@countdownFormat = private constant [15 x i8] c"countdown=%ld\0A\00"
@format = private constant [57 x i8] c"sum=%ld last=%ld prod=%ld kept=%ld merged=%ld other=%ld\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main(i32 %argc, ptr %argv) {
entry:
  br label %count

count:
  %i = phi i64 [ 0, %entry ], [ %i.next, %count ]
  %sum = phi i64 [ 0, %entry ], [ %sum.next, %count ]
  %sum.next = add i64 %sum, %i
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, 100
  br i1 %done, label %powers, label %count

powers:
  %p = phi i64 [ 1, %count ], [ %p.next, %powers ]
  %p.next = mul i64 %p, 3
  %q = add i64 %p.next, %p
  %stop = icmp ugt i64 %p.next, 200
  br i1 %stop, label %merge, label %powers

merge:
  %v = add i64 %q, -319
  %c = icmp eq i32 %argc, 1
  br i1 %c, label %left, label %join

left:
  br label %join

join:
  %m = phi i64 [ %v, %left ], [ 0, %merge ]
  %other = add i64 %v, 0
  %r = call i32 (ptr, ...) @printf(ptr @format, i64 %sum.next, i64 %i.next, i64 %p.next, i64 %q, i64 %m, i64 %other)
  %m2 = call i64 @machine(i64 10)
  %k = trunc i64 %m2 to i32
  %w = zext i32 %k to i64
  %r2 = call i32 (ptr, ...) @printf(ptr @machineFormat, i64 %w)
  %c10 = call i64 @countdown(i64 10)
  %r3 = call i32 (ptr, ...) @printf(ptr @countdownFormat, i64 %c10)
  ret i32 0
}

define i64 @countdown(i64 %n) {
entry:
  br label %loop

loop:
  %k = phi i64 [ %n, %entry ], [ %k.next, %loop ]
  %sum = phi i64 [ 0, %entry ], [ %sum.next, %loop ]
  %sum.next = add i64 %sum, %k
  %k.next = add i64 %k, -1
  %zero = icmp eq i64 %k.next, 0
  br i1 %zero, label %exit, label %loop

exit:
  ret i64 %sum.next
}

define i64 @machine(i64 %n) {
entry:
  br label %loop

loop:
  %state = phi i64 [ 0, %entry ], [ %next, %merge ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %merge ]
  %bit = and i64 %i, 1
  %even = icmp eq i64 %bit, 0
  br i1 %even, label %add, label %double

add:
  %s1 = add i64 %state, 3
  br label %merge

double:
  %s2 = shl i64 %state, 1
  br label %merge

merge:
  %next = phi i64 [ %s1, %add ], [ %s2, %double ]
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret i64 %next
}
