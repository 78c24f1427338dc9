#!/usr/bin/env python3
"""Key-script fuzzer for the browser, through the headless driver.

Each script is run as
    ftui --headless=WxH --keys=@SCRIPT [--ascii|--colors N|--mouse] FIXTURE
with the ASan+UBSan build (build-san) when it is present and not older
than BUILD's, else BUILD's.  A script fails on a non-zero exit, a signal, a
hang or any sanitizer text on stderr; the seed, fixture, options and script
are then printed and the script is saved in the golden .keys format (first
line "SIZE FIXTURE OPTS"), which --replay runs again (and --minimize
shrinks).

Scripts are of two kinds: directed ones (every pane opened and each of its
keys pressed, at normal and tiny sizes, every prompt given hostile text,
regression cases) and random ones from the seed: keys of the global and
pane keymaps, prompts filled with random printable and hostile text
(quotes, operators, long strings, control and non-UTF-8 bytes), resizes and
clicks.  Script i of seed S depends only on (S, i): --only I replays it.

Usage: tests/keyfuzz.py BUILD [--seed S] [--count N] [--max-keys K]
                        [--fixtures F...] [--no-directed | --directed-all]
                        [--only I] [--jobs J] [--bin FTUI]
       tests/keyfuzz.py BUILD --replay FILE.keys [--minimize]
"""
import argparse
import concurrent.futures
import glob
import os
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join("tests", "fixtures")

# Fixtures of the bounded run: plain sched, function graph (two), many CPUs,
# irq/syscalls, two buffers, lost events, zero records, a guest trace.
DEFAULT_FIXTURES = [
    "sched_v7_zstd.dat", "fgraph_irq_v7.dat", "fgraph_markers_v7.dat",
    "manycpu_128_v7.dat", "irq_timer_syscalls_v7.dat", "two_buffers_v7.dat",
    "lost_events_v7.dat", "empty_v7.dat", "hostguest_guest_v7.dat",
]
FGRAPH = ["fgraph_irq_v7.dat", "fgraph_markers_v7.dat", "fgraph_basic_v7.dat"]

# ---- key vocabulary (src/ui/keymap.c and the panes' tables) ----

NAMED = ["<Up>", "<Down>", "<Left>", "<Right>", "<PgUp>", "<PgDn>", "<Home>",
         "<End>", "<F1>", "<Enter>", "<Esc>", "<Tab>", "<Backspace>",
         "<Space>", "<C-l>"]
# The global table: '=' (zoom in) is typed as "==", since "=TEXT" types TEXT.
MAIN_KEYS = list("?hljkJK@][}{vxsgG+io0ZabN':/nfcpCTLHF") + ["=="] + NAMED
GRAPH_KEYS = list("jkgGce123456789uhnpl>st/qF") + NAMED
LATENCY_KEYS = list("jkgGH><IqL") + NAMED
HIST_KEYS = list("jkgpcxdHq") + NAMED
TASK_KEYS = list("jkJKT") + NAMED
QUIT_KEYS = ["q", "<C-c>"]	# end the script at the base view: rare in random scripts

# Keys that open a prompt (somewhere), and text that suits each.
PROMPT_KEYS = {
    "/": "search", "f": "filter", "v": "filter", "c": "cpu", "p": "task",
    "@": "cpu1", ":": "goto", "H": "hist",
}
WORDS = {
    "search": ["sched_switch", "schedule", "sched:sched_wakeup", "cat", "swapper",
               "irq", "0", "prev_pid", "__do_softirq", "*", "", "sched"],
    "filter": ["sched_switch", "sched:sched_switch", "prev_pid > 5", "next_comm ~ \"ca*\"",
               "common_pid == 0 || (prev_state & 1)", "!(prev_prio < 120)",
               "sched_switch && prev_pid != 0", "irq_handler_entry", "bogus:event",
               "prev_pid ==", "(((", "prev_comm == 'x'", "common_cpu >= 1",
               "sched_wakeup if pid > 0", "prev_pid > 99999999999999999999", "a=b"],
    "cpu": ["0", "1", "0,2-3", "1-0", "-1", "0-4294967295", "999999", "127",
            "0-255", ",", "1,,2", "a", "3-", "-", "0-1,1-0"],
    "cpu1": ["0", "1", "2", "127", "200", "255", "256", "-1", "99999999999", "x", ""],
    "task": ["cat", "swapper", "0", "1", "1002", "-1", "4294967296", "sh*", "ca", ""],
    "goto": ["12.345678", "+5ms", "-20us", "0", "1000.0001", "+1s", "-1s", "1e308",
             "+99999999999s", "-", "+", "9999999999999999999999", ".5", "1:2", "nan", "inf",
             "-0", "+0ns", "3ms", "1000.000032"],
    "hist": ["sched:sched_switch keys=next_pid", "sched_switch keys=prev_pid:vals=prev_prio",
             "sched:sched_switch keys=next_comm:sort=hitcount",
             "sched:sched_wakeup keys=pid if pid > 0", "sched keys=", "keys=",
             "sched:sched_switch keys=prev_pid.log2:sort=hitcount.descending",
             "irq:irq_handler_entry keys=irq", "sched:", "sched:sched_switch",
             "sched:sched_switch keys=common_pid:vals=hitcount:sort=bogus",
             "sched:sched_switch keys=prev_pid,next_pid,prev_prio,next_prio,prev_state",
             "ftrace:function keys=ip.sym", "sched:sched_switch keys=stacktrace"],
    "function": ["schedule", "__schedule", "__do_softirq", "ffffffff81000000", "0x",
                 "0", "do_sys_open", "", "schedule()", "*"],
}
HOSTILE = ["\"", "'", "\\", "%s%n%x", "((((", "))))", "&&", "||", "!", "~", "==", "!=",
           "<=", ">=", "*", "?", "[", "]", "{", "}", "$(", "`", ";", ":", ",", ".", "-",
           "\x01", "\x1b", "\x03", "\x7f", "\x08", "\r", "\x0c", "\x80", "\xff", "\xc3\x28",
           "\xe2\x82", "\xf0\x9f\x98\x80", "\xe2\x96\x88"]
SIZES = [(80, 24), (120, 40), (200, 60), (100, 30), (40, 12), (20, 6), (10, 4),
         (1, 1), (2, 2), (3, 1), (1, 30), (300, 2), (7, 3), (60, 1), (81, 25)]
OPTIONS = [[], [], [], ["--ascii"], ["--colors", "16"], ["--colors", "8"], ["--mono"],
           ["--mouse"], ["--mouse", "--ascii"], ["--colors", "0"]]


def text_tokens(data):
    """Tokens that type the bytes of data: spaces and tabs by name, newlines as
    Enter, runs of other bytes as =RUN (NUL cannot be typed)."""
    toks, run = [], b""
    for b in data.replace(b"\0", b""):
        c = bytes([b])
        if c in (b" ", b"\t", b"\n"):
            if run:
                toks.append(b"=" + run)
                run = b""
            toks.append({b" ": b"<Space>", b"\t": b"<Tab>", b"\n": b"<Enter>"}[c])
        else:
            run += c
    if run:
        toks.append(b"=" + run)
    return toks


HIST_EVENTS = ["sched:sched_switch", "sched_switch", "sched:sched_wakeup", "irq:irq_handler_entry",
               "raw_syscalls:sys_enter", "ftrace:function", "ftrace:print", "sched:bogus", ""]
HIST_FIELDS = ["prev_pid", "next_pid", "prev_comm", "next_comm", "prev_prio", "prev_state", "pid",
               "comm", "irq", "id", "ip", "common_pid", "common_cpu", "common_timestamp", "hitcount",
               "stacktrace", "bogus", ""]
HIST_MODS = ["", "", ".hex", ".sym", ".sym-offset", ".execname", ".syscall", ".log2", ".buckets=10",
             ".buckets=0", ".usecs", ".percent", ".graph", ".descending", ".ascending", ".x"]


def random_hist(rng):
    """EVENT keys=F.MOD,..[:vals=..][:sort=..][:size=N] [if FILTER], some parts broken."""
    def fields(n):
        return ",".join(rng.choice(HIST_FIELDS) + rng.choice(HIST_MODS) for _ in range(n))
    s = rng.choice(HIST_EVENTS) + " keys=" + fields(rng.randint(1, 4))
    for part in ("vals", "sort", "size", "name"):
        if rng.random() < 0.35:
            s += ":%s=%s" % (part, fields(rng.randint(1, 3)) if part in ("vals", "sort")
                             else rng.choice(["0", "1", "2048", "-1", "99999999999", "x"]))
    if rng.random() < 0.3:
        s += " if " + rng.choice(WORDS["filter"])
    return s


def random_text(rng, kind):
    """Text for a prompt of kind: a fitting word, a mangled one, hostile
    pieces, random printable, a long string or random bytes."""
    r = rng.random()
    words = WORDS.get(kind, WORDS["search"])
    if kind == "hist" and r < 0.25:
        s = random_hist(rng)
    elif r < 0.35:
        s = rng.choice(words)
    elif r < 0.55:
        s = rng.choice(words)
        for _ in range(rng.randint(1, 3)):
            i = rng.randint(0, len(s))
            s = s[:i] + rng.choice(HOSTILE) + s[i:]
    elif r < 0.7:
        s = "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 8)))
    elif r < 0.85:
        s = "".join(chr(rng.randint(32, 126)) for _ in range(rng.randint(1, 40)))
    elif r < 0.93:	# longer than the prompt's 256 bytes
        s = rng.choice(words + ["x"]) * rng.randint(20, 120)
    else:
        s = "".join(chr(rng.randint(1, 255)) for _ in range(rng.randint(1, 30)))
    return s.encode("latin-1", "replace")


def prompt_tokens(rng, kind):
    toks = text_tokens(random_text(rng, kind))
    r = rng.random()
    if r < 0.15:
        toks.append(b"<Tab>")
    if r < 0.25:
        toks += [b"<Backspace>"] * rng.randint(1, 5)
    end = rng.random()
    toks.append(b"<Enter>" if end < 0.75 else b"<Esc>" if end < 0.9 else b"<C-c>")
    if rng.random() < 0.45:	# the validator may have kept it open: try again or give up
        toks.append(rng.choice([b"<Esc>", b"<Enter>", b"<Backspace>"]))
    return toks


def resize_token(rng):
    if rng.random() < 0.1:
        w, h = rng.randint(1, 500), rng.randint(1, 200)
    else:
        w, h = rng.choice(SIZES)
    return ("!resize=%dx%d" % (w, h)).encode()


def click_token(rng, w=300, h=120):
    x = rng.choice([rng.randint(0, w), -1, 0, 99999, rng.randint(0, 20)])
    y = rng.choice([rng.randint(0, h), -1, 0, 99999, rng.randint(0, 10)])
    return ("!click=%d,%d" % (x, y)).encode()


# States to start a random walk from: deeper than the first screen.
SETUPS = [
    [b"<Enter>"], [b"j", b"<Enter>"], [b"T"], [b"T", b"j", b"<Enter>"],
    [b"a", b"+", b"+", b"+", b"l", b"l", b"l", b"l", b"b"], [b"a", b"b"], [b"a", b"G", b"b", b"Z"],
    [b"c", b"=0", b"<Enter>"], [b"c", b"=1-3,5", b"<Enter>"], [b"f", b"=sched_switch", b"<Enter>"],
    [b"v", b"=sched_switch", b"<Enter>"], [b"f", b"=prev_pid<Space>==<Space>99999", b"<Enter>"],
    [b"p", b"=cat", b"<Enter>"], [b"p", b"=0", b"<Enter>"], [b"<Tab>", b"G"], [b"<Tab>", b"j", b"j"],
    [b"s"], [b"s", b"s", b"s"], [b"+"] * 12, [b"-"] * 6, [b"G"], [b"J", b"J"], [b"@", b"=1", b"<Enter>"],
    [b"/", b"=sched_switch", b"<Enter>", b"n", b"n", b"N"],
]


def random_script(rng, max_keys=80):
    """(size, options, tokens): a random walk over every keymap, from a
    state some setups reach."""
    size = rng.choice(SIZES[:8]) if rng.random() < 0.8 else rng.choice(SIZES)
    opts = rng.choice(OPTIONS)
    keys = [MAIN_KEYS, GRAPH_KEYS, LATENCY_KEYS, HIST_KEYS, TASK_KEYS]
    toks = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        toks += rng.choice(SETUPS)
    table = MAIN_KEYS
    for _ in range(rng.randint(5, max(5, max_keys))):
        r = rng.random()
        if r < 0.06:
            toks.append(resize_token(rng))
        elif r < 0.09:
            toks.append(click_token(rng))
        elif r < 0.11:
            toks.append(b"!dump")
        elif r < 0.113:
            toks.append(rng.choice(QUIT_KEYS).encode())
        elif r < 0.30:	# open a pane or a prompt, and fill it in
            k = rng.choice(["F", "L", "H", "T", "/", "f", "v", "c", "p", "@", ":", "?", "'"])
            toks.append(k.encode())
            table = {"F": GRAPH_KEYS, "L": LATENCY_KEYS, "T": TASK_KEYS}.get(k, table)
            if k in PROMPT_KEYS or (k == "/" and table is GRAPH_KEYS):
                kind = "function" if table is GRAPH_KEYS and k == "/" else PROMPT_KEYS[k]
                if rng.random() < 0.85:
                    toks += prompt_tokens(rng, kind)
                if k == "H":
                    table = HIST_KEYS
            elif k == "'":
                toks.append(rng.choice([b"a", b"b", b"x", b"<Esc>"]))
        else:
            if rng.random() < 0.1:
                table = rng.choice(keys)
            k = rng.choice(table)
            toks.append((k if k != "q" else "<Esc>").encode())	# q would often quit: rare above
    if rng.random() < 0.5:
        toks.append(b"!dump")
    return size, opts, toks


def pane_opener(pane, rng):
    """Tokens that open pane (F, L, T, H with a table, ? help)."""
    if pane == "H":
        return [b"H"] + text_tokens(rng.choice(WORDS["hist"][:4]).encode()) + [b"<Enter>"]
    return [pane.encode()]


def directed_scripts():
    """(name, fixtures, size, options, tokens) for each directed case."""
    rng = random.Random(11)
    out = []
    # Regression cases, exactly as they were found.
    out.append(("regression graph-t-after-function-filter (773fb07)", FGRAPH, (120, 30), [],
                [b"F", b"/", b"=schedule", b"<Enter>", b"t"]))
    out.append(("regression hist-tab-several-matches (773fb07)", ["sched_v7_zstd.dat"], (120, 30), [],
                [b"H", b"=sched", b"<Tab>", b"<Esc>", b"H", b"=sched:sched_switch", b"<Space>",
                 b"=keys=prev", b"<Tab>", b"<Enter>"]))
    # Every pane, each of its keys: at a normal size, a page on, then tiny.
    panes = [("F", GRAPH_KEYS, FGRAPH[:2] + ["sched_v7_zstd.dat"]),
             ("L", LATENCY_KEYS, ["sched_v7_zstd.dat", "manycpu_128_v7.dat", "empty_v7.dat"]),
             ("H", HIST_KEYS, ["sched_v7_zstd.dat", "manycpu_128_v7.dat"]),
             ("T", TASK_KEYS, ["sched_v7_zstd.dat", "manycpu_128_v7.dat"]),
             ("?", MAIN_KEYS, ["sched_v7_zstd.dat"])]
    for pane, keys, fixtures in panes:
        for k in keys:
            kb = k.encode()
            toks = pane_opener(pane, rng) + [kb, kb, b"<PgDn>", kb, b"<Enter>", kb, b"!resize=12x4", kb,
                                             b"!resize=1x1", kb, b"!resize=120x40", kb, b"<End>", kb, b"!dump"]
            out.append(("pane %s key %s" % (pane, k), fixtures, (100, 30), [], toks))
    # Every global key at the base view, a CPU zoom and tiny sizes.
    for k in MAIN_KEYS:
        if k in PROMPT_KEYS or k == "'":
            continue
        kb = k.encode()
        toks = [kb, kb, b"j", b"<Enter>", kb, b"<Tab>", kb, b"!resize=3x2", kb, b"!resize=200x60", kb, b"!dump"]
        out.append(("main key %s" % k, ["sched_v7_zstd.dat", "manycpu_128_v7.dat", "empty_v7.dat"],
                    (80, 24), [], toks))
    # Every prompt with each of its words and hostile text, in the browser
    # and over each pane.
    for k, kind in sorted(PROMPT_KEYS.items()):
        for over in ([], [b"F"], [b"L"], [b"T"]):
            toks = list(over)
            for w in WORDS[kind]:
                toks += [k.encode()] + text_tokens(w.encode()) + [b"<Enter>", b"<Esc>"]
            for _ in range(6):
                toks += [k.encode()] + prompt_tokens(rng, kind)
            toks += [b"!dump"]
            fix = FGRAPH[:1] if over == [b"F"] else ["sched_v7_zstd.dat", "manycpu_128_v7.dat"]
            out.append(("prompt %s over %s" % (k, over[0].decode() if over else "browser"), fix,
                        (120, 30), [], toks))
    for w in WORDS["function"]:
        out.append(("graph function %r then every key" % w, FGRAPH[:2], (120, 30), [],
                    [b"F", b"/"] + text_tokens(w.encode()) + [b"<Enter>"] +
                    [k.encode() for k in GRAPH_KEYS if k not in ("q", "F", "<Esc>", "<Backspace>", "/")] +
                    [b"!dump"]))
    return out


# ---- running ----

def env():
    e = dict(os.environ)
    supp = os.path.join(ROOT, "tests", "lsan.supp")
    e["LSAN_OPTIONS"] = "suppressions=%s:print_suppressions=0" % supp
    e["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    e["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    e["LC_ALL"] = "C.UTF-8"
    e.pop("NO_COLOR", None)
    # no user configuration: the defaults' keys
    e["HOME"] = e["XDG_CONFIG_HOME"] = tempfile.gettempdir() + "/keyfuzz-nohome"
    return e


BAD = re.compile(rb"runtime error|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|"
                 rb"SUMMARY: |Segmentation fault|Assertion .* failed")


def run_one(ftui, fixture, size, opts, toks, timeout):
    """None if the run was clean, else a one-line reason and stderr."""
    with tempfile.NamedTemporaryFile(prefix="keyfuzz-", suffix=".keys", delete=False) as f:
        f.write(b" ".join(toks) + b"\n")
        path = f.name
    cmd = [ftui, "--headless=%dx%d" % size, "--keys=@" + path] + opts + [fixture]
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=timeout, env=env(), cwd=ROOT)
    except subprocess.TimeoutExpired as ex:
        return "hang (over %d s)" % timeout, ex.stderr or b""
    finally:
        os.unlink(path)
    if p.returncode < 0:
        return "signal %d" % -p.returncode, p.stderr
    if p.returncode != 0:
        return "exit %d" % p.returncode, p.stderr
    m = BAD.search(p.stderr)
    if m:
        return "stderr says %r" % m.group(0).decode(), p.stderr
    return None


def shown(toks):
    """The script, printable: bytes outside ASCII and controls as \\xNN."""
    s = b" ".join(toks)
    return "".join(chr(b) if 32 <= b < 127 else "\\x%02x" % b for b in s)


def save(size, fixture, opts, toks, tag):
    d = os.path.join(tempfile.gettempdir(), "keyfuzz-failures")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "%s.keys" % re.sub(r"[^A-Za-z0-9_.-]+", "_", tag))
    with open(path, "wb") as f:
        f.write(("%dx%d %s %s\n" % (size[0], size[1], fixture, " ".join(opts))).encode())
        f.write(b" ".join(toks) + b"\n")
    return path


def report(what, reason, err, ftui, fixture, size, opts, toks, tag, build):
    path = save(size, fixture, opts, toks, tag)
    print("FAIL keyfuzz %s: %s on %s (%s)" % (what, reason, fixture, ftui))
    print("  size %dx%d options %s" % (size[0], size[1], " ".join(opts) or "-"))
    print("  script: %s" % shown(toks))
    print("  saved: %s; replay: tests/keyfuzz.py %s --replay %s [--minimize]" % (path, build, path))
    lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip()]
    key = [l for l in lines if BAD.search(l.encode()) or re.match(r"\s*#\d+ ", l)]
    for l in (key or lines)[:14]:
        print("  | " + l[:200])
    sys.stdout.flush()


def pick_binary(build, explicit):
    if explicit:
        return explicit
    mine = os.path.join(build, "ftui")
    san = os.path.join(ROOT, "build-san", "ftui")
    if os.path.abspath(mine) != os.path.abspath(san) and os.access(san, os.X_OK):
        if not os.path.exists(mine) or os.path.getmtime(san) >= os.path.getmtime(mine):
            return san
    return mine


def fixture_path(name):
    return name if os.sep in name else os.path.join(FIX, name)


def minimize(ftui, fixture, size, opts, toks, timeout):
    """Drop chunks of tokens while the script still fails the same way."""
    first = run_one(ftui, fixture, size, opts, toks, timeout)
    if not first:
        return toks
    kind = first[0].split(" (")[0]
    n = max(len(toks) // 2, 1)
    while n >= 1:
        i, changed = 0, False
        while i < len(toks):
            cand = toks[:i] + toks[i + n:]
            r = run_one(ftui, fixture, size, opts, cand, timeout) if cand else None
            if r and r[0].split(" (")[0] == kind:
                toks, changed = cand, True
            else:
                i += n
        if not changed:
            n //= 2
    return toks


def replay(args, ftui):
    with open(args.replay, "rb") as f:
        head = f.readline().decode().split()
        body = f.read()
    w, h = (int(x) for x in head[0].split("x"))
    fixture, opts = head[1], head[2:]
    toks = [t for t in re.split(rb"[ \t\n]+", body) if t]	# as headless.c splits
    r = run_one(ftui, fixture, (w, h), opts, toks, args.timeout)
    if not r:
        print("PASS keyfuzz replay %s" % args.replay)
        return 0
    if args.minimize:
        toks = minimize(ftui, fixture, (w, h), opts, toks, args.timeout)
        r = run_one(ftui, fixture, (w, h), opts, toks, args.timeout) or r
    report("replay", r[0], r[1], ftui, fixture, (w, h), opts, toks, "replay-min", args.build)
    return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--count", type=int, default=150, help="random scripts")
    ap.add_argument("--max-keys", type=int, default=80, help="the longest random script")
    ap.add_argument("--only", type=int, help="just random script I of the seed")
    ap.add_argument("--fixtures", nargs="*", help="default: a spread of tests/fixtures")
    ap.add_argument("--no-directed", action="store_true")
    ap.add_argument("--directed-all", action="store_true", help="each directed case on all its fixtures")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--timeout", type=int, default=60, help="seconds per script")
    ap.add_argument("--bin", help="the ftui to run (default: build-san's if fresh, else BUILD's)")
    ap.add_argument("--replay", help="a saved .keys file")
    ap.add_argument("--minimize", action="store_true", help="with --replay: shrink the script")
    ap.add_argument("--max-failures", type=int, default=5)
    args = ap.parse_args()
    os.chdir(ROOT)
    ftui = pick_binary(args.build, args.bin)
    if not os.access(ftui, os.X_OK):
        print("FAIL keyfuzz: no %s" % ftui)
        return 1
    if args.replay:
        return replay(args, ftui)
    fixtures = [fixture_path(f) for f in (args.fixtures or DEFAULT_FIXTURES)]
    fixtures = [f for f in fixtures if os.path.exists(f)]
    if not fixtures:
        print("FAIL keyfuzz: no fixtures")
        return 1

    jobs = []	# (what, tag, fixture, size, opts, toks)
    if not args.no_directed and args.only is None:
        for i, (name, fix, size, opts, toks) in enumerate(directed_scripts()):
            # bounded: each case on one of its fixtures, in turn (regressions on all)
            if not args.directed_all and not name.startswith("regression"):
                fix = [fix[i % len(fix)]]
            for f in fix:
                jobs.append(("directed " + name, "directed-" + name + "-" + f, fixture_path(f), size, opts, toks))
    idx = [args.only] if args.only is not None else range(args.count)
    for i in idx:
        rng = random.Random("%d:%d" % (args.seed, i))
        fixture = rng.choice(fixtures)
        size, opts, toks = random_script(rng, args.max_keys)
        jobs.append(("random seed %d script %d" % (args.seed, i), "seed%d-%d" % (args.seed, i),
                     fixture, size, opts, toks))

    t0 = time.time()
    failures = {"directed": 0, "random": 0}
    counts = {"directed": 0, "random": 0}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = {ex.submit(run_one, ftui, j[2], j[3], j[4], j[5], args.timeout): j for j in jobs}
        for fu in concurrent.futures.as_completed(futs):
            what, tag, fixture, size, opts, toks = futs[fu]
            kind = what.split()[0]
            counts[kind] += 1
            r = fu.result()
            if r:
                failures[kind] += 1
                if failures["directed"] + failures["random"] <= args.max_failures:
                    report(what, r[0], r[1], ftui, fixture, size, opts, toks, tag, args.build)
                else:
                    print("  also %s: %s on %s, saved %s" % (what, r[0], fixture, save(size, fixture, opts, toks, tag)))
    took = time.time() - t0
    for kind in ("directed", "random"):
        if not counts[kind]:
            continue
        what = "keyfuzz %s" % kind + (" seed %d" % args.seed if kind == "random" else "")
        if failures[kind]:
            print("FAIL %s (%d of %d scripts failed)" % (what, failures[kind], counts[kind]))
        else:
            print("PASS %s (%d scripts, %s, %.1f s)" % (what, counts[kind], os.path.relpath(ftui), took))
    return 1 if failures["directed"] + failures["random"] else 0


if __name__ == "__main__":
    sys.exit(main())
