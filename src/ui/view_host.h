/* What the panes (graph, latency, hist, the live table) see of the browser
 * under them: struct pane_host's operations (pane.h) on a struct view --
 * the cursor, the selected CPU, the markers, showing a time, a message, a
 * prompt, opening another pane.  Panes never see struct view itself, so a
 * pane can be driven by another host (tests/unit/test_panes.c). */
#ifndef FTUI_VIEW_HOST_H
#define FTUI_VIEW_HOST_H

#include "ui/pane.h"

struct view;

/* The host of the panes over v. */
struct pane_host view_host(struct view *v);

#endif
