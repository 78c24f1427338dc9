#include "ui/prompt.h"
#include "model/filter_check.h"
#include "render/grid.h"
#include "ui/keymap.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int prompt_reject(char *err, size_t errlen, size_t column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	filter_check_error(err, errlen, column, fmt, ap);
	va_end(ap);
	return -1;
}

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

/* The label, the text and the cursor; with an error, the error after them.
 * When all that does not fit, the label shrinks to its first word, then the
 * text shows only its end (where the cursor is; a third of the line when
 * the error is long, at least 8 bytes), cut on the left with "<"; what is
 * left of the line is the error's. */
void prompt_draw(const struct prompt *p, struct grid *g, int y)
{
	char buf[PROMPT_MAX + 128], label[64];
	const char *text = p->buf;
	int n, elen, room;

	if (!p->def)
		return;
	grid_fill(g, 0, y, g->w, " ", ROLE_STATUS);
	snprintf(label, sizeof(label), "%s", p->def->label);
	elen = p->error[0] ? (int)strlen(p->error) + 2 : 0;
	if (elen && (int)strlen(label) + p->len + 1 + elen > g->w) {
		size_t word = strcspn(label, " :");

		if (word + 2 < strlen(label))
			snprintf(label + word, sizeof(label) - word, ": ");
		room = g->w - (int)strlen(label) - 1 - (elen < g->w * 2 / 3 ? elen : g->w * 2 / 3);
		if (room < 8)
			room = 8;
		if (p->len > room) {
			text = p->buf + p->len - (room - 1);
			while (*text && ((unsigned char)*text & 0xc0) == 0x80)	/* not inside a UTF-8 character */
				text++;
		}
	}
	snprintf(buf, sizeof(buf), "%s%s%s_", label, text == p->buf ? "" : "<", text);
	n = grid_text(g, 0, y, g->w, buf, ROLE_STATUS);	/* cells, not bytes */
	if (p->error[0] && n + 2 < g->w)
		grid_text(g, n + 2, y, g->w - n - 2, p->error, ROLE_ERROR);
}
