/* The terminal front end: the only file that talks to curses. */
#ifndef FTUI_TERM_H
#define FTUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

struct app;
struct theme;

/* Run the app on the terminal until it quits or a signal (SIGINT, SIGTERM,
 * SIGHUP) comes.  Restores the terminal on every way out, a crash included;
 * the caller then cleans up its own resources (term_stopped_by tells why). */
int term_run(const struct app *app, const struct theme *theme, bool colour, bool mouse, char *err, size_t errlen);
/* The signal that ended term_run, 0 if none. */
int term_stopped_by(void);
/* Called from the crash handler before the process dies (e.g. to remove a
 * tracefs instance); must be async-signal-safe. */
void term_on_crash(void (*fn)(void));

#endif
