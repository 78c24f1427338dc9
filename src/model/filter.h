/* Event filters in trace-cmd's -F language ("sched_switch:prev_pid != 0",
 * "irq,timer", "sched:COMM == \"bash\""), combined the way `trace-cmd report`
 * combines them: an event is shown when any positive filter matches (or there
 * is none) and no negative one does; a kernel/user stack event follows the
 * fate of the event before it on its CPU. */
#ifndef FTUI_FILTER_H
#define FTUI_FILTER_H

#include <stdbool.h>
#include <stddef.h>

struct tep_handle;
struct tep_record;
struct event_filter;

struct event_filter *event_filter_new(struct tep_handle *tep);
void event_filter_free(struct event_filter *f);

/* Add one filter string.  Returns 0, or -1 with the parser's message in err. */
int event_filter_add(struct event_filter *f, const char *str, bool negative, char *err, size_t errlen);
bool event_filter_empty(const struct event_filter *f);

/* Should rec be shown?  Call for every record in order (stack events look
 * at the previous one on their CPU). */
bool event_filter_match(struct event_filter *f, struct tep_record *rec);

#endif
