/* The function-graph pane of the browser: the call trees of the trace,
 * folded and unfolded in place, with the kernel's duration markers.  The
 * timeline cursor follows the selected call; opening the pane selects the
 * call that encloses the cursor on the selected CPU. */
#ifndef FTUI_VIEW_GRAPH_H
#define FTUI_VIEW_GRAPH_H

#include <stdbool.h>

struct pane_host;

/* Open the pane over the host; false when out of memory. */
bool graph_pane_open(struct pane_host *h);

#endif
