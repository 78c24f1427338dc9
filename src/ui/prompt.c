#include "ui/prompt.h"
#include "render/grid.h"
#include "ui/keymap.h"

#include <stdio.h>
#include <string.h>

void prompt_open(struct prompt *p, const struct prompt_def *def, void *arg)
{
	p->def = def;
	p->arg = arg;
	p->len = 0;
	p->buf[0] = '\0';
	p->error[0] = '\0';
}

bool prompt_is_open(const struct prompt *p)
{
	return p->def != NULL;
}

static void enter(struct prompt *p)
{
	const struct prompt_def *def = p->def;
	char text[PROMPT_MAX];

	if (def->validate && def->validate(p->arg, p->buf, p->error, sizeof(p->error))) {
		if (!p->error[0])
			snprintf(p->error, sizeof(p->error), "not accepted");
		return;
	}
	memcpy(text, p->buf, sizeof(text));
	p->def = NULL;
	if (def->done)
		def->done(p->arg, text);
}

static bool edit(struct prompt *p, int key)
{
	if (key == K_BACKSPACE || key == 8) {
		if (!p->len)
			return false;
		p->buf[--p->len] = '\0';
		return true;
	}
	if (key == K_TAB) {
		int n = p->def->complete ? p->def->complete(p->arg, p->buf, sizeof(p->buf)) : 0;

		p->len = (int)strlen(p->buf);
		return n > 0;
	}
	/* bytes of UTF-8 arrive one at a time, as keys 128-255 */
	if (key >= 32 && key < 256 && key != K_BACKSPACE && p->len < PROMPT_MAX - 1) {
		p->buf[p->len++] = (char)key;
		p->buf[p->len] = '\0';
		return true;
	}
	return false;
}

void prompt_key(struct prompt *p, int key)
{
	const struct prompt_def *def = p->def;

	if (!def)
		return;
	if (key == K_ESC || key == K_CTRL_C) {
		p->def = NULL;
		if (def->cancelled)
			def->cancelled(p->arg);
		return;
	}
	if (key == K_ENTER || key == '\n') {
		enter(p);
		return;
	}
	if (edit(p, key)) {
		p->error[0] = '\0';
		if (def->changed)
			def->changed(p->arg, p->buf);
	}
}

void prompt_draw(const struct prompt *p, struct grid *g, int y)
{
	char buf[PROMPT_MAX + 128];
	int n;

	if (!p->def)
		return;
	n = snprintf(buf, sizeof(buf), "%s%s_", p->def->label, p->buf);
	grid_fill(g, 0, y, g->w, " ", ROLE_STATUS);
	grid_text(g, 0, y, g->w, buf, ROLE_STATUS);
	if (p->error[0] && n + 2 < g->w)
		grid_text(g, n + 2, y, g->w - n - 2, p->error, ROLE_ERROR);
}
