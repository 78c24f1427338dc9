/* The hist pane of the browser: hist tables typed in the kernel's syntax
 * ("sched:sched_switch keys=next_comm:sort=hitcount.descending"), over the
 * trace or the A-B range, several at once (Tab cycles), with a bar for the
 * sort value; live, they are recomputed at each refresh unless paused. */
#ifndef FTUI_VIEW_HIST_H
#define FTUI_VIEW_HIST_H

#include <stdbool.h>
#include <stddef.h>

struct view;
struct grid;

/* Add a table from "EVENT HIST-SPEC"; false with a message in err. */
bool hist_pane_add(struct view *v, const char *text, char *err, size_t errlen);
void hist_pane_close(struct view *v);
void hist_pane_refresh(struct view *v);
bool hist_pane_key(struct view *v, int key);
void hist_pane_draw(struct view *v, struct grid *g, int y, int h);
/* Complete the word being typed (an event, or a field of the event named
 * first): returns how many characters it appended to buf. */
int hist_complete(struct view *v, char *buf, size_t len);

#endif
