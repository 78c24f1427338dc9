/* ftui's own log: messages from ftui and from libtraceevent/libtracefs, kept
 * in memory instead of being printed over the screen.  The UI shows them on
 * request; batch commands echo them to stderr only when FTUI_DEBUG is set. */
#ifndef FTUI_LOG_H
#define FTUI_LOG_H

#include <stdarg.h>
#include <stddef.h>

void log_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_vadd(const char *fmt, va_list ap);
size_t log_count(void);
/* Line i, oldest first; NULL past the end.  Only the last LOG_KEEP lines stay. */
const char *log_line(size_t i);
void log_clear(void);

#define LOG_KEEP 256

#endif
