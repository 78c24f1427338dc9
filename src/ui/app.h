/* What the terminal and headless drivers run: a screen that draws into a
 * grid and takes keys, clicks and clock ticks.  The browser (view.c) and the
 * live view (live_app.c) are apps.
 *
 * Keep it this way: an app never calls curses, and two drivers run the same
 * ops -- ui/term.c on a real terminal and the headless driver the goldens
 * and unit tests use -- so every screen is tested as text exactly as it is
 * drawn. */
#ifndef FTUI_APP_H
#define FTUI_APP_H

#include <stdbool.h>

struct grid;

struct app {
	void *ctx;
	void (*resize)(void *ctx, int w, int h);
	void (*draw)(void *ctx, struct grid *g);
	bool (*key)(void *ctx, int key);		/* false: quit */
	void (*click)(void *ctx, int x, int y);		/* may be NULL */
	bool (*tick)(void *ctx);			/* may be NULL; true: redraw */
	/* may be NULL; true once after the app asked for the whole terminal
	 * to be repainted (the redraw action) */
	bool (*repaint)(void *ctx);
	/* may be NULL: work in progress (a search) that runs in slices while
	 * no key is waiting; work does one slice, the drivers redraw after */
	bool (*busy)(void *ctx);
	void (*work)(void *ctx);
	int tick_ms;					/* how often tick runs */
	bool ascii;
	int colours;					/* 0: the terminal's; 256, 16, 8; -1: none */
};

/* The browser as an app. */
struct view;
void view_app(struct view *v, struct app *a);

#endif
