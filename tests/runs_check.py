#!/usr/bin/env python3
"""The run model, checked against trace-cmd rather than ftui's own code: read
`trace-cmd report -t` text and `ftui dump runs --csv`, and check on every CPU
of the top-level buffer that
  - the runs are in order and do not overlap;
  - every record's common_pid lies inside a run of that pid on its CPU
    (a record of pid P on CPU C at time T means P ran on C at T);
  - every sched_switch bounds runs: one of prev ends at it, one of next
    starts at it;
  - no idle record (pid 0) lies strictly inside another task's run.
Prints a PASS, FAIL or SKIP line per file, with the first violations.
Usage: tests/runs_check.py BUILD_DIR FILE..."""
import bisect
import csv
import re
import subprocess
import sys

RECORD = re.compile(r"^\s*.*?-(\d+)\s+\[(\d+)\]\s+(\d+)(?:\.(\d+))?: ([\w-]+):\s*(.*)$")
SWITCH = re.compile(r"^(.*):(-?\d+) \[-?\d+\] (\S+) ==> (.*):(-?\d+) \[-?\d+\]")
SWITCH_FIELDS = re.compile(r"prev_pid=(-?\d+) .*==> .*next_pid=(-?\d+)")
MAX_SHOWN = 5


def instances(build, path):
    """Names of the file's instances (their lines are prefixed "NAME: ")."""
    out = subprocess.run([build + "/ftui", "report", "--buffers", path], capture_output=True, text=True)
    return [b for b in out.stdout.split() if b != "(top)"]


def records(path, skip):
    """(cpu, ts, pid, event, info) of the top-level buffer's records, or
    None when trace-cmd cannot read the file."""
    out = subprocess.run(["trace-cmd", "report", "-t", path], capture_output=True, text=True, errors="replace")
    if out.returncode:
        return None
    found = []
    for line in out.stdout.splitlines():
        if any(line.lstrip().startswith(name + ": ") for name in skip):
            continue
        m = RECORD.match(line)
        if not m:
            continue
        ts = int(m.group(3))
        if m.group(4) is not None:
            ts = ts * 1000000000 + int(m.group(4).ljust(9, "0")[:9])
        found.append((int(m.group(2)), ts, int(m.group(1)), m.group(5), m.group(6)))
    return found


def switch_pids(info):
    m = SWITCH.match(info)
    if m:
        return int(m.group(2)), int(m.group(5))
    m = SWITCH_FIELDS.search(info)
    return (int(m.group(1)), int(m.group(2))) if m else None


def runs(build, path):
    """Per CPU: runs (start, end, pid) in the CSV's order."""
    out = subprocess.run([build + "/ftui", "dump", "runs", "--csv", path], capture_output=True, text=True,
                         errors="replace")
    if out.returncode:
        raise RuntimeError("ftui dump runs failed: " + out.stderr.strip()[:200])
    rows = list(csv.reader(out.stdout.splitlines()))
    if not rows or rows[0] != ["cpu", "start_ns", "end_ns", "pid", "comm"]:
        raise RuntimeError("bad CSV header: %r" % (rows[0] if rows else None))
    by_cpu = {}
    for row in rows[1:]:
        by_cpu.setdefault(int(row[0]), []).append((int(row[1]), int(row[2]), int(row[3])))
    return by_cpu


class Cpu:
    """The runs of one CPU, searchable by time."""

    def __init__(self, runs):
        self.runs = runs
        self.starts = [r[0] for r in runs]

    def covering(self, ts):
        """Runs with start <= ts <= end (a few: runs touch at their ends)."""
        i = bisect.bisect_right(self.starts, ts) - 1
        found = []
        while i >= 0 and self.runs[i][1] >= ts:
            found.append(self.runs[i])
            i -= 1
        return found


def check_order(cpu, runs, bad):
    for a, b in zip(runs, runs[1:]):
        if a[0] > a[1] or b[0] < a[1]:
            bad.append("CPU %d: runs out of order or overlapping: %r then %r" % (cpu, a, b))
            return


def check_record(cpus, cpu, ts, pid, event, info, bad):
    c = cpus.get(cpu)
    around = c.covering(ts) if c else []
    if not any(r[2] == pid for r in around):
        bad.append("CPU %d %d: %s of pid %d in no run of it (runs there: %r)" % (cpu, ts, event, pid, around))
    if pid == 0 and any(r[2] != 0 and r[0] < ts < r[1] for r in around):
        bad.append("CPU %d %d: idle record inside a run of another task: %r" % (cpu, ts, around))
    if event == "sched_switch":
        pids = switch_pids(info)
        if not pids:
            return
        prev, nxt = pids
        if not any(r[2] == prev and r[1] == ts for r in around):
            bad.append("CPU %d %d: no run of prev %d ends at its switch (%r)" % (cpu, ts, prev, around))
        if not any(r[2] == nxt and r[0] == ts for r in around):
            bad.append("CPU %d %d: no run of next %d starts at its switch (%r)" % (cpu, ts, nxt, around))


def check(build, path):
    """None when the file cannot be checked, else the violations."""
    recs = records(path, instances(build, path))
    if recs is None:
        return None
    by_cpu = runs(build, path)
    bad = []
    for cpu, rs in sorted(by_cpu.items()):
        check_order(cpu, rs, bad)
    cpus = {cpu: Cpu(rs) for cpu, rs in by_cpu.items()}
    for cpu, ts, pid, event, info in recs:
        check_record(cpus, cpu, ts, pid, event, info, bad)
    return bad, len(recs), sum(len(r) for r in by_cpu.values())


def main():
    build = sys.argv[1]
    failed = False
    for path in sys.argv[2:]:
        name = "runs_check " + path.split("/")[-1]
        try:
            result = check(build, path)
        except RuntimeError as e:
            print("FAIL %s: %s" % (name, e))
            failed = True
            continue
        if result is None:
            print("SKIP %s: trace-cmd cannot read it" % name)
            continue
        bad, nr_recs, nr_runs = result
        if not nr_recs:
            print("SKIP %s: no records" % name)
        elif bad:
            print("FAIL %s: %d violations in %d records, %d runs" % (name, len(bad), nr_recs, nr_runs))
            for b in bad[:MAX_SHOWN]:
                print("  " + b)
            failed = True
        else:
            print("PASS %s (%d records, %d runs)" % (name, nr_recs, nr_runs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
