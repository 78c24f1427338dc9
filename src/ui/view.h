/* The browser's state and what each action does to it, with no curses:
 * the terminal front end (term.c) and the headless driver (headless.c) feed
 * it keys and paint what view_draw() puts in a grid.
 *
 * One job a file: view.c takes keys and runs actions; viewport.c is the
 * timeline window's maths (pure); view_list.c pages the event list;
 * view_filter.c says which events the list shows; view_search.c searches
 * it; view_host.c is what the panes see (struct pane_host, never struct
 * view); view_draw.c lays out and paints.  The parts include view.h for
 * the struct and nothing of view.c. */
#ifndef FTUI_VIEW_H
#define FTUI_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "model/store.h"
#include "render/eventlist.h"
#include "render/grid.h"
#include "render/timeline.h"
#include "model/session.h"
#include "ui/keymap.h"
#include "ui/pane.h"
#include "ui/prompt.h"
#include "ui/view_search.h"

struct sched;
struct event_filter;

enum focus { FOCUS_TIMELINE, FOCUS_LIST };

#define MAX_LIST_LINES 512
#define VIEW_MAX_CPUS 65536		/* CPU numbers the CPU filter takes */
#define MIN_COLS 40
#define MIN_ROWS 10

struct view {
	struct session *ss;
	struct sched *sched;
	const struct keymap *keys;
	const char *title;		/* file name shown in the title bar */
	int w, h;
	bool ascii;

	uint64_t first_ts, last_ts;	/* the trace's extent */
	struct timeline_view tl;
	int nr_rows;			/* CPU rows */
	int zoom_cpu;			/* CPU row zoomed into, -1 for none */
	bool task_view;			/* tasks as rows instead of CPUs */
	struct pane_stack panes;	/* the open panes, the focused one on top */
	struct pane_host host;		/* what the panes see of the view */
	int32_t *task_rows;		/* the task view's rows: every task, busiest first */
	int nr_task_rows;
	int *row_cpus;			/* the CPUs the timeline shows (c narrows them) */
	int rows_visible;		/* rows on screen at the last layout */
	int task_cpu;			/* the CPU selected before the task view */
	int split;			/* timeline/list split: 0 adapts, see timeline_height_for() */
	char *hide_text;		/* the hide (-v) filter's text */
	enum focus focus;

	struct store_pos top;		/* first line of the event list */
	bool top_drop_hidden;		/* the top event's DROPPED line is scrolled off */
	int list_sel;
	int hscroll;
	struct eventlist_line lines[MAX_LIST_LINES];
	int nr_lines;
	int list_h;			/* event list rows at the last draw */
	int plot_w;			/* timeline plot columns at the last draw */
	int tl_y, tl_h, list_y;		/* where the panes were at the last draw */

	struct event_filter *filter;	/* NULL: none */
	char *filter_text;
	bool *cpu_shown;		/* by CPU number; NULL: all */
	char *cpu_text;
	int32_t task_pid;		/* -1: all */
	char search[256];
	struct view_search srch;	/* the search running, if active */

	struct prompt prompt;
	bool pending_jump;		/* ' pressed: a or b follows */
	bool help;
	int help_scroll;
	char message[256];
	bool message_error;
	bool quit;
	bool repaint;			/* the redraw action: repaint the whole screen */
};

int view_init(struct view *v, struct session *ss, const struct keymap *keys, const char *title, bool ascii);
void view_done(struct view *v);
void view_resize(struct view *v, int w, int h);
/* The store grew or lost its oldest events (live): catch up, following the
 * newest events if the view was showing them. */
void view_refresh(struct view *v);
/* A search is running; run a slice of it (found: the list shows it). */
bool view_busy(const struct view *v);
void view_work(struct view *v);
/* Handle one key.  Returns false once the view wants to quit.  While a
 * search runs, Esc and C-c stop it and other keys wait. */
bool view_key(struct view *v, int key);
void view_draw(struct view *v, struct grid *g);
/* A mouse click at screen cell x, y: moves the cursor (timeline) or the
 * selection (list) there. */
void view_click(struct view *v, int x, int y);

/* Set markers A and B and zoom to them. */
void view_set_markers(struct view *v, uint64_t a, uint64_t b);
/* Move the cursor to ts, panning the timeline and the list to it. */
void view_show_time(struct view *v, uint64_t ts);

/* Open p over the view's panes (false: too many, p freed); the focused pane. */
bool view_push_pane(struct view *v, struct pane *p);
struct pane *view_top_pane(const struct view *v);
/* Nothing over the main view: no pane, help, prompt, CPU zoom or task view. */
bool view_at_base(const struct view *v);

/* The status line's message, and a prompt opened (the message cleared). */
void view_message(struct view *v, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void view_prompt(struct view *v, const struct prompt_def *def, void *arg);

#endif
