/* Keys and the actions they are bound to.  Each table (the global one and
 * one per pane) binds keys to named actions; the help screen, the manual's
 * key list (checked by a test) and the config file all use them. */
#ifndef FTUI_KEYMAP_H
#define FTUI_KEYMAP_H

#include <stdbool.h>

/* Key codes: printable ASCII as itself, the rest below. */
enum {
	K_CTRL_C = 3,
	K_TAB = 9,
	K_ENTER = 13,
	K_CTRL_L = 12,
	K_ESC = 27,
	K_BACKSPACE = 127,
	K_UP = 0x1000,
	K_DOWN,
	K_LEFT,
	K_RIGHT,
	K_PGUP,
	K_PGDN,
	K_HOME,
	K_END,
	K_F1,
	K_F6,
	K_RESIZE,
	K_NONE,
};

enum action {
	ACT_NONE,
	ACT_QUIT,
	ACT_HELP,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_FIRST,
	ACT_LAST,
	ACT_ZOOM_IN,
	ACT_ZOOM_OUT,
	ACT_FIT,
	ACT_ZOOM_AB,
	ACT_FOCUS,
	ACT_ENTER,
	ACT_BACK,
	ACT_MARK_A,
	ACT_MARK_B,
	ACT_JUMP_MARK,
	ACT_GOTO,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_FILTER,
	ACT_CPU_FILTER,
	ACT_TASK_FILTER,
	ACT_CLEAR_FILTERS,
	ACT_TASKS,
	ACT_LATENCY,
	ACT_HIST,
	ACT_GRAPH,
	ACT_REDRAW,
	ACT_ROWS_DOWN,
	ACT_ROWS_UP,
	ACT_GOTO_CPU,
	ACT_NEXT_TASK_EVENT,
	ACT_PREV_TASK_EVENT,
	ACT_NEXT_TYPE_EVENT,
	ACT_PREV_TYPE_EVENT,
	ACT_HIDE_FILTER,
	ACT_CLEAR_MARKERS,
	ACT_SPLIT,
	ACT_COUNT
};

struct action_info {
	int action;		/* enum action, or a pane's own action enum */
	const char *name;	/* for the config file: "zoom-in"; a pane's are "graph.fold" there */
	const char *help;	/* one line for the help screen */
};

struct key_binding {
	int key;
	int action;
};

/* A key table: the global one ("main") or a pane's.  A pane's actions are
 * numbered from 1 (0 is "none") in its own enum. */
struct keymap_def {
	const char *name;		/* "graph": the prefix of its actions in the config */
	const char *title;		/* the help screen's heading: "function graph keys" */
	const struct action_info *actions;	/* in help-screen order */
	int nr_actions;
	const struct key_binding *defaults;
	int nr_defaults;
};

/* The global table, and the panes' (each defined with its pane). */
extern const struct keymap_def main_keymap;
extern const struct keymap_def graph_keymap, latency_keymap, hist_keymap, live_keymap;

/* Name and help of each global action, in help-screen order. */
const struct action_info *action_table(int *n);
const struct action_info *action_find(const char *name);
/* Whether a global action also works while a pane has the focus (help,
 * quit, redraw); the others belong to the browser's main view. */
bool action_everywhere(int a);

/* All the key tables (the global one and every pane's) with their bindings. */
struct keymap;
struct keytable;

/* The default bindings. */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);
/* The global table. */
enum action keymap_lookup(const struct keymap *km, int key);
int keymap_bind(struct keymap *km, int key, enum action a);
/* Keys bound to a, as text ("+ = i"), into buf. */
void keymap_describe(const struct keymap *km, enum action a, char *buf, int len);
/* Bind key to a named action: "zoom-in" (global), "graph.fold" (a pane's),
 * "none" or "graph.none" (unbind).  -1 if there is no such action. */
int keymap_bind_name(struct keymap *km, int key, const char *name);

/* The tables: 0 is the global one, then the panes'. */
int keymap_nr_tables(const struct keymap *km);
const struct keytable *keymap_table_at(const struct keymap *km, int i);
const struct keytable *keymap_table(const struct keymap *km, const struct keymap_def *def);
const struct keymap_def *keytable_def(const struct keytable *t);
int keytable_lookup(const struct keytable *t, int key);	/* 0: unbound */
void keytable_describe(const struct keytable *t, int action, char *buf, int len);
/* The same without the keys shadow binds (a pane's table over the global one). */
void keytable_describe_over(const struct keytable *t, int action, const struct keytable *shadow, char *buf, int len);

/* Key names: "Enter", "Left", "C-c", "a", "F1"... */
const char *keycode_name(int key, char *buf, int len);
int keycode_parse(const char *name);	/* -1 if unknown */

#endif
