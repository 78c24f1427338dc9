#include "ui/pane.h"
#include "ui/keymap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pane *pane_new(const struct pane_class *cls, struct pane_host *host, void *state)
{
	struct pane *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->cls = cls;
	p->host = host;
	p->state = state;
	p->keys = keymap_table(host->keys, cls->keys);
	return p;
}

void pane_free(struct pane *p)
{
	if (!p)
		return;
	if (p->cls->close)
		p->cls->close(p);
	free(p);
}

enum pane_result pane_key(struct pane *p, int key)
{
	int a = keytable_lookup(p->keys, key);

	return a ? p->cls->action(p, a, key) : PANE_UNHANDLED;
}

void pane_host_message(struct pane_host *h, bool error, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h->ops->message(h->ctx, error, buf);
}

bool pane_host_push(struct pane_host *h, struct pane *p)
{
	return h->ops->push(h->ctx, p);
}

bool pane_stack_push(struct pane_stack *s, struct pane *p)
{
	if (s->n == PANE_STACK_MAX) {
		pane_free(p);
		return false;
	}
	s->p[s->n++] = p;
	return true;
}

struct pane *pane_stack_top(const struct pane_stack *s)
{
	return s->n ? s->p[s->n - 1] : NULL;
}

void pane_stack_pop(struct pane_stack *s)
{
	if (s->n)
		pane_free(s->p[--s->n]);
}

void pane_stack_remove(struct pane_stack *s, struct pane *p)
{
	for (int i = s->n - 1; i >= 0; i--) {
		if (s->p[i] != p)
			continue;
		memmove(s->p + i, s->p + i + 1, (size_t)(s->n - i - 1) * sizeof(s->p[0]));
		s->n--;
		pane_free(p);
		return;
	}
}

void pane_stack_refresh(struct pane_stack *s)
{
	for (int i = 0; i < s->n; i++)
		if (s->p[i]->cls->refresh)
			s->p[i]->cls->refresh(s->p[i]);
}

void pane_stack_clear(struct pane_stack *s)
{
	while (s->n)
		pane_stack_pop(s);
}
