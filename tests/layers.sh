#!/bin/bash
# The layer check: includes and linked symbols flow ui -> render -> model ->
# capture only (a file may use its own layer and those below it), and curses
# is used in src/ui/term.c alone.  Each breach is a FAIL line naming the file
# and line; a self-test plants breaches in a scratch tree and checks that
# every kind is caught.  Then tests/includes.py: no include a file does not
# use, every header compiles alone.
#   tests/layers.sh [BUILD]     (BUILD/src/*/*.o are the objects to read; default build)
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
CURSES_FILE=src/ui/term.c

rank() {
	case $1 in
	capture) echo 0 ;; model) echo 1 ;; render) echo 2 ;; ui) echo 3 ;; *) echo -1 ;;
	esac
}

below() {	# the layers a layer may use, for the message
	case $1 in
	capture) echo "capture" ;; model) echo "capture and model" ;;
	render) echo "capture, model and render" ;; *) echo "any layer" ;;
	esac
}

# Includes of a higher layer, and curses headers outside CURSES_FILE, in the
# tree under $1 (paths printed relative to it).
check_includes() {
	local root=$1 file line text from to n=0
	while IFS= read -r hit; do
		file=${hit%%:*}; hit=${hit#*:}; line=${hit%%:*}; text=${hit#*:}
		file=${file#"$root"/}
		from=${file#src/}; from=${from%%/*}
		if [[ $text =~ \<(ncursesw/|ncurses|curses|term\.h|panel|menu|form) ]]; then
			if [ "$file" != "$CURSES_FILE" ]; then
				echo "FAIL layers: $file:$line: includes curses ($text): only $CURSES_FILE may"
				n=$((n + 1))
			fi
			continue
		fi
		[[ $text =~ \"([a-z]+)/[^\"]+\" ]] || continue
		to=${BASH_REMATCH[1]}
		[ "$(rank "$to")" -ge 0 ] || continue
		if [ "$(rank "$to")" -gt "$(rank "$from")" ]; then
			echo "FAIL layers: $file:$line: $from includes ${BASH_REMATCH[0]}: $from may include only $(below "$from")"
			n=$((n + 1))
		fi
	done < <(cd "$root" && grep -HnE '^[[:space:]]*#[[:space:]]*include' src/*/*.[ch] | sed "s|^|$root/|")
	return $((n > 0))
}

# The line of the first use of symbol $3 in source $1, from the debug line
# info of its object $2 (a relocation against the symbol); failing that, the
# first line naming it.
use_line() {
	local l
	l=$(objdump -drl --no-show-raw-insn "$2" 2>/dev/null | awk -v s="$3" '
		/^\/.*:[0-9]+/ { n = split($1, a, ":"); line = a[n] + 0 }
		/R_[A-Z0-9_]+/ { for (i = 1; i <= NF; i++) { x = $i; sub(/[-+]0x[0-9a-f]+$/, "", x)
			if (x == s && line) { print line; exit } } }')
	[ -n "$l" ] || l=$(grep -nw -- "$3" "$1" 2>/dev/null | head -1 | cut -d: -f1)
	echo "${l:-1}"
}

# Undefined symbols of the objects under $1/src that a higher layer's object
# defines, and curses symbols ($2: a file of them, may be empty) used by an
# object other than CURSES_FILE's.  Sources are looked up under $3.
check_symbols() {
	local objroot=$1 curses=$2 srcroot=$3 n=0 o l
	local table
	table=$(for o in "$objroot"/src/*/*.o; do
		[ -e "$o" ] || continue
		l=${o#"$objroot"/src/}; l=${l%%/*}
		nm -P "$o" | awk -v o="${o#"$objroot"/}" -v l="$l" '{ print l, o, $1, $2 }'
	done)
	while read -r ulayer uobj sym dlayer dobj; do
		local src=${uobj%.o}.c line
		line=$(use_line "$srcroot/$src" "$objroot/$uobj" "$sym")
		if [ "$dlayer" = curses ]; then
			echo "FAIL layers: $src:$line: uses curses ($sym): only $CURSES_FILE may"
		else
			echo "FAIL layers: $src:$line: $ulayer uses $sym of ${dobj%.o}.c: $ulayer may use only $(below "$ulayer")"
		fi
		n=$((n + 1))
	done < <(awk -v curses="$curses" -v cfile="${CURSES_FILE%.c}.o" '
		BEGIN { r["capture"] = 0; r["model"] = 1; r["render"] = 2; r["ui"] = 3
			if (curses != "") while ((getline s < curses) > 0) cur[s] = 1 }
		{ n++; L[n] = $1; O[n] = $2; S[n] = $3; T[n] = $4 }
		$4 != "U" && $4 ~ /^[A-Z]$/ { defl[$3] = $1; defo[$3] = $2 }
		END {
			for (i = 1; i <= n; i++) {
				if (T[i] != "U") continue
				s = S[i]
				if (s in defl) {
					if (r[defl[s]] > r[L[i]]) print L[i], O[i], s, defl[s], defo[s]
				} else if ((s in cur) && O[i] != cfile) {
					print L[i], O[i], s, "curses", "-"
				}
			}
		}' <<<"$table")
	return $((n > 0))
}

# The symbols the curses libraries the binary links define.
curses_symbols() {
	local bin=$1 lib
	for lib in $(ldd "$bin" 2>/dev/null | awk '/ncurses|tinfo|panel|menu|form/ { print $3 }'); do
		nm -D --defined-only "$lib" 2>/dev/null | awk '{ print $NF }'
	done | sed 's/@.*//' | sort -u
}

# Plant one breach of each kind in a scratch tree; each must be reported at
# its file and line, and a clean tree must pass.
self_test() {
	local t out f o ok=0
	t=$(mktemp -d) || return 1
	mkdir -p "$t/src/capture" "$t/src/model" "$t/src/render" "$t/src/ui"
	printf '#include "capture/a.h"\nint cap_fn(void) { return 1; }\n' >"$t/src/capture/a.c"
	printf 'int cap_fn(void);\n' >"$t/src/capture/a.h"
	printf 'int ui_fn(void) { return 2; }\n' >"$t/src/ui/u.c"
	printf '#include "model/m.h"\n\nint m_fn(void) { return cap_fn(); }\n' >"$t/src/model/m.c"
	printf 'int cap_fn(void);\n' >"$t/src/model/m.h"
	check_includes "$t" >/dev/null || { echo "FAIL layers self-test: a clean tree fails"; ok=1; }
	printf 'int ui_fn(void);\nint b_fn(void)\n{\n\treturn ui_fn();\n}\n' >"$t/src/model/b.c"
	printf 'void initscr(void);\nvoid r_fn(void)\n{\n\tinitscr();\n}\n' >"$t/src/render/r.c"
	printf '#include <stdio.h>\n#include "ui/u.h"\n' >"$t/src/capture/c.h"
	printf '#include "model/m.h"\n#include <ncursesw/curses.h>\n' >"$t/src/render/w.h"
	for f in "$t"/src/*/*.c; do
		o=$t/obj/${f#"$t"/}; o=${o%.c}.o
		mkdir -p "$(dirname "$o")" && cc -g -I"$t/src" -c -o "$o" "$f" 2>/dev/null || { echo "FAIL layers self-test: cc"; ok=1; }
	done
	out=$(check_includes "$t")
	grep -q '^FAIL layers: src/capture/c.h:2: capture includes "ui/u.h"' <<<"$out" ||
		{ echo "FAIL layers self-test: a capture header including ui/ is not reported"; ok=1; }
	grep -q '^FAIL layers: src/render/w.h:2: includes curses' <<<"$out" ||
		{ echo "FAIL layers self-test: a curses include outside term.c is not reported"; ok=1; }
	[ "$(grep -c '^FAIL' <<<"$out")" -eq 2 ] ||
		{ echo "FAIL layers self-test: includes: $(grep -c '^FAIL' <<<"$out") breaches reported, 2 planted"; ok=1; }
	echo initscr >"$t/curses.syms"
	out=$(check_symbols "$t/obj" "$t/curses.syms" "$t")
	grep -q '^FAIL layers: src/model/b.c:4: model uses ui_fn of src/ui/u.c' <<<"$out" ||
		{ echo "FAIL layers self-test: model calling ui is not reported"; ok=1; }
	grep -q '^FAIL layers: src/render/r.c:4: uses curses (initscr)' <<<"$out" ||
		{ echo "FAIL layers self-test: a curses call outside term.c is not reported"; ok=1; }
	[ "$(grep -c '^FAIL' <<<"$out")" -eq 2 ] ||
		{ echo "FAIL layers self-test: symbols: $(grep -c '^FAIL' <<<"$out") breaches reported, 2 planted"; ok=1; }
	rm -rf "$t"
	[ $ok -eq 0 ] && echo "PASS layers self-test (4 planted breaches reported at their lines, a clean tree passes)"
}

self_test
check_includes . && echo "PASS layers includes ($(ls src/*/*.[ch] | wc -l) files)"
if command -v python3 >/dev/null && command -v ctags >/dev/null; then
	python3 tests/includes.py -D_GNU_SOURCE $(pkg-config --cflags libtraceevent libtracefs ncursesw libzstd zlib 2>/dev/null)
else
	echo "SKIP includes: needs python3 and universal-ctags"
fi
if ! ls "$build"/src/*/*.o >/dev/null 2>&1; then
	echo "SKIP layers symbols: no objects in $build (run make)"
	exit 0
fi
syms=$(mktemp)
trap 'rm -f "$syms"' EXIT
curses_symbols "$build/ftui" >"$syms"
if [ ! -s "$syms" ]; then
	echo "SKIP layers curses symbols: cannot list the curses libraries of $build/ftui"
	: >"$syms"
fi
# the list must hold what term.c uses, or the curses check checks nothing
if [ -s "$syms" ] && ! nm -u -P "$build/${CURSES_FILE%.c}.o" | awk '{ print $1 }' | grep -qxFf "$syms"; then
	echo "FAIL layers: $CURSES_FILE: none of its symbols is among the curses libraries' ($(wc -l <"$syms") listed)"
fi
check_symbols "$build" "$syms" . && echo "PASS layers symbols ($(ls "$build"/src/*/*.o | wc -l) objects)"
exit 0
