#!/usr/bin/env python3
"""Rewrite the KEYS section of man/ftui.1 from `ftui --list-keys` (every key
table: the global one, then each pane's), so the manual cannot drift from the
program: run after changing keys.
Usage: scripts/man-keys.py BUILD_DIR"""
import subprocess
import sys

build = sys.argv[1] if len(sys.argv) > 1 else "build"


def ftui(flag):
    return subprocess.run([build + "/ftui", flag], capture_output=True, text=True, check=True).stdout


def roff(text):
    return text.replace("\\", "\\\\").replace("-", "\\-")


titles = dict(line.split("\t") for line in ftui("--list-keymaps").strip().split("\n"))
tables = {}
for line in ftui("--list-keys").strip().split("\n"):
    name, keys, helptext = line.split("\t")
    table = name.split(".")[0] if "." in name else "main"
    tables.setdefault(table, []).append(".TP\n.B %s\n%s (\\fB%s\\fR)" % (roff(keys), roff(helptext), roff(name)))
out = []
for table, rows in tables.items():
    if table != "main":
        out.append(".SS %s\nWhile this pane has the focus; keys it does not bind are the global ones,\n"
                   "of which help, quit and redraw work here.  Its actions are\n.BI %s. ACTION\nin the config."
                   % (roff(titles[table][0].upper() + titles[table][1:]), table))
    out.extend(rows)
man = open("man/ftui.1").read()
head, rest = man.split(".SH KEYS\n", 1)
_, tail = rest.split(".SH OPTIONS\n", 1)
intro = ("Keys can be rebound in the config file (see\n.BR FILES ).\n"
         "The global keys work in the browser's main view; each pane has its own (below).\n")
open("man/ftui.1", "w").write(head + ".SH KEYS\n" + intro + "\n".join(out) + "\n.SH OPTIONS\n" + tail)
