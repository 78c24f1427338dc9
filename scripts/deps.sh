#!/bin/sh
# Install the Debian packages ftui needs to build and test.
#   scripts/deps.sh            install what is missing (root: apt-get; otherwise print the command)
#   scripts/deps.sh --missing  print the missing package names and exit
#   scripts/deps.sh --test     also the tools the test suite uses (trace-cmd, tmux, clang, ctags)
set -eu

BUILD_PKGS="gcc make pkg-config libncurses-dev libtraceevent-dev libtracefs-dev libzstd-dev zlib1g-dev libtraceevent1-plugin"
TEST_PKGS="trace-cmd tmux clang libclang-rt-14-dev universal-ctags"

mode=install
want="$BUILD_PKGS"
for a in "$@"; do
	case "$a" in
	--missing) mode=print ;;
	--test) want="$BUILD_PKGS $TEST_PKGS" ;;
	*) echo "usage: $0 [--missing] [--test]" >&2; exit 2 ;;
	esac
done

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

if [ "$mode" = print ]; then
	echo $missing
	exit 0
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "ftui: missing packages:$missing" >&2
	echo "ftui: run as root: apt-get install$missing" >&2
	exit 1
fi
echo "ftui: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
