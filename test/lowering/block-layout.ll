; A loop's latch that would jump back to its header (an unconditional
; branch, or an edge block of phi copies) is laid out, with the blocks
; that fall into it, just before the header: the back edge falls through
; on every iteration and the loop's entry jumps, once.
; RUN: comet-vm lower %s | FileCheck --check-prefix=ASM %s
; RUN: comet-vm run %s | FileCheck %s
; RUN: comet-vm lower %s > %t.cas
; RUN: comet-vm run %t.cas | FileCheck %s
; CHECK: states=3 total=45 kept=10 ack=9
;
; A state machine: the latch (`next`) is reached from every case and
; jumps back to the header, which switches; `advance` falls into it, so
; the two move together.
; ASM-LABEL: .func @states(
; ASM:      jmp head
; ASM-NEXT: advance:
; ASM-NOT:  jmp
; ASM:      next:
; ASM-NOT:  jmp
; ASM:      head:
; ASM:      switch
;
; A header that falls into its latch would have to jump to it instead: the
; blocks stay in the IR's order, and the back edge's copy jumps.
; ASM-LABEL: .func @counted(
; ASM:      loop:
; ASM:      step:
; ASM:      br %again, [[EDGE:L[0-9]+]], done
; ASM-NEXT: [[EDGE]]:
; ASM-NEXT: li %flag, 1
; ASM-NEXT: jmp loop
; ASM-NEXT: done:
;
; The latch moves with the (empty) block that falls into it; the header
; has no code, so its label is the next block's.
; ASM-LABEL: .func @forever(
; ASM:      jmp middle
; ASM-NEXT: latch:
; ASM-NOT:  jmp
; ASM:      add.i32 %i, %i, r4
; ASM-NOT:  jmp
; ASM:      middle:
; ASM:      br %stop, out, latch
;
; Blocks falling into one another all round a loop, entered by a block
; that falls into the header: moving the latch would move the header too,
; so nothing moves, and no block is lost.
; ASM-LABEL: .func @spin(
; ASM:      into:
; ASM-NOT:  jmp
; ASM:      head:
; ASM-NOT:  jmp
; ASM:      middle:
; ASM-NOT:  jmp
; ASM:      latch:
; ASM:      call [], @tick, []
; ASM:      jmp head
; ASM-LABEL: .end
;
; Ackermann's function with its tail call turned into a loop: the block
; after the test of n for zero is entered on its rarer side (n == 0,
; copying 1 into the phi); the block of the recursive call moves before
; the loop's step instead, so that the call returns straight into it.
; ASM-LABEL: .func @ack(
; ASM:      br %n.zero, [[ZERO:L[0-9]+]], recurse
; ASM-NEXT: [[ZERO]]:
; ASM-NEXT: li %n0, 1
; ASM-NEXT: jmp step
; ASM-NEXT: recurse:
; ASM:      call [%n0], @ack, [%m0, %n.less]
; ASM-NOT:  jmp
; ASM:      step:

target triple = "x86_64-pc-linux-gnu"

@format = private constant [35 x i8] c"states=%d total=%d kept=%d ack=%d\0A\00"

define i32 @states(i32 %n) {
entry:
  br label %head

head:
  %state = phi i32 [ 0, %entry ], [ %state.next, %next ]
  %i = phi i32 [ 0, %entry ], [ %i.next, %next ]
  %count = phi i32 [ 0, %entry ], [ %count.next, %next ]
  switch i32 %state, label %exit [
    i32 0, label %advance
    i32 1, label %stay
  ]

stay:
  %more = icmp slt i32 %i, %n
  %state.stay = select i1 %more, i32 1, i32 2
  br label %next

advance:
  %count.advance = add i32 %count, 1
  br label %next

next:
  %state.next = phi i32 [ 1, %advance ], [ %state.stay, %stay ]
  %count.next = phi i32 [ %count.advance, %advance ], [ %count, %stay ]
  %i.next = add i32 %i, 1
  br label %head

exit:
  %result = add i32 %count, 2
  ret i32 %result
}

define i32 @counted(i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %step ]
  %sum = phi i32 [ 0, %entry ], [ %sum.next, %step ]
  %flag = phi i32 [ 0, %entry ], [ 1, %step ]
  %part = mul i32 %i, %flag
  br label %step

step:
  %sum.next = add i32 %sum, %part
  %i.next = add i32 %i, 1
  %again = icmp slt i32 %i.next, %n
  br i1 %again, label %loop, label %done

done:
  ret i32 %sum.next
}

define i32 @forever(ptr %cells, i32 %limit) {
entry:
  br label %head

head:
  %i = phi i32 [ 0, %entry ], [ %i.next, %latch ]
  br label %middle

middle:
  %stop = icmp sge i32 %i, %limit
  br i1 %stop, label %out, label %body

body:
  br label %latch

latch:
  %i.next = add i32 %i, 1
  br label %head

out:
  ret i32 %i
}

define void @spin() {
entry:
  br label %into

into:
  call void @tick()
  br label %head

head:
  call void @tick()
  br label %middle

middle:
  call void @tick()
  br label %latch

latch:
  call void @tick()
  br label %head
}

define i32 @ack(i32 %m0, i32 %n0) {
entry:
  %m.zero0 = icmp eq i32 %m0, 0
  br i1 %m.zero0, label %done, label %loop
done:
  %result.n = phi i32 [ %n0, %entry ], [ %n.next, %step ]
  %result = add i32 %result.n, 1
  ret i32 %result
loop:
  %n = phi i32 [ %n.next, %step ], [ %n0, %entry ]
  %m = phi i32 [ %m.less, %step ], [ %m0, %entry ]
  %n.zero = icmp eq i32 %n, 0
  br i1 %n.zero, label %step, label %recurse
step:
  %n.next = phi i32 [ %inner, %recurse ], [ 1, %loop ]
  %m.less = add i32 %m, -1
  %m.zero = icmp eq i32 %m.less, 0
  br i1 %m.zero, label %done, label %loop
recurse:
  %n.less = add i32 %n, -1
  %inner = call i32 @ack(i32 %m, i32 %n.less)
  br label %step
}

define void @tick() {
  ret void
}

define i32 @main() {
  %states = call i32 @states(i32 5)
  %total = call i32 @counted(i32 10)
  %kept = call i32 @forever(ptr null, i32 10)
  %ack = call i32 @ack(i32 2, i32 3)
  call i32 (ptr, ...) @printf(ptr @format, i32 %states, i32 %total, i32 %kept, i32 %ack)
  ret i32 0
}

declare i32 @printf(ptr, ...)
