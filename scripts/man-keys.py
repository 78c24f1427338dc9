#!/usr/bin/env python3
"""Rewrite the KEYS section of man/ftui.1 from `ftui --list-keys` (the key
table), so the manual cannot drift from the program: run after changing keys.
Usage: scripts/man-keys.py BUILD_DIR"""
import subprocess
import sys

build = sys.argv[1] if len(sys.argv) > 1 else "build"
out = subprocess.run([build + "/ftui", "--list-keys"], capture_output=True, text=True, check=True).stdout


def roff(text):
    return text.replace("\\", "\\\\").replace("-", "\\-")


rows = []
for line in out.strip().split("\n"):
    name, keys, helptext = line.split("\t")
    rows.append(".TP\n.B %s\n%s (\\fB%s\\fR)" % (roff(keys), roff(helptext), roff(name)))
man = open("man/ftui.1").read()
head, rest = man.split(".SH KEYS\n", 1)
_, tail = rest.split(".SH OPTIONS\n", 1)
intro = "Keys can be rebound in the config file (see\n.BR FILES ).\n"
open("man/ftui.1", "w").write(head + ".SH KEYS\n" + intro + "\n".join(rows) + "\n.SH OPTIONS\n" + tail)
