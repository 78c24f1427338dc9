#!/usr/bin/env python3
"""ftui dump timehist, recounted from `trace-cmd report -t` text rather than
ftui's code, as perf sched timehist counts:
  - every sched_switch of the top-level buffer has exactly one switch line
    (cpu, time, prev pid), and there are no others;
  - run time = the switch out - the switch that brought the task in on that
    CPU;
  - wait time = the switch in - the task's previous switch out (any CPU);
  - sch delay = the switch in - when it became runnable: its previous switch
    out if it left in state R, else its first wakeup since (sched_waking when
    the trace has it, else sched_wakeup; sched_wakeup_new always), else 0.
Values are compared where the text alone decides them: not across lost
events, not when a record of another task came on the CPU during the run
(ftui then infers a switch the trace left out), not when the task left a
record between its switch out and in.
Prints a PASS, FAIL or SKIP line per file.
Usage: tests/timehist_check.py BUILD_DIR FILE..."""
import csv
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runs_check import instances, switch_pids  # noqa: E402  (report text parsing only)

RECORD = re.compile(r"^\s*.*?-(\d+)\s+\[(\d+)\]\s+(\d+)(?:\.(\d+))?: ([\w-]+):\s*(.*)$")
LOST = re.compile(r"^CPU:(\d+) \[(?:LOST|\d+ EVENTS DROPPED)")
STATE = re.compile(r"^.*:-?\d+ \[-?\d+\] (\S+) ==>|prev_state=(\S+)")
WOKEN = re.compile(r"^(?:.*):(\d+) \[-?\d+\]|pid=(\d+)")
HEADER = ["ts_ns", "cpu", "event", "pid", "comm", "wait_ns", "sch_delay_ns", "run_ns", "state", "from_switch",
          "woken_pid", "woken_comm"]
MAX_SHOWN = 5


def report(path, skip):
    """(kind, cpu, ts, pid, event, info) lines of the top-level buffer; kind
    "lost" for a CPU's lost-events line.  None when trace-cmd fails."""
    out = subprocess.run(["trace-cmd", "report", "-t", path], capture_output=True, text=True, errors="replace")
    if out.returncode:
        return None
    found = []
    for line in out.stdout.splitlines():
        if any(line.lstrip().startswith(name + ": ") for name in skip):
            continue
        m = LOST.match(line)
        if m:
            found.append(("lost", int(m.group(1)), None, None, None, None))
            continue
        m = RECORD.match(line)
        if not m:
            continue
        ts = int(m.group(3))
        if m.group(4) is not None:
            ts = ts * 1000000000 + int(m.group(4).ljust(9, "0")[:9])
        found.append(("rec", int(m.group(2)), ts, int(m.group(1)), m.group(5), m.group(6)))
    return found


def prev_state(info):
    m = STATE.search(info)
    if not m:
        return "?"
    s = m.group(1) or m.group(2)
    return "R" if s.startswith("R") else s[0]


class Task:
    def __init__(self):
        self.out = None         # the last switch out
        self.state = None       # its prev_state there
        self.wake = None        # the first wakeup since
        self.last_wake = None   # the latest wakeup
        self.clean = True       # nothing since the out makes the text ambiguous


class Recount:
    """perf sched timehist's arithmetic over the report's lines."""

    def __init__(self, use_waking):
        self.use_waking = use_waking
        self.tasks = {}
        self.cur = {}           # cpu -> [pid, start, clean, wait, delay] of what runs there
        self.lost_at = -1       # the time of the latest lost-events line
        self.last_ts = 0
        self.expect = {}        # (cpu, ts, pid) -> (run, wait, delay), None where undecided

    def task(self, pid):
        return self.tasks.setdefault(pid, Task())

    def lost(self, cpu):
        self.lost_at = self.last_ts
        c = self.cur.get(cpu)
        if c:
            c[2] = False
        for t in self.tasks.values():
            t.clean = False

    def record(self, cpu, ts, pid, event, info):
        self.last_ts = ts
        c = self.cur.get(cpu)
        if c and c[0] != pid:
            c[2] = False        # another task's record: a switch not traced
        t = self.tasks.get(pid)
        if pid and t and t.out is not None and not (c and c[0] == pid):
            t.clean = False     # it left a record while it was off every CPU we know
        if event in ("sched_wakeup_new", "sched_waking" if self.use_waking else "sched_wakeup"):
            m = WOKEN.search(info)
            if m:
                w = self.task(int(m.group(1) or m.group(2)))
                w.last_wake = ts
                if w.wake is None:
                    w.wake = ts
        elif event == "sched_switch":
            self.switch(cpu, ts, info)

    def switch(self, cpu, ts, info):
        pids = switch_pids(info)
        if not pids:
            return
        prev, nxt = pids
        c = self.cur.get(cpu)
        if c and c[0] != prev and c[0]:
            self.task(c[0]).clean = False   # it left without a traced switch
        run = ts - c[1] if c and c[0] == prev and c[2] else None
        wait, delay = (c[3], c[4]) if c and c[0] == prev and c[2] else (None, None)
        if prev == 0:
            wait, delay = 0, 0
        self.expect[(cpu, ts, prev)] = (run, wait, delay)
        p = self.task(prev)
        tie = p.last_wake == ts      # a wakeup at the same instant: before or after the switch?
        p.out, p.state, p.wake, p.clean = ts, prev_state(info), None, bool(c and c[2]) and not tie
        if nxt and any(c2 != cpu and v[0] == nxt for c2, v in self.cur.items()):
            self.task(nxt).clean = False    # running on two CPUs at once: a broken trace
            for c2, v in self.cur.items():
                if v[0] == nxt:
                    v[2] = False
        self.cur[cpu] = [nxt, ts, True] + list(self.arrive(nxt, ts))

    def arrive(self, pid, ts):
        """(wait, delay) of pid switched in at ts, or None where undecided."""
        if pid == 0:
            return 0, 0
        t = self.task(pid)
        if not t.clean or (t.out is not None and t.out <= self.lost_at):
            return None, None
        if t.out is None:
            return 0, (ts - t.wake if t.wake is not None else 0)
        if t.state == "R":
            return ts - t.out, ts - t.out
        return ts - t.out, (ts - t.wake if t.wake is not None else 0)


def timehist(build, path):
    out = subprocess.run([build + "/ftui", "dump", "timehist", "--csv", path], capture_output=True, text=True,
                         errors="replace")
    if out.returncode:
        raise RuntimeError("ftui dump timehist failed: " + out.stderr.strip()[:200])
    rows = list(csv.reader(out.stdout.splitlines()))
    if not rows or rows[0] != HEADER:
        raise RuntimeError("bad CSV header: %r" % (rows[0] if rows else None))
    got = {}
    for r in rows[1:]:
        if r[2] == "switch":
            key = (int(r[1]), int(r[0]), int(r[3]))
            if key in got:
                raise RuntimeError("two lines for one switch: %r" % (key,))
            got[key] = (int(r[7]), int(r[5]), int(r[6]))
    return got


def check(build, path):
    lines = report(path, instances(build, path))
    if lines is None:
        return None
    use_waking = any(k == "rec" and e == "sched_waking" for k, _, _, _, e, _ in lines)
    rc = Recount(use_waking)
    for kind, cpu, ts, pid, event, info in lines:
        if kind == "lost":
            rc.lost(cpu)
        else:
            rc.record(cpu, ts, pid, event, info)
    got = timehist(build, path)
    bad = []
    for key in sorted(set(rc.expect) - set(got)):
        bad.append("switch at cpu %d %d of pid %d: no line" % key)
    for key in sorted(set(got) - set(rc.expect)):
        bad.append("line at cpu %d %d of pid %d: no such switch" % key)
    checked = 0
    for key, want in rc.expect.items():
        have = got.get(key)
        if not have:
            continue
        for name, w, h in zip(("run", "wait", "delay"), want, have):
            if w is None:
                continue
            checked += 1
            if w != h:
                bad.append("cpu %d %d pid %d: %s %d, trace-cmd's text says %d" % (key + (name, h, w)))
    return bad, len(rc.expect), checked


def main():
    build = sys.argv[1]
    failed = False
    for path in sys.argv[2:]:
        name = "timehist_check " + path.split("/")[-1]
        try:
            result = check(build, path)
        except RuntimeError as e:
            print("FAIL %s: %s" % (name, e))
            failed = True
            continue
        if result is None:
            print("SKIP %s: trace-cmd cannot read it" % name)
            continue
        bad, nr, checked = result
        if not nr:
            print("SKIP %s: no sched_switch" % name)
        elif bad:
            print("FAIL %s: %d differences over %d switches" % (name, len(bad), nr))
            for b in bad[:MAX_SHOWN]:
                print("  " + b)
            failed = True
        else:
            print("PASS %s (%d switches, %d values recounted)" % (name, nr, checked))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
