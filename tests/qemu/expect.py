#!/usr/bin/env python3
"""expect.py: drive a QEMU console the way a person at the serial line would.

Runs COMMAND (e.g. `bash scripts/qemu.sh uboot IMG`) in a session of its own
with its stdin and stdout on pipes, logs every byte it prints to LOG, and
plays a script, one step a line:

    expect SECONDS REGEX   wait until REGEX matches output not matched before
    send TEXT              type TEXT (Python escapes: \\r, \\x03 for ^C, \\x1b[A)
    sendline TEXT          type TEXT and a carriage return (the Enter key)
    sleep SECONDS          let time pass
    exit SECONDS           wait for COMMAND to end by itself
    # ...                  a comment; blank lines are ignored

REGEX is a Python regular expression searched in the output with the CRs
removed (^ and $ match at line ends). Each step prints one "expect: ..." line;
the first step that times out ends the run. At the end (or after --timeout
seconds in all) COMMAND's process group is killed by its own PID.
Exit status: 0 every step done, 1 a step timed out, 2 the total timeout or
COMMAND ended before the script did, 3 a usage error.

    expect.py --log LOG [--timeout S] --script FILE -- COMMAND...
"""
import argparse
import codecs
import os
import re
import select
import signal
import subprocess
import sys
import time


class Console:
    """COMMAND's console: what it printed so far and where matching resumes."""

    def __init__(self, argv, log_path):
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.text = ""      # all output, CRs removed
        self.pos = 0        # matching starts here
        self.eof = False

    def pump(self, timeout):
        """Read what COMMAND printed within TIMEOUT seconds into the log and text."""
        if self.eof:
            time.sleep(min(timeout, 0.1))
            return
        ready, _, _ = select.select([self.proc.stdout], [], [], max(timeout, 0))
        if not ready:
            return
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            self.eof = True
            return
        self.log.write(data)
        self.log.flush()
        self.text += data.decode("utf-8", "replace").replace("\r", "")

    def expect(self, regex, seconds, deadline):
        """Wait for REGEX past the last match; True when found in time."""
        pattern = re.compile(regex, re.M)
        end = min(time.monotonic() + seconds, deadline)
        while True:
            m = pattern.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return True
            left = end - time.monotonic()
            if left <= 0 or (self.eof and self.proc.poll() is not None):
                return False
            self.pump(min(left, 0.5))

    def send(self, data):
        """Type DATA on COMMAND's stdin, a byte at a time, as a UART receives it."""
        for b in data.encode("latin-1"):
            try:
                self.proc.stdin.write(bytes([b]))
                self.proc.stdin.flush()
            except BrokenPipeError:
                return
            time.sleep(0.002)

    def wait_exit(self, seconds, deadline):
        """Wait for COMMAND to end; its exit status, or None on timeout."""
        end = min(time.monotonic() + seconds, deadline)
        while self.proc.poll() is None and time.monotonic() < end:
            self.pump(0.2)
        while not self.eof and self.proc.poll() is not None:
            self.pump(0)
            if not select.select([self.proc.stdout], [], [], 0)[0]:
                break
        return self.proc.poll()

    def kill(self):
        """End COMMAND's process group (it is a session of its own), then reap it."""
        if self.proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=5)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.log.close()


def unescape(text):
    """TEXT with Python's backslash escapes turned into the characters."""
    return codecs.decode(text, "unicode_escape")


def run_script(con, steps, deadline):
    """Play STEPS on CON; return the exit status."""
    for num, line in steps:
        word, _, rest = line.partition(" ")
        if word == "expect":
            secs, _, regex = rest.partition(" ")
            ok = con.expect(regex, float(secs), deadline)
            print(f"expect: line {num}: {'found' if ok else 'NOT found'} /{regex}/", flush=True)
            if not ok:
                return 2 if time.monotonic() >= deadline or con.eof else 1
        elif word in ("send", "sendline"):
            con.send(unescape(rest) + ("\r" if word == "sendline" else ""))
        elif word == "sleep":
            end = time.monotonic() + float(rest)
            while time.monotonic() < end:
                con.pump(end - time.monotonic())
        elif word == "exit":
            rc = con.wait_exit(float(rest), deadline)
            print(f"expect: line {num}: command {'ended with status %d' % rc if rc is not None else 'still running'}",
                  flush=True)
            if rc is None:
                return 1
        else:
            print(f"expect: line {num}: unknown step '{word}'", flush=True)
            return 3
    return 0


def read_steps(path):
    """The script's steps as (line number, text), comments and blanks left out."""
    steps = []
    with open(path) as f:
        for num, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                steps.append((num, line))
    return steps


def main():
    ap = argparse.ArgumentParser(description="drive a QEMU console with a script")
    ap.add_argument("--log", required=True, help="every byte the command prints")
    ap.add_argument("--timeout", type=float, default=600, help="seconds for the whole run")
    ap.add_argument("--script", required=True, help="the steps, one a line")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command")
    steps = read_steps(args.script)
    deadline = time.monotonic() + args.timeout
    con = Console(cmd, args.log)
    try:
        rc = run_script(con, steps, deadline)
    finally:
        con.kill()
    if rc == 2:
        print("expect: the run ended (total timeout or the command exited) before the script", flush=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
