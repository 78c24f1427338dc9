/* The per-CPU timeline: a time axis, then a row per CPU (every CPU of the
 * trace, events or not, or the CPUs a filter keeps) whose cells show the
 * task that ran most of that cell's time (from the run model,
 * model/sched.h, built from each record's task where the trace has no
 * sched_switch), as tall as the CPU was busy; a CPU with no runs at all
 * shows its event density.  Time that is unknown after lost events shows
 * as '░' ('?' in ASCII), the lost events themselves as '!'.
 *
 * With room a row has up to three lines: the task bar, then the interrupt
 * strip (hard irqs and softirqs, as tall as their share of the cell), then
 * the marks (wakeups onto the CPU, migrations onto it, preemptions, lost
 * events); with two lines the strip and the marks share one.  Rows scroll:
 * first_row is the first shown. */
#ifndef FTUI_TIMELINE_H
#define FTUI_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/grid.h"

struct store;
struct sched;
struct run_cpu;
struct tep_handle;

struct timeline_view {
	uint64_t t0, t1;	/* visible time [t0, t1) */
	uint64_t cursor;
	bool has_a, has_b;
	uint64_t a, b;
	int first_row;		/* first row shown (scrolling): an index into rows */
	int selected;		/* selected CPU (timeline) or row (lanes, tasks), -1 for none */
	bool focused;
	const int *rows;	/* the CPUs shown, in order; NULL: every CPU */
	int nr_rows;		/* with rows */
	int lines;		/* lines per CPU row: 1..3; 0: as many as fit */
	bool dim_tasks;		/* a task filter: cells of other tasks dim */
	int32_t pid_shown;	/* with dim_tasks */
	/* an event filter: cells holding none of the events it shows dim */
	bool (*event_shown)(void *ctx, int stream, uint64_t index);
	void *event_ctx;
};

#define TIMELINE_LINES_MAX 3

/* Lines per row when nr_rows rows share h lines (the axis included):
 * TIMELINE_LINES_MAX when all fit so, fewer as they do not; at least 1. */
int timeline_row_lines(int nr_rows, int h);
/* Rows shown in h lines with that many lines each. */
int timeline_rows_fit(int h, int lines);
/* How tall the timeline is in a body of body_h lines (it and the event
 * list with its header) for nr_rows rows: split 0 adapts (a few CPUs get
 * their three lines and the list the rest; many get up to two thirds of
 * the body, a line each), 1..TIMELINE_SPLITS - 1 give it a quarter, half,
 * three quarters. */
#define TIMELINE_SPLITS 4
int timeline_height_for(int nr_rows, int body_h, int split);
/* How many rows the view shows (its rows list, or every CPU). */
int timeline_nr_shown(const struct timeline_view *v, const struct store *s, const struct sched *sc);
/* The CPU of shown row i. */
int timeline_row_cpu(const struct timeline_view *v, int i);

#define TIMELINE_LABEL_W 7	/* "CPU12 " and a separator */
#define TIMELINE_AXIS_H 2

/* Draw into the rectangle x, y, w, h of g.  Returns the rows used. */
int render_timeline(struct grid *g, int x, int y, int w, int h, const struct store *s,
		    const struct sched *sc, struct tep_handle *tep, const struct timeline_view *v);
/* The task (not idle) that ran longest on c in [from, to); false if none. */
bool timeline_cell_task(const struct run_cpu *c, uint64_t from, uint64_t to, int32_t *pid);

/* The plot column of time t (may be outside 0..plot_w-1). */
int timeline_column(const struct timeline_view *v, int plot_w, uint64_t t);
/* The start time of plot column col. */
uint64_t timeline_time_at(const struct timeline_view *v, int plot_w, int col);

/* What ran on cpu at ts, for the status line: "bash-1234 running since
 * 1.234567 (2.100 ms), then S sleeping"; "idle since ..."; "" when
 * nothing is known. */
void timeline_describe(char *buf, size_t len, const struct sched *sc, struct tep_handle *tep, int cpu,
		       uint64_t ts);

/* A time as seconds with as many decimals as the step needs: "12.345678". */
void format_time(char *buf, size_t len, uint64_t ts, uint64_t step);
/* A duration with a unit: "1.500 ms", "12 ns", "3.2 s". */
void format_duration(char *buf, size_t len, uint64_t ns);

/* How many CPU rows the timeline shows: the model's CPU count, or without
 * a model the highest CPU of the top-level buffer + 1.  Row N is CPU N. */
int timeline_rows(const struct store *s, const struct sched *sc);

#endif
