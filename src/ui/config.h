/* Colours and key bindings from text files, one syntax for both:
 *
 *   # a comment
 *   color ROLE FOREGROUND BACKGROUND [bold|dim|reverse|underline]...
 *   bind KEY ACTION          (ACTION "zoom-in", or a pane's "graph.fold"; "none")
 *
 * ROLE is a style role (normal, dim, title, axis, cursor, marker-a, marker-b,
 * selected, status, message, error, lost, busy, key, match, task0..task7);
 * colours are default, black, red, green, yellow, blue, magenta, cyan, white,
 * or 0-255.  Themes (themes/NAME) hold color lines; the config file
 * ($XDG_CONFIG_HOME/ftui/config) may hold both.  Errors are "file:line: ...". */
#ifndef FTUI_CONFIG_H
#define FTUI_CONFIG_H

#include <stddef.h>

#include "render/grid.h"

struct keymap;

enum { ATTR_BOLD = 1, ATTR_DIM = 2, ATTR_REVERSE = 4, ATTR_UNDERLINE = 8 };

struct style {
	short fg, bg;		/* -1: the terminal's default */
	int attrs;
};

struct theme {
	struct style role[ROLE_COUNT];
};

/* The built-in default theme (the one in themes/default). */
void theme_default(struct theme *t);
/* Monochrome: attributes only. */
void theme_mono(struct theme *t);
const char *role_name(enum role r);

/* Apply a file: color lines to t (if not NULL), bind lines to km (if not
 * NULL).  Returns 0, or -1 with "file:line: problem" in err. */
int config_load(const char *path, struct theme *t, struct keymap *km, char *err, size_t errlen);
/* Find a theme by name (in FTUI_THEME_DIR, ./themes, or a path). */
int theme_load(const char *name, struct theme *t, char *err, size_t errlen);

#endif
