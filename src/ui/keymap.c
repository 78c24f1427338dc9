#include "ui/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEY 0x1100

static const struct action_info actions[] = {
	{ ACT_HELP, "help", "show this help" },
	{ ACT_QUIT, "quit", "quit (close help or a prompt first)" },
	{ ACT_LEFT, "left", "move the cursor left (timeline) or scroll left (list)" },
	{ ACT_RIGHT, "right", "move the cursor right (timeline) or scroll right (list)" },
	{ ACT_UP, "up", "previous CPU (timeline) or event (list)" },
	{ ACT_DOWN, "down", "next CPU (timeline) or event (list)" },
	{ ACT_PAGE_UP, "page-up", "a page back (list) or pan left by a screen (timeline)" },
	{ ACT_PAGE_DOWN, "page-down", "a page on (list) or pan right by a screen (timeline)" },
	{ ACT_ROWS_DOWN, "rows-down", "a page of rows down (timeline CPUs, tasks, lanes)" },
	{ ACT_ROWS_UP, "rows-up", "a page of rows up (timeline CPUs, tasks, lanes)" },
	{ ACT_GOTO_CPU, "goto-cpu", "go to a CPU: select its row and scroll it into view" },
	{ ACT_FIRST, "first", "go to the first event" },
	{ ACT_LAST, "last", "go to the last event" },
	{ ACT_ZOOM_IN, "zoom-in", "zoom in around the cursor" },
	{ ACT_ZOOM_OUT, "zoom-out", "zoom out around the cursor" },
	{ ACT_FIT, "fit", "show the whole trace" },
	{ ACT_ZOOM_AB, "zoom-markers", "zoom to the range between markers A and B" },
	{ ACT_FOCUS, "focus", "move focus between the timeline and the event list" },
	{ ACT_ENTER, "enter", "zoom into the selected CPU (timeline); centre the event (list)" },
	{ ACT_BACK, "back", "leave the CPU zoom; close help or a prompt" },
	{ ACT_MARK_A, "mark-a", "set marker A at the cursor" },
	{ ACT_MARK_B, "mark-b", "set marker B at the cursor" },
	{ ACT_JUMP_MARK, "jump-mark", "then a or b: jump to that marker" },
	{ ACT_GOTO, "goto", "go to a time: 12.345678, +5ms, -20us" },
	{ ACT_SEARCH, "search", "search the event list for text or an event name" },
	{ ACT_SEARCH_NEXT, "search-next", "next match" },
	{ ACT_SEARCH_PREV, "search-prev", "previous match" },
	{ ACT_NEXT_TASK_EVENT, "next-task-event", "next event of the selected event's task" },
	{ ACT_PREV_TASK_EVENT, "prev-task-event", "previous event of the selected event's task" },
	{ ACT_NEXT_TYPE_EVENT, "next-type-event", "next event of the selected event's type" },
	{ ACT_PREV_TYPE_EVENT, "prev-type-event", "previous event of the selected event's type" },
	{ ACT_FILTER, "filter", "filter events (trace-cmd -F syntax); empty clears" },
	{ ACT_HIDE_FILTER, "hide-filter", "hide events a filter matches (as -v -F); empty clears" },
	{ ACT_CPU_FILTER, "cpu-filter", "show only these CPUs, in the list and as timeline rows (0,2-3); empty clears" },
	{ ACT_TASK_FILTER, "task-filter", "show only a task (pid or comm), others dim on the timeline; empty clears" },
	{ ACT_CLEAR_FILTERS, "clear-filters", "clear all filters" },
	{ ACT_CLEAR_MARKERS, "clear-markers", "clear markers A and B" },
	{ ACT_SPLIT, "split", "change the split between timeline and list (adaptive, 1/4, 1/2, 3/4)" },
	{ ACT_TASKS, "tasks", "task view: busiest tasks as rows, by state; Enter filters the list to one" },
	{ ACT_LATENCY, "latency", "wakeup latency per task (between markers A and B when both are set)" },
	{ ACT_HIST, "hist", "a hist table: EVENT keys=...[:vals=..][:sort=..] [if FILTER]; Tab completes" },
	{ ACT_GRAPH, "graph", "function-graph call trees (the call around the cursor on the selected CPU)" },
	{ ACT_REDRAW, "redraw", "redraw the screen" },
};

static const struct key_binding defaults[] = {
	{ '?', ACT_HELP }, { K_F1, ACT_HELP },
	{ 'q', ACT_QUIT }, { K_CTRL_C, ACT_QUIT },
	{ K_LEFT, ACT_LEFT }, { 'h', ACT_LEFT },
	{ K_RIGHT, ACT_RIGHT }, { 'l', ACT_RIGHT },
	{ K_UP, ACT_UP }, { 'k', ACT_UP },
	{ K_DOWN, ACT_DOWN }, { 'j', ACT_DOWN },
	{ K_PGUP, ACT_PAGE_UP }, { K_PGDN, ACT_PAGE_DOWN }, { ' ', ACT_PAGE_DOWN },
	{ 'J', ACT_ROWS_DOWN }, { 'K', ACT_ROWS_UP }, { '@', ACT_GOTO_CPU },
	{ ']', ACT_NEXT_TASK_EVENT }, { '[', ACT_PREV_TASK_EVENT },
	{ '}', ACT_NEXT_TYPE_EVENT }, { '{', ACT_PREV_TYPE_EVENT },
	{ 'v', ACT_HIDE_FILTER }, { 'x', ACT_CLEAR_MARKERS }, { 's', ACT_SPLIT },
	{ 'g', ACT_FIRST }, { 'G', ACT_LAST }, { K_END, ACT_LAST },
	{ '+', ACT_ZOOM_IN }, { '=', ACT_ZOOM_IN }, { 'i', ACT_ZOOM_IN },
	{ '-', ACT_ZOOM_OUT }, { 'o', ACT_ZOOM_OUT },
	{ '0', ACT_FIT }, { K_HOME, ACT_FIT },
	{ 'Z', ACT_ZOOM_AB },
	{ K_TAB, ACT_FOCUS },
	{ K_ENTER, ACT_ENTER },
	{ K_ESC, ACT_BACK }, { K_BACKSPACE, ACT_BACK },
	{ 'a', ACT_MARK_A }, { 'b', ACT_MARK_B }, { '\'', ACT_JUMP_MARK },
	{ ':', ACT_GOTO },
	{ '/', ACT_SEARCH }, { 'n', ACT_SEARCH_NEXT }, { 'N', ACT_SEARCH_PREV },
	{ 'f', ACT_FILTER }, { 'c', ACT_CPU_FILTER }, { 'p', ACT_TASK_FILTER },
	{ 'C', ACT_CLEAR_FILTERS }, { 'T', ACT_TASKS }, { 'L', ACT_LATENCY }, { 'H', ACT_HIST }, { 'F', ACT_GRAPH },
	{ K_CTRL_L, ACT_REDRAW },
};

const struct keymap_def main_keymap = {
	"main", "ftui keys", actions, sizeof(actions) / sizeof(actions[0]), defaults,
	sizeof(defaults) / sizeof(defaults[0]),
};

/* Every table, listed once: the config, the help and the manual see these. */
static const struct keymap_def *const tables[] = {
	&main_keymap, &graph_keymap, &latency_keymap, &hist_keymap, &live_keymap,
};
#define NR_TABLES ((int)(sizeof(tables) / sizeof(tables[0])))

struct keytable {
	const struct keymap_def *def;
	unsigned char act[MAX_KEY];
};

struct keymap {
	struct keytable t[NR_TABLES];
};

const struct action_info *action_table(int *n)
{
	*n = (int)(sizeof(actions) / sizeof(actions[0]));
	return actions;
}

static const struct action_info *def_find(const struct keymap_def *d, const char *name)
{
	for (int i = 0; i < d->nr_actions; i++)
		if (!strcmp(d->actions[i].name, name))
			return &d->actions[i];
	return NULL;
}

const struct action_info *action_find(const char *name)
{
	return def_find(&main_keymap, name);
}

bool action_everywhere(int a)
{
	return a == ACT_HELP || a == ACT_QUIT || a == ACT_REDRAW;
}

static int table_bind(struct keytable *t, int key, int a)
{
	if (key < 0 || key >= MAX_KEY || a < 0 || a > 255)
		return -1;
	t->act[key] = (unsigned char)a;
	return 0;
}

int keymap_bind(struct keymap *km, int key, enum action a)
{
	return table_bind(&km->t[0], key, a);
}

struct keymap *keymap_new(void)
{
	struct keymap *km = calloc(1, sizeof(*km));

	if (!km)
		return NULL;
	for (int i = 0; i < NR_TABLES; i++) {
		km->t[i].def = tables[i];
		for (int k = 0; k < tables[i]->nr_defaults; k++)
			table_bind(&km->t[i], tables[i]->defaults[k].key, tables[i]->defaults[k].action);
	}
	return km;
}

void keymap_free(struct keymap *km)
{
	free(km);
}

int keytable_lookup(const struct keytable *t, int key)
{
	if (!t || key < 0 || key >= MAX_KEY)
		return 0;
	return t->act[key];
}

enum action keymap_lookup(const struct keymap *km, int key)
{
	return (enum action)keytable_lookup(&km->t[0], key);
}

/* The table "graph.fold" names (0 for "zoom-in"), -1 if none; *action gets
 * what follows the dot. */
static int table_of(const char *name, const char **action)
{
	const char *dot = strchr(name, '.');

	*action = name;
	if (!dot)
		return 0;
	*action = dot + 1;
	for (int i = 1; i < NR_TABLES; i++)
		if (strlen(tables[i]->name) == (size_t)(dot - name) && !strncmp(tables[i]->name, name, (size_t)(dot - name)))
			return i;
	return -1;
}

int keymap_bind_name(struct keymap *km, int key, const char *name)
{
	const struct action_info *a = NULL;
	int i = table_of(name, &name);

	if (i < 0 || key < 0 || key >= MAX_KEY)
		return -1;
	if (strcmp(name, "none")) {
		a = def_find(tables[i], name);
		if (!a)
			return -1;
	}
	return km ? table_bind(&km->t[i], key, a ? a->action : 0) : 0;
}

int keymap_nr_tables(const struct keymap *km)
{
	(void)km;
	return NR_TABLES;
}

const struct keytable *keymap_table_at(const struct keymap *km, int i)
{
	return i >= 0 && i < NR_TABLES ? &km->t[i] : NULL;
}

const struct keytable *keymap_table(const struct keymap *km, const struct keymap_def *def)
{
	for (int i = 0; i < NR_TABLES; i++)
		if (km->t[i].def == def)
			return &km->t[i];
	return NULL;
}

const struct keymap_def *keytable_def(const struct keytable *t)
{
	return t->def;
}

static const struct { int key; const char *name; } names[] = {
	{ K_UP, "Up" }, { K_DOWN, "Down" }, { K_LEFT, "Left" }, { K_RIGHT, "Right" },
	{ K_PGUP, "PgUp" }, { K_PGDN, "PgDn" }, { K_HOME, "Home" }, { K_END, "End" },
	{ K_F1, "F1" }, { K_F6, "F6" }, { K_ENTER, "Enter" }, { K_ESC, "Esc" }, { K_TAB, "Tab" },
	{ K_BACKSPACE, "Backspace" }, { ' ', "Space" }, { K_CTRL_C, "C-c" }, { K_CTRL_L, "C-l" },
};

const char *keycode_name(int key, char *buf, int len)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].key == key)
			return names[i].name;
	if (key > 32 && key < 127)
		snprintf(buf, (size_t)len, "%c", key);
	else
		snprintf(buf, (size_t)len, "#%d", key);
	return buf;
}

int keycode_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].name, name))
			return names[i].key;
	if (name[0] > 32 && name[0] < 127 && !name[1])
		return name[0];
	return -1;
}

/* Keys bound to a in t and not in shadow (NULL: none), as text; a run of
 * three or more consecutive characters is written "1-9". */
void keytable_describe_over(const struct keytable *t, int a, const struct keytable *shadow, char *buf, int len)
{
	int used = 0;

	buf[0] = '\0';
	for (int k = 0; k < MAX_KEY && used < len - 1; k++) {
		char tmp[16];
		int last = k;

		if (t->act[k] != a || (shadow && shadow->act[k]))
			continue;
		while (k > 32 && last + 1 < 127 && t->act[last + 1] == a && !(shadow && shadow->act[last + 1]))
			last++;
		used += snprintf(buf + used, (size_t)(len - used), "%s%s", used ? " " : "", keycode_name(k, tmp, sizeof(tmp)));
		if (last - k >= 2 && used < len - 1) {
			used += snprintf(buf + used, (size_t)(len - used), "-%c", last);
			k = last;
		}
	}
}

void keytable_describe(const struct keytable *t, int a, char *buf, int len)
{
	keytable_describe_over(t, a, NULL, buf, len);
}

void keymap_describe(const struct keymap *km, enum action a, char *buf, int len)
{
	keytable_describe(&km->t[0], a, buf, len);
}
