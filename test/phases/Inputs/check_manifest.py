#!/usr/bin/env python3
"""Checks a `comet-vm snapshots -o DIR` directory and summarises it.

manifest.json must be one JSON object with input, passes, pass_count and
snapshots; each snapshot has number, pass, ir_unit, file, module_level and
changed_functions, numbers strictly increasing and within pass_count, the
file named NNNN-Pass.ll after them. The directory holds exactly those
files, 0000-reference.ll and manifest.json, each a module that parses
(opt -passes=verify). Prints one line per snapshot for FileCheck.
"""
import json
import os
import re
import subprocess
import sys

OPT = "/usr/lib/llvm-19/bin/opt"


def fail(message):
    sys.exit("check_manifest: " + message)


def main():
    directory = sys.argv[1]
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    for key, kind in (("input", str), ("passes", str), ("pass_count", int),
                      ("snapshots", list)):
        if not isinstance(manifest.get(key), kind):
            fail("manifest.%s missing or not a %s" % (key, kind.__name__))
    previous = 0
    files = {"0000-reference.ll", "manifest.json"}
    for entry in manifest["snapshots"]:
        for key, kind in (("number", int), ("pass", str), ("ir_unit", str),
                          ("file", str), ("module_level", bool),
                          ("changed_functions", list)):
            if not isinstance(entry.get(key), kind):
                fail("snapshot %r: %s missing or not a %s" % (entry, key, kind.__name__))
        if not previous < entry["number"] <= manifest["pass_count"]:
            fail("snapshot numbers out of order at %d" % entry["number"])
        previous = entry["number"]
        expected = "%04d-%s.ll" % (entry["number"], re.sub(r"[^A-Za-z0-9]", "_", entry["pass"]))
        if entry["file"] != expected:
            fail("snapshot %d is in %s, expected %s" % (entry["number"], entry["file"], expected))
        if not entry["changed_functions"] and not entry["module_level"]:
            fail("snapshot %d changed nothing" % entry["number"])
        files.add(entry["file"])
    present = set(os.listdir(directory))
    if present != files:
        fail("files %s missing, %s unlisted" % (sorted(files - present), sorted(present - files)))
    for name in sorted(files - {"manifest.json"}):
        subprocess.run([OPT, "-passes=verify", "-disable-output",
                        os.path.join(directory, name)], check=True)
    print("manifest: %d snapshots of %d passes, input %s, passes %s" % (
        len(manifest["snapshots"]), manifest["pass_count"],
        os.path.basename(manifest["input"]), manifest["passes"]))
    for entry in manifest["snapshots"]:
        print("%s: %d %s on %s changed %s%s" % (
            entry["file"], entry["number"], entry["pass"], entry["ir_unit"],
            ",".join(entry["changed_functions"]) or "-",
            " (module level)" if entry["module_level"] else ""))


if __name__ == "__main__":
    main()
