#!/bin/sh
# Regenerate src/model/syscalls.c from the installed kernel headers.
set -eu
h=/usr/include/x86_64-linux-gnu/asm/unistd_64.h
{
	echo "/* x86_64 system call numbers and names, from the kernel's asm/unistd_64.h"
	echo " * (Linux 6.1 headers); made by scripts/syscalls.sh.  Facts, not code. */"
	echo '#include "model/syscalls.h"'
	echo
	echo "#include <stddef.h>"
	echo
	echo "static const char *const names[] = {"
	grep "^#define __NR_" "$h" | awk '{sub("__NR_","",$2); printf "\t[%d] = \"%s\",\n", $3, $2}'
	echo "};"
	printf '\nconst char *syscall_name_x86_64(unsigned long long nr)\n{\n\tif (nr >= sizeof(names) / sizeof(names[0]))\n\t\treturn NULL;\n\treturn names[nr];\n}\n'
} > src/model/syscalls.c
