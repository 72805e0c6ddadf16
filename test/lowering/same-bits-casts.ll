; Casts that change no bit need no code: their result is another name of
; the operand's register. Also for vectors, lane by lane, and for trunc nuw
; (the bits cut off are zero, or the result is poison), even of a loop
; counter, as long as the counter's register is not written before the
; truncated value is read.
; RUN: comet-vm run %s | FileCheck %s
; CHECK: sum=55 kept=45 lanes=4,7 firsts=30 seconds=42 frozen=55 in-range=1
; RUN: comet-vm lower %s | FileCheck --check-prefix=ASM %s
; RUN: comet-vm lower %s > %t.cas
; RUN: comet-vm run %t.cas | FileCheck %s
;
; ASM-LABEL: .func @main()
; ASM-DAG: .alias %t, %i
; ASM-DAG: .alias %bits.0, %below.0
; ASM-DAG: .alias %bits.1, %below.1
; ASM-DAG: .alias %lane0, %acc.0
; ASM-DAG: .alias %lane1, %acc.1
; ASM-DAG: .alias %second, %widened.1
; ASM-LABEL: loop:
; A lane read after the accumulator's next value is computed in place
; is copied out before.
; ASM: mov %first, %acc.0
; So is a lane of a cast of the accumulator: the cast, read by a lane
; that is read late, is not the accumulator's register.
; ASM: mov %widened.0, %acc.0
; ASM: mov %widened.1, %acc.1
; %old is read after the counter's next value is computed into its
; register: it keeps a register of its own.
; ASM: trunc %old, %i, 32
; ASM: add.i64 %i, %i, r{{[0-9]+}}
; ASM-NEXT: .loc
; ASM-NEXT: ; %sum.next = add i32 %sum, %t
; ASM-NEXT: add.i32 %sum, %sum, %i
; The vector accumulator is added in place.
; ASM: vadd.i32 %acc.0, %acc.0, %below.0, 2
; ASM-NEXT: .loc
; ASM-NEXT: ; %firsts.next = add i32 %firsts, %first
; ASM-NEXT: add.i32 %firsts, %firsts, %first
; ASM-NEXT: .loc
; ASM-NEXT: ; %seconds.next = add i64 %seconds, %second
; ASM-NEXT: add.i64 %seconds, %seconds, %widened.1
; ASM-NEXT: .loc
; ASM-NEXT: ; %done = icmp eq i32 %t, 10
; ASM-NEXT: eq %done, %i, r{{[0-9]+}}
; ASM-NEXT: .loc
; ASM-NEXT: ; br
; ASM-NEXT: br %done, exit, loop
; A frozen poison is one value of its type: freeze truncates.
; ASM-LABEL: exit:
; ASM: trunc %frozen, %sum, 32
; ASM: add.i64 %wide, %i, r{{[0-9]+}}
; ASM-NEXT: .loc
; ASM-NEXT: ; %f = freeze i32 %p
; ASM-NEXT: trunc %f, %wide, 32
; ASM-NEXT: .loc
; ASM-NEXT: ; %in.range = icmp ult i64 %z, 4294967296
; ASM-NEXT: ult %in.range, %f, r{{[0-9]+}}

@fmt = private constant [72 x i8] c"sum=%d kept=%d lanes=%d,%d firsts=%d seconds=%ld frozen=%d in-range=%d\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %sum = phi i32 [ 0, %entry ], [ %sum.next, %loop ]
  %kept = phi i32 [ 0, %entry ], [ %kept.next, %loop ]
  %acc = phi <2 x i32> [ zeroinitializer, %entry ], [ %acc.next, %loop ]
  %firsts = phi i32 [ 0, %entry ], [ %firsts.next, %loop ]
  %seconds = phi i64 [ 0, %entry ], [ %seconds.next, %loop ]
  %first = extractelement <2 x i32> %acc, i64 0
  %widened = zext <2 x i32> %acc to <2 x i64>
  %second = extractelement <2 x i64> %widened, i64 1
  %old = trunc nuw i64 %i to i32
  %i.next = add nuw nsw i64 %i, 1
  %t = trunc nuw i64 %i.next to i32
  %sum.next = add i32 %sum, %t
  %kept.next = add i32 %kept, %old
  %one = insertelement <2 x i32> poison, i32 %t, i64 0
  %splat = shufflevector <2 x i32> %one, <2 x i32> poison, <2 x i32> zeroinitializer
  %below = icmp ult <2 x i32> %splat, <i32 5, i32 8>
  %bits = zext <2 x i1> %below to <2 x i32>
  %acc.next = add <2 x i32> %acc, %bits
  %firsts.next = add i32 %firsts, %first
  %seconds.next = add i64 %seconds, %second
  %done = icmp eq i32 %t, 10
  br i1 %done, label %exit, label %loop

exit:
  %frozen = freeze i32 %sum.next
  ; Bits set above 32: the trunc nuw is poison, its freeze some i32.
  %wide = add i64 %i.next, 4294967296
  %p = trunc nuw i64 %wide to i32
  %f = freeze i32 %p
  %z = zext i32 %f to i64
  %in.range = icmp ult i64 %z, 4294967296
  %in = zext i1 %in.range to i32
  %lane0 = extractelement <2 x i32> %acc.next, i64 0
  %lane1 = extractelement <2 x i32> %acc.next, i64 1
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %sum.next, i32 %kept.next, i32 %lane0, i32 %lane1, i32 %firsts.next, i64 %seconds.next, i32 %frozen, i32 %in)
  ret i32 0
}
