# Shared by the bench scripts that record with trace-cmd (sourced; needs
# $root, the project's top, and a die function).

# Refuse to run next to another recording: both would use the top-level
# ring buffer.  $1: more process patterns to refuse (an egrep alternative).
refuse_next_to_recordings() {
	local busy="(^|/)trace-cmd (record|start|stream|profile|extract)|make-fixtures\.sh${1:+|$1}"

	if pgrep -f "$busy" >/dev/null; then
		die "another recording is running (pid $(pgrep -f "$busy" | tr '\n' ' ')); try again when it is done"
	fi
}

# The EPERM shim's source (see make-big-trace.sh): $SHIM, else the project's.
shim_source() {
	local src=${SHIM:-$root/tests/fixtures/eperm-shim.c}

	[ -f "$src" ] || die "no EPERM shim source at $src (set SHIM=path/to/shim.c)"
	printf '%s\n' "$src"
}
