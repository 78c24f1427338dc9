/* Keys and the actions they are bound to.  One table binds keys to named
 * actions; the help screen, the manual's key list (checked by a test) and the
 * config file all use it. */
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
	ACT_COUNT
};

struct action_info {
	enum action action;
	const char *name;	/* for the config file: "zoom-in" */
	const char *help;	/* one line for the help screen */
};

/* Name and help of each action, in help-screen order. */
const struct action_info *action_table(int *n);
const struct action_info *action_find(const char *name);

struct keymap;

/* The default bindings. */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);
enum action keymap_lookup(const struct keymap *km, int key);
int keymap_bind(struct keymap *km, int key, enum action a);
/* Keys bound to a, as text ("+ = i"), into buf. */
void keymap_describe(const struct keymap *km, enum action a, char *buf, int len);

/* Key names: "Enter", "Left", "C-c", "a", "F1"... */
const char *keycode_name(int key, char *buf, int len);
int keycode_parse(const char *name);	/* -1 if unknown */

#endif
