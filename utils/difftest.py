#!/usr/bin/env python3
"""Differential testing: C programs run natively and under comet-vm.

    utils/difftest.py [options] INPUTS...
    utils/difftest.py [options] --csmith-seeds 1-300

Every input C program is compiled with clang at each requested optimisation
level twice: to a native executable, and to textual LLVM IR of the same level.
The executable and `comet-vm run prog.ll` are run with the same timeout, and
their stdout bytes and exit codes are compared. Each (program, level) pair
lands in one category:

  match        same stdout bytes and same exit code
  mismatch     stdout or exit code differ (a unified diff is shown)
  unsupported  comet-vm exited 2 with "unsupported" in its stderr
  error        comet-vm exited 2 otherwise, or building the program failed
  crash        comet-vm itself died by a signal or a sanitizer report
  timeout      comet-vm did not finish within the timeout
  skipped      the native program did not finish within the timeout, so
               there is nothing to compare (csmith programs that loop)
  undefined    the program reached undefined behaviour: comet trapped on an
               IR `unreachable` (an optimiser proved that point is never
               reached by a well-defined run), the native program died by a
               signal there, and stdout is the same up to that point

The exit status is 0 only if nothing was a mismatch, error, crash,
unsupported (unless --allow-unsupported) or timeout (unless
--allow-timeouts); 1 otherwise; 2 for a usage or set-up error.
See docs/differential-testing.md.
"""

import argparse
import concurrent.futures
import dataclasses
import difflib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COMET_VM = REPO_ROOT / "build" / "bin" / "comet-vm"
DEFAULT_COMET_CMD = "{comet_vm} run {ll} --"
CSMITH_INCLUDE = "/usr/include/csmith"

CATEGORIES = ["match", "mismatch", "unsupported", "error", "crash", "timeout", "skipped",
              "undefined"]
UNREACHABLE_TRAP = b"trap: unreachable executed"
LEVEL_RE = re.compile(r"^-O([0-3sz])$")
# Reports a sanitizer-instrumented comet-vm prints when it fails itself.
SANITIZER_RE = re.compile(
    rb"==\d+==ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer)"
    rb"|SUMMARY: UndefinedBehaviorSanitizer"
)
DIFF_LINES = 40
STDERR_LINES = 10


@dataclasses.dataclass
class Program:
    name: str          # shown in reports
    source: Path       # the C file
    workdir: Path      # where its binaries, IR and outputs go
    csmith: bool = False


@dataclasses.dataclass
class Run:
    returncode: int | None  # None on timeout
    stdout: bytes
    stderr: bytes
    seconds: float


@dataclasses.dataclass
class Result:
    program: str
    level: str
    category: str
    detail: str = ""
    native_exit: int | None = None
    comet_exit: int | None = None
    native_seconds: float | None = None
    comet_seconds: float | None = None


def die(message):
    print(f"difftest: error: {message}", file=sys.stderr)
    sys.exit(2)


def parse_seeds(text):
    """'1-300' or '5' or '1-10,40,50-55' -> sorted list of ints."""
    seeds = set()
    for part in text.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise argparse.ArgumentTypeError(f"bad seed range '{part}' (want N or N-M)")
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if hi < lo:
            raise argparse.ArgumentTypeError(f"empty seed range '{part}'")
        seeds.update(range(lo, hi + 1))
    return sorted(seeds)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="difftest.py",
        usage="%(prog)s [-O0 -O1 -O2 -O3 -Os -Oz] [options] [INPUTS...]",
        description="Compare C programs run natively with the same programs' "
        "LLVM IR run under comet-vm.",
        epilog="Optimisation levels are given as -O0 -O1 -O2 -O3 -Os -Oz "
        "(any number; default -O0 -O2). Options taking a value that starts "
        "with '-' need the '=' form: --cflags=-DNDEBUG.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUTS",
                   help="C files, or directories whose *.c files are used (sorted)")
    p.add_argument("--csmith-seeds", type=parse_seeds, metavar="RANGES",
                   help="also generate programs with 'csmith --seed N' for each "
                   "seed, e.g. 1-300 or 1-10,42")
    p.add_argument("--csmith", default="csmith", metavar="PATH",
                   help="the csmith executable (default: csmith)")
    p.add_argument("--csmith-include", default=CSMITH_INCLUDE, metavar="DIR",
                   help=f"csmith's headers (default: {CSMITH_INCLUDE})")
    p.add_argument("--comet-vm", default=str(DEFAULT_COMET_VM), metavar="PATH",
                   help="comet-vm to test (default: build/bin/comet-vm of this "
                   "repository; a bare name is looked up on PATH)")
    p.add_argument("--comet-cmd", default=DEFAULT_COMET_CMD, metavar="TEMPLATE",
                   help="command that runs one IR file; {comet_vm} and {ll} are "
                   f"replaced (default: '{DEFAULT_COMET_CMD}'); e.g. "
                   "'/usr/lib/llvm-19/bin/lli {ll}' to check the harness itself")
    p.add_argument("--clang", default="clang-19", metavar="PATH",
                   help="C compiler for both the native build and the IR (default: clang-19)")
    p.add_argument("--cflags", default="", metavar="FLAGS",
                   help="extra compiler flags for both builds, one shell-quoted string")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="time limit for each native run and each comet run (default: 10)")
    p.add_argument("--comet-timeout", type=float, metavar="SECONDS",
                   help="time limit for comet runs only (default: --timeout)")
    p.add_argument("-j", "--jobs", type=int, default=2, metavar="N",
                   help="programs built and run in parallel (default: 2)")
    p.add_argument("--work-dir", metavar="DIR",
                   help="keep binaries, IR and outputs here (default: a temporary "
                   "directory, removed at the end unless --keep)")
    p.add_argument("--keep", action="store_true",
                   help="do not remove the temporary work directory")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="report only what did not match, then the summary")
    p.add_argument("--allow-unsupported", action="store_true",
                   help="'unsupported' does not make the exit status non-zero")
    p.add_argument("--allow-timeouts", action="store_true",
                   help="comet 'timeout' does not make the exit status non-zero")
    p.add_argument("--json", metavar="FILE",
                   help="also write every result as JSON to FILE ('-' for stdout)")
    args, rest = p.parse_known_args(argv)

    levels = []
    for arg in rest:
        m = LEVEL_RE.match(arg)
        if not m:
            p.error(f"unrecognized argument: {arg}")
        if arg not in levels:
            levels.append(arg)
    args.levels = levels or ["-O0", "-O2"]
    if not args.inputs and not args.csmith_seeds:
        p.error("no inputs: give C files, directories or --csmith-seeds")
    if args.jobs < 1:
        p.error("-j needs a positive number")
    if args.comet_timeout is None:
        args.comet_timeout = args.timeout
    args.clang = absolute_tool(args.clang)
    args.comet_vm = absolute_tool(args.comet_vm)
    args.csmith = absolute_tool(args.csmith)
    return args


def run_command(cmd, cwd, timeout):
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, start_new_session=True)
    except subprocess.TimeoutExpired as e:
        return Run(None, e.stdout or b"", e.stderr or b"", time.monotonic() - start)
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start)


def run_limited(cmd, cwd, timeout):
    """Runs a test program in its own process group, so that a timeout kills
    everything it started, not only the direct child."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return Run(None, out, err, time.monotonic() - start)
    return Run(proc.returncode, out, err, time.monotonic() - start)


def absolute_tool(path):
    """Programs run in their work directory, so a relative tool path given on
    the command line is made absolute; a bare name is looked up on PATH."""
    return os.path.abspath(path) if os.sep in path else path


def exit_status(returncode):
    """Native exit status as a shell reports it: death by signal N is 128+N,
    the convention comet-vm follows for traps."""
    return 128 - returncode if returncode < 0 else returncode


def describe_exit(code):
    if code is None:
        return "timeout"
    if code > 128 and code - 128 < signal.NSIG:
        try:
            return f"{code} ({signal.Signals(code - 128).name})"
        except ValueError:
            pass
    return str(code)


def first_lines(data, n):
    text = data.decode("utf-8", "replace").rstrip("\n")
    lines = text.splitlines()
    if len(lines) > n:
        lines = lines[:n] + [f"... ({len(lines) - n} more lines)"]
    return "\n".join(lines)


def stdout_diff(native, comet):
    a = native.decode("utf-8", "replace").splitlines(keepends=True)
    b = comet.decode("utf-8", "replace").splitlines(keepends=True)
    diff = list(difflib.unified_diff(a, b, "native stdout", "comet stdout", n=2))
    lines = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
             for line in diff]
    lines = "".join(lines).splitlines()
    if len(lines) > DIFF_LINES:
        lines = lines[:DIFF_LINES] + [f"... ({len(lines) - DIFF_LINES} more diff lines)"]
    return "\n".join(lines)


class Tester:
    def __init__(self, args):
        self.args = args
        self.cflags = shlex.split(args.cflags)
        self.comet_cmd = shlex.split(args.comet_cmd)
        if not self.comet_cmd:
            die("--comet-cmd is empty")

    def compile_flags(self, program, level):
        flags = [level, "-w"]
        if program.csmith:
            flags += ["-I", self.args.csmith_include]
        return flags + self.cflags

    def comet_command(self, ll):
        fields = {"comet_vm": self.args.comet_vm, "ll": str(ll)}
        try:
            cmd = [token.format(**fields) for token in self.comet_cmd]
        except (KeyError, IndexError, ValueError) as e:
            die(f"bad --comet-cmd template: {e}")
        return [absolute_tool(cmd[0])] + cmd[1:]

    def test(self, program, level):
        """Builds and runs one program at one level; returns a Result."""
        args = self.args
        tag = level.lstrip("-")
        work = program.workdir
        result = Result(program.name, level, "error")
        exe = work / f"prog.{tag}"
        ll = work / f"prog.{tag}.ll"
        flags = self.compile_flags(program, level)

        build = run_command([args.clang, *flags, str(program.source), "-o", str(exe), "-lm"],
                            work, 300)
        if build.returncode != 0:
            result.detail = "native build failed:\n" + first_lines(build.stderr, STDERR_LINES)
            return result
        # -O0 IR carries optnone on every function; drop it so the IR is what
        # an optimiser pass would see. Code generation is otherwise the same.
        extra = ["-Xclang", "-disable-O0-optnone"] if level == "-O0" else []
        build = run_command([args.clang, *flags, *extra, "-S", "-emit-llvm",
                             str(program.source), "-o", str(ll)], work, 300)
        if build.returncode != 0:
            result.detail = "IR build failed:\n" + first_lines(build.stderr, STDERR_LINES)
            return result

        native = run_limited([str(exe)], work, args.timeout)
        result.native_seconds = round(native.seconds, 3)
        (work / f"native.{tag}.out").write_bytes(native.stdout)
        if native.returncode is None:
            result.category = "skipped"
            result.detail = f"native run timed out after {args.timeout:g} s"
            return result
        result.native_exit = exit_status(native.returncode)

        comet = run_limited(self.comet_command(ll), work, args.comet_timeout)
        result.comet_seconds = round(comet.seconds, 3)
        (work / f"comet.{tag}.out").write_bytes(comet.stdout)
        (work / f"comet.{tag}.err").write_bytes(comet.stderr)
        result.comet_exit = comet.returncode
        stderr_head = first_lines(comet.stderr, STDERR_LINES)
        if comet.returncode is None:
            result.category = "timeout"
            result.detail = f"comet timed out after {args.comet_timeout:g} s"
            return result
        if comet.returncode < 0:
            result.category = "crash"
            result.detail = (f"comet-vm killed by {signal.Signals(-comet.returncode).name}"
                             if -comet.returncode < signal.NSIG else "comet-vm killed by a signal")
            result.detail += "\n" + stderr_head if stderr_head else ""
            return result
        if SANITIZER_RE.search(comet.stderr):
            result.category = "crash"
            result.detail = "comet-vm sanitizer report:\n" + stderr_head
            return result
        same = comet.stdout == native.stdout and comet.returncode == result.native_exit
        if same:
            result.category = "match"
            return result
        if (comet.stdout == native.stdout and UNREACHABLE_TRAP in comet.stderr
                and native.returncode < 0):
            # Native code has no defined behaviour past an `unreachable`
            # either: it runs into whatever code follows. Not comparable.
            result.category = "undefined"
            result.detail = (f"native died by a signal ({describe_exit(result.native_exit)}); "
                             f"comet:\n" + stderr_head)
            return result
        if comet.returncode == 2 and result.native_exit != 2:
            unsupported = b"unsupported" in comet.stderr
            result.category = "unsupported" if unsupported else "error"
            result.detail = stderr_head or "comet-vm exited 2 without a message"
            return result
        result.category = "mismatch"
        parts = [f"exit code: native {describe_exit(result.native_exit)}, "
                 f"comet {describe_exit(comet.returncode)}"]
        if comet.stdout != native.stdout:
            parts.append(stdout_diff(native.stdout, comet.stdout))
        else:
            parts.append("stdout identical")
        if stderr_head:
            parts.append("comet stderr:\n" + stderr_head)
        result.detail = "\n".join(parts)
        return result


def collect_programs(args, workroot):
    sources = []
    for item in args.inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(path.glob("*.c"))
            if not found:
                die(f"no *.c files in directory {item}")
            sources += found
        elif path.is_file():
            sources.append(path)
        else:
            die(f"no such file or directory: {item}")

    programs = []
    used = set()
    for src in sources:
        try:
            name = str(src.resolve().relative_to(Path.cwd()))
        except ValueError:
            name = str(src)
        base = re.sub(r"[^A-Za-z0-9_.-]", "_", src.stem)
        stem, n = base, 1
        while stem in used:
            n += 1
            stem = f"{base}-{n}"
        used.add(stem)
        workdir = workroot / stem
        workdir.mkdir(parents=True, exist_ok=True)
        programs.append(Program(name, src.resolve(), workdir))
    return programs


def generate_csmith(args, workroot, seeds, pool):
    """Runs csmith once per seed (in parallel); returns the programs and a
    list of Results for seeds csmith failed on."""
    csmith = shutil.which(args.csmith)
    if not csmith:
        die(f"csmith not found: {args.csmith} (Debian package 'csmith')")
    if not (Path(args.csmith_include) / "csmith.h").is_file():
        die(f"no csmith.h in {args.csmith_include} (Debian package 'libcsmith-dev')")

    def generate(seed):
        workdir = workroot / f"csmith-{seed}"
        workdir.mkdir(parents=True, exist_ok=True)
        source = workdir / f"csmith-{seed}.c"
        run = run_command([csmith, "--seed", str(seed), "-o", str(source)], workdir, 120)
        prog = Program(f"csmith-{seed}", source, workdir, csmith=True)
        if run.returncode != 0 or not source.is_file():
            return prog, "csmith failed:\n" + first_lines(run.stderr, STDERR_LINES)
        return prog, None

    programs, failures = [], []
    for prog, failure in pool.map(generate, seeds):
        if failure:
            failures += [Result(prog.name, level, "error", failure) for level in args.levels]
        else:
            programs.append(prog)
    return programs, failures


def format_line(result, index, total):
    times = []
    if result.native_seconds is not None:
        times.append(f"native {result.native_seconds:.2f}s")
    if result.comet_seconds is not None:
        times.append(f"comet {result.comet_seconds:.2f}s")
    width = len(str(total))
    line = (f"[{index:>{width}}/{total}] {result.category.upper():<11} "
            f"{result.program} {result.level}")
    if times:
        line += f"  ({', '.join(times)})"
    return line


def print_detail(result):
    if result.detail:
        for line in result.detail.splitlines():
            print(f"    {line}")


def summary_table(results, levels):
    counts = {(c, lv): 0 for c in CATEGORIES for lv in levels}
    for r in results:
        counts[(r.category, r.level)] += 1
    width = max(len(c) for c in CATEGORIES)
    header = f"{'':<{width}}" + "".join(f"{lv:>8}" for lv in levels) + f"{'total':>8}"
    lines = [header]
    for c in CATEGORIES:
        row = [counts[(c, lv)] for lv in levels]
        if not any(row) and c not in ("match", "mismatch"):
            continue
        lines.append(f"{c:<{width}}" + "".join(f"{n:>8}" for n in row) + f"{sum(row):>8}")
    return "\n".join(lines)


def failing_categories(args):
    failing = {"mismatch", "error", "crash"}
    if not args.allow_unsupported:
        failing.add("unsupported")
    if not args.allow_timeouts:
        failing.add("timeout")
    return failing


def main(argv):
    args = parse_args(argv)
    if not shutil.which(args.clang):
        die(f"clang not found: {args.clang}")
    tester = Tester(args)
    if "{comet_vm}" in args.comet_cmd and not shutil.which(args.comet_vm):
        die(f"comet-vm not found: {args.comet_vm} (build it, or pass --comet-vm)")
    runner = tester.comet_command(Path("x.ll"))[0]
    if not shutil.which(runner):
        die(f"comet command not found: {runner}")

    if args.work_dir:
        workroot = Path(args.work_dir).resolve()
        workroot.mkdir(parents=True, exist_ok=True)
        remove = False
    else:
        workroot = Path(tempfile.mkdtemp(prefix="difftest-"))
        remove = not args.keep

    results = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            programs = collect_programs(args, workroot)
            if args.csmith_seeds:
                generated, failures = generate_csmith(args, workroot, args.csmith_seeds, pool)
                programs += generated
                results += failures
            jobs = [(p, lv) for p in programs for lv in args.levels]
            total = len(jobs) + len(results)
            lock = threading.Lock()
            done = len(results)
            for r in results:
                print(format_line(r, 0, total))
                print_detail(r)

            def job(item):
                program, level = item
                try:
                    return tester.test(program, level)
                except OSError as e:
                    return Result(program.name, level, "error", f"harness: {e}")

            futures = [pool.submit(job, item) for item in jobs]
            for fut in concurrent.futures.as_completed(futures):
                r = fut.result()
                with lock:
                    done += 1
                    results.append(r)
                    if r.category != "match" or not args.quiet:
                        print(format_line(r, done, total), flush=True)
                    if r.category != "match":
                        print_detail(r)
    except KeyboardInterrupt:
        print("difftest: interrupted", file=sys.stderr)
        return 130
    finally:
        if remove:
            shutil.rmtree(workroot, ignore_errors=True)

    order = {lv: i for i, lv in enumerate(args.levels)}
    results.sort(key=lambda r: (r.program, order[r.level]))
    if args.json:
        data = json.dumps([dataclasses.asdict(r) for r in results], indent=1)
        if args.json == "-":
            print(data)
        else:
            Path(args.json).write_text(data + "\n")

    failing = failing_categories(args)
    bad = [r for r in results if r.category in failing]
    print()
    print(summary_table(results, args.levels))
    if bad:
        names = sorted({f"{r.program} {r.level} ({r.category})" for r in bad})
        shown = names[:20] + ([f"... and {len(names) - 20} more"] if len(names) > 20 else [])
        print(f"\nFAILED: {len(bad)} of {len(results)}:")
        for n in shown:
            print(f"  {n}")
    else:
        counts = {c: sum(r.category == c for r in results) for c in CATEGORIES}
        parts = [f"{n} {c}" for c, n in counts.items() if n]
        print(f"\nPASSED: {len(results)} runs ({', '.join(parts) or 'none'})")
    if not remove:
        print(f"work directory: {workroot}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
