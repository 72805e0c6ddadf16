"""Runs a command on a pseudo-terminal and types into it, as a person at a
terminal would; prints what the terminal showed (escape sequences and
carriage returns removed) and the exit status.

    pty_session.py [--env NAME=VALUE]... -- COMMAND... < KEYS

KEYS is a file of lines, each "WAIT text" (wait until the terminal has
shown `text` since the last key), "SEND text" (type `text`; \\n, \\r, \\e,
\\xHH escapes, and <left> <up> <ctrl-a> <ctrl-e> for those keys), or
"EOF" (type Ctrl-D). A line ending in \\r is typed only once the line
editor has taken the terminal (echo off): typed earlier, the terminal
itself would echo it a second time. Used by the interactive debugger
tests (pexpect may not be installed; this needs only the standard library).
"""
import os
import pty
import re
import select
import sys
import termios
import time

KEYS = {
    "<left>": "\x1b[D",
    "<right>": "\x1b[C",
    "<up>": "\x1b[A",
    "<down>": "\x1b[B",
    "<ctrl-a>": "\x01",
    "<ctrl-e>": "\x05",
    "<ctrl-k>": "\x0b",
}


def decode(text):
    for name, sequence in KEYS.items():
        text = text.replace(name, sequence)
    return text.encode().decode("unicode_escape").encode("latin-1")


def clean(data):
    text = data.decode("utf-8", "replace")
    text = re.sub(r"\x1b\[[0-9;?]*[@-~]", "", text)  # CSI sequences
    text = re.sub(r"\x1b[()][0-9A-Za-z]", "", text)
    text = re.sub(r"\x1b.", "", text)
    text = text.replace("\x07", "").replace("\x08", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def wait_for_line_editor(fd, timeout=5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        local_modes = termios.tcgetattr(fd)[3]
        if not local_modes & termios.ECHO:
            return
        time.sleep(0.01)


def main():
    args = sys.argv[1:]
    env = dict(os.environ)
    while args and args[0] == "--env":
        name, _, value = args[1].partition("=")
        env[name] = value
        args = args[2:]
    if args and args[0] == "--":
        args = args[1:]
    script = sys.stdin.read().splitlines()

    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(args[0], args, env)

    shown = b""
    seen = 0  # what WAIT has matched so far

    def read(timeout):
        nonlocal shown
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(fd, 4096)
        except OSError:
            return False
        if not data:
            return False
        shown += data
        return True

    for line in script:
        command, _, argument = line.partition(" ")
        if command == "WAIT":
            deadline = time.time() + 20
            while True:
                index = clean(shown).find(argument, seen)
                if index >= 0:
                    seen = index + len(argument)
                    break
                if time.time() > deadline or not read(deadline - time.time()):
                    print(clean(shown))
                    print("pty_session: timed out waiting for %r" % argument)
                    return 1
        elif command == "SEND":
            if argument.endswith("\\r"):
                wait_for_line_editor(fd)
            os.write(fd, decode(argument))
            time.sleep(0.05)
        elif command == "EOF":
            os.write(fd, b"\x04")
    deadline = time.time() + 20
    while time.time() < deadline and read(deadline - time.time()):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(clean(shown))
    print("\nexit %d" % os.waitstatus_to_exitcode(status))
    return 0


if __name__ == "__main__":
    sys.exit(main())
