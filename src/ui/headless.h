/* Driving the browser without a terminal: a script of keys, and the screen
 * printed as text at each "!dump".  Tests and scripts use it.
 *
 * Script tokens, separated by spaces: a single character is that key;
 * <Enter> <Esc> <Tab> <Left> <Right> <Up> <Down> <PgUp> <PgDn> <Home> <End>
 * <Backspace> <Space> <F1> <C-c> <C-l> are named keys; =TEXT types TEXT;
 * !dump prints the screen; !resize=WxH resizes; !click=X,Y clicks; !stats prints how long the
 * frames drawn after each key took (mean, max). */
#ifndef FTUI_HEADLESS_H
#define FTUI_HEADLESS_H

#include <stdio.h>

struct app;

/* Besides keys: !sleep=SECONDS lets the app's clock tick for that long. */
/* A key script from the --keys argument: the text itself, or @FILE. */
char *headless_read_script(const char *arg);

int headless_run(const struct app *app, int w, int h, const char *script, FILE *out, char *err, size_t errlen);

#endif
