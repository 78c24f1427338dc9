/* Lanes of one CPU: a row per task that ran there in the view, busiest
 * first; view->first_row is the first lane shown (scrolling). */
#ifndef FTUI_LANES_H
#define FTUI_LANES_H

#include "render/grid.h"
#include "render/timeline.h"

struct store;
struct sched;
struct tep_handle;

#define MAX_LANES 64		/* lanes the layout makes room for */

/* How many lanes cpu has in the view. */
int cpu_lanes_count(const struct sched *sc, int cpu, const struct timeline_view *view);
/* Draw the axis and up to h - 2 lanes for cpu; returns the rows used. */
int render_cpu_lanes(struct grid *g, int x, int y, int w, int h, const struct store *s, const struct sched *sc,
		     struct tep_handle *tep, int cpu, const struct timeline_view *view);

#endif
