#!/usr/bin/env python3
"""Runs the C benchmarks of bench/c/ natively, on Comet and on LLVM's IR
interpreter, checks that all three print the same, and prints the times and
their ratios.

    python3 bench/run_c_benchmarks.py [--repeat 3] [--only NAME[,NAME]]
        [--comet-vm build/bin/comet-vm] [--lli PATH] [--lli-timeout 60]
        [--lli-budget 10] [--json [FILE]] [--lowering-speed FILE.ll]

Each program is compiled with `clang-19 -O2` to a native executable and with
`clang-19 -O2 -S -emit-llvm` to prog.ll. Times are wall-clock seconds, the
best of --repeat runs, measured around the whole process (so they include
start-up, and for Comet the lowering of prog.ll):

  native   ./prog
  comet    comet-vm run prog.ll
  lli      lli -force-interpreter prog.lli.ll

Every program takes an optional scale argument (default: the SCALE_DEFAULT of
its source) and its work is linear in it. lli is roughly 200-2000x slower
than native code, so it is measured at a reduced scale: one run at scale 1
predicts the full-scale time; if that is within --lli-budget seconds lli runs
at full scale, otherwise at the scale s that takes about --lli-budget
seconds, and the full-scale time S is extrapolated linearly:
    lli(S) = startup + (lli(s) - startup) * S / s
where startup is lli reading the same module and running an empty entry
function (--entry-function). Extrapolated times are shown with a leading "~".
No single lli run may take longer than --lli-timeout seconds; one that does
is killed and the time reported as a lower bound (">").

lli's interpreter cannot execute several intrinsics that clang -O2 emits
(llvm.smax, llvm.fmuladd, llvm.fabs, llvm.vector.reduce.*, ...). prog.lli.ll
is prog.ll with each such intrinsic replaced by a call to a small internal
function that computes the same thing; the rest of the IR is unchanged.

Outputs are compared: Comet at the measured scale against native, lli at its
scale against native at that same scale. Any difference is printed as
MISMATCH and makes the exit status 1. While `comet-vm run` cannot yet run
.ll files, the Comet column reads "n/a" and the run carries on.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SOURCES = os.path.join(HERE, "c")


# --------------------------------------------------------------------------
# Running and timing


class Run:
    """One finished (or killed) process: seconds, exit status, output, and
    its peak resident memory in KiB."""

    def __init__(self, seconds, returncode, stdout, stderr, timed_out=False,
                 peak_kib=None):
        self.seconds = seconds
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out
        self.peak_kib = peak_kib

    @property
    def ok(self):
        return not self.timed_out and self.returncode == 0


# bench/peak_memory.c, built at start: measures a command's peak memory
# (a process forked from Python would count Python's own).
PEAK_MEMORY = None


def run_once(cmd, timeout=None):
    start = time.perf_counter()
    if PEAK_MEMORY:
        cmd = [PEAK_MEMORY] + cmd
    try:
        result = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return Run(time.perf_counter() - start, None, e.stdout or b"",
                   e.stderr or b"", timed_out=True)
    except OSError as e:
        return Run(0.0, 127, b"", str(e).encode())
    seconds = time.perf_counter() - start
    stderr, peak = result.stderr, None
    if PEAK_MEMORY:
        head, _, last = stderr.rstrip(b"\n").rpartition(b"\n")
        if last.startswith(b"peak_kib "):
            peak = int(last.split()[1])
            stderr = head + b"\n" if head else b""
    return Run(seconds, result.returncode, result.stdout, stderr,
               peak_kib=peak)


def run_best(cmd, repeat, timeout=None):
    """Runs cmd up to `repeat` times; returns the fastest run, or the first
    failed one."""
    best = None
    for _ in range(repeat):
        r = run_once(cmd, timeout)
        if not r.ok:
            return r
        if best is None or r.seconds < best.seconds:
            best = r
    return best


def first_line(data):
    text = data.decode(errors="replace").strip()
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:160]
    return "(no output)"


def describe_failure(r):
    if r.timed_out:
        return "timed out"
    return f"exit {r.returncode}: {first_line(r.stderr or r.stdout)}"


# --------------------------------------------------------------------------
# Making prog.ll runnable by lli -force-interpreter

INTRINSIC_DECLARE = re.compile(r"^declare\b.*?@(llvm\.[\w.]+)\(", re.M)


def _llvm_type(suffix):
    """'i32' -> 'i32', 'f64' -> 'double', 'v4i32' -> '<4 x i32>'."""
    m = re.fullmatch(r"v(\d+)(\w+)", suffix)
    if m:
        elem = _llvm_type(m[2])[0]
        return f"<{m[1]} x {elem}>", int(m[1]), elem
    scalar = {"f64": "double", "f32": "float", "f16": "half"}.get(suffix)
    if scalar:
        return scalar, 0, scalar
    if re.fullmatch(r"i\d+", suffix):
        return suffix, 0, suffix
    raise ValueError(suffix)


def _splat(type_, lanes, elem, value):
    """A constant of `type_` with every lane equal to `value`."""
    if not lanes:
        return str(value)
    return "<" + ", ".join(f"{elem} {value}" for _ in range(lanes)) + ">"


def _shim_body(op, suffix):
    """Returns (return type, parameter list, body lines) computing the
    intrinsic `op` (e.g. 'smax') on the type named by `suffix`, or None."""
    if op.startswith("vector.reduce."):
        kind = op.split(".")[-1]
        vtype, lanes, elem = _llvm_type(suffix)
        combine = {"add": "add", "mul": "mul", "and": "and", "or": "or",
                   "xor": "xor"}.get(kind)
        minmax = {"smax": "sgt", "smin": "slt", "umax": "ugt",
                  "umin": "ult"}.get(kind)
        if not lanes or not (combine or minmax):
            return None
        lines = [f"%e0 = extractelement {vtype} %v, i32 0"]
        acc = "%e0"
        for i in range(1, lanes):
            lines.append(f"%e{i} = extractelement {vtype} %v, i32 {i}")
            if combine:
                lines.append(f"%r{i} = {combine} {elem} {acc}, %e{i}")
            else:
                lines.append(f"%c{i} = icmp {minmax} {elem} {acc}, %e{i}")
                lines.append(f"%r{i} = select i1 %c{i}, {elem} {acc}, "
                             f"{elem} %e{i}")
            acc = f"%r{i}"
        lines.append(f"ret {elem} {acc}")
        return elem, f"{vtype} %v", lines
    type_, lanes, elem = _llvm_type(suffix)
    cond = f"<{lanes} x i1>" if lanes else "i1"
    if op in ("smax", "smin", "umax", "umin"):
        pred = {"smax": "sgt", "smin": "slt", "umax": "ugt", "umin": "ult"}[op]
        return type_, f"{type_} %a, {type_} %b", [
            f"%c = icmp {pred} {type_} %a, %b",
            f"%r = select {cond} %c, {type_} %a, {type_} %b",
            f"ret {type_} %r"]
    if op == "abs":
        return type_, f"{type_} %a, i1 %poison_if_min", [
            f"%n = sub {type_} zeroinitializer, %a",
            f"%c = icmp slt {type_} %a, zeroinitializer",
            f"%r = select {cond} %c, {type_} %n, {type_} %a",
            f"ret {type_} %r"]
    if op == "fmuladd":  # unfused, as native x86-64 code without FMA does
        return type_, f"{type_} %a, {type_} %b, {type_} %c", [
            f"%m = fmul {type_} %a, %b",
            f"%r = fadd {type_} %m, %c",
            f"ret {type_} %r"]
    if op in ("fabs", "copysign") and elem in ("double", "float"):
        bits = {"double": 64, "float": 32}[elem]
        itype = f"<{lanes} x i{bits}>" if lanes else f"i{bits}"
        mask = (1 << (bits - 1)) - 1
        if op == "fabs":
            return type_, f"{type_} %a", [
                f"%i = bitcast {type_} %a to {itype}",
                f"%m = and {itype} %i, "
                f"{_splat(itype, lanes, f'i{bits}', mask)}",
                f"%r = bitcast {itype} %m to {type_}",
                f"ret {type_} %r"]
        sign = 1 << (bits - 1)
        return type_, f"{type_} %a, {type_} %b", [
            f"%i = bitcast {type_} %a to {itype}",
            f"%j = bitcast {type_} %b to {itype}",
            f"%m = and {itype} %i, {_splat(itype, lanes, f'i{bits}', mask)}",
            f"%s = and {itype} %j, {_splat(itype, lanes, f'i{bits}', sign)}",
            f"%o = or {itype} %m, %s",
            f"%r = bitcast {itype} %o to {type_}",
            f"ret {type_} %r"]
    if op in ("fshl", "fshr") and elem.startswith("i"):
        width = int(elem[1:])
        w = _splat(type_, lanes, elem, width)
        zero = _splat(type_, lanes, elem, 0)
        hi, lo = ("%a", "%b") if op == "fshl" else ("%b", "%a")
        first, second = ("shl", "lshr") if op == "fshl" else ("lshr", "shl")
        # fshl: s ? (a << s) | (b >> (w - s)) : a
        # fshr: s ? (b >> s) | (a << (w - s)) : b
        return type_, f"{type_} %a, {type_} %b, {type_} %c", [
            f"%s = urem {type_} %c, {w}",
            f"%z = icmp eq {type_} %s, {zero}",
            f"%t = sub {type_} {w}, %s",
            f"%t1 = select {cond} %z, {type_} {zero}, {type_} %t",
            f"%x = {first} {type_} {hi}, %s",
            f"%y = {second} {type_} {lo}, %t1",
            f"%o = or {type_} %x, %y",
            f"%r = select {cond} %z, {type_} {hi}, {type_} %o",
            f"ret {type_} %r"]
    if op == "bitreverse" and not lanes and elem.startswith("i"):
        width = int(elem[1:])
        lines, acc = [], f"{elem} 0"
        for i in range(width):
            lines += [f"%s{i} = lshr {elem} %a, {i}",
                      f"%b{i} = and {elem} %s{i}, 1",
                      f"%p{i} = shl {elem} %b{i}, {width - 1 - i}",
                      f"%r{i} = or {acc}, %p{i}"]
            acc = f"{elem} %r{i}"
        lines.append(f"ret {acc}")
        return elem, f"{elem} %a", lines
    return None


SHIMMABLE = re.compile(
    r"llvm\.(smax|smin|umax|umin|abs|fmuladd|fabs|copysign|fshl|fshr|"
    r"bitreverse|vector\.reduce\.\w+)\.(\w+)")


STARTUP_FUNCTION = "comet.lli.startup"
FREEZE = re.compile(r"^(\s*%[\w.]+ = )freeze (.*) (\S+)$", re.M)


def make_lli_compatible(ll_text):
    """Returns (IR for lli -force-interpreter, names of replaced intrinsics
    and instructions)."""
    shims, replaced = [], []
    # The interpreter has no poison values, so `freeze` is the identity; it
    # cannot execute `freeze` itself.
    ll_text, frozen = FREEZE.subn(r"\1select i1 true, \2 \3, \2 \3",
                                  ll_text)
    if frozen:
        replaced.append("freeze")
    for name in sorted(set(INTRINSIC_DECLARE.findall(ll_text))):
        m = SHIMMABLE.fullmatch(name)
        if not m:
            continue
        try:
            shim = _shim_body(m[1], m[2])
        except ValueError:
            shim = None
        if shim is None:
            continue
        ret, params, body = shim
        new = "comet.lli." + name[len("llvm."):]
        ll_text = re.sub(r"^declare\b.*@" + re.escape(name) + r"\(.*\n", "",
                         ll_text, flags=re.M)
        ll_text = re.sub(r"@" + re.escape(name) + r"(?=\()", "@" + new,
                         ll_text)
        shims.append(f"define internal {ret} @{new}({params}) {{\n" +
                     "".join(f"  {line}\n" for line in body) + "}\n")
        replaced.append(name)
    if shims:
        ll_text += "\n; Replacements for intrinsics lli's interpreter lacks.\n"
        ll_text += "\n".join(shims)
    ll_text += (f"\n; lli --entry-function={STARTUP_FUNCTION} times lli's "
                f"start-up.\ndefine i32 @{STARTUP_FUNCTION}() {{\n"
                "  ret i32 0\n}\n")
    return ll_text, replaced


# --------------------------------------------------------------------------
# IR instruction count (for --lowering-speed)


def count_ir_instructions(ll_path, opt):
    """Instructions in the module: from `opt -passes=instcount -stats` if this
    LLVM build keeps statistics, else by counting the lines of function
    bodies that are not labels, comments, blank or braces."""
    if opt and shutil.which(opt):
        r = run_once([opt, "-passes=instcount", "-stats", "-disable-output",
                      ll_path])
        m = re.search(rb"(\d+)\s+instcount\s+- Number of instructions \(of all",
                      r.stderr)
        if r.ok and m:
            return int(m[1]), "opt -passes=instcount -stats"
    count, in_body = 0, False
    with open(ll_path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split(";", 1)[0].strip() if not raw.lstrip().startswith(
                ";") else ""
            if not in_body:
                if raw.startswith("define ") and raw.rstrip().endswith("{"):
                    in_body = True
                continue
            if raw.startswith("}"):
                in_body = False
                continue
            if not line or re.fullmatch(r"[\w.$\-]+:", line) or \
                    re.fullmatch(r'"[^"]*":', line):
                continue
            count += 1
    return count, "lines of function bodies"


# --------------------------------------------------------------------------
# The benchmarks


def default_scale(source):
    with open(source, encoding="utf-8") as f:
        m = re.search(r"^#define SCALE_DEFAULT (\d+)", f.read(), re.M)
    if not m:
        sys.exit(f"{source}: no '#define SCALE_DEFAULT N'")
    return int(m[1])


def build(name, workdir, clang):
    source = os.path.join(SOURCES, name + ".c")
    exe = os.path.join(workdir, name)
    ll = os.path.join(workdir, name + ".ll")
    for cmd in ([clang, "-O2", source, "-o", exe, "-lm"],
                [clang, "-O2", "-S", "-emit-llvm", source, "-o", ll]):
        r = run_once(cmd)
        if not r.ok:
            sys.exit(f"{' '.join(cmd)}\n{r.stderr.decode(errors='replace')}")
    with open(ll, encoding="utf-8") as f:
        lli_text, replaced = make_lli_compatible(f.read())
    lli_ll = os.path.join(workdir, name + ".lli.ll")
    with open(lli_ll, "w", encoding="utf-8") as f:
        f.write(lli_text)
    return exe, ll, lli_ll, replaced


class Result:
    def __init__(self, name, scale):
        self.name = name
        self.scale = scale
        self.native = None  # seconds
        self.native_kib = None  # peak memory
        self.comet = None  # seconds, or None with comet_note
        self.comet_kib = None
        self.comet_note = ""
        self.lli = None  # seconds (measured, extrapolated or lower bound)
        self.lli_kind = "measured"  # measured | extrapolated | lower-bound
        self.lli_note = ""
        self.lli_points = []  # [(scale, seconds)]
        self.lli_replaced = []
        self.mismatches = []


def check_same(result, what, expected, got):
    if expected != got:
        result.mismatches.append((what, expected, got))


def measure_lli(res, args, exe, lli_ll, full_scale):
    timeout = args.lli_timeout
    native_at = {}

    def native_output(scale):
        if scale not in native_at:
            native_at[scale] = run_once([exe, str(scale)]).stdout
        return native_at[scale]

    def lli_at(scale, repeat):
        r = run_best([args.lli, "-force-interpreter", lli_ll, str(scale)],
                     repeat, timeout)
        if r.ok:
            check_same(res, f"lli at scale {scale}", native_output(scale),
                       r.stdout)
        return r

    probe = lli_at(1, 1)
    if probe.timed_out:
        res.lli, res.lli_kind = timeout * full_scale, "lower-bound"
        res.lli_note = f"scale 1 took over {timeout:g} s"
        return
    if not probe.ok:
        res.lli_note = describe_failure(probe)
        return
    if probe.seconds * full_scale <= min(args.lli_budget, timeout):
        r = lli_at(full_scale, args.repeat)
        if r.ok:
            res.lli = r.seconds
            res.lli_points = [(full_scale, r.seconds)]
            return
        if not r.timed_out:
            res.lli_note = describe_failure(r)
            return
        # Mispredicted: fall through and extrapolate from smaller runs.
    target = min(args.lli_budget, timeout * 0.8)
    scale2 = max(1, min(full_scale - 1, int(target / probe.seconds)))
    r2 = lli_at(scale2, args.repeat)
    if r2.timed_out:
        res.lli, res.lli_kind = timeout * full_scale / scale2, "lower-bound"
        res.lli_note = f"scale {scale2} took over {timeout:g} s"
        return
    if not r2.ok:
        res.lli_note = describe_failure(r2)
        return
    # lli's own start-up (reading and verifying the module) does not grow
    # with the scale: time it on an empty entry function of the same module.
    start = run_best([args.lli, "-force-interpreter",
                      "--entry-function=" + STARTUP_FUNCTION, lli_ll],
                     args.repeat, timeout)
    startup = start.seconds if start.ok else 0.0
    startup = min(startup, r2.seconds)
    res.lli = startup + (r2.seconds - startup) * full_scale / scale2
    res.lli_kind = "extrapolated"
    res.lli_points = [(0, startup), (scale2, r2.seconds)]


def run_benchmark(name, args, workdir):
    source = os.path.join(SOURCES, name + ".c")
    full_scale = args.scale or default_scale(source)
    res = Result(name, full_scale)
    exe, ll, lli_ll, res.lli_replaced = build(name, workdir, args.clang)
    scale_args = [str(args.scale)] if args.scale else []

    native = run_best([exe] + scale_args, args.repeat)
    if not native.ok:
        sys.exit(f"{name}: native run failed: {describe_failure(native)}")
    res.native = native.seconds
    res.native_kib = native.peak_kib

    if args.no_comet:
        res.comet_note = "skipped"
    elif not os.path.exists(args.comet_vm):
        res.comet_note = f"{args.comet_vm} not found"
    else:
        cmd = [args.comet_vm, "run", ll] + (["--"] + scale_args
                                            if scale_args else [])
        r = run_best(cmd, args.repeat, args.comet_timeout)
        if r.ok:
            res.comet = r.seconds
            res.comet_kib = r.peak_kib
            check_same(res, "comet", native.stdout, r.stdout)
        else:
            res.comet_note = describe_failure(r)

    if args.no_lli:
        res.lli_note = "skipped"
    elif not shutil.which(args.lli):
        res.lli_note = f"{args.lli} not found"
    else:
        measure_lli(res, args, exe, lli_ll, full_scale)
    return res


# --------------------------------------------------------------------------
# Reporting


def fmt_seconds(seconds, kind="measured"):
    if seconds is None:
        return "n/a"
    prefix = {"measured": "", "extrapolated": "~", "lower-bound": ">"}[kind]
    digits = 3 if seconds < 100 else 1
    return f"{prefix}{seconds:.{digits}f}"


def ratio(a, b, a_kind="measured", b_kind="measured"):
    """a / b with a prefix: '>' if a is a lower bound, '~' if estimated."""
    if a is None or b is None or b <= 0:
        return None, ""
    if b_kind == "lower-bound":
        return None, ""
    prefix = ">" if a_kind == "lower-bound" else (
        "~" if "extrapolated" in (a_kind, b_kind) else "")
    return a / b, prefix


def fmt_ratio(value, prefix):
    if value is None:
        return "n/a"
    return f"{prefix}{value:.1f}" if value >= 10 else f"{prefix}{value:.2f}"


def geomean(pairs):
    values = [v for v, _ in pairs if v is not None and v > 0]
    if not values:
        return None, ""
    prefix = ">" if any(p == ">" for v, p in pairs if v) else (
        "~" if any(p == "~" for v, p in pairs if v) else "")
    return math.exp(sum(math.log(v) for v in values) / len(values)), prefix


def print_table(results):
    header = (f"{'program':<14} {'scale':>6} {'native s':>9} {'comet s':>9} "
              f"{'lli s':>9} {'comet/native':>12} {'lli/comet':>10} "
              f"{'lli/native':>10}")
    print(header)
    print("-" * len(header))
    cn, lc, ln = [], [], []
    for r in results:
        a = ratio(r.comet, r.native)
        b = ratio(r.lli, r.comet, r.lli_kind)
        c = ratio(r.lli, r.native, r.lli_kind)
        cn.append(a)
        lc.append(b)
        ln.append(c)
        print(f"{r.name:<14} {r.scale:>6} {fmt_seconds(r.native):>9} "
              f"{fmt_seconds(r.comet):>9} {fmt_seconds(r.lli, r.lli_kind):>9} "
              f"{fmt_ratio(*a):>12} {fmt_ratio(*b):>10} {fmt_ratio(*c):>10}")
    print("-" * len(header))
    print(f"{'geometric mean':<14} {'':>6} {'':>9} {'':>9} {'':>9} "
          f"{fmt_ratio(*geomean(cn)):>12} {fmt_ratio(*geomean(lc)):>10} "
          f"{fmt_ratio(*geomean(ln)):>10}")
    counts = [sum(1 for v, _ in col if v) for col in (cn, lc, ln)]
    print(f"(geometric means over {counts[0]}, {counts[1]} and {counts[2]} "
          "programs; ~ = from extrapolated lli times, > = lower bound)")
    return {"comet/native": geomean(cn)[0], "lli/comet": geomean(lc)[0],
            "lli/native": geomean(ln)[0]}


def instance_bytes(comet_vm, library, clang, workdir):
    """Heap bytes of one VM plus one address space with an empty main
    loaded (bench/vm_footprint.c), or None."""
    tool = os.path.join(workdir, "vm_footprint")
    empty_ll = os.path.join(workdir, "empty.ll")
    empty_cob = os.path.join(workdir, "empty.cob")
    with open(empty_ll, "w", encoding="utf-8") as f:
        f.write("define i32 @main() {\n  ret i32 0\n}\n")
    steps = [
        [clang, "-O2", "-I", os.path.join(ROOT, "vm", "include"),
         os.path.join(HERE, "vm_footprint.c"), library, "-o", tool],
        [comet_vm, "lower", empty_ll, "-o", empty_cob],
    ]
    for step in steps:
        if subprocess.run(step, capture_output=True).returncode != 0:
            return None
    out = subprocess.run([tool, empty_cob], capture_output=True, text=True,
                         env=dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(
                             library)))
    fields = out.stdout.split()
    if out.returncode != 0 or len(fields) != 4:
        return None
    return int(fields[1]) + int(fields[3])


def library_footprint(comet_vm, clang, workdir):
    """libcomet's stripped size, the dispatch loop's code size and one VM
    instance's memory, from the build comet-vm belongs to; None where the
    tools or files are missing."""
    library = os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(comet_vm))), "vm", "libcomet.so")
    figures = {"libcomet_stripped_bytes": None, "dispatch_code_bytes": None,
               "vm_instance_bytes": None}
    if not os.path.exists(library):
        return figures
    figures["vm_instance_bytes"] = instance_bytes(comet_vm, library, clang,
                                                  workdir)
    with tempfile.TemporaryDirectory() as tmp:
        stripped = os.path.join(tmp, "libcomet.so")
        if subprocess.run(["strip", "-o", stripped, library]).returncode == 0:
            figures["libcomet_stripped_bytes"] = os.path.getsize(stripped)
    nm = subprocess.run(["nm", "-S", "-C", library], capture_output=True,
                        text=True)
    for line in nm.stdout.splitlines():
        fields = line.split(maxsplit=3)
        if len(fields) == 4 and fields[3].startswith(
                "comet::Interpreter::dispatch(") and fields[2] in "tT":
            # the function and its .cold part
            figures["dispatch_code_bytes"] = (
                figures["dispatch_code_bytes"] or 0) + int(fields[1], 16)
    return figures


def overhead_module(functions, per_function):
    """LLVM IR of a module of about functions x per_function instructions:
    functions of straight-line integer arithmetic, each called once by
    main, which returns 0."""
    lines = []
    for f in range(functions):
        lines.append(f"define internal i64 @f{f}(i64 %a, i64 %b) {{")
        previous = ["%a", "%b"]
        for i in range(per_function - 1):
            op = ("add", "mul", "xor", "sub")[i % 4]
            lines.append(f"  %v{i} = {op} i64 {previous[-1]}, {previous[-2]}")
            previous.append(f"%v{i}")
        lines += [f"  ret i64 {previous[-1]}", "}"]
    lines.append("define i32 @main() {")
    value = "0"
    for f in range(functions):
        lines.append(f"  %c{f} = call i64 @f{f}(i64 {value}, i64 {f + 1})")
        value = f"%c{f}"
    lines += [f"  %t = trunc i64 {value} to i32", "  %z = and i32 %t, 0",
              "  ret i32 %z", "}"]
    return "\n".join(lines) + "\n"


def snapshot_overhead(comet_vm, workdir, repeat=15):
    """What one snapshot costs besides running it (reading and lowering
    the IR, loading, starting and exiting the program): `comet-vm run` of
    a 5,000-instruction module minus that of an empty one, best of
    `repeat`, in milliseconds; None if either fails."""
    modules = {"empty": "define i32 @main() {\n  ret i32 0\n}\n",
               "5000": overhead_module(100, 50)}
    best = {}
    for name, text in modules.items():
        path = os.path.join(workdir, f"overhead-{name}.ll")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        r = run_best([comet_vm, "run", path], repeat)
        if not r.ok:
            return None
        best[name] = r.seconds * 1e3
    return {"module_ms": best["5000"], "empty_ms": best["empty"],
            "overhead_ms": best["5000"] - best["empty"]}


def print_footprint(results, figures):
    """Peak memory per program (Comet's limit: 2x native + 16 MiB) and the
    library's size."""
    print()
    header = (f"{'program':<14} {'native MiB':>10} {'comet MiB':>10} "
              f"{'limit MiB':>10}")
    print(header)
    print("-" * len(header))
    for r in results:
        if r.native_kib is None or r.comet_kib is None:
            continue
        limit = 2 * r.native_kib + 16 * 1024
        mark = "" if r.comet_kib <= limit else "  over"
        print(f"{r.name:<14} {r.native_kib / 1024:>10.1f} "
              f"{r.comet_kib / 1024:>10.1f} {limit / 1024:>10.1f}{mark}")
    size = figures["libcomet_stripped_bytes"]
    dispatch = figures["dispatch_code_bytes"]
    instance = figures["vm_instance_bytes"]
    print(f"libcomet stripped: "
          f"{'n/a' if size is None else f'{size / 1024:.0f} KiB'}; "
          f"dispatch loop (handlers included): "
          f"{'n/a' if dispatch is None else f'{dispatch / 1024:.0f} KiB'}; "
          f"one VM with an empty program loaded (no guest pages, no register "
          f"stack): "
          f"{'n/a' if instance is None else f'{instance / 1024:.0f} KiB'}")
    overhead = figures.get("snapshot")
    if overhead:
        print(f"per-snapshot overhead (a 5,000-instruction module: read, "
              f"lowered, loaded, started, exited): "
              f"{overhead['overhead_ms']:.1f} ms "
              f"({overhead['module_ms']:.1f} ms for the run, minus "
              f"{overhead['empty_ms']:.1f} ms for an empty module)")


def print_notes(results):
    notes = []
    for r in results:
        if r.comet is None and r.comet_note and r.comet_note != "skipped":
            notes.append(f"{r.name}: comet n/a ({r.comet_note})")
        if r.lli is None and r.lli_note and r.lli_note != "skipped":
            notes.append(f"{r.name}: lli n/a ({r.lli_note})")
        elif r.lli_kind != "measured":
            points = ", ".join(
                f"scale {s}: {t:.2f} s" if s else f"start-up {t:.2f} s"
                for s, t in r.lli_points)
            notes.append(f"{r.name}: lli {r.lli_kind} to scale {r.scale}"
                         + (f" from {points}" if points else "")
                         + (f" ({r.lli_note})" if r.lli_note else ""))
    if notes:
        print()
        for n in notes:
            print(n)


def print_mismatches(results):
    bad = [r for r in results if r.mismatches]
    for r in bad:
        for what, expected, got in r.mismatches:
            print(f"\n*** MISMATCH: {r.name}: {what} printed something other "
                  "than the native program ***", file=sys.stderr)
            exp = expected.decode(errors="replace").splitlines()
            out = got.decode(errors="replace").splitlines()
            for i in range(max(len(exp), len(out))):
                e = exp[i] if i < len(exp) else "(nothing)"
                o = out[i] if i < len(out) else "(nothing)"
                if e != o:
                    print(f"  line {i + 1}: native: {e}\n"
                          f"  line {i + 1}: {what.split()[0]}: {o}",
                          file=sys.stderr)
                    break
    return bool(bad)


EMPTY_MODULE = "define i32 @main() {\n  ret i32 0\n}\n"


def lowering_speed(args, ll_files, workdir):
    """Times `comet-vm lower FILE -o /dev/null` for each file; the rate is
    also given net of comet-vm's start-up, timed on an empty module."""
    if not ll_files:
        return []
    empty = os.path.join(workdir, "empty.ll")
    with open(empty, "w", encoding="utf-8") as f:
        f.write(EMPTY_MODULE)
    run_once([args.comet_vm, "lower", empty, "-o", os.devnull])  # warm up
    base = run_best([args.comet_vm, "lower", empty, "-o", os.devnull],
                    args.repeat, args.comet_timeout)
    startup = base.seconds if base.ok else 0.0
    rows = []
    print()
    if base.ok:
        print(f"comet-vm lower start-up (empty module): {startup:.3f} s")
    for ll in ll_files:
        count, how = count_ir_instructions(ll, args.opt)
        r = run_best([args.comet_vm, "lower", ll, "-o", os.devnull],
                     args.repeat, args.comet_timeout)
        row = {"file": ll, "ir_instructions": count, "counted_by": how,
               "startup_s": startup if base.ok else None}
        if not r.ok:
            print(f"lowering {os.path.basename(ll)}: {count} IR instructions, "
                  f"comet-vm lower n/a ({describe_failure(r)})")
            rows.append(row)
            continue
        row["seconds"] = r.seconds
        row["instructions_per_second"] = count / r.seconds
        net = r.seconds - startup
        line = (f"lowering {os.path.basename(ll)}: {count} IR instructions "
                f"in {r.seconds:.3f} s = {count / r.seconds / 1e3:.1f} k/s")
        if base.ok and net > 0.1 * r.seconds:
            row["net_instructions_per_second"] = count / net
            line += f", net of start-up {count / net / 1e3:.1f} k/s"
        elif base.ok:
            line += " (mostly start-up: use a larger module)"
        print(line + f" (instructions counted by {how})")
        rows.append(row)
    return rows


def main():
    parser = argparse.ArgumentParser(
        description=" ".join(__doc__.split("\n\n")[0].split()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[6:]))
    parser.add_argument("--comet-vm",
                        default=os.path.join(ROOT, "build", "bin", "comet-vm"))
    parser.add_argument("--lli", default="/usr/lib/llvm-19/bin/lli")
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--opt", default="/usr/lib/llvm-19/bin/opt",
                        help="used to count IR instructions, if it can")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per measurement; the best counts")
    parser.add_argument("--only", action="append", default=[],
                        metavar="NAME[,NAME]",
                        help="run only these programs (repeatable)")
    parser.add_argument("--scale", type=int,
                        help="run every program at this scale instead of "
                             "its default")
    parser.add_argument("--lli-timeout", type=float, default=60.0,
                        help="kill an lli run after this many seconds")
    parser.add_argument("--lli-budget", type=float, default=10.0,
                        help="seconds one lli measurement may take before "
                             "the runner measures a smaller scale and "
                             "extrapolates")
    parser.add_argument("--comet-timeout", type=float, default=600.0)
    parser.add_argument("--no-lli", action="store_true")
    parser.add_argument("--no-comet", action="store_true")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE",
                        help="also write the numbers as JSON to FILE "
                             "(standard output if no FILE)")
    parser.add_argument("--lowering-speed", action="append", default=[],
                        metavar="FILE.ll",
                        help="time `comet-vm lower FILE.ll -o /dev/null` and "
                             "print IR instructions per second (repeatable; "
                             "with --only none, no benchmarks are run)")
    parser.add_argument("--work-dir",
                        help="keep the built programs here (default: a "
                             "temporary directory, removed afterwards)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.scale is not None and args.scale < 1:
        parser.error("--scale must be at least 1")
    if not shutil.which(args.clang):
        sys.exit(f"{args.clang} not found")

    available = sorted(f[:-2] for f in os.listdir(SOURCES) if f.endswith(".c"))
    only = [n for item in args.only for n in item.split(",") if n]
    if only == ["none"]:
        names = []
    elif only:
        unknown = [n for n in only if n not in available]
        if unknown:
            sys.exit(f"unknown benchmark(s) {', '.join(unknown)}; "
                     f"have: {', '.join(available)}")
        names = [n for n in available if n in only]
    else:
        names = available

    workdir = args.work_dir or tempfile.mkdtemp(prefix="comet-bench-")
    os.makedirs(workdir, exist_ok=True)
    global PEAK_MEMORY
    helper = os.path.join(workdir, "peak_memory")
    if subprocess.run([args.clang, "-O2", os.path.join(HERE, "peak_memory.c"),
                       "-o", helper]).returncode == 0:
        PEAK_MEMORY = helper
    try:
        results = []
        for name in names:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            results.append(run_benchmark(name, args, workdir))
        geo = {}
        figures = library_footprint(args.comet_vm, args.clang, workdir)
        if not args.no_comet:
            figures["snapshot"] = snapshot_overhead(args.comet_vm, workdir)
        if results:
            geo = print_table(results)
            print_notes(results)
            print_footprint(results, figures)
        lowering = lowering_speed(
            args, [os.path.abspath(f) for f in args.lowering_speed], workdir)
        mismatched = print_mismatches(results)
        if args.json:
            data = {
                "repeat": args.repeat,
                "lli_budget": args.lli_budget,
                "lli_timeout": args.lli_timeout,
                "benchmarks": [{
                    "name": r.name, "scale": r.scale, "native_s": r.native,
                    "comet_s": r.comet, "comet_note": r.comet_note or None,
                    "lli_s": r.lli, "lli_kind": r.lli_kind,
                    "lli_points": r.lli_points,
                    "lli_note": r.lli_note or None,
                    "lli_replaced_intrinsics": r.lli_replaced,
                    "mismatches": [w for w, _, _ in r.mismatches],
                    "native_peak_kib": r.native_kib,
                    "comet_peak_kib": r.comet_kib,
                } for r in results],
                "geometric_means": geo,
                "footprint": figures,
                "lowering": lowering,
            }
            text = json.dumps(data, indent=2)
            if args.json == "-":
                print(text)
            else:
                with open(args.json, "w", encoding="utf-8") as f:
                    f.write(text + "\n")
        if mismatched:
            print("\n*** MISMATCH: outputs differ; the times above are not "
                  "comparable ***", file=sys.stderr)
            sys.exit(1)
    finally:
        if not args.work_dir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
