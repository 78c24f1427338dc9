#!/bin/sh
# Corrupt-input test: `ftui report`, `ftui stat` and `ftui dump runs` (the run
# model every browser builds) on truncated, bit-flipped
# and poked (extreme values over layout fields and record headers) trace.dat
# files, plus a few files that are no trace at all.
#
#   tests/badinput.sh [BUILD_DIR]     (default build-san; runs BUILD_DIR/ftui)
#
# A case passes when the binary
#   - prints no sanitizer report (AddressSanitizer, LeakSanitizer, UBSan),
#   - is not killed by a signal and does not time out (20 s),
#   - and, if it exits non-zero, prints exactly one stderr line "ftui: ...".
# The not-a-trace cases must also exit non-zero.
#
# Environment:
#   BADINPUT_FILES  space-separated trace.dat files to corrupt (default: a few
#                   fixtures and, if ../shared exists, a few public samples)
#   BADINPUT_JOBS   parallel cases (default: number of CPUs)
#   BADINPUT_KEEP   where failing reproducers are kept (default: a mktemp dir)
#
# Prints one line per failing case, then "badinput: N passed, M failed".
set -u

# --- one case, run by xargs: badinput.sh --case BIN FILE EXPECT ---------------
if [ "${1:-}" = --case ]; then
	bin=$2 f=$3 expect=$4
	err=$(mktemp "${TMPDIR:-/tmp}/ftui-badinput-err.XXXXXX")
	why=
	for cmd in report stat "dump runs --csv"; do
		# shellcheck disable=SC2086
		timeout 20 "$bin" $cmd "$f" >/dev/null 2>"$err" </dev/null
		rc=$?
		san=$(grep -m1 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|Sanitizer:DEADLYSIGNAL' "$err")
		if [ -n "$san" ]; then
			why="$cmd: sanitizer: $san"
		elif [ $rc -eq 124 ]; then
			why="$cmd: timeout (20 s)"
		elif [ $rc -ge 128 ]; then
			why="$cmd: killed by signal $((rc - 128))"
		elif [ $rc -ne 0 ]; then
			n=$(awk 'END { print NR }' "$err")
			first=$(head -n 1 "$err")
			if [ "$n" -ne 1 ] || [ "$(wc -l <"$err")" -ne 1 ]; then
				why="$cmd: exit $rc with $n stderr lines: $(head -c 200 "$err" | tr '\n' '|')"
			else
				case $first in
				'ftui: '*) ;;
				*) why="$cmd: exit $rc, stderr not \"ftui: ...\": $first" ;;
				esac
			fi
		elif [ "$expect" = fail ]; then
			why="$cmd: exit 0 on a file that is not a trace"
		fi
		[ -n "$why" ] && break
	done
	rm -f "$err"
	if [ -n "$why" ]; then
		printf 'FAIL %s\t%s\n' "$f" "$why"
	else
		printf 'PASS %s\n' "$f"
	fi
	exit 0
fi

# --- driver --------------------------------------------------------------------
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-san}
case $build in
/*) ;;
*) [ -d "$build" ] || build=$here/$build ;;
esac
bin=$(cd "$build" 2>/dev/null && pwd)/ftui
if [ ! -x "$bin" ]; then
	echo "badinput: no $build/ftui (build it: make SAN=1)" >&2
	exit 2
fi
self=$here/tests/badinput.sh
jobs=${BADINPUT_JOBS:-$(nproc 2>/dev/null || echo 2)}

if [ -n "${BADINPUT_FILES:-}" ]; then
	files=$BADINPUT_FILES
else
	files=
	for f in sched_v6 sched_v7_zstd sched_v7_none two_buffers_v7; do
		[ -f "$here/tests/fixtures/$f.dat" ] && files="$files $here/tests/fixtures/$f.dat"
	done
	# public samples whose licence allows it (see SOURCES.md there), read in place
	pub=$here/../shared/traces/public
	for f in i686_buildroot_v6_fgraph_irq_tiny arm64_v6_sched_switch_small; do
		[ -f "$pub/$f.dat" ] && files="$files $pub/$f.dat"
	done
fi
[ -n "$files" ] || { echo "badinput: no input files" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ftui-badinput.XXXXXX")
keep=${BADINPUT_KEEP:-$work/failed}
mkdir -p "$keep"
results=$work/results
: >"$results"
cleanup() { rm -rf "$work/cases" "$work/gen.py" "$work/lsan.supp"; }
trap 'cleanup; exit 130' INT TERM

# libtraceevent 1.7.1 leaks a token when it fails to parse a corrupt event
# format: not ftui's leak.
echo 'leak:tep_parse_event' >"$work/lsan.supp"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$work/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# Writes truncated, bit-flipped and poked copies of SRC into DIR, at offsets chosen
# from the file's layout (header, metadata, options, CPU data) and at random
# (fixed seed, so every run makes the same files).
cat >"$work/gen.py" <<'PY'
import os, random, struct, sys, zlib

src, out = sys.argv[1], sys.argv[2]
d = open(src, 'rb').read()
n = len(d)
name = os.path.basename(src).rsplit('.', 1)[0]
rnd = random.Random(20261122 ^ zlib.crc32(name.encode()))
E = '>' if n > 12 and d[12] == 1 else '<'
points = set()      # layout boundaries
meta_end = n        # where the CPU data starts (as far as we can tell)
cpu = []            # (offset, size) of CPU data

def u64(o):
    return struct.unpack_from(E + 'Q', d, o)[0] if o + 8 <= n else None

def cstr_end(o):
    e = d.find(b'\0', o)
    return e + 1 if e >= 0 else n

if n > 18 and d[10:12] == b'6\0':
    for m in (b'header_page\0', b'header_event\0', b'name: ', b'options  \0', b'latency  \0'):
        i = d.find(m)
        if i >= 0:
            points.update((i, i + len(m)))
    fly = d.find(b'flyrecord\0')
    if fly >= 0:
        points.update((fly, fly + 10))
        meta_end = fly
        o = fly + 10
        for _ in range(64):
            off, size = u64(o), u64(o + 8)
            if off is None or size is None or off > n or size > n:
                break
            if size:
                cpu.append((off, size))
            o += 16
elif n > 18 and d[10:12] == b'7\0':
    o = cstr_end(cstr_end(18))
    opt = u64(o)
    points.update((18, o, o + 8))
    for start in (o + 8, opt or 0):
        s = start
        while s and s + 16 <= n:
            sid, flags, _, size = struct.unpack_from(E + 'HHIQ', d, s)
            if sid > 64 or s + 16 + size > n:
                break
            points.update((s, s + 2, s + 4, s + 8, s + 16, s + 16 + size // 2))
            if sid == 3:
                cpu.append((s + 16, size))
            s += 16 + size
    if cpu:
        meta_end = min(c[0] for c in cpu)

for off, size in cpu[:4]:
    points.update((off - 1, off, off + 1, off + 4, off + 8, off + 12, off + 16, off + size // 2, off + size - 1))

# ~40 truncation points
trunc = {0, 1, 9, 10, 11, 12, 13, 14, 17, 18, 20, 100, n // 2, n - 16, n - 2, n - 1}
trunc.update((meta_end // 4, meta_end // 2, 3 * meta_end // 4, meta_end - 1, meta_end, meta_end + 1))
pts = sorted(p for p in points if 0 < p < n)
rnd.shuffle(pts)
trunc.update(pts[:12])
while len([t for t in trunc if 0 <= t < n]) < 40 and n > 40:
    trunc.add(rnd.randrange(n))
for t in sorted(t for t in trunc if 0 <= t < n):
    open(os.path.join(out, '%s.trunc-%d.dat' % (name, t)), 'wb').write(d[:t])

# ~60 bit flips: header, metadata, layout points, CPU data
flips = set()
def add(lo, hi, k):
    hi = min(hi, n)
    for _ in range(k):
        if lo < hi:
            flips.add(rnd.randrange(lo, hi))
add(10, 40, 8)
add(40, meta_end, 22)
flips.update(pts[12:27])
for off, size in cpu[:4]:
    add(off, off + min(size, 4096), 3)
while len(flips) < 60 and n > 60:
    flips.add(rnd.randrange(n))
for f in sorted(x for x in flips if 0 <= x < n):
    b = bytearray(d)
    bit = rnd.randrange(8)
    b[f] ^= 1 << bit
    open(os.path.join(out, '%s.flip-%d-%d.dat' % (name, f, bit)), 'wb').write(b)

# ~20 pokes: extreme values written over layout fields, and over the first
# record of a CPU's first page (a padding or data record whose length points
# backwards: readers that follow it blindly never finish)
def poke(off, raw, tag):
    if 0 <= off and off + len(raw) <= n:
        b = bytearray(d)
        b[off:off + len(raw)] = raw
        open(os.path.join(out, '%s.poke-%d-%s.dat' % (name, off, tag)), 'wb').write(b)
pk = E + 'I'
for i, p in enumerate(pts[27:39]):
    v = (0xffffffff, 0, 0x7fffffff, 0xfffffffc)[i % 4]
    poke(p, struct.pack(pk, v), '%08x' % v)
hdr = 16 if n > 13 and d[13] == 8 else 12
for off, size in cpu[:2]:
    rec = off + hdr
    poke(rec, struct.pack(E + 'II', 29, 0xfffffffc), 'pad-back')
    poke(rec, struct.pack(E + 'II', 0, 0xffffff00), 'len-back')
    poke(rec, struct.pack(E + 'II', 0, 0x7ffffff0), 'len-huge')
    poke(off + 8, struct.pack(E + 'I', 0xffffffff), 'commit')
PY

run_cases() {	# EXPECT, then the files in $work/cases
	find "$work/cases" -mindepth 1 -maxdepth 1 | sort |
		xargs -P "$jobs" -I{} sh "$self" --case "$bin" {} "$1" >>"$results"
}

keep_failures() {
	grep '^FAIL ' "$results" | cut -f1 | sed 's/^FAIL //' | while read -r f; do
		[ -e "$f" ] && [ "${f#"$work/cases/"}" != "$f" ] && cp -r "$f" "$keep/" 2>/dev/null
	done
}

# not traces at all
mkdir -p "$work/cases"
: >"$work/cases/empty.dat"
mkdir "$work/cases/a-directory.dat"
printf 'This is not a trace.dat file.\nJust some text.\n' >"$work/cases/text.dat"
first=${files#"${files%%[! ]*}"}
first=${first%% *}
{ printf '\027\010Dtracinx'; tail -c +11 "$first" | head -c 8192; } >"$work/cases/wrong-magic.dat"
{ printf '\027\010Dtracing8\000\000\010\000\020\000\000'; head -c 4096 /dev/zero; } >"$work/cases/version8.dat"
{ printf '\027\010Dtracing'; } >"$work/cases/magic-only.dat"
run_cases fail
sh "$self" --case "$bin" "$work/cases/does-not-exist.dat" fail >>"$results"
keep_failures
rm -rf "$work/cases"

for src in $files; do
	mkdir -p "$work/cases"
	if ! python3 "$work/gen.py" "$src" "$work/cases"; then
		printf 'FAIL %s\tcould not make the corrupt copies\n' "$src" >>"$results"
		rm -rf "$work/cases"
		continue
	fi
	run_cases any
	keep_failures
	rm -rf "$work/cases"
done

# report: the kept reproducer's path for each failure
passed=$(grep -c '^PASS ' "$results")
failed=$(grep -c '^FAIL ' "$results")
grep '^FAIL ' "$results" | while IFS='	' read -r what why; do
	f=${what#FAIL }
	case $f in
	"$work/cases/"*) f=$keep/${f#"$work/cases/"} ;;
	esac
	printf 'FAIL %s: %s\n' "$f" "$why"
done
cleanup
if [ "$failed" -eq 0 ] && [ -z "${BADINPUT_KEEP:-}" ]; then
	rm -rf "$work"
fi
echo "badinput: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
