#!/bin/bash
# The durations `ftui dump graph` shows are those `trace-cmd report` prints
# for the same calls: for every file with function-graph records (the
# fixtures and the shared samples), the lists of (CPU, pid, function,
# duration) from both must be equal.  trace-cmd names the function of every
# line with a duration when asked for -O fgraph:tailprint; ftui prints the
# kernel's duration format, which has fewer decimals from 10 ms on, so
# trace-cmd's numbers are cut the kernel's way before comparing.
# Usage: tests/fgraph_durations.sh BUILD_DIR
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
ftui="$build/ftui"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v trace-cmd >/dev/null; then
	echo "SKIP fgraph_durations: trace-cmd is not installed (scripts/deps.sh --test)"
	exit 0
fi

# "cpu pid function duration" from trace-cmd report -O fgraph:tailprint
from_trace_cmd() {
	sed -nE 's/^ *.*-([0-9]+) +\[0*([0-9]+)\] +[0-9.]+: funcgraph_(entry|exit): +[$#!+ ] ([0-9]+)(\.([0-9]+))? us +\| +(\} \/\* )?([A-Za-z0-9_.]+)(\(\);| \*\/)$/\2 \1 \8 \4 \6/p' |
	awk '{ d = $4; if (length($4) < 7) { n = 7 - length($4); if (n > 3) n = 3; d = d "." substr($5, 1, n) }
	       print $1, $2, $3, d }'
}

# the same from ftui dump graph (task column: comm-pid centered, then " | ")
from_ftui() {
	sed -nE 's/^ *([0-9]+)\) +.*-([0-9]+) +\| +[$@*#!+ ] ([0-9.]+) us +\| +(\} \/\* )?([A-Za-z0-9_.]+)(\(\);| \*\/).*$/\1 \2 \5 \3/p'
}

files=(tests/fixtures/*.dat)
[ -d ../shared/traces/public ] && files+=(../shared/traces/public/*.dat)
checked=0
for f in "${files[@]}"; do
	name=$(basename "$f")
	trace-cmd report -O fgraph:tailprint "$f" >"$tmp/report" 2>/dev/null || continue
	grep -q ' funcgraph_exit: ' "$tmp/report" || continue
	from_trace_cmd <"$tmp/report" | sort >"$tmp/want"
	if ! "$ftui" dump graph "$f" >"$tmp/dump" 2>"$tmp/err"; then
		echo "FAIL fgraph_durations $name (ftui dump graph: $(head -1 "$tmp/err"))"
		continue
	fi
	from_ftui <"$tmp/dump" | sort >"$tmp/got"
	checked=$((checked + 1))
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
		echo "PASS fgraph_durations $name ($(wc -l <"$tmp/want") durations)"
	else
		echo "FAIL fgraph_durations $name (trace-cmd: $(wc -l <"$tmp/want"), ftui: $(wc -l <"$tmp/got") durations)"
		diff "$tmp/want" "$tmp/got" | head -6 | sed 's/^/  /'
	fi
done
[ $checked -gt 0 ] || echo "FAIL fgraph_durations: no file with function-graph records"
