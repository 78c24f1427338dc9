#!/usr/bin/env python3
"""Turn a terminal screen with colours (`tmux capture-pane -p -e`) into an SVG
picture, to look at what ftui draws as a user sees it:

    tmux capture-pane -p -e -t S | scripts/ansi2svg.py > screen.svg
    rsvg-convert screen.svg -o screen.png      # Debian's librsvg2-bin

Understands the SGR codes tmux writes: 8/16/256 colours and 24-bit colour,
bold, dim, underline, reverse, and their resets."""
import re
import sys
from xml.sax.saxutils import escape

CELL_W, CELL_H, FONT = 8.4, 17, 14
BASE16 = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
          "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"]
DEFAULT_FG, DEFAULT_BG = "#d0d0d0", "#101010"


def colour256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.under = self.rev = False

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.under = True
            elif c == 7:
                self.rev = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.under = False
            elif c == 27:
                self.rev = False
            elif 30 <= c <= 37:
                self.fg = BASE16[c - 30]
            elif 90 <= c <= 97:
                self.fg = BASE16[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = BASE16[c - 40]
            elif 100 <= c <= 107:
                self.bg = BASE16[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    col = colour256(codes[i + 2])
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    col = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
                    i += 4
                else:
                    col = None
                if c == 38:
                    self.fg = col
                else:
                    self.bg = col
            i += 1

    def colours(self):
        fg, bg = self.fg or DEFAULT_FG, self.bg or DEFAULT_BG
        if self.rev:
            fg, bg = bg, fg
        if self.bold and self.fg in BASE16[:8]:
            fg = BASE16[BASE16.index(self.fg) + 8] if not self.rev else fg
        return fg, bg


def parse(text):
    """Rows of cells (char, fg, bg, bold, underline, dim)."""
    pen = Pen()
    rows = []
    for line in text.rstrip("\n").split("\n"):
        cells = []
        for part in re.split(r"(\x1b\[[0-9;]*m)", line):
            m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
            if m:
                pen.apply(m.group(1))
                continue
            part = re.sub(r"\x1b[^a-zA-Z]*[a-zA-Z]", "", part)
            fg, bg = pen.colours()
            for ch in part:
                cells.append((ch, fg, bg, pen.bold, pen.under, pen.dim))
        rows.append(cells)
    return rows


def svg(rows):
    width = max((len(r) for r in rows), default=1)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d">' %
           (width * CELL_W, len(rows) * CELL_H),
           '<rect width="100%%" height="100%%" fill="%s"/>' % DEFAULT_BG]
    for y, row in enumerate(rows):
        for x, (ch, fg, bg, bold, under, dim) in enumerate(row):
            if bg != DEFAULT_BG:
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>' %
                           (x * CELL_W, y * CELL_H, CELL_W + 0.3, CELL_H, bg))
        for x, (ch, fg, bg, bold, under, dim) in enumerate(row):
            if ch == " ":
                continue
            attrs = ' font-weight="bold"' if bold else ""
            attrs += ' text-decoration="underline"' if under else ""
            attrs += ' opacity="0.6"' if dim else ""
            out.append('<text x="%.1f" y="%d" fill="%s"%s>%s</text>' %
                       (x * CELL_W, y * CELL_H + 13, fg, attrs, escape(ch)))
    out.insert(2, '<style>text { font-family: "DejaVu Sans Mono", monospace; font-size: %dpx; '
                  'white-space: pre; }</style>' % FONT)
    out.append("</svg>")
    return "\n".join(out)


if __name__ == "__main__":
    src = open(sys.argv[1], encoding="utf-8", errors="replace").read() if len(sys.argv) > 1 else sys.stdin.read()
    sys.stdout.write(svg(parse(src)) + "\n")
