#!/usr/bin/env python3
"""csmith's random programs through check-phases: no snapshot may diverge.

    python3 test/phases/Inputs/csmith_phases.py --seeds 1-50 \\
        [--passes 'default<O2>' --passes 'default<O3>'] [--comet-vm PATH] \\
        [--work-dir DIR] [-j 2] [--native-timeout 10]

For each seed: `csmith --seed N` writes the program; clang-19 -O0 builds it
natively, and a seed whose native binary does not end within
--native-timeout seconds is skipped (csmith may write a program that loops
for a very long time). Then, for each pipeline default<ON>,

    comet-vm check-phases seedN.c --passes='default<ON>' \\
        --cflags="-ON -Xclang -disable-llvm-passes -fno-discard-value-names -w
                  -I/usr/include/csmith"

must exit 0: every snapshot of the pipeline behaves as the reference. Exit
1 (a divergence) and 2 (an error) are printed with check-phases' output and
make this script exit 1. One line per seed and pipeline, with the time.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

CSMITH_INCLUDE = "/usr/include/csmith"


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


def prepare(seed, options):
    """Writes seedN.c; returns its path, or None with a reason to skip."""
    source = os.path.join(options.work_dir, "seed%d.c" % seed)
    with open(source, "w") as out:
        subprocess.run([options.csmith, "--seed", str(seed)], stdout=out, check=True)
    exe = os.path.join(options.work_dir, "seed%d" % seed)
    subprocess.run([options.clang, "-O0", "-w", "-I" + CSMITH_INCLUDE, source,
                    "-o", exe], check=True, capture_output=True)
    try:
        subprocess.run([exe], capture_output=True, timeout=options.native_timeout)
    except subprocess.TimeoutExpired:
        return None, "native binary runs longer than %gs" % options.native_timeout
    return source, None


def check(seed, source, passes, options):
    level = re.fullmatch(r"default<O([0-3sz])>", passes)
    cflags = "-O%s -Xclang -disable-llvm-passes -fno-discard-value-names -w -I%s" % (
        level.group(1) if level else "2", CSMITH_INCLUDE)
    start = time.perf_counter()
    result = subprocess.run([options.comet_vm, "check-phases", source,
                             "--passes=" + passes, "--cflags=" + cflags],
                            capture_output=True, text=True)
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-50")
    parser.add_argument("--passes", action="append",
                        help="pipelines (default: default<O2> and default<O3>)")
    parser.add_argument("--comet-vm", default="comet-vm")
    parser.add_argument("--csmith", default="csmith")
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--work-dir",
                        help="keep the programs here (default: a temporary "
                        "directory, removed afterwards)")
    parser.add_argument("--native-timeout", type=float, default=10)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    options = parser.parse_args()
    pipelines = options.passes or ["default<O2>", "default<O3>"]
    if options.work_dir:
        os.makedirs(options.work_dir, exist_ok=True)
        return run(options, pipelines)
    with tempfile.TemporaryDirectory(prefix="csmith-phases-") as work_dir:
        options.work_dir = work_dir
        return run(options, pipelines)


def run(options, pipelines):

    failures, skipped, total_time = 0, 0, 0.0
    seeds = parse_seeds(options.seeds)
    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        prepared = list(pool.map(lambda s: (s,) + prepare(s, options), seeds))
        work = [(seed, source, passes) for seed, source, _ in prepared if source
                for passes in pipelines]
        results = pool.map(lambda w: w + check(*w, options), work)
        for seed, source, reason in prepared:
            if reason:
                skipped += 1
                print("seed %d: skipped: %s" % (seed, reason), flush=True)
        for seed, source, passes, result, seconds in results:
            total_time += seconds
            verdict = {0: "no divergence", 1: "DIVERGENCE", 2: "ERROR"}.get(
                result.returncode, "ERROR (exit %d)" % result.returncode)
            print("seed %d %s: %s (%.1fs)" % (seed, passes, verdict, seconds), flush=True)
            if result.returncode != 0:
                failures += 1
                sys.stdout.write(result.stdout + result.stderr)
    print("%d programs x %d pipelines: %d failed, %d seeds skipped, %.0fs of check-phases"
          % (len(seeds) - skipped, len(pipelines), failures, skipped, total_time))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
