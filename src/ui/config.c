#include "ui/config.h"
#include "ui/keymap.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const role_names[ROLE_COUNT] = {
	"normal", "dim", "title", "axis", "cursor", "marker-a", "marker-b", "selected", "status",
	"message", "error", "lost", "busy", "key", "match", "running", "runnable", "blocked",
	"task0", "task1", "task2", "task3", "task4", "task5", "task6", "task7",
	"dur-10us", "dur-100us", "dur-1ms", "dur-10ms", "dur-100ms", "dur-1s",
#define HUES8(n) "hue" #n "0", "hue" #n "1", "hue" #n "2", "hue" #n "3", "hue" #n "4", "hue" #n "5", \
		 "hue" #n "6", "hue" #n "7"
	"hue0", "hue1", "hue2", "hue3", "hue4", "hue5", "hue6", "hue7", "hue8", "hue9",
	HUES8(1), "hue18", "hue19", HUES8(2), "hue28", "hue29", HUES8(3), "hue38", "hue39",
	HUES8(4), "hue48", "hue49", HUES8(5), "hue58", "hue59", "hue60", "hue61", "hue62", "hue63",
	"irq", "softirq", "mark",
#undef HUES8
};

/* Tasks on 256-colour terminals: 64 of the xterm colour cube, bright enough
 * on a dark background, spread over the hues so that neighbouring slots
 * (tasks seen one after the other) are far apart. */
static const short hue_fg[TASK_HUES] = {
	131, 46, 62, 220, 43, 132, 76, 26, 172, 42, 176, 70, 32, 137, 41, 134,
	148, 45, 210, 83, 99, 143, 73, 168, 34, 69, 136, 86, 169, 155, 75, 208,
	48, 133, 149, 74, 216, 121, 140, 229, 123, 174, 77, 105, 184, 44, 205, 156,
	68, 222, 122, 213, 107, 33, 215, 115, 171, 191, 81, 209, 84, 141, 227, 116,
};

static const char *const colour_names[] = { "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white" };

const char *role_name(enum role r)
{
	return r < ROLE_COUNT ? role_names[r] : "?";
}

static void set(struct theme *t, enum role r, short fg, short bg, int attrs)
{
	t->role[r] = (struct style){ fg, bg, attrs };
}

void theme_default(struct theme *t)
{
	static const short task_fg[8] = { 1, 2, 3, 4, 5, 6, 9, 10 };

	for (int r = 0; r < ROLE_COUNT; r++)
		set(t, r, -1, -1, 0);
	set(t, ROLE_DIM, -1, -1, ATTR_DIM);
	set(t, ROLE_TITLE, -1, -1, ATTR_BOLD);
	set(t, ROLE_AXIS, 6, -1, 0);
	set(t, ROLE_CURSOR, 0, 3, 0);
	set(t, ROLE_MARKER_A, 0, 2, ATTR_BOLD);
	set(t, ROLE_MARKER_B, 0, 5, ATTR_BOLD);
	set(t, ROLE_SELECTED, -1, -1, ATTR_REVERSE);
	set(t, ROLE_STATUS, 7, 4, 0);
	set(t, ROLE_MESSAGE, 7, 4, ATTR_BOLD);
	set(t, ROLE_ERROR, 7, 1, ATTR_BOLD);
	set(t, ROLE_LOST, 1, -1, ATTR_BOLD);
	set(t, ROLE_BUSY, 2, -1, 0);
	set(t, ROLE_KEY, 3, -1, ATTR_BOLD);
	set(t, ROLE_MATCH, 0, 3, 0);
	set(t, ROLE_RUNNING, 2, -1, ATTR_BOLD);
	set(t, ROLE_RUNNABLE, 3, -1, 0);
	set(t, ROLE_BLOCKED, 1, -1, 0);
	for (int i = 0; i < 8; i++)
		set(t, ROLE_TASK0 + i, task_fg[i], -1, 0);
	for (int i = 0; i < TASK_HUES; i++)
		set(t, ROLE_HUE0 + i, hue_fg[i], -1, 0);
	set(t, ROLE_DUR_10US, 6, -1, 0);
	set(t, ROLE_DUR_100US, 3, -1, 0);
	set(t, ROLE_DUR_1MS, 5, -1, ATTR_BOLD);
	set(t, ROLE_DUR_10MS, 1, -1, 0);
	set(t, ROLE_DUR_100MS, 1, -1, ATTR_BOLD);
	set(t, ROLE_DUR_1S, 7, 1, ATTR_BOLD);
	set(t, ROLE_IRQ, 1, -1, 0);
	set(t, ROLE_SOFTIRQ, 5, -1, 0);
	set(t, ROLE_MARK, 3, -1, ATTR_BOLD);
}

void theme_mono(struct theme *t)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		set(t, r, -1, -1, 0);
	set(t, ROLE_DIM, -1, -1, ATTR_DIM);
	set(t, ROLE_TITLE, -1, -1, ATTR_BOLD);
	set(t, ROLE_CURSOR, -1, -1, ATTR_REVERSE);
	set(t, ROLE_MARKER_A, -1, -1, ATTR_REVERSE | ATTR_BOLD);
	set(t, ROLE_MARKER_B, -1, -1, ATTR_REVERSE | ATTR_BOLD);
	set(t, ROLE_SELECTED, -1, -1, ATTR_REVERSE);
	set(t, ROLE_STATUS, -1, -1, ATTR_REVERSE);
	set(t, ROLE_MESSAGE, -1, -1, ATTR_REVERSE | ATTR_BOLD);
	set(t, ROLE_ERROR, -1, -1, ATTR_REVERSE | ATTR_BOLD);
	set(t, ROLE_LOST, -1, -1, ATTR_BOLD);
	set(t, ROLE_KEY, -1, -1, ATTR_BOLD);
	set(t, ROLE_MATCH, -1, -1, ATTR_UNDERLINE);
	set(t, ROLE_RUNNING, -1, -1, ATTR_BOLD);
	set(t, ROLE_BLOCKED, -1, -1, ATTR_UNDERLINE);
	set(t, ROLE_DUR_1MS, -1, -1, ATTR_BOLD);
	set(t, ROLE_DUR_10MS, -1, -1, ATTR_BOLD);
	set(t, ROLE_DUR_100MS, -1, -1, ATTR_BOLD | ATTR_UNDERLINE);
	set(t, ROLE_DUR_1S, -1, -1, ATTR_REVERSE | ATTR_BOLD);
	set(t, ROLE_MARK, -1, -1, ATTR_BOLD);
}

static int parse_colour(const char *s, short *out)
{
	char *end;
	long n;
	bool bright = !strncmp(s, "bright-", 7);

	if (!strcmp(s, "default")) {
		*out = -1;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		if (!strcmp(s + (bright ? 7 : 0), colour_names[i])) {
			*out = (short)(i + (bright ? 8 : 0));
			return 0;
		}
	n = strtol(s, &end, 10);
	if (*end || end == s || n < 0 || n > 255)
		return -1;
	*out = (short)n;
	return 0;
}

static int parse_attr(const char *s)
{
	if (!strcmp(s, "bold")) return ATTR_BOLD;
	if (!strcmp(s, "dim")) return ATTR_DIM;
	if (!strcmp(s, "reverse")) return ATTR_REVERSE;
	if (!strcmp(s, "underline")) return ATTR_UNDERLINE;
	return -1;
}

static int color_line(char **w, int n, struct theme *t, char *why, size_t len)
{
	int r, attrs = 0;
	struct style st;

	if (n < 4) {
		snprintf(why, len, "usage: color ROLE FOREGROUND BACKGROUND [ATTRIBUTE...]");
		return -1;
	}
	for (r = 0; r < ROLE_COUNT && strcmp(role_names[r], w[1]); r++)
		;
	if (r == ROLE_COUNT) {
		snprintf(why, len, "unknown role \"%s\"", w[1]);
		return -1;
	}
	if (parse_colour(w[2], &st.fg) || parse_colour(w[3], &st.bg)) {
		snprintf(why, len, "unknown colour in \"%s %s\"", w[2], w[3]);
		return -1;
	}
	for (int i = 4; i < n; i++) {
		int a = parse_attr(w[i]);

		if (a < 0) {
			snprintf(why, len, "unknown attribute \"%s\"", w[i]);
			return -1;
		}
		attrs |= a;
	}
	st.attrs = attrs;
	if (t)
		t->role[r] = st;
	return 0;
}

static int bind_line(char **w, int n, struct keymap *km, char *why, size_t len)
{
	int key;

	if (n != 3) {
		snprintf(why, len, "usage: bind KEY ACTION");
		return -1;
	}
	key = keycode_parse(w[1]);
	if (key < 0) {
		snprintf(why, len, "unknown key \"%s\"", w[1]);
		return -1;
	}
	if (keymap_bind_name(km, key, w[2])) {
		snprintf(why, len, "unknown action \"%s\"", w[2]);
		return -1;
	}
	return 0;
}

int config_load(const char *path, struct theme *t, struct keymap *km, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[512], why[256];
	int lineno = 0, ret = 0;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		char *w[16], *save = NULL, *tok;
		int n = 0;

		lineno++;
		if (strchr(line, '#'))
			*strchr(line, '#') = '\0';
		for (tok = strtok_r(line, " \t\r\n", &save); tok && n < 16; tok = strtok_r(NULL, " \t\r\n", &save))
			w[n++] = tok;
		if (!n)
			continue;
		if (!strcmp(w[0], "color"))
			ret = color_line(w, n, t, why, sizeof(why));
		else if (!strcmp(w[0], "bind"))
			ret = bind_line(w, n, km, why, sizeof(why));
		else
			snprintf(why, sizeof(why), "unknown command \"%s\" (color or bind)", w[0]), ret = -1;
		if (ret)
			snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
	}
	fclose(f);
	return ret;
}

/* A directory relative to the one holding the binary: where an installed
 * ftui keeps its themes, ../share/ftui/themes from PREFIX/bin/ftui wherever
 * the tree was installed (DESTDIR, a PREFIX other than the one compiled
 * in), or ../themes from build/ftui in the source tree.  NULL when
 * /proc/self/exe is unreadable. */
static const char *exe_theme_dir(char *buf, size_t len, const char *rel)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	snprintf(buf, len, "%s/%s", exe, rel);
	return buf;
}

int theme_load(const char *name, struct theme *t, char *err, size_t errlen)
{
	char path[PATH_MAX + 64], installed[PATH_MAX + 32], source[PATH_MAX + 32];
	const char *dirs[] = {
		getenv("FTUI_THEME_DIR"), exe_theme_dir(installed, sizeof(installed), "../share/ftui/themes"),
		FTUI_THEME_DIR, exe_theme_dir(source, sizeof(source), "../themes"), "themes",
	};

	if (strchr(name, '/'))
		return config_load(name, t, NULL, err, errlen);
	if (!strcmp(name, "default")) {
		theme_default(t);
		return 0;
	}
	if (!strcmp(name, "mono")) {
		theme_mono(t);
		return 0;
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s", dirs[i], name);
		if (!access(path, R_OK)) {
			theme_default(t);
			return config_load(path, t, NULL, err, errlen);
		}
	}
	snprintf(err, errlen, "no theme \"%s\" (looked in %s%s%s, BINDIR/../themes and ./themes)", name,
		 dirs[0] && *dirs[0] ? "$FTUI_THEME_DIR, " : "", dirs[1] ? "BINDIR/../share/ftui/themes, " : "",
		 FTUI_THEME_DIR);
	return -1;
}
