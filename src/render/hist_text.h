/* A hist table in the text form of the kernel's hist file:
 *
 *   # event histogram
 *   #
 *   # trigger info: hist:keys=...:vals=hitcount:sort=hitcount:size=2048 [active]
 *   #
 *
 *   { common_pid: bash            [     32379] } hitcount:        166
 *
 *   Totals:
 *       Hits: 166
 *       Entries: 1
 *       Dropped: 0
 */
#ifndef FTUI_HIST_TEXT_H
#define FTUI_HIST_TEXT_H

#include <stddef.h>

struct hist;
struct hist_entry;

/* One entry's line (no newline). */
void hist_entry_text(const struct hist *h, const struct hist_entry *e, char *buf, size_t len);
/* The whole table; malloc'd. */
char *hist_text(const struct hist *h);

#endif
