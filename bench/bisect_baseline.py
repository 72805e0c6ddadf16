#!/usr/bin/env python3
"""The bisect a compiler engineer writes without Comet, timed against
`comet-vm bisect` on the same program and pipeline.

    python3 bench/bisect_baseline.py PROG.c|PROG.ll --passes='default<O2>'
        [--load-pass-plugin=LIB.so ...] [--cflags="..."] [--args="..."]
        [--comet-vm build/bin/comet-vm] [--opt PATH] [--lli PATH]
        [--repeat 3] [--timeout 120] [--json]

The baseline, with stock LLVM 19 tools only:

  1. for a .c file, the reference IR: clang-19 -S -emit-llvm with --cflags
     (default: -O<N> -Xclang -disable-llvm-passes -fno-discard-value-names
     -w, N from a default<ON> pipeline, else 2), as `comet-vm bisect` does;
  2. the reference behaviour: REF.ll itself (no pass run, the same IR as
     -opt-bisect-limit=0) under `lli -force-interpreter`: stdout and exit
     code;
  3. the passes: `opt -passes=P -opt-bisect-limit=-1 -disable-output`;
  4. the IR after all passes, and then a binary search over N between the
     last good and first bad limit: `opt -passes=P -opt-bisect-limit=N
     REF.ll -S`, run under `lli -force-interpreter`, compared with the
     reference. A run past --timeout counts as a difference (a hang).

lli's interpreter lacks several intrinsics the optimiser emits
(llvm.smax, llvm.fmuladd, llvm.fabs, ...); each probe is passed through
make_lli_compatible() of bench/run_c_benchmarks.py, which replaces them
with small IR functions computing the same, as an engineer would have to.

Both sides are timed as whole processes, wall clock, best of --repeat,
including clang for a .c file. Both must name the same pass number; the
ratio baseline/comet is printed. Exit status: 0 when both agree, 1 when
they name different passes, 2 on error.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_c_benchmarks import make_lli_compatible  # noqa: E402

LLVM_BIN = "/usr/lib/llvm-19/bin"
BISECT_LINE = re.compile(r"BISECT: running pass \((\d+)\) (.*) on (.*)")


def check(command, **kwargs):
    result = subprocess.run(command, capture_output=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError("%s: exit %d\n%s" % (
            " ".join(shlex.quote(c) for c in command), result.returncode,
            result.stderr.decode(errors="replace")[-2000:]))
    return result


class Baseline:
    """opt -opt-bisect-limit + lli -force-interpreter, binary search."""

    def __init__(self, options, work):
        self.options = options
        self.work = work
        self.probes = 0

    def opt(self, *extra):
        command = [self.options.opt, "-passes=" + self.options.passes]
        command += ["-load-pass-plugin=" + p for p in self.options.plugins]
        return command + list(extra)

    def behaviour(self, ll):
        """(stdout, exit code) under lli's interpreter; None: a hang."""
        with open(ll) as f:
            text, _ = make_lli_compatible(f.read())
        runnable = ll + ".lli.ll"
        with open(runnable, "w") as f:
            f.write(text)
        command = [self.options.lli, "-force-interpreter", runnable]
        command += shlex.split(self.options.args)
        stdin = open(self.options.stdin, "rb") if self.options.stdin else subprocess.DEVNULL
        try:
            result = subprocess.run(command, stdin=stdin, capture_output=True,
                                    timeout=self.options.timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            if self.options.stdin:
                stdin.close()
        return result.stdout, result.returncode

    def at(self, number, reference):
        """The behaviour of the IR after pass `number`."""
        self.probes += 1
        out = os.path.join(self.work, "probe-%d.ll" % number)
        check(self.opt("-opt-bisect-limit=%d" % number, reference, "-S", "-o", out))
        return self.behaviour(out)

    def run(self):
        options = self.options
        reference = options.program
        if options.program.endswith(".c"):
            reference = os.path.join(self.work, "reference.ll")
            check([options.clang, "-S", "-emit-llvm"] + reference_flags(options) +
                  [options.program, "-o", reference])
        expected = self.behaviour(reference)
        if expected is None:
            raise RuntimeError("the reference does not end within %ss" % options.timeout)
        listing = check(self.opt("-opt-bisect-limit=-1", "-disable-output",
                                 reference)).stderr.decode()
        passes = {}
        for line in listing.splitlines():
            match = BISECT_LINE.fullmatch(line)
            if match:
                passes[int(match.group(1))] = (match.group(2), match.group(3))
        good, bad = 0, len(passes)
        if self.at(bad, reference) == expected:
            return {"status": "no-divergence", "passes": len(passes),
                    "probes": self.probes}
        while bad - good > 1:
            middle = (good + bad) // 2
            if self.at(middle, reference) == expected:
                good = middle
            else:
                bad = middle
        name, unit = passes[bad]
        return {"status": "miscompile", "pass_number": bad, "pass_name": name,
                "ir_unit": unit, "passes": len(passes), "probes": self.probes}


def reference_flags(options):
    if options.cflags:
        return shlex.split(options.cflags)
    level = re.fullmatch(r"\s*default<O([0-3sz])>\s*", options.passes)
    return ["-O" + (level.group(1) if level else "2"), "-Xclang",
            "-disable-llvm-passes", "-fno-discard-value-names", "-w"]


def comet_bisect(options):
    command = [options.comet_vm, "bisect", options.program,
               "--passes=" + options.passes, "--json"]
    command += ["--load-pass-plugin=" + p for p in options.plugins]
    if options.cflags:
        command.append("--cflags=" + options.cflags)
    if options.args:
        command.append("--args=" + options.args)
    if options.stdin:
        command.append("--stdin=" + options.stdin)
    result = subprocess.run(command, capture_output=True)
    if result.returncode not in (0, 1):
        raise RuntimeError("comet-vm bisect: exit %d\n%s" % (
            result.returncode, result.stderr.decode(errors="replace")))
    return json.loads(result.stdout)


def best_of(repeat, function):
    best, value = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    return best, value


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("program", help=".c or .ll")
    parser.add_argument("--passes", default="default<O2>")
    parser.add_argument("--load-pass-plugin", dest="plugins", action="append",
                        default=[])
    parser.add_argument("--cflags", default="")
    parser.add_argument("--args", default="", help="the program's arguments")
    parser.add_argument("--stdin", help="a file to give the program as stdin")
    parser.add_argument("--comet-vm", default="build/bin/comet-vm")
    parser.add_argument("--opt", default=os.path.join(LLVM_BIN, "opt"))
    parser.add_argument("--lli", default=os.path.join(LLVM_BIN, "lli"))
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds one lli run may take (then: a hang)")
    parser.add_argument("--json", action="store_true",
                        help="print the figures as one JSON object")
    options = parser.parse_args()
    try:
        with tempfile.TemporaryDirectory(prefix="bisect-baseline-") as work:
            baseline_time, baseline = best_of(
                options.repeat, lambda: Baseline(options, work).run())
        comet_time, comet = best_of(options.repeat, lambda: comet_bisect(options))
    except (RuntimeError, OSError) as error:
        print("bisect_baseline: error: %s" % error, file=sys.stderr)
        return 2
    agree = (baseline["status"] == comet["status"] and
             baseline.get("pass_number") == comet.get("pass_number"))
    figures = {
        "program": options.program, "passes": options.passes,
        "plugins": options.plugins,
        "baseline": dict(baseline, seconds=round(baseline_time, 3)),
        "comet": {"status": comet["status"], "pass_number": comet.get("pass_number"),
                  "pass_name": comet.get("pass_name"), "runs": comet.get("runs"),
                  "seconds": round(comet_time, 3)},
        "ratio": round(baseline_time / comet_time, 1), "agree": agree,
    }
    if options.json:
        print(json.dumps(figures, indent=1))
    else:
        def culprit(result):
            if result["status"] != "miscompile":
                return result["status"]
            return "pass %d (%s on %s)" % (result["pass_number"], result["pass_name"],
                                           result["ir_unit"])
        print("program   %s, %s%s" % (options.program, options.passes, "".join(
            ", plugin " + os.path.basename(p) for p in options.plugins)))
        print("baseline  %s: %d opt+lli probes of %d passes, %.3f s" % (
            culprit(baseline), baseline["probes"], baseline["passes"], baseline_time))
        print("comet     %s: %d programs run, %.3f s" % (
            culprit(comet), comet.get("runs", 0), comet_time))
        print("ratio     baseline / comet = %.1fx (best of %d each)%s" % (
            figures["ratio"], options.repeat, "" if agree else
            "; THEY DISAGREE on the culprit"))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
