#include "ui/term.h"
#include "ui/config.h"
#include "ui/keymap.h"
#include "ui/app.h"
#include "render/grid.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The UI's own state: signal handlers can only reach globals. */
static volatile sig_atomic_t stop_signal;
static SCREEN *screen;
static void (*crash_hook)(void);

void term_on_crash(void (*fn)(void))
{
	crash_hook = fn;
}

int term_stopped_by(void)
{
	return stop_signal;
}

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void on_crash(int sig)
{
	if (screen)
		endwin();
	if (crash_hook)
		crash_hook();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
}

static void restore(void)
{
	if (screen) {
		endwin();
		delscreen(screen);
		screen = NULL;
	}
}

static attr_t curses_attrs(const struct style *st)
{
	attr_t a = 0;

	if (st->attrs & ATTR_BOLD)
		a |= A_BOLD;
	if (st->attrs & ATTR_DIM)
		a |= A_DIM;
	if (st->attrs & ATTR_REVERSE)
		a |= A_REVERSE;
	if (st->attrs & ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	return a;
}

static void setup_colours(const struct theme *t, bool colour)
{
	if (!colour || !has_colors())
		return;
	start_color();
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++) {
		short fg = t->role[r].fg, bg = t->role[r].bg;

		if (fg >= COLORS)
			fg = (short)(fg % 8);
		if (bg >= COLORS)
			bg = (short)(bg % 8);
		init_pair((short)(r + 1), fg, bg);
	}
}

/* The colours the renderers may use: 256, 16, 8 or 0. */
static int colour_depth(bool colour, int forced)
{
	if (!colour || !has_colors() || forced < 0)
		return 0;
	if (forced > 0 && forced <= COLORS)
		return forced;
	return COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : COLORS >= 8 ? 8 : 0;
}

static void paint(const struct grid *g, const struct theme *t, bool colour)
{
	for (int y = 0; y < g->h; y++) {
		for (int x = 0; x < g->w; x++) {
			const struct cell *c = &g->cells[y * g->w + x];
			attr_t a = curses_attrs(&t->role[c->role]);

			if (c->flags & CELL_INVERSE)	/* text on the role's colour */
				a |= A_REVERSE;

			if (colour && has_colors())
				a |= COLOR_PAIR(c->role + 1);
			attrset(a);
			mvaddstr(y, x, c->glyph);
		}
	}
	attrset(A_NORMAL);
	refresh();
}

static int translate(int ch)
{
	switch (ch) {
	case KEY_UP: return K_UP;
	case KEY_DOWN: return K_DOWN;
	case KEY_LEFT: return K_LEFT;
	case KEY_RIGHT: return K_RIGHT;
	case KEY_PPAGE: return K_PGUP;
	case KEY_NPAGE: return K_PGDN;
	case KEY_HOME: return K_HOME;
	case KEY_END: return K_END;
	case KEY_F(1): return K_F1;
	case KEY_F(6): return K_F6;
	case KEY_ENTER: case '\n': case '\r': return K_ENTER;
	case KEY_BACKSPACE: case 8: case 127: return K_BACKSPACE;
	case KEY_RESIZE: return K_RESIZE;
	default: return ch >= 0 && ch < 256 ? ch : K_NONE;
	}
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Slices of the app's work for about 40 ms: then a redraw and a look for keys. */
static void run_work(const struct app *app)
{
	double end = now_ms() + 40;

	do
		app->work(app->ctx);
	while (app->busy(app->ctx) && now_ms() < end);
}

int term_run(const struct app *app, const struct theme *theme, bool colour, bool mouse, char *err, size_t errlen)
{
	int wait_ms = app->tick && app->tick_ms > 0 && app->tick_ms < 250 ? app->tick_ms : 250;
	struct grid *g = NULL;
	struct theme mono;
	int rows, cols;

	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		snprintf(err, errlen, "cannot use the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	atexit(restore);
	install_signals();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	timeout(wait_ms);
	/* a terminal without colours gets the attributes-only theme */
	if (colour && !has_colors()) {
		theme_mono(&mono);
		theme = &mono;
		colour = false;
	}
	setup_colours(theme, colour);
	if (mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	while (!stop_signal) {
		bool redraw = true, busy;
		int ch;

		getmaxyx(stdscr, rows, cols);
		if (!g || g->w != cols || g->h != rows) {
			grid_free(g);
			g = grid_new(cols, rows, app->ascii);
			if (!g)
				break;
			g->colours = colour_depth(colour, app->colours);
			app->resize(app->ctx, cols, rows);
			clear();
		}
		app->draw(app->ctx, g);
		paint(g, theme, colour);
		busy = app->busy && app->busy(app->ctx);
		timeout(busy ? 0 : wait_ms);	/* busy: a key stops the work, or it goes on */
		do {
			ch = getch();
			if (ch == ERR && busy) {
				run_work(app);
				if (app->tick)
					app->tick(app->ctx);
				redraw = true;
			} else if (ch == ERR && app->tick) {
				redraw = app->tick(app->ctx);
			}
		} while (ch == ERR && !stop_signal && !redraw);
		if (stop_signal)
			break;
		if (ch == ERR)
			continue;
		if (ch == KEY_MOUSE) {
			MEVENT me;

			if (getmouse(&me) == OK && app->click)
				app->click(app->ctx, me.x, me.y);
			continue;
		}
		if (!app->key(app->ctx, translate(ch)))
			break;
		if (ch == KEY_RESIZE || (app->repaint && app->repaint(app->ctx)))
			clear();
	}
	grid_free(g);
	restore();
	return 0;
}
