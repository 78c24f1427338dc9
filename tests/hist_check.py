#!/usr/bin/env python3
"""Hist hitcounts recounted independently: for each file, count the events
of one type per common_pid (and per event name for raw_syscalls) in
`trace-cmd report` text and compare with `ftui dump hist`.  PASS/FAIL lines.
Usage: tests/hist_check.py BUILD_DIR FILE..."""
import collections
import re
import subprocess
import sys

LINE = re.compile(r"^\s*.*?-(\d+)\s+\[\d+\]\s+\S+: (\w+):")
ENTRY = re.compile(r"^\{ common_pid: +(\d+) \} hitcount: +(\d+)$")


def recount(path, event, instances):
    out = subprocess.run(["trace-cmd", "report", path], capture_output=True, text=True, errors="replace")
    if out.returncode:
        return None
    counts = collections.Counter()
    for line in out.stdout.splitlines():
        if any(line.lstrip().startswith(name + ": ") for name in instances):
            continue
        m = LINE.match(line)
        if m and m.group(2) == event:
            counts[int(m.group(1))] += 1
    return counts


def main():
    build = sys.argv[1]
    for path in sys.argv[2:]:
        listed = subprocess.run([build + "/ftui", "report", "--buffers", path], capture_output=True, text=True)
        instances = [b for b in listed.stdout.split() if b != "(top)"]
        for system, event in (("sched", "sched_switch"), ("raw_syscalls", "sys_enter")):
            name = "hist_check %s %s" % (path.split("/")[-1], event)
            expected = recount(path, event, instances)
            if expected is None:
                print("SKIP %s: trace-cmd cannot read it" % name)
                continue
            out = subprocess.run([build + "/ftui", "dump", "hist", "--event", system + ":" + event,
                                  "--hist", "keys=common_pid", path], capture_output=True, text=True)
            if out.returncode:
                if not expected:
                    print("SKIP %s: no %s events" % (name, event))
                else:
                    print("FAIL %s: ftui exit %d: %s" % (name, out.returncode, out.stderr.strip()))
                continue
            got = collections.Counter()
            for line in out.stdout.splitlines():
                m = ENTRY.match(line)
                if m:
                    got[int(m.group(1))] += int(m.group(2))
            if not expected and not got:
                print("SKIP %s: no %s events" % (name, event))
            elif got == expected:
                print("PASS %s: %d keys, %d hits" % (name, len(got), sum(got.values())))
            else:
                diff = [(p, got.get(p), expected.get(p)) for p in sorted(set(got) | set(expected))
                        if got.get(p) != expected.get(p)]
                print("FAIL %s: %d keys differ, e.g. %s" % (name, len(diff), diff[:3]))


main()
