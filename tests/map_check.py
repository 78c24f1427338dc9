#!/usr/bin/env python3
"""ftui dump map, checked against `trace-cmd report -t` text: every
sched_switch of the top-level buffer has a row at its time (to the
microsecond) marking its CPU with '*' and showing there the code of the task
switched in ('.' for idle), codes being read from the map's own
"CODE => comm:pid" introductions (each pid introduced once).
Prints a PASS, FAIL or SKIP line per file.
Usage: tests/map_check.py BUILD_DIR FILE..."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runs_check import instances, records, switch_pids  # noqa: E402  (report text parsing only)

ROW = re.compile(r"^(.*?)  (\d+)(?:\.(\d+) secs)?(?: (\S\S) => .*:(-?\d+))?$")
MAX_SHOWN = 5


def dump_map(build, path):
    out = subprocess.run([build + "/ftui", "dump", "map", path], capture_output=True, text=True, errors="replace")
    if out.returncode:
        raise RuntimeError("ftui dump map failed: " + out.stderr.strip()[:200])
    rows, codes = {}, {}
    for line in out.stdout.splitlines():
        m = ROW.match(line)
        if not m:
            raise RuntimeError("bad row %r" % line)
        cols = m.group(1)
        t = (m.group(2), m.group(3))
        if m.group(4):
            pid = int(m.group(5))
            if pid in codes:
                raise RuntimeError("pid %d introduced twice" % pid)
            codes[pid] = m.group(4)
        for cpu in range(0, len(cols), 4):
            if cols[cpu] == "*":
                rows.setdefault((t, cpu // 4), []).append(cols[cpu + 1:cpu + 3].strip())
    return rows, codes


def usec_key(ts, in_usecs):
    if not in_usecs:
        return (str(ts), None)
    return (str(ts // 1000000000), "%06d" % (ts % 1000000000 // 1000))


def check(build, path):
    recs = records(path, instances(build, path))
    if recs is None:
        return None
    rows, codes = dump_map(build, path)
    in_usecs = any(k[0][1] is not None for k in rows) or not rows
    bad, n = [], 0
    for cpu, ts, pid, event, info in recs:
        if event != "sched_switch" or not switch_pids(info):
            continue
        n += 1
        nxt = switch_pids(info)[1]
        want = "." if nxt == 0 else codes.get(nxt)
        got = rows.get((usec_key(ts, in_usecs), cpu), [])
        if want is None or want not in got:
            bad.append("CPU %d %d: switch to %d (%s), map rows there: %r" % (cpu, ts, nxt, want, got))
    return bad, n


def main():
    build = sys.argv[1]
    failed = False
    for path in sys.argv[2:]:
        name = "map_check " + path.split("/")[-1]
        try:
            result = check(build, path)
        except RuntimeError as e:
            print("FAIL %s: %s" % (name, e))
            failed = True
            continue
        if result is None:
            print("SKIP %s: trace-cmd cannot read it" % name)
        elif not result[1]:
            print("SKIP %s: no sched_switch" % name)
        elif result[0]:
            print("FAIL %s: %d of %d switches" % (name, len(result[0]), result[1]))
            for b in result[0][:MAX_SHOWN]:
                print("  " + b)
            failed = True
        else:
            print("PASS %s (%d switches)" % (name, result[1]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
