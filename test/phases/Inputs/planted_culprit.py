#!/usr/bin/env python3
"""The culprit of a planted-bug plugin, found with stock LLVM tools only.

Independently of comet-vm: makes the reference IR with clang-19 as clang
feeds its own pipeline, lists the passes `opt -opt-bisect-limit=-1` runs,
and for each run of the planted pass (in order) asks stock opt for the IR
before and after it (-opt-bisect-limit=N-1 and N). The culprit is the first
run that changes the IR and, compiled natively, changes what the program
prints or its exit code, while the IR just before it still behaves as the
reference. Prints

    expected: N PASS on UNIT

for FileCheck to capture, and exits 1 when no run of the pass changes the
program's behaviour.
"""
import argparse
import os
import re
import subprocess
import sys

LLVM_BIN = "/usr/lib/llvm-19/bin"
BISECT_LINE = re.compile(r"BISECT: running pass \((\d+)\) (.*) on (.*)")


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def behaviour(ll, work, name, clang, args):
    """Native stdout and exit code of an IR file."""
    exe = os.path.join(work, name)
    run([clang, "-O0", "-w", ll, "-o", exe, "-lm"])
    result = subprocess.run([exe] + args, capture_output=True, timeout=10)
    return result.stdout, result.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", help="a .c file")
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--pass", dest="pass_name", required=True)
    parser.add_argument("--passes", default="default<O2>")
    parser.add_argument("--cflags", default="-O2 -Xclang -disable-llvm-passes "
                        "-fno-discard-value-names -w")
    parser.add_argument("--opt", default=os.path.join(LLVM_BIN, "opt"))
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--args", default="", help="the program's arguments")
    options = parser.parse_args()

    work = options.work_dir
    os.makedirs(work, exist_ok=True)
    args = options.args.split()
    reference = os.path.join(work, "reference.ll")
    run([options.clang, "-S", "-emit-llvm"] + options.cflags.split() +
        [options.program, "-o", reference])

    def opt(*extra):
        return [options.opt, "-passes=" + options.passes,
                "-load-pass-plugin=" + options.plugin] + list(extra)

    listing = run(opt("-opt-bisect-limit=-1", "-disable-output", reference)).stderr
    runs = [(int(m.group(1)), m.group(3)) for m in
            (BISECT_LINE.fullmatch(line) for line in listing.splitlines())
            if m and m.group(2) == options.pass_name]
    if not runs:
        sys.exit("%s never runs in %s" % (options.pass_name, options.passes))

    def ir_at(number):
        path = os.path.join(work, "after-%04d.ll" % number)
        if not os.path.exists(path):
            run(opt("-opt-bisect-limit=%d" % number, reference, "-S", "-o", path))
        return path

    expected = behaviour(reference, work, "reference", options.clang, args)
    for number, unit in runs:
        before, after = ir_at(number - 1), ir_at(number)
        with open(before) as b, open(after) as a:
            if b.read() == a.read():
                continue  # the planted pass found nothing to break here
        good = behaviour(before, work, "before-%d" % number, options.clang, args)
        bad = behaviour(after, work, "after-%d" % number, options.clang, args)
        if bad == good:
            continue  # it fired, harmlessly
        if good != expected:
            sys.exit("behaviour changed before pass %d: %r, reference %r"
                     % (number, good, expected))
        print("expected: %d %s on %s" % (number, options.pass_name, unit))
        print("reference exit %d, culprit exit %d" % (good[1], bad[1]))
        return
    sys.exit("no run of %s changes the program's behaviour" % options.pass_name)


if __name__ == "__main__":
    main()
