#!/usr/bin/env python3
"""Snapshot N of `comet-vm snapshots` is the IR `opt -opt-bisect-limit=N` writes.

For each input and pipeline: makes the reference IR with clang-19 (as clang
feeds its own pipeline: -O<N> -Xclang -disable-llvm-passes
-fno-discard-value-names; -O2 for an explicit pass list), runs
`comet-vm snapshots REF.ll --passes=P -o DIR`, and checks with stock opt
(LLVM 19) that

  * manifest.json lists the passes opt's `-opt-bisect-limit=-1` prints:
    every snapshot's number, pass name and IR unit, and the pass count;
  * for the snapshots checked (all with --all, else a sample spread over the
    pipeline, the first and last always included), NNNN-Pass.ll is the same
    module as `opt -passes=P -opt-bisect-limit=NNNN REF.ll -S`, and the IR
    just before it, `-opt-bisect-limit=NNNN-1`, is the previous snapshot (so
    no pass between two snapshots changed the IR unrecorded);
  * each snapshot checked is a pass that changed the IR: opt's outputs with
    -opt-bisect-limit=NNNN-1 and NNNN differ;
  * the last snapshot is what the whole pipeline writes.

Two modules are "the same" when their text is equal once the `; ModuleID`
and `source_filename` lines are dropped, or else after a round trip of both
through `opt -passes=verify -S`. Failing that, when `comet-vm lower
--no-comments` of both is the same (less the source map lines `.source` and
`.loc`), they are the same program for Comet: printed as a note, not a
failure. Otherwise the check fails with the IR diff and, where it is one of
these, the reason:

  * dead functions the inliner emptied (their body one `unreachable`): the
    CGSCC walk erases them only when it ends, and opt erases them before it
    writes its output, so a snapshot taken inside the walk still has them;
  * only declarations' attributes differ (InferFunctionAttrsPass).
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import re
import subprocess
import sys

LLVM_BIN = "/usr/lib/llvm-19/bin"
BISECT_LINE = re.compile(r"BISECT: (?:NOT )?running pass \((\d+)\) (.*) on (.*)")
# A function the inliner has deleted but the CGSCC walk has not erased yet.
ZOMBIE = re.compile(r"(?:; Function Attrs:[^\n]*\n)?define internal [^\n]*@([\w.$]+)\("
                    r"[^\n]*\{\n  unreachable\n\}\n\n?")
DEFAULT_PIPELINES = ["default<O1>", "default<O2>", "default<O3>",
                     "function(sroa,instcombine,gvn),globalopt"]


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("%s failed (exit %d):\n%s" % (
            " ".join(command), result.returncode, result.stderr[-2000:]))
    return result


def strip_header(text):
    return "".join(line for line in text.splitlines(True)
                   if not line.startswith("; ModuleID") and
                   not line.startswith("source_filename"))


def safe(text):
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)


class Checker:
    def __init__(self, options):
        self.options = options
        self.failures = []
        self.notes = []
        self.compared = 0
        self.reasons = []

    def opt(self, passes, *extra):
        return ([self.options.opt, "-passes=" + passes] +
                ["-load-pass-plugin=" + p for p in self.options.plugins] + list(extra))

    def opt_output(self, work, passes, reference, number):
        path = os.path.join(work, "opt-%04d.ll" % number)
        if not os.path.exists(path):
            run(self.opt(passes, "-opt-bisect-limit=%d" % number, reference,
                         "-S", "-o", path))
        return path

    def normalised(self, path, work, text=None):
        """A module's text after a round trip through opt -passes=verify."""
        if text is not None:
            path = os.path.join(work, "edited-" + os.path.basename(path))
            with open(path, "w") as f:
                f.write(text)
        out = os.path.join(work, "verify-" + os.path.basename(path))
        run([self.options.opt, "-passes=verify", "-S", path, "-o", out])
        with open(out) as f:
            return strip_header(f.read())

    def lowered(self, path):
        """comet-vm lower --no-comments, less the source map (.source, .loc)."""
        text = run([self.options.comet_vm, "lower", "--no-comments", path,
                    "-o", "-"]).stdout
        return "".join(line for line in text.splitlines(True)
                       if not line.lstrip().startswith((".source", ".loc")))

    def same(self, mine, theirs, work, label):
        """Whether two .ll files are the same module; notes how."""
        with open(mine) as a, open(theirs) as b:
            left, right = strip_header(a.read()), strip_header(b.read())
        if left == right:
            return True
        normal = [self.normalised(mine, work), self.normalised(theirs, work)]
        if normal[0] == normal[1]:
            self.notes.append("%s: same after opt -passes=verify" % label)
            return True
        diff = "".join(difflib.unified_diff(
            normal[0].splitlines(True), normal[1].splitlines(True),
            os.path.basename(mine), os.path.basename(theirs), n=1))
        # Why they differ, for the report.
        why = []
        zombies = ZOMBIE.findall(left)
        if zombies:
            names = [name for name in zombies
                     if not re.search(r"@%s\b" % re.escape(name),
                                      ZOMBIE.sub("", left))]
            if names and self.normalised(mine, work, ZOMBIE.sub("", left)) == normal[1]:
                why.append("the only difference: dead function(s) %s that the "
                           "inliner emptied (body `unreachable`), which opt "
                           "erases at the end of the CGSCC walk before writing"
                           % ", ".join("@" + n for n in names))
        changed = [line for line in diff.splitlines()
                   if line[:1] in "+-" and line[1:].strip() and
                   not line.startswith(("+++", "---"))]
        if changed and all(re.match(r"[+-](declare |attributes #|; Function Attrs)", line)
                           for line in changed):
            why.append("only declarations' attributes differ")
        if self.lowered(mine) == self.lowered(theirs):
            # The same lowering: the same program for Comet. Noted, not failed.
            self.notes.append("%s: IR differs, `comet-vm lower --no-comments` is "
                              "the same%s" % (label, "".join("; " + w for w in why)))
            return True
        self.failures.append("%s: different IR, different lowering%s\n%s" % (
            label, "".join("\n  (%s)" % w for w in why), diff[:4000]))
        print("FAIL: " + self.failures[-1], flush=True)
        self.reasons.append(why[0] if why else "other")
        return False

    def check(self, source, passes):
        options = self.options
        level = re.fullmatch(r"default<O([0-3sz])>", passes)
        name = "%s.%s" % (os.path.splitext(os.path.basename(source))[0],
                          safe(passes))
        work = os.path.join(options.work_dir, name)
        os.makedirs(work, exist_ok=True)
        reference = os.path.join(work, "reference.ll")
        run([options.clang, "-S", "-emit-llvm",
             "-O" + (level.group(1) if level else "2"), "-Xclang",
             "-disable-llvm-passes", "-fno-discard-value-names", "-w", source,
             "-o", reference])
        snapshots = os.path.join(work, "snapshots")
        run([options.comet_vm, "snapshots", reference, "--passes=" + passes,
             "-o", snapshots] + ["--load-pass-plugin=" + p for p in options.plugins])
        with open(os.path.join(snapshots, "manifest.json")) as f:
            manifest = json.load(f)
        label = "%s %s" % (os.path.basename(source), passes)

        # The listing: numbers, names and units as opt prints them.
        listing = run(self.opt(passes, "-opt-bisect-limit=-1",
                               "-disable-output", reference)).stderr
        passes_run = {}
        for line in listing.splitlines():
            match = BISECT_LINE.fullmatch(line)
            if match:
                passes_run[int(match.group(1))] = (match.group(2), match.group(3))
        if manifest["pass_count"] != len(passes_run):
            self.failures.append("%s: manifest pass_count %d, opt ran %d passes"
                                 % (label, manifest["pass_count"], len(passes_run)))
            print("FAIL: " + self.failures[-1], flush=True)
        entries = manifest["snapshots"]
        for entry in entries:
            theirs = passes_run.get(entry["number"])
            if theirs != (entry["pass"], entry["ir_unit"]):
                self.failures.append("%s: snapshot %d is %s on %s, opt's pass %d is %s"
                                     % (label, entry["number"], entry["pass"],
                                        entry["ir_unit"], entry["number"], theirs))
                print("FAIL: " + self.failures[-1], flush=True)
        # Which snapshots to compare.
        chosen = list(range(len(entries)))
        if not options.all and len(entries) > options.sample:
            step = (len(entries) - 1) / (options.sample - 1)
            chosen = sorted({round(i * step) for i in range(options.sample)})
        files = [os.path.join(snapshots, "0000-reference.ll")] + [
            os.path.join(snapshots, e["file"]) for e in entries]
        jobs = []  # (snapshot file, opt limit, label)
        jobs.append((files[0], 0, "%s reference vs opt -opt-bisect-limit=0" % label))
        for index in chosen:
            number = entries[index]["number"]
            jobs.append((files[index + 1], number, "%s snapshot %s vs opt "
                         "-opt-bisect-limit=%d" % (label, entries[index]["file"], number)))
            jobs.append((files[index], number - 1, "%s %s vs opt -opt-bisect-limit=%d "
                         "(the pass before snapshot %d)"
                         % (label, os.path.basename(files[index]), number - 1, number)))
        jobs.append((files[-1], len(passes_run), "%s last snapshot vs the whole "
                     "pipeline" % label))
        jobs = list(dict.fromkeys(jobs))

        def compare(job):
            mine, number, text = job
            theirs = self.opt_output(work, passes, reference, number)
            return self.same(mine, theirs, work, text)

        with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
            results = list(pool.map(compare, jobs))
        # A snapshot is a pass that changed the IR: opt's output before and
        # after it must differ.
        for index in chosen:
            number = entries[index]["number"]
            texts = []
            for limit in (number - 1, number):
                with open(self.opt_output(work, passes, reference, limit)) as f:
                    texts.append(strip_header(f.read()))
            if texts[0] == texts[1]:
                results.append(False)
                with open(files[index]) as a, open(files[index + 1]) as b:
                    previous, this = strip_header(a.read()), strip_header(b.read())
                if previous == this:
                    hint = ("the snapshot file is the previous one, byte for byte: "
                            "only the function's printed text had changed, e.g. "
                            "its attribute group numbers (#N) after another "
                            "function's attributes changed")
                elif ZOMBIE.search(previous) and not ZOMBIE.search(this):
                    hint = ("the previous snapshot still had functions the "
                            "inliner emptied; the CGSCC walk erased them before "
                            "this pass, and the erasure is put down to it")
                else:
                    hint = "the snapshot files differ"
                self.failures.append(
                    "%s: snapshot %s, yet opt writes the same IR with "
                    "-opt-bisect-limit=%d and %d: pass %d changed nothing (the "
                    "manifest says it changed %s; %s)" % (
                        label, entries[index]["file"], number - 1, number, number,
                        ", ".join(entries[index]["changed_functions"]) or "the module",
                        hint))
                print("FAIL: " + self.failures[-1], flush=True)
                self.reasons.append("a snapshot for a pass that changed nothing")
        self.compared += len(results)
        print("%s: %d passes, %d snapshots, %d comparisons with opt, %s" % (
            label, len(passes_run), len(entries), len(results),
            "all the same" if all(results) else "%d differ" % results.count(False)),
            flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help=".c files")
    parser.add_argument("--passes", action="append",
                        help="a pipeline (repeatable; default: O1, O2, O3 and "
                        "an explicit list)")
    parser.add_argument("--load-pass-plugin", dest="plugins", action="append",
                        default=[], help="a pass plugin for both (repeatable)")
    parser.add_argument("--all", action="store_true",
                        help="compare every snapshot, not a sample")
    parser.add_argument("--sample", type=int, default=12,
                        help="snapshots compared per input and pipeline")
    parser.add_argument("--comet-vm", default="comet-vm")
    parser.add_argument("--opt", default=os.path.join(LLVM_BIN, "opt"))
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--notes", type=int, default=20,
                        help="how many notes to print at most")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    options = parser.parse_args()
    checker = Checker(options)
    for source in options.inputs:
        for passes in options.passes or DEFAULT_PIPELINES:
            try:
                checker.check(source, passes)
            except RuntimeError as error:
                checker.failures.append(str(error))
                print("FAIL: " + str(error), flush=True)
    for note in checker.notes[:options.notes]:
        print("note: " + note)
    if len(checker.notes) > options.notes:
        print("note: ... and %d more notes" % (len(checker.notes) - options.notes))
    for reason in sorted(set(checker.reasons)):
        print("%d differences: %s" % (checker.reasons.count(reason), reason))
    print("%d comparisons, %d failures" % (checker.compared, len(checker.failures)))
    sys.exit(1 if checker.failures else 0)


if __name__ == "__main__":
    main()
