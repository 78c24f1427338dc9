/* The per-CPU timeline: a time axis, then one row per CPU (row N is CPU N,
 * every CPU of the trace, events or not) whose cells show the task that ran
 * most of that cell's time (from the run model, model/sched.h), or how busy
 * the CPU was where many tasks shared a cell, or the event density when the
 * trace has no sched_switch.  Time that is unknown after lost events shows
 * as '░' ('?' in ASCII), the lost events themselves as '!'. */
#ifndef FTUI_TIMELINE_H
#define FTUI_TIMELINE_H

#include <stdbool.h>
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
	int first_row;		/* first CPU row shown (scrolling) */
	int selected;		/* selected CPU row, -1 for none */
	bool focused;
};

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

/* A time as seconds with as many decimals as the step needs: "12.345678". */
void format_time(char *buf, size_t len, uint64_t ts, uint64_t step);
/* A duration with a unit: "1.500 ms", "12 ns", "3.2 s". */
void format_duration(char *buf, size_t len, uint64_t ns);

/* How many CPU rows the timeline shows: the model's CPU count, or without
 * a model the highest CPU of the top-level buffer + 1.  Row N is CPU N. */
int timeline_rows(const struct store *s, const struct sched *sc);

#endif
