"""A lit test format: every C or LLVM IR program of a directory is a
check-phases test, with no RUN lines.

In a lit.cfg.py (or lit.local.cfg):

    import sys
    sys.path.insert(0, "/path/to/comet/utils")
    import comet_lit
    config.test_format = comet_lit.CheckPhases(
        comet_vm="/path/to/comet-vm", passes="default<O2>")

Each .c, .ll or .bc file is one test. It passes when every snapshot of the
pipeline behaves as the program before any pass; it fails with the bisect
report (the culprit pass, its IR diff and the output diff) otherwise.
A file may override the settings with comments anywhere in it (`//` in C,
`;` in IR):

    // COMET-PASSES: default<O3>
    // COMET-ARGS: 10 20
    // COMET-STDIN: input.txt          (relative to the file)
    // COMET-CFLAGS: -O3 -Xclang -disable-llvm-passes -DSIZE=100
    // COMET-PLUGIN: /path/to/plugin.so  (repeatable)
    // COMET-EXPECT: miscompile          (the test passes when bisect finds one)

Directive values may use the format's `substitutions`.
"""

import os
import re
import subprocess

import lit.formats
import lit.Test

DIRECTIVE = re.compile(r"^\s*(?://|;)\s*COMET-([A-Z]+):\s*(.*?)\s*$")
SUFFIXES = (".c", ".ll", ".bc")


def read_directives(path):
    """COMET-NAME: value comments of a program, by name (lists)."""
    directives = {}
    if path.endswith(".bc"):
        return directives
    with open(path, encoding="utf-8", errors="replace") as source:
        for line in source:
            match = DIRECTIVE.match(line)
            if match:
                directives.setdefault(match[1], []).append(match[2])
    return directives


class CheckPhases(lit.formats.base.TestFormat):
    def __init__(
        self,
        comet_vm="comet-vm",
        passes="default<O2>",
        plugins=(),
        args="",
        cflags=None,
        timeout=600,
        substitutions=None,
    ):
        self.comet_vm = comet_vm
        self.passes = passes
        self.plugins = list(plugins)
        self.args = args
        self.cflags = cflags
        self.timeout = timeout
        # Text replaced in directive values, e.g. {"%build": "/path/to/build"}.
        self.substitutions = dict(substitutions or {})

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        source = testSuite.getSourcePath(path_in_suite)
        for name in sorted(os.listdir(source)):
            if name.endswith(SUFFIXES) and name not in localConfig.excludes:
                if os.path.isfile(os.path.join(source, name)):
                    yield lit.Test.Test(testSuite, path_in_suite + (name,), localConfig)

    def command(self, path, subcommand, directives):
        passes = directives.get("PASSES", [self.passes])[-1]
        command = [self.comet_vm, subcommand, path, "--passes=" + passes]
        for plugin in self.plugins + directives.get("PLUGIN", []):
            command.append("--load-pass-plugin=" + plugin)
        cflags = directives.get("CFLAGS", [self.cflags] if self.cflags else [])
        if cflags:
            command.append("--cflags=" + cflags[-1])
        args = directives.get("ARGS", [self.args])[-1]
        if args:
            command.append("--args=" + args)
        if "STDIN" in directives:
            stdin = os.path.join(os.path.dirname(path), directives["STDIN"][-1])
            command.append("--stdin=" + stdin)
        return command

    def run(self, command):
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=self.timeout
            )
            return done.returncode, done.stdout + done.stderr
        except subprocess.TimeoutExpired:
            return None, "timed out after %d s" % self.timeout

    def execute(self, test, litConfig):
        path = test.getSourcePath()
        directives = read_directives(path)
        for values in directives.values():
            for i, value in enumerate(values):
                for key, replacement in self.substitutions.items():
                    value = value.replace(key, replacement)
                values[i] = value
        expect_miscompile = directives.get("EXPECT", [""])[-1] == "miscompile"
        check = self.command(path, "check-phases", directives)
        status, output = self.run(check)
        shown = "$ " + " ".join(check) + "\n" + output
        if status is None or status == 2:
            return lit.Test.Result(lit.Test.FAIL, shown)
        if status == 0:
            if expect_miscompile:
                return lit.Test.Result(
                    lit.Test.FAIL, shown + "\nexpected a miscompile, found none\n"
                )
            return lit.Test.Result(lit.Test.PASS, "")
        # A divergence: the bisect report says which pass and what changed.
        bisect = self.command(path, "bisect", directives)
        _, report = self.run(bisect)
        shown += "\n$ " + " ".join(bisect) + "\n" + report
        if expect_miscompile:
            return lit.Test.Result(lit.Test.PASS, shown)
        return lit.Test.Result(lit.Test.FAIL, shown)
