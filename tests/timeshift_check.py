#!/usr/bin/env python3
"""Guest timestamps, computed independently of ftui.

For each v7 trace.dat with a TIME_SHIFT option given: read its options
(TIME_SHIFT, TSC2NSEC, DATE, OFFSET) straight from the file, take the raw
timestamps from `trace-cmd report --raw-ts`, apply the arithmetic of
docs/tracedat-format.md section 8.2 (trace-cmd's timestamp_calc) in Python
integers, merge the CPUs again by the new times and print the report text.
That text must equal `ftui report` (and `trace-cmd report`) byte for byte,
plain and with -t.

Usage: tests/timeshift_check.py BUILD_DIR FILE...
"""
import re
import struct
import subprocess
import sys

M64 = (1 << 64) - 1


def s64(v):
    v &= M64
    return v - (1 << 64) if v >> 63 else v


def read_options(path):
    data = open(path, 'rb').read()
    if data[:10] != b'\x17\x08\x44tracing':
        raise ValueError('not a trace.dat')
    pos = 10
    end = data.index(b'\0', pos)
    if data[pos:end] != b'7':
        raise ValueError('not a v7 file')
    pos = end + 1
    big = data[pos] == 1
    e = '>' if big else '<'
    pos += 2 + 4                       # endian, long size, page size
    for _ in range(2):                 # compression name and version
        pos = data.index(b'\0', pos) + 1
    (off,) = struct.unpack_from(e + 'Q', data, pos)
    opts = []
    while off:
        sid, flags, _desc, size = struct.unpack_from(e + 'HHIQ', data, off)
        if sid != 0 or flags & 1:
            raise ValueError('options section %d at %d is not plain' % (sid, off))
        p, stop, off = off + 16, off + 16 + size, 0
        while p < stop:
            oid, osize = struct.unpack_from(e + 'HI', data, p)
            body = data[p + 6:p + 6 + osize]
            p += 6 + osize
            if oid == 0:
                (off,) = struct.unpack_from(e + 'Q', body, 0)
                break
            opts.append((oid, body))
    return e, opts


def parse_time_shift(e, body):
    peer, flags, ncpu = struct.unpack_from(e + 'QII', body, 0)
    p = 16
    cpus = []
    for _ in range(ncpu):
        (n,) = struct.unpack_from(e + 'I', body, p)
        p += 4
        arr = [list(struct.unpack_from(e + '%dq' % n, body, p + k * 8 * n)) for k in range(3)]
        p += 24 * n
        cpus.append([[arr[0][i], arr[1][i], arr[2][i], 0] for i in range(n)])
    if p < len(body):
        for c in cpus:
            for smp in c:
                (smp[3],) = struct.unpack_from(e + 'q', body, p)
                p += 8
    # sorted by time (stable), the later of equal times dropped
    out = []
    for c in cpus:
        c = sorted(c, key=lambda smp: smp[0])
        keep = []
        for smp in c:
            if not keep or keep[-1][0] != smp[0]:
                keep.append(smp)
        out.append(keep)
    return flags, out


def correct(ts, flags, lo, hi):
    tscor = lo[1]
    if flags & 1:
        delta = hi[0] - lo[0]
        num = (ts - lo[0]) * (hi[1] - lo[1]) + delta // 2
        q = abs(num) // abs(delta)     # C division truncates toward zero
        tscor = lo[1] + (q if (num >= 0) == (delta > 0) else -q)
    return ((((ts * lo[2]) & M64) >> (lo[3] & 63)) + tscor) & M64


def host_sync(ts, cpu, flags, cpus):
    if cpu >= len(cpus) or not cpus[cpu]:
        return ts
    s = cpus[cpu]
    if len(s) == 1:
        return ts + s[0][1]
    if len(s) == 2 or ts <= s[0][0]:
        return correct(ts, flags, s[0], s[1])
    if ts >= s[-1][0]:
        return correct(ts, flags, s[-2], s[-1])
    i = max(k for k in range(len(s)) if s[k][0] <= ts)   # the pair around ts
    return correct(ts, flags, s[i], s[i + 1])


def expected(path, nsec):
    e, opts = read_options(path)
    flags, cpus, mult, shift, offset = 0, None, 0, 0, 0
    for oid, body in opts:
        if oid == 12:
            flags, cpus = parse_time_shift(e, body)
        elif oid == 14:
            mult, shift = struct.unpack_from(e + 'II', body, 0)
        elif oid == 1:
            offset += int(body.rstrip(b'\0'), 0) * 1000
        elif oid == 7:
            offset += int(body.rstrip(b'\0'), 0)
    if cpus is None:
        raise ValueError('no TIME_SHIFT option')
    raw = subprocess.run(['trace-cmd', 'report', '--raw-ts', path], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    per_cpu = {}
    for line in raw[1:]:
        m = re.match(r'^(.*?\[(\d+)\])(\d+):(.*)$', line)
        if not m:
            raise ValueError('unexpected line: ' + line)
        cpu, ts = int(m.group(2)), int(m.group(3))
        ts = host_sync(ts, cpu, flags, cpus) & M64
        if mult:
            ts = ((ts * mult) >> shift) & M64
        ts = (ts + offset) & M64
        if nsec:
            t = ' %5d.%09d' % (ts // 10**9, ts % 10**9)
        else:
            us = (ts + 500) // 1000
            t = ' %5d.%06d' % (us // 10**6, us % 10**6)
        per_cpu.setdefault(cpu, []).append((ts, m.group(1) + t + ':' + m.group(4)))
    # trace-cmd's merge: the earliest head, ties to the lower CPU
    lines, heads = [raw[0]], {c: 0 for c in per_cpu}
    while True:
        best = None
        for c in sorted(per_cpu):
            if heads[c] < len(per_cpu[c]) and (best is None or per_cpu[c][heads[c]][0] < per_cpu[best][heads[best]][0]):
                best = c
        if best is None:
            break
        lines.append(per_cpu[best][heads[best]][1])
        heads[best] += 1
    return '\n'.join(lines) + '\n'


def main():
    build, files = sys.argv[1], sys.argv[2:]
    failed = 0
    for path in files:
        for nsec in (False, True):
            name = 'timeshift_check %s%s' % (path.split('/')[-1], ' -t' if nsec else '')
            try:
                want = expected(path, nsec)
            except (ValueError, OSError, subprocess.CalledProcessError) as err:
                print('FAIL %s: %s' % (name, err))
                failed += 1
                continue
            opt = ['-t'] if nsec else []
            for tool in ([build + '/ftui', 'report'], ['trace-cmd', 'report']):
                got = subprocess.run(tool + opt + [path], capture_output=True, text=True).stdout
                who = 'ftui' if tool[0] != 'trace-cmd' else 'trace-cmd'
                if got == want:
                    print('PASS %s (%s, %d lines)' % (name, who, want.count('\n')))
                else:
                    failed += 1
                    a, b = want.splitlines(), got.splitlines()
                    k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
                    print('FAIL %s (%s): line %d\n  want %s\n  got  %s' % (
                        name, who, k + 1, a[k] if k < len(a) else '(end)', b[k] if k < len(b) else '(end)'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
