/* The one-line error messages every layer hands up: the caller's buffer,
 * printed once at the top. */
#ifndef FTUI_ERRMSG_H
#define FTUI_ERRMSG_H

#include <stddef.h>

/* Format the message into err (errlen bytes); returns -1, so that
 * `return errmsg(err, errlen, ...)` fails in one line. */
int errmsg(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
