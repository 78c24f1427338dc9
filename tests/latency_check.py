#!/usr/bin/env python3
"""Wakeup latency, counted independently of ftui: read `trace-cmd report -t`
text, run the same per-task state machine, and compare each task's count
and max with `ftui dump latency --csv`.  A wait still open where trace-cmd
reports lost events ("CPU:N [EVENTS DROPPED]") is not counted: the switch
that ended it may be among them.  Prints PASS/FAIL lines.
Usage: tests/latency_check.py BUILD_DIR FILE..."""
import re
import subprocess
import sys

LINE = re.compile(r"^\s*(?:\S+: )?.*?-(\d+)\s+\[(\d+)\]\s+(\d+)\.(\d+): (\w+):\s+(.*)$")
SWITCH = re.compile(r"^(.*):(-?\d+) \[-?\d+\] (\S+) ==> (.*):(-?\d+) \[-?\d+\]")
SWITCH_RAW = re.compile(r"prev_pid=(-?\d+) .*prev_state=(\S+) ==> .*next_pid=(-?\d+)")
WAKE_PLUGIN = re.compile(r"^(.*):(-?\d+) \[-?\d+\]")
WAKE_FIELDS = re.compile(r"comm=.* pid=(-?\d+) ")
DROPPED = re.compile(r"^CPU:\d+ \[(?:\d+ )?EVENTS DROPPED\]")


def events(path, instances):
    """Events of the top-level buffer (ftui measures that one); None when
    trace-cmd cannot read the file or prints raw clock counts."""
    out = subprocess.run(["trace-cmd", "report", "-t", path], capture_output=True, text=True, errors="replace")
    if out.returncode:
        return None
    found = []
    for line in out.stdout.splitlines():
        if any(line.lstrip().startswith(name + ": ") for name in instances):
            continue
        if DROPPED.match(line):
            found.append(("__lost", None, ""))
            continue
        m = LINE.match(line)
        if m:
            ts = int(m.group(3)) * 1000000000 + int(m.group(4).ljust(9, "0")[:9])
            found.append((m.group(5), ts, m.group(6)))
    return found


def wake_pid(info):
    m = WAKE_FIELDS.search(info + " ")
    if m:
        return int(m.group(1))
    m = WAKE_PLUGIN.match(info)
    return int(m.group(2)) if m else None


def latencies(path, build):
    listed = subprocess.run([build + "/ftui", "report", "--buffers", path], capture_output=True, text=True)
    instances = [b for b in listed.stdout.split() if b != "(top)"]
    evs = events(path, instances)
    if not evs:
        return None
    names = {e[0] for e in evs}
    if names == {"__lost"}:
        return None
    wake_event = "sched_waking" if "sched_waking" in names else "sched_wakeup"
    state, woke, stats = {}, {}, {}
    for name, ts, info in evs:
        if name == "__lost":
            for pid in [p for p, s in state.items() if s == "waiting"]:
                state[pid] = "sleeping"
        elif name == "sched_switch":
            m = SWITCH.match(info)
            if m:
                prev, st, nxt = int(m.group(2)), m.group(3), int(m.group(5))
            else:
                m = SWITCH_RAW.search(info)
                if not m:
                    continue
                prev, st, nxt = int(m.group(1)), m.group(2), int(m.group(3))
            if prev > 0:
                state[prev] = "preempted" if st.startswith("R") else "sleeping"
            if nxt > 0:
                if state.get(nxt, "sleeping") == "waiting":
                    lat = ts - woke[nxt]
                    n, mx = stats.get(nxt, (0, 0))
                    stats[nxt] = (n + 1, max(mx, lat))
                state[nxt] = "running"
        elif name in (wake_event, "sched_wakeup_new"):
            pid = wake_pid(info)
            if pid and pid > 0 and state.get(pid, "sleeping") == "sleeping":
                state[pid] = "waiting"
                woke[pid] = ts
    return stats


def main():
    build = sys.argv[1]
    for path in sys.argv[2:]:
        name = "latency_check " + path.split("/")[-1]
        expected = latencies(path, build)
        if expected is None:
            print("SKIP %s: no events trace-cmd prints with ns timestamps" % name)
            continue
        out = subprocess.run([build + "/ftui", "dump", "latency", "--csv", path], capture_output=True, text=True)
        if out.returncode:
            print("FAIL %s: ftui exit %d: %s" % (name, out.returncode, out.stderr.strip()))
            continue
        got = {}
        for row in out.stdout.splitlines()[1:]:
            f = row.split(",")
            got[int(f[0])] = (int(f[2]), int(f[7]))
        if not expected and not got:
            print("SKIP %s: no wakeups to check" % name)
        elif got == expected:
            print("PASS %s: %d tasks, %d waits agree" % (name, len(got), sum(c for c, _ in got.values())))
        else:
            bad = sorted(set(got) ^ set(expected) | {p for p in got if p in expected and got[p] != expected[p]})
            print("FAIL %s: %d tasks differ, e.g. %s" % (name, len(bad), [(p, got.get(p), expected.get(p))
                                                                       for p in bad[:3]]))


main()
