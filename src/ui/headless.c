#include "ui/headless.h"
#include "ui/view.h"

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
static void draw_timed(struct view *v, struct grid *g, struct frame_stats *fs)
{
	double t = now_ms(), ms;

	view_draw(v, g);
	ms = now_ms() - t;
	fs->frames++;
	fs->total_ms += ms;
	if (ms > fs->max_ms)
		fs->max_ms = ms;
}

static void dump(struct view *v, struct grid *g, FILE *out, int n)
{
	char *text;

	view_draw(v, g);
	text = grid_to_text(g);
	fprintf(out, "=== screen %d (%dx%d) ===\n%s", n, g->w, g->h, text ? text : "");
	free(text);
}

int headless_run(struct view *v, int w, int h, const char *script, FILE *out, char *err, size_t errlen)
{
	struct grid *g = grid_new(w, h, v->ascii);
	char *copy = strdup(script), *save = NULL, *tok;
	int dumps = 0, ret = 0;
	struct frame_stats fs = { 0 };

	if (!g || !copy) {
		grid_free(g);
		free(copy);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	view_resize(v, w, h);
	view_draw(v, g);
	for (tok = strtok_r(copy, " \t\n", &save); tok && !v->quit; tok = strtok_r(NULL, " \t\n", &save)) {
		int key;

		if (!strcmp(tok, "!dump")) {
			dump(v, g, out, ++dumps);
			continue;
		}
		if (!strcmp(tok, "!stats")) {	/* frame times so far, for benchmarks */
			fprintf(out, "frames %d, mean %.3f ms, max %.3f ms\n", fs.frames,
				fs.frames ? fs.total_ms / fs.frames : 0.0, fs.max_ms);
			continue;
		}
		if (!strncmp(tok, "!click=", 7)) {	/* !click=X,Y: a mouse click */
			int cx, cy;

			if (sscanf(tok + 7, "%d,%d", &cx, &cy) == 2) {
				view_click(v, cx, cy);
				draw_timed(v, g, &fs);
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
			g = grid_new(nw, nh, v->ascii);
			if (!g)
				break;
			view_resize(v, nw, nh);
			continue;
		}
		if (tok[0] == '=') {
			for (const char *p = tok + 1; *p; p++)
				view_key(v, (unsigned char)*p);
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
		view_key(v, key);
		draw_timed(v, g, &fs);
	}
	grid_free(g);
	free(copy);
	return ret;
}
