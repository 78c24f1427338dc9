/* Panes: screens that take over the browser, each with its own keys.  The
 * function graph (F), wakeup latency (L) and hist tables (H) take over its
 * body; the live task table takes over the whole screen.  A view holds a
 * stack of open panes; the top one has the focus:
 *
 *   a prompt, when open, gets every key; then the help screen, when open;
 *   then the focused pane, through its own key table; a key it does not
 *   bind goes to the global table, of which only the actions that work
 *   everywhere (help, quit, redraw: action_everywhere) run over a pane;
 *   with no pane open, the browser's main view gets the key.
 *
 * (view.c's view_key is that order, written once.)  A pane sees the browser
 * only through struct pane_host, never struct view.
 *
 * How to add a pane:
 *   1. In its file, an enum of its actions (from 1), their names and help
 *      (struct action_info), default keys (struct key_binding) and a
 *      struct keymap_def; declare the def in keymap.h and list it in
 *      keymap.c's tables[], so that `?`, the manual (scripts/man-keys.py)
 *      and the config's `bind KEY NAME.ACTION` know its keys.
 *   2. A struct pane_class: the action handler, returning what changed
 *      (enum pane_result), draw, and refresh and close if it needs them.
 *   3. An open function: build its state, pane_new() and pane_host_push().
 *   4. A global action that calls it (keymap.c, view.c's run_action).
 */
#ifndef FTUI_PANE_H
#define FTUI_PANE_H

#include <stdbool.h>
#include <stdint.h>

struct grid;
struct keymap;
struct keymap_def;
struct keytable;
struct pane;
struct prompt_def;
struct session;

/* What a key did, as htop's handlers say it. */
enum pane_result {
	PANE_UNHANDLED,	/* not this pane's key: the global table gets it */
	PANE_REDRAW,	/* handled: draw again */
	PANE_REFRESH,	/* handled; recompute the pane's data (its refresh), then draw */
	PANE_CLOSE,	/* close this pane; the one below it gets the focus */
	PANE_QUIT,	/* quit ftui */
};

struct pane_class {
	const char *name;
	const struct keymap_def *keys;
	/* action is the pane's own (from its table), key the key pressed */
	enum pane_result (*action)(struct pane *p, int action, int key);
	/* rows [y, y + h) of g; a fullscreen pane gets the whole grid */
	void (*draw)(struct pane *p, struct grid *g, int y, int h);
	void (*refresh)(struct pane *p);	/* the data grew (live); may be NULL */
	void (*close)(struct pane *p);		/* free p->state; may be NULL */
	bool fullscreen;			/* draws the title and status rows too */
};

/* What a pane may ask of the browser it is open in. */
struct pane_host_ops {
	uint64_t (*cursor)(void *ctx);		/* the timeline cursor's time */
	int (*cpu)(void *ctx);			/* the CPU of the selected timeline row, -1: none */
	uint64_t (*last_ts)(void *ctx);		/* the newest event's time */
	/* markers A and B as a range [from, to); false unless both are set apart */
	bool (*range)(void *ctx, uint64_t *from, uint64_t *to);
	void (*show_time)(void *ctx, uint64_t ts);	/* move the cursor there */
	void (*show_markers)(void *ctx, uint64_t a, uint64_t b);	/* set A and B, zoom to them */
	void (*show_cpu)(void *ctx, int cpu);	/* select the CPU's row and scroll it into view */
	void (*message)(void *ctx, bool error, const char *text);	/* the status line */
	void (*prompt)(void *ctx, const struct prompt_def *def, void *arg);
	bool (*push)(void *ctx, struct pane *p);	/* open p over the others */
	struct pane *(*top)(void *ctx);			/* the focused pane, NULL: none */
};

struct pane_host {
	const struct pane_host_ops *ops;
	void *ctx;
	struct session *ss;		/* the trace */
	const struct keymap *keys;	/* the key tables */
	bool ascii;
};

struct pane {
	const struct pane_class *cls;
	const struct keytable *keys;	/* its table in host->keys */
	struct pane_host *host;
	void *state;
};

/* NULL when out of memory (state is then the caller's to free). */
struct pane *pane_new(const struct pane_class *cls, struct pane_host *host, void *state);
void pane_free(struct pane *p);		/* its close, then the pane */
/* A key to the pane, through its table. */
enum pane_result pane_key(struct pane *p, int key);

/* The host's services, for the panes. */
void pane_host_message(struct pane_host *h, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool pane_host_push(struct pane_host *h, struct pane *p);	/* false: p was freed */

/* The open panes, the focused one last. */
#define PANE_STACK_MAX 8

struct pane_stack {
	struct pane *p[PANE_STACK_MAX];
	int n;
};

bool pane_stack_push(struct pane_stack *s, struct pane *p);	/* false (p freed): full */
struct pane *pane_stack_top(const struct pane_stack *s);
void pane_stack_pop(struct pane_stack *s);	/* frees the top pane */
void pane_stack_remove(struct pane_stack *s, struct pane *p);	/* frees p */
void pane_stack_refresh(struct pane_stack *s);	/* every open pane's refresh */
void pane_stack_clear(struct pane_stack *s);

#endif
