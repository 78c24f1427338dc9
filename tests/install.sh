#!/bin/bash
# `make install` into a temporary DESTDIR and a PREFIX other than the one
# compiled in: the files land where they should, and the installed binary,
# run from elsewhere with no FTUI_THEME_DIR, finds its themes beside it
# (BINDIR/../share/ftui/themes, from /proc/self/exe).
#   tests/install.sh [BUILD_DIR]
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=/opt/ftui-install-test
dest=$tmp/dest
fixture=$root/tests/fixtures/sched_v7_zstd.dat

# install what is built, never rebuilding it (-o): make test built it
if ! make -s --no-print-directory -o "$build/ftui" install BUILD="$build" DESTDIR="$dest" PREFIX="$prefix" >"$tmp/log" 2>&1; then
	echo "FAIL install: make install: $(tail -3 "$tmp/log" | tr '\n' '|')"
	exit 0
fi
missing=
for f in bin/ftui share/man/man1/ftui.1 share/ftui/themes/light; do
	[ -f "$dest$prefix/$f" ] || missing="$missing $f"
done
[ -x "$dest$prefix/bin/ftui" ] || missing="$missing bin/ftui(executable)"
if [ -n "$missing" ]; then
	echo "FAIL install files: missing under DESTDIR/PREFIX:$missing"
	exit 0
fi
echo "PASS install files"

# a theme that is only in the installed tree, so neither ./themes nor the
# compiled-in directory can be what finds it
cp themes/light "$dest$prefix/share/ftui/themes/install-test"
bin=$dest$prefix/bin/ftui
cd "$tmp" || exit 1
for theme in light install-test; do
	if env -u FTUI_THEME_DIR "$bin" --headless=80x6 --keys=q --theme "$theme" "$fixture" >/dev/null 2>"$tmp/err"; then
		echo "PASS install theme $theme found from the installed binary"
	else
		echo "FAIL install theme $theme: $(head -1 "$tmp/err")"
	fi
done
# and a theme that is nowhere is still an error
if env -u FTUI_THEME_DIR "$bin" --headless=80x6 --keys=q --theme no-such-theme "$fixture" >/dev/null 2>"$tmp/err"; then
	echo "FAIL install theme no-such-theme: accepted"
else
	echo "PASS install theme no-such-theme refused ($(head -1 "$tmp/err" | cut -c1-60)...)"
fi
# the binary moved away from its tree no longer finds the installed-only theme
cp "$bin" "$tmp/ftui-alone"
if env -u FTUI_THEME_DIR "$tmp/ftui-alone" --headless=80x6 --keys=q --theme install-test "$fixture" >/dev/null 2>&1; then
	echo "FAIL install theme lookup: a copy outside the tree found install-test too (not the binary's own tree?)"
else
	echo "PASS install theme lookup is relative to the binary"
fi
