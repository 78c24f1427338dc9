/* Composing the browser's screen from the view: title bar, timeline (or a
 * CPU's task lanes), event list, status line, prompt and help. */
#ifndef FTUI_VIEW_DRAW_H
#define FTUI_VIEW_DRAW_H

#include "render/grid.h"

struct view;

/* Work out the pane sizes for the view's w and h. */
void view_layout(struct view *v);
void view_paint(struct view *v, struct grid *g);

#endif
