#include "ui/headless.h"
#include "ui/app.h"
#include "ui/keymap.h"
#include "render/grid.h"

#include <poll.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct frame_stats {
	int frames;
	double total_ms, max_ms;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Draw a frame, as the terminal would after each key, and time it. */
static void draw_timed(const struct app *app, struct grid *g, struct frame_stats *fs)
{
	double t = now_ms(), ms;

	app->draw(app->ctx, g);
	ms = now_ms() - t;
	fs->frames++;
	fs->total_ms += ms;
	if (ms > fs->max_ms)
		fs->max_ms = ms;
}

/* No terminal to ask: 256 colours unless told otherwise. */
static int headless_colours(const struct app *app)
{
	return app->colours < 0 ? 0 : app->colours ? app->colours : 256;
}

static void dump(const struct app *app, struct grid *g, FILE *out, int n)
{
	char *text;

	app->draw(app->ctx, g);
	text = grid_to_text(g);
	fprintf(out, "=== screen %d (%dx%d) ===\n%s", n, g->w, g->h, text ? text : "");
	free(text);
}

/* Let the app's clock run for seconds, drawing when it asks to, as the
 * terminal loop would. */
static void run_ticks(const struct app *app, struct grid *g, double seconds)
{
	double end = now_ms() + seconds * 1000;

	while (app->tick && now_ms() < end) {
		if (app->tick(app->ctx))
			app->draw(app->ctx, g);
		poll(NULL, 0, app->tick_ms > 0 ? app->tick_ms : 100);
	}
}

/* The app's work in progress after a key, as the terminal runs it while no
 * key is waiting: up to budget slices (< 0: until done). */
static void run_work(const struct app *app, struct grid *g, long budget)
{
	while (budget-- != 0 && app->busy && app->busy(app->ctx)) {
		app->work(app->ctx);
		app->draw(app->ctx, g);
	}
}

int headless_run(const struct app *app, int w, int h, const char *script, FILE *out, char *err, size_t errlen)
{
	long budget = -1;	/* !work=N: slices of work after each key */
	struct grid *g = grid_new(w, h, app->ascii);
	bool quit = false;
	char *copy = strdup(script), *save = NULL, *tok;
	int dumps = 0, ret = 0;
	struct frame_stats fs = { 0 };

	if (!g || !copy) {
		grid_free(g);
		free(copy);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	g->colours = headless_colours(app);
	app->resize(app->ctx, w, h);
	app->draw(app->ctx, g);
	for (tok = strtok_r(copy, " \t\n", &save); tok && !quit; tok = strtok_r(NULL, " \t\n", &save)) {
		int key;

		if (!strcmp(tok, "!dump")) {
			dump(app, g, out, ++dumps);
			continue;
		}
		if (!strcmp(tok, "!stats")) {	/* frame times since the last !stats, for benchmarks */
			fprintf(out, "frames %d, mean %.3f ms, max %.3f ms\n", fs.frames,
				fs.frames ? fs.total_ms / fs.frames : 0.0, fs.max_ms);
			fs = (struct frame_stats){ 0 };
			continue;
		}
		if (!strncmp(tok, "!click=", 7)) {	/* !click=X,Y: a mouse click */
			int cx, cy;

			if (sscanf(tok + 7, "%d,%d", &cx, &cy) == 2) {
				if (app->click)
					app->click(app->ctx, cx, cy);
				draw_timed(app, g, &fs);
				continue;
			}
		}
		if (!strncmp(tok, "!resize=", 8)) {
			int nw, nh;

			if (sscanf(tok + 8, "%dx%d", &nw, &nh) != 2 || nw < 1 || nh < 1 || nw > 1000 || nh > 1000) {
				snprintf(err, errlen, "bad key script token \"%s\"", tok);
				ret = -1;
				break;
			}
			grid_free(g);
			g = grid_new(nw, nh, app->ascii);
			if (!g)
				break;
			g->colours = headless_colours(app);
			app->resize(app->ctx, nw, nh);
			continue;
		}
		if (!strncmp(tok, "!work=", 6)) {	/* !work=N: N slices after each key (-1: all) */
			budget = atol(tok + 6);
			continue;
		}
		if (!strncmp(tok, "!sleep=", 7)) {
			run_ticks(app, g, atof(tok + 7));
			continue;
		}
		if (tok[0] == '=') {
			for (const char *p = tok + 1; *p && !quit; p++) {
				quit = !app->key(app->ctx, (unsigned char)*p);
				run_work(app, g, budget);
			}
			continue;
		}
		if (tok[0] == '<' && tok[strlen(tok) - 1] == '>') {
			tok[strlen(tok) - 1] = '\0';
			key = keycode_parse(tok + 1);
		} else {
			key = tok[1] ? -1 : (unsigned char)tok[0];
		}
		if (key < 0) {
			snprintf(err, errlen, "bad key script token \"%s\"", tok);
			ret = -1;
			break;
		}
		quit = !app->key(app->ctx, key);
		draw_timed(app, g, &fs);
		run_work(app, g, budget);
	}
	grid_free(g);
	free(copy);
	return ret;
}

char *headless_read_script(const char *arg)
{
	FILE *f;
	char *buf;
	long n;

	if (arg[0] != '@')
		return strdup(arg);
	f = fopen(arg + 1, "r");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = n >= 0 ? calloc(1, (size_t)n + 1) : NULL;
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

