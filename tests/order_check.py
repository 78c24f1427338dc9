#!/usr/bin/env python3
"""The task view (T) and a CPU's lanes (Enter on a CPU), checked against
`ftui dump runs --csv` (itself checked against trace-cmd by runs_check.py):
  - the task view lists every task that ran, busiest first (the sum of its
    runs, whole trace), each labelled with its full comm-pid; tasks that
    never ran (known from other records) may follow, after all that did;
  - the lanes of a zoomed CPU (whole trace in view) are that CPU's tasks,
    busiest first on that CPU, labelled the same way (with <idle> and
    <unknown> lanes among them, not checked for order).
The screens come from the real key path, headless and tall enough for a
label per row (the split at three quarters, J for further pages).
Prints a PASS, FAIL or SKIP line per file.
Usage: tests/order_check.py BUILD_DIR FILE..."""
import csv
import re
import subprocess
import sys

SIZE = "200x1000"
PAGES = 4		# J presses after the first screen
LANES_CPUS = 4		# CPUs zoomed per file: those with the most tasks
MAX_SHOWN = 5


def run_sums(build, path):
    """{cpu: {pid: ns}}, {pid: comm} of the runs of tasks (not idle)."""
    out = subprocess.run([build + "/ftui", "dump", "runs", "--csv", path], capture_output=True, text=True,
                         errors="replace")
    if out.returncode:
        raise RuntimeError("ftui dump runs failed: " + out.stderr.strip()[:200])
    per_cpu, comms = {}, {}
    for r in csv.DictReader(out.stdout.splitlines()):
        pid = int(r["pid"])
        if pid <= 0:
            continue
        cpu = per_cpu.setdefault(int(r["cpu"]), {})
        cpu[pid] = cpu.get(pid, 0) + int(r["end_ns"]) - int(r["start_ns"])
        comms[pid] = r["comm"]
    return per_cpu, comms


def labels(build, path, keys):
    """The row labels of the screens, in order, each once; None when the
    file has no task states (no sched_switch)."""
    out = subprocess.run([build + "/ftui", "--headless=" + SIZE, "--keys= " + keys, path], capture_output=True,
                         text=True, errors="replace")
    if out.returncode:
        raise RuntimeError("ftui --headless failed: " + out.stderr.strip()[:200])
    if "no sched_switch events" in out.stdout:	# T's message, on the screen after it
        return None
    found, width = [], None
    for line in out.stdout.splitlines():
        if line.startswith("=== screen"):
            width = None
        elif width is None and line.lstrip().startswith("time "):
            rest = line.lstrip()[4:]
            width = len(line) - len(rest.lstrip())	# the plot starts after the label column
        elif width is not None and (line.startswith("─") or line.startswith("-")):
            width = -1				# the event list: no more rows
        elif width is not None and width > 0:
            label = line[:width].rstrip()
            if label and label not in found:
                found.append(label)
    return found


def check_rows(what, rows, sums, comms, bad):
    want = {"%s-%d" % (comms[p], p): p for p in sums}
    pids = []
    for label in rows:
        m = re.match(r"^(.*)-(\d+)$", label)
        if label in want:
            pids.append(want[label])
        elif label in ("<idle>", "<unknown>"):
            continue
        elif m and int(m.group(2)) not in sums:
            pids.append(int(m.group(2)))	# a task that never ran here: 0 ns
        else:
            bad.append("%s: label %r is no comm-pid of a task that ran" % (what, label))
    for a, b in zip(pids, pids[1:]):
        if sums.get(a, 0) < sums.get(b, 0):
            bad.append("%s: %s-%d (%d ns) above %s-%d (%d ns)" % (what, comms.get(a, "?"), a, sums.get(a, 0),
                                                               comms[b], b, sums[b]))
    missing = set(label for label, p in want.items() if sums[p] > 0) - set(rows)
    if missing:
        bad.append("%s: %d tasks missing, e.g. %s" % (what, len(missing), sorted(missing)[:3]))


def check(build, path):
    per_cpu, comms = run_sums(build, path)
    if not per_cpu:
        return "SKIP order %s: no task runs" % path, []
    bad, total = [], {}
    for cpu in per_cpu.values():
        for pid, ns in cpu.items():
            total[pid] = total.get(pid, 0) + ns
    pages = " J !dump" * PAGES
    rows = labels(build, path, "T !dump s s s !dump" + pages)
    if rows is None:
        return "SKIP order %s: no sched_switch, no task view" % path, []
    check_rows("task view", rows, total, comms, bad)
    busy = sorted(per_cpu, key=lambda c: (-len(per_cpu[c]), c))[:LANES_CPUS]
    for cpu in busy:
        rows = labels(build, path, "@ =%d <Enter> <Enter> s s s !dump%s" % (cpu, pages))
        check_rows("CPU %d lanes" % cpu, rows or [], per_cpu[cpu], comms, bad)
    lanes = ", ".join("CPU %d: %d" % (c, len(per_cpu[c])) for c in busy)
    return "%d tasks, lanes of %s" % (len(total), lanes), bad


def main():
    build, files = sys.argv[1], sys.argv[2:]
    for path in files:
        try:
            summary, bad = check(build, path)
        except RuntimeError as e:
            print("FAIL order %s: %s" % (path, e))
            continue
        if summary.startswith("SKIP"):
            print(summary)
        elif bad:
            print("FAIL order %s: %d problems; %s" % (path, len(bad), "; ".join(bad[:MAX_SHOWN])))
        else:
            print("PASS order %s: %s, busiest first, full comm-pid labels" % (path, summary))


if __name__ == "__main__":
    main()
