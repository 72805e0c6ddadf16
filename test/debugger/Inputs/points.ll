; ModuleID = 'points.c'
source_filename = "points.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.point = type { i32, i64 }

@counter = dso_local global i32 0, align 4
@.str = private unnamed_addr constant [6 x i8] c"hello\00", align 1
@greeting = dso_local global ptr @.str, align 8
@__const.main.numbers = private unnamed_addr constant [5 x i32] [i32 1, i32 2, i32 3, i32 4, i32 5], align 16
@__const.main.p = private unnamed_addr constant %struct.point { i32 3, i64 4 }, align 8
@buffer = dso_local global [16 x i8] zeroinitializer, align 16
@.str.1 = private unnamed_addr constant [14 x i8] c"%s %d %ld %d\0A\00", align 1

; Function Attrs: noinline nounwind uwtable
define dso_local i64 @scale(ptr noundef %p, i32 noundef %factor) #0 {
entry:
  %p.addr = alloca ptr, align 8
  %factor.addr = alloca i32, align 4
  %product = alloca i64, align 8
  store ptr %p, ptr %p.addr, align 8
  store i32 %factor, ptr %factor.addr, align 4
  %0 = load ptr, ptr %p.addr, align 8
  %x = getelementptr inbounds %struct.point, ptr %0, i32 0, i32 0
  %1 = load i32, ptr %x, align 8
  %2 = load i32, ptr %factor.addr, align 4
  %mul = mul nsw i32 %1, %2
  %conv = sext i32 %mul to i64
  %3 = load ptr, ptr %p.addr, align 8
  %y = getelementptr inbounds %struct.point, ptr %3, i32 0, i32 1
  %4 = load i64, ptr %y, align 8
  %add = add nsw i64 %conv, %4
  store i64 %add, ptr %product, align 8
  %5 = load i32, ptr @counter, align 4
  %add1 = add nsw i32 %5, 1
  store i32 %add1, ptr @counter, align 4
  %6 = load i64, ptr %product, align 8
  ret i64 %6
}

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @sum(ptr noundef %a, i32 noundef %n) #0 {
entry:
  %a.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  %s = alloca i32, align 4
  %i = alloca i32, align 4
  store ptr %a, ptr %a.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  store i32 0, ptr %s, align 4
  store i32 0, ptr %i, align 4
  br label %for.cond

for.cond:                                         ; preds = %for.inc, %entry
  %0 = load i32, ptr %i, align 4
  %1 = load i32, ptr %n.addr, align 4
  %cmp = icmp slt i32 %0, %1
  br i1 %cmp, label %for.body, label %for.end

for.body:                                         ; preds = %for.cond
  %2 = load ptr, ptr %a.addr, align 8
  %3 = load i32, ptr %i, align 4
  %idxprom = sext i32 %3 to i64
  %arrayidx = getelementptr inbounds i32, ptr %2, i64 %idxprom
  %4 = load i32, ptr %arrayidx, align 4
  %5 = load i32, ptr %s, align 4
  %add = add nsw i32 %5, %4
  store i32 %add, ptr %s, align 4
  br label %for.inc

for.inc:                                          ; preds = %for.body
  %6 = load i32, ptr %i, align 4
  %inc = add nsw i32 %6, 1
  store i32 %inc, ptr %i, align 4
  br label %for.cond, !llvm.loop !5

for.end:                                          ; preds = %for.cond
  %7 = load i32, ptr %s, align 4
  ret i32 %7
}

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @factorial(i32 noundef %n) #0 {
entry:
  %n.addr = alloca i32, align 4
  store i32 %n, ptr %n.addr, align 4
  %0 = load i32, ptr %n.addr, align 4
  %cmp = icmp sle i32 %0, 1
  br i1 %cmp, label %cond.true, label %cond.false

cond.true:                                        ; preds = %entry
  br label %cond.end

cond.false:                                       ; preds = %entry
  %1 = load i32, ptr %n.addr, align 4
  %2 = load i32, ptr %n.addr, align 4
  %sub = sub nsw i32 %2, 1
  %call = call i32 @factorial(i32 noundef %sub)
  %mul = mul nsw i32 %1, %call
  br label %cond.end

cond.end:                                         ; preds = %cond.false, %cond.true
  %cond = phi i32 [ 1, %cond.true ], [ %mul, %cond.false ]
  ret i32 %cond
}

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @main(i32 noundef %argc, ptr noundef %argv) #0 {
entry:
  %retval = alloca i32, align 4
  %argc.addr = alloca i32, align 4
  %argv.addr = alloca ptr, align 8
  %numbers = alloca [5 x i32], align 16
  %p = alloca %struct.point, align 8
  %scaled = alloca i64, align 8
  %total = alloca i32, align 4
  store i32 0, ptr %retval, align 4
  store i32 %argc, ptr %argc.addr, align 4
  store ptr %argv, ptr %argv.addr, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %numbers, ptr align 16 @__const.main.numbers, i64 20, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %p, ptr align 8 @__const.main.p, i64 16, i1 false)
  %0 = load i32, ptr %argc.addr, align 4
  %add = add nsw i32 %0, 1
  %call = call i64 @scale(ptr noundef %p, i32 noundef %add)
  store i64 %call, ptr %scaled, align 8
  %arraydecay = getelementptr inbounds [5 x i32], ptr %numbers, i64 0, i64 0
  %call1 = call i32 @sum(ptr noundef %arraydecay, i32 noundef 5)
  store i32 %call1, ptr %total, align 4
  %1 = load ptr, ptr @greeting, align 8
  %call2 = call ptr @strcpy(ptr noundef @buffer, ptr noundef %1) #4
  %2 = load i32, ptr %total, align 4
  %3 = load i64, ptr %scaled, align 8
  %call3 = call i32 @factorial(i32 noundef 5)
  %call4 = call i32 (ptr, ...) @printf(ptr noundef @.str.1, ptr noundef @buffer, i32 noundef %2, i64 noundef %3, i32 noundef %call3)
  %4 = load i32, ptr %total, align 4
  %cmp = icmp eq i32 %4, 15
  %5 = zext i1 %cmp to i64
  %cond = select i1 %cmp, i32 0, i32 1
  ret i32 %cond
}

; Function Attrs: nocallback nofree nounwind willreturn memory(argmem: readwrite)
declare void @llvm.memcpy.p0.p0.i64(ptr noalias nocapture writeonly, ptr noalias nocapture readonly, i64, i1 immarg) #1

; Function Attrs: nounwind
declare ptr @strcpy(ptr noundef, ptr noundef) #2

declare i32 @printf(ptr noundef, ...) #3

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nocallback nofree nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { nounwind "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #4 = { nounwind }

!llvm.module.flags = !{!0, !1, !2, !3, !4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 2}
!4 = !{i32 7, !"frame-pointer", i32 2}
!5 = distinct !{!5, !6}
!6 = !{!"llvm.loop.mustprogress"}
