#include "render/grid.h"

#include <stdlib.h>
#include <string.h>

struct grid *grid_new(int w, int h, bool ascii)
{
	struct grid *g = calloc(1, sizeof(*g));

	if (!g)
		return NULL;
	g->w = w > 0 ? w : 1;
	g->h = h > 0 ? h : 1;
	g->ascii = ascii;
	g->colours = 256;
	g->cells = calloc((size_t)g->w * (size_t)g->h, sizeof(*g->cells));
	if (!g->cells) {
		free(g);
		return NULL;
	}
	grid_clear(g);
	return g;
}

void grid_free(struct grid *g)
{
	if (!g)
		return;
	free(g->cells);
	free(g);
}

void grid_clear(struct grid *g)
{
	for (int i = 0; i < g->w * g->h; i++) {
		g->cells[i].glyph[0] = ' ';
		g->cells[i].glyph[1] = '\0';
		g->cells[i].role = ROLE_NORMAL;
		g->cells[i].flags = 0;
	}
}

struct cell *grid_at(struct grid *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->w || y >= g->h)
		return NULL;
	return &g->cells[y * g->w + x];
}

void grid_put(struct grid *g, int x, int y, const char *glyph, enum role role)
{
	struct cell *c = grid_at(g, x, y);
	size_t n = strlen(glyph);

	if (!c)
		return;
	if (n >= GLYPH_MAX || n == 0)
		glyph = "?", n = 1;
	memcpy(c->glyph, glyph, n + 1);
	c->role = (unsigned char)role;
	c->flags = 0;
}

/* Length of the UTF-8 character starting at s (1 for invalid bytes). */
static int utf8_len(const unsigned char *s)
{
	int n = *s < 0x80 ? 1 : (*s & 0xe0) == 0xc0 ? 2 : (*s & 0xf0) == 0xe0 ? 3 : (*s & 0xf8) == 0xf0 ? 4 : 1;

	for (int i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

int grid_text(struct grid *g, int x, int y, int max_w, const char *text, enum role role)
{
	const unsigned char *s = (const unsigned char *)text;
	int used = 0;

	while (*s && used < max_w && x + used < g->w) {
		int n = utf8_len(s);
		char glyph[GLYPH_MAX];

		if (n == 1 && (*s < 0x20 || *s >= 0x7f)) {
			glyph[0] = *s == '\t' ? ' ' : '?';
			glyph[1] = '\0';
		} else {
			memcpy(glyph, s, n);
			glyph[n] = '\0';
		}
		grid_put(g, x + used, y, glyph, role);
		s += n;
		used++;
	}
	return used;
}

int grid_label(struct grid *g, int x, int y, int max_w, const char *text, enum role role)
{
	int n = grid_text(g, x, y, max_w, text, role);

	for (int i = 0; i < n; i++)
		grid_at(g, x + i, y)->flags |= CELL_INVERSE;
	return n;
}

void grid_role(struct grid *g, int x, int y, int n, enum role role)
{
	for (int i = 0; i < n; i++) {
		struct cell *c = grid_at(g, x + i, y);

		if (c)
			c->role = (unsigned char)role;
	}
}

void grid_fill(struct grid *g, int x, int y, int n, const char *glyph, enum role role)
{
	for (int i = 0; i < n; i++)
		grid_put(g, x + i, y, glyph, role);
}

char *grid_to_text(const struct grid *g)
{
	size_t cap = (size_t)g->w * (size_t)g->h * GLYPH_MAX + (size_t)g->h + 1;
	char *out = malloc(cap), *p = out;

	if (!out)
		return NULL;
	for (int y = 0; y < g->h; y++) {
		char *line = p, *last = p;

		for (int x = 0; x < g->w; x++) {
			const char *gl = g->cells[y * g->w + x].glyph;
			size_t n = strlen(gl);

			memcpy(p, gl, n);
			p += n;
			if (strcmp(gl, " "))
				last = p;
		}
		p = last > line ? last : line;
		*p++ = '\n';
	}
	*p = '\0';
	return out;
}

enum role role_for_pid(int pid)
{
	if (pid == 0)
		return ROLE_DIM;
	return (enum role)(ROLE_TASK0 + (unsigned)pid * 2654435761U % 8);
}
