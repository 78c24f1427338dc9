/* The wakeup latency pane of the browser: a table of tasks (longest max
 * first), a task's worst waits, and log2 histograms.  Enter on a wait puts
 * marker A on the wakeup, B on the switch, and zooms the timeline to them. */
#ifndef FTUI_VIEW_LATENCY_H
#define FTUI_VIEW_LATENCY_H

#include <stdbool.h>

struct pane_host;

/* Open the pane over the trace (or the A-B range); false on failure. */
bool latency_pane_open(struct pane_host *h);

#endif
