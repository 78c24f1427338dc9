/* The hist pane of the browser: hist tables typed in the kernel's syntax
 * ("sched:sched_switch keys=next_comm:sort=hitcount.descending"), over the
 * trace or the A-B range, several at once (Tab cycles), with a bar for the
 * sort value; live, they are recomputed at each refresh unless paused. */
#ifndef FTUI_VIEW_HIST_H
#define FTUI_VIEW_HIST_H

struct pane_host;

/* Ask for a table ("EVENT HIST-SPEC", Tab completes) and show it: in the
 * focused hist pane, or in a new one. */
void hist_pane_ask(struct pane_host *h);

#endif
