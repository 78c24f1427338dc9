/* Syntax check of a hist expression (the kernel's hist-trigger syntax, see
 * hist.h) without a trace: clauses, field names, modifiers, numbers and the
 * "if FILTER" clause (filter_check.h).  Fields are checked against the event
 * later, by hist_new.  An error names what is wrong and the column (1 = the
 * first byte of the expression given). */
#ifndef FTUI_HIST_CHECK_H
#define FTUI_HIST_CHECK_H

#include <stdbool.h>
#include <stddef.h>

bool hist_check(const char *spec, char *err, size_t errlen);

/* "EVENT SPEC", what the browser's H prompt takes ("sched:sched_switch keys=next_comm"). */
bool hist_prompt_check(const char *text, char *err, size_t errlen);

#endif
