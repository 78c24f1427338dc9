/* The terminal front end: the only file that talks to curses. */
#ifndef FTUI_TERM_H
#define FTUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

struct view;
struct theme;

/* Run the view on the terminal until it quits.  Restores the terminal on
 * every way out (q, Ctrl-C, SIGTERM, SIGHUP, a crash). */
int term_run(struct view *v, const struct theme *theme, bool colour, bool mouse, char *err, size_t errlen);

#endif
