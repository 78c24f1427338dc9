#include "ui/headless.h"
#include "ui/view.h"

#include <stdlib.h>
#include <string.h>

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
		view_draw(v, g);	/* as the terminal would after each key */
	}
	grid_free(g);
	free(copy);
	return ret;
}
