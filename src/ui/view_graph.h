/* The function-graph pane of the browser: the call trees of the trace,
 * folded and unfolded in place, with the kernel's duration markers.  The
 * timeline cursor follows the selected call; opening the pane selects the
 * call that encloses the cursor. */
#ifndef FTUI_VIEW_GRAPH_H
#define FTUI_VIEW_GRAPH_H

#include <stdbool.h>

struct view;
struct grid;

bool graph_pane_open(struct view *v);
void graph_pane_close(struct view *v);
/* A key while the pane is open; false when it closes. */
bool graph_pane_key(struct view *v, int key);
void graph_pane_draw(struct view *v, struct grid *g, int y, int h);
/* Show only the calls of func (NULL or "": all); false if no such function. */
bool graph_pane_filter(struct view *v, const char *func);

#endif
