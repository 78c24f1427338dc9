/* The wakeup latency pane of the browser: a table of tasks (longest max
 * first), a task's worst waits, and log2 histograms.  Enter on a wait puts
 * marker A on the wakeup, B on the switch, and zooms the timeline to them. */
#ifndef FTUI_VIEW_LATENCY_H
#define FTUI_VIEW_LATENCY_H

#include <stdbool.h>

struct view;
struct grid;

/* Open the pane over the trace (or the A-B range); false on failure. */
bool latency_pane_open(struct view *v);
void latency_pane_close(struct view *v);
/* Recompute (live data grew). */
void latency_pane_refresh(struct view *v);
/* A key while the pane is open; false when it closes. */
bool latency_pane_key(struct view *v, int key);
/* Draw into rows [y, y + h) of g. */
void latency_pane_draw(struct view *v, struct grid *g, int y, int h);

#endif
