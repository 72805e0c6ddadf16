#!/usr/bin/env python3
"""Runs the Comet assembly kernels of bench/ and prints, per kernel, the
instructions executed, the time and the instructions per second, as
reported by `comet-vm run --stats`. Best of --repeat runs.

    python3 bench/run_kernels.py [--comet-vm build/bin/comet-vm] [--repeat 3]
"""
import argparse
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_once(comet_vm, kernel):
    result = subprocess.run(
        [comet_vm, "run", "--stats", kernel], capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"{kernel}: exit {result.returncode}\n{result.stderr}")
    steps = int(re.search(r"instructions executed: (\d+)", result.stderr)[1])
    seconds = float(re.search(r"time: ([0-9.]+) s", result.stderr)[1])
    return steps, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--comet-vm",
        default=os.path.join(HERE, "..", "build", "bin", "comet-vm"),
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'kernel':<10} {'instructions':>14} {'seconds':>9} {'M instr/s':>10}")
    for kernel in sorted(glob.glob(os.path.join(HERE, "*.cas"))):
        runs = [run_once(args.comet_vm, kernel) for _ in range(args.repeat)]
        steps, seconds = min(runs, key=lambda r: r[1])
        name = os.path.basename(kernel)[:-4]
        rate = steps / seconds / 1e6 if seconds > 0 else float("inf")
        print(f"{name:<10} {steps:>14} {seconds:>9.3f} {rate:>10.1f}")


if __name__ == "__main__":
    main()
