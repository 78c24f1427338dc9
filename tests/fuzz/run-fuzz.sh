#!/bin/sh
# Build the fuzzers (make fuzz) and run one for SECONDS (default 60): the
# trace.dat reader on a copy of tests/fuzz/seeds, or (FUZZ_TARGET=filter) the
# filter and hist parsers on tests/fuzz/seeds_filter.  Exits non-zero when libFuzzer finds a
# crash, a sanitizer error, a leak, a timeout or an oversized allocation.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [extra libFuzzer arguments...]
#
# Environment:
#   FUZZ_TARGET     tracedat (default) or filter
#   FUZZ_CORPUS     working corpus (default build-fuzz/corpus; kept between
#                   runs, the seeds are copied into it each time)
#   FUZZ_ARTIFACTS  where crash-*/leak-*/timeout-*/oom-* inputs go
#                   (default build-fuzz/artifacts)
#   FUZZ_LSAN_SUPP  a file of extra LSan suppressions (known leaks)
#   FUZZ_NO_BUILD=1 skip `make fuzz`
#
# To keep going after a failure and collect them all:
#   tests/fuzz/run-fuzz.sh 600 -fork=2 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1
set -eu

cd "$(dirname "$0")/../.."
secs=${1:-60}
[ $# -gt 0 ] && shift
case $secs in
''|*[!0-9]*) echo "usage: $0 [SECONDS] [libFuzzer args...]" >&2; exit 2 ;;
esac

if [ "${FUZZ_NO_BUILD:-}" != 1 ]; then
	make -s fuzz >/dev/null || { echo "run-fuzz: make fuzz failed" >&2; exit 2; }
fi
target=${FUZZ_TARGET:-tracedat}
case $target in
tracedat) seeds=tests/fuzz/seeds ;;
filter) seeds=tests/fuzz/seeds_filter ;;
*) echo "run-fuzz: FUZZ_TARGET is tracedat or filter" >&2; exit 2 ;;
esac
bin=build-fuzz/fuzz_$target
[ -x "$bin" ] || { echo "run-fuzz: $bin missing" >&2; exit 2; }

suffix=; [ "$target" = tracedat ] || suffix=-$target
corpus=${FUZZ_CORPUS:-build-fuzz/corpus$suffix}
artifacts=${FUZZ_ARTIFACTS:-build-fuzz/artifacts$suffix}
mkdir -p "$corpus" "$artifacts"
cp "$seeds"/* "$corpus"/

# Tokens of the format, for the mutator.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftui-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
dict=$tmp/dict
supp=$tmp/lsan.supp

# libtraceevent (1.7.1) leaks tokens when it fails to parse a corrupt event
# format (e.g. "ID: xy"): not ours to fix, and it would stop every run.
echo 'leak:tep_parse_event' >"$supp"
# It also leaks a 'c' character constant's copy when it makes it a number
# (filter "vec == 'a'"): a few bytes a filter.
echo 'leak:tep_filter_add_filter_str' >>"$supp"
# and small leaks while matching (make test suppresses the same: tests/lsan.supp)
[ "$target" = filter ] && grep '^leak:' tests/lsan.supp >>"$supp"
# more LSan suppressions, one "leak:FUNCTION" a line, e.g. for a known bug
[ -n "${FUZZ_LSAN_SUPP:-}" ] && cat "$FUZZ_LSAN_SUPP" >>"$supp"

cat >"$dict" <<'DICT'
"\x17\x08Dtracing"
"6\x00"
"7\x00"
"header_page\x00"
"header_event\x00"
"options  \x00"
"flyrecord\x00"
"latency  \x00"
"zstd\x00"
"zlib\x00"
"none\x00"
"name: "
"ID: "
"format:"
"print fmt: "
"field:"
"offset:"
"size:"
"signed:"
"__data_loc"
"__rel_loc"
"unsigned long"
"char comm[16]"
"REC->"
"__get_str("
"__print_flags("
"__print_symbolic("
"__print_hex("
"[local]"
"[counter]"
"[x86-tsc]"
"\x00\x10\x00\x00"
"\xff\xff\xff\xff"
"\xff\xff\xff\xff\xff\xff\xff\x7f"
DICT
# Tokens of the filter and hist languages.
[ "$target" = filter ] && cat >"$dict" <<'DICT'
"sched_switch:"
"raw_syscalls:sys_enter "
"prev_pid"
"prev_comm"
"COMM"
"CPU"
"common_pid"
"id"
"=="
"!="
"=~"
"!~"
"<="
">="
"&&"
"||"
"!"
"&"
"("
")"
"\""
"'"
"0x"
"keys="
":vals="
":sort="
":size="
".descending"
".execname"
".buckets="
".log2"
".sym"
"hitcount"
" if "
"stacktrace"
DICT

# UBSan errors are recoverable in this build: make them fatal so that
# libFuzzer stops and saves the input.
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
# (full stacks at malloc: libc's asprintf, called by libtraceevent, has no frame pointers)
[ "$target" = filter ] && ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

set +e
"$bin" -max_total_time="$secs" -max_len=262144 -rss_limit_mb=2048 -timeout=10 \
	-dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" "$corpus"
rc=$?
set -e
if [ $rc -ne 0 ]; then
	echo "run-fuzz: FAILED (exit $rc); reproducer in $artifacts/ (run: $bin FILE)" >&2
	exit 1
fi
echo "run-fuzz: no failure in ${secs}s"
