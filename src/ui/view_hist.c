#include "ui/view_hist.h"
#include "model/hist.h"
#include "render/hist_text.h"
#include "ui/view.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TABLES 8

struct hist_pane {
	struct hist *tables[MAX_TABLES];
	char *texts[MAX_TABLES];
	int nr, cur;
	int first;		/* first entry shown */
	bool paused;
	uint64_t from, to;	/* the range computed over */
};

static void range(struct view *v, uint64_t *from, uint64_t *to)
{
	*from = 0;
	*to = UINT64_MAX;
	if (v->tl.has_a && v->tl.has_b && v->tl.a != v->tl.b) {
		*from = v->tl.a < v->tl.b ? v->tl.a : v->tl.b;
		*to = (v->tl.a < v->tl.b ? v->tl.b : v->tl.a) + 1;
	}
}

static void compute(struct view *v, struct hist_pane *p, int i)
{
	hist_clear(p->tables[i]);
	hist_fill(p->tables[i], v->ss->store, &v->ss->src, p->from, p->to);
}

bool hist_pane_add(struct view *v, const char *text, char *err, size_t errlen)
{
	struct hist_pane *p = v->hist;
	char event[128];
	const char *spec = text;
	struct hist *h;

	while (*spec == ' ')
		spec++;
	if (sscanf(spec, "%127s", event) != 1 || !strchr(spec, ' ')) {
		snprintf(err, errlen, "type EVENT SPEC, e.g. sched:sched_switch keys=next_comm");
		return false;
	}
	spec = strchr(spec, ' ') + 1;
	h = hist_new(v->ss->tep, event, spec, err, errlen);
	if (!h)
		return false;
	if (!p) {
		p = calloc(1, sizeof(*p));
		if (!p) {
			hist_free(h);
			snprintf(err, errlen, "out of memory");
			return false;
		}
		v->hist = p;
	}
	if (p->nr == MAX_TABLES) {
		hist_free(p->tables[0]);
		memmove(p->tables, p->tables + 1, (MAX_TABLES - 1) * sizeof(p->tables[0]));
		p->nr--;
	}
	range(v, &p->from, &p->to);
	p->tables[p->nr] = h;
	p->cur = p->nr++;
	p->first = 0;
	compute(v, p, p->cur);
	return true;
}

void hist_pane_close(struct view *v)
{
	struct hist_pane *p = v->hist;

	if (!p)
		return;
	for (int i = 0; i < p->nr; i++)
		hist_free(p->tables[i]);
	free(p);
	v->hist = NULL;
}

void hist_pane_refresh(struct view *v)
{
	struct hist_pane *p = v->hist;

	if (!p || p->paused)
		return;
	for (int i = 0; i < p->nr; i++)
		compute(v, p, i);
}

bool hist_pane_key(struct view *v, int key)
{
	struct hist_pane *p = v->hist;

	switch (key) {
	case K_UP: case 'k': p->first--; break;
	case K_DOWN: case 'j': p->first++; break;
	case K_PGUP: p->first -= 10; break;
	case K_PGDN: case ' ': p->first += 10; break;
	case 'g': p->first = 0; break;
	case K_TAB: p->cur = (p->cur + 1) % p->nr; p->first = 0; break;
	case 'p': p->paused = true; p->tables[p->cur]->paused = true; break;
	case 'c': p->paused = false; p->tables[p->cur]->paused = false; hist_pane_refresh(v); break;
	case 'x':	/* clear: count from now on (live), or from the range start */
		p->from = v->last_ts;
		hist_pane_refresh(v);
		break;
	case 'd':	/* drop this table */
		hist_free(p->tables[p->cur]);
		memmove(p->tables + p->cur, p->tables + p->cur + 1, (size_t)(p->nr - p->cur - 1) * sizeof(p->tables[0]));
		if (--p->nr == 0) {
			hist_pane_close(v);
			return false;
		}
		p->cur %= p->nr;
		break;
	case K_ESC: case 'q': case K_BACKSPACE:
		hist_pane_close(v);
		return false;
	default:
		break;
	}
	if (p->first < 0)
		p->first = 0;
	return true;
}

static uint64_t sort_value(const struct hist *h, const struct hist_entry *e)
{
	int f = h->sort[0].field;

	return h->sort[0].val ? e->val[f] : (h->keys[f].is_string ? e->val[0] : e->key[f]);
}

void hist_pane_draw(struct view *v, struct grid *g, int y, int rows)
{
	struct hist_pane *p = v->hist;
	struct hist *h = p->tables[p->cur];
	struct hist_entry **list;
	size_t nr;
	uint64_t max = 1;
	char line[2048], trigger[1024];
	int row = 0, bar_w = g->w / 4;

	hist_trigger_text(h, trigger, sizeof(trigger));
	snprintf(line, sizeof(line), "hist %d/%d %s:%s %s%s  (Tab next, d drop, p pause, c continue, x clear, Esc)",
		 p->cur + 1, p->nr, h->event->system, h->event->name, trigger, p->paused ? " [paused]" : "");
	grid_fill(g, 0, y, g->w, " ", ROLE_TITLE);
	grid_text(g, 0, y, g->w, line, ROLE_TITLE);
	list = hist_sorted(h, &nr);
	if (!list)
		return;
	for (size_t i = 0; i < nr; i++)
		if (sort_value(h, list[i]) > max)
			max = sort_value(h, list[i]);
	if ((size_t)p->first >= nr)
		p->first = nr ? (int)nr - 1 : 0;
	for (size_t i = (size_t)p->first; i < nr && row < rows - 2; i++, row++) {
		int bar = (int)((sort_value(h, list[i]) * (uint64_t)bar_w + max - 1) / max);

		grid_fill(g, 0, y + 1 + row, bar, g->ascii ? "#" : "▇", ROLE_BUSY);
		hist_entry_text(h, list[i], line, sizeof(line));
		grid_text(g, bar_w + 1, y + 1 + row, g->w - bar_w - 1, line, ROLE_NORMAL);
	}
	snprintf(line, sizeof(line), "Totals: Hits %llu  Entries %zu  Dropped %llu", (unsigned long long)h->hits, nr,
		 (unsigned long long)h->dropped);
	grid_text(g, 0, y + rows - 1, g->w, line, ROLE_TITLE);
	free(list);
}

/* The last word of buf, and what it completes against. */
int hist_complete(struct view *v, char *buf, size_t len)
{
	struct tep_handle *tep = v->ss->tep;
	char *word = strrchr(buf, ' ');
	const char *match = NULL;
	size_t wl;
	int n = 0;

	word = word ? word + 1 : buf;
	if (word == buf) {
		/* an event: "system:event" */
		wl = strlen(word);
		for (int i = 0; i < tep_get_events_count(tep); i++) {
			struct tep_event *ev = tep_get_event(tep, i);
			char full[256];

			snprintf(full, sizeof(full), "%s:%s", ev->system, ev->name);
			if (!strncmp(full, word, wl) || !strncmp(ev->name, word, wl)) {
				match = !strncmp(full, word, wl) ? strdup(full) : strdup(ev->name);
				n++;
				if (n > 1)
					break;
			}
		}
	} else {
		/* a field of the event named first, after '=' or ',' */
		char event[128];
		struct tep_event *ev = NULL;
		const char *colon;
		char *start = word;

		if (sscanf(buf, "%127s", event) == 1 && (colon = strchr(event, ':')))
			ev = tep_find_event_by_name(tep, (*(char *)colon = '\0', event), colon + 1);
		for (char *c = word; *c; c++)
			if (*c == '=' || *c == ',')
				start = c + 1;
		wl = strlen(start);
		for (struct tep_format_field *f = ev ? ev->format.fields : NULL; f; f = f->next)
			if (!strncmp(f->name, start, wl)) {
				match = strdup(f->name);
				n++;
				if (n > 1)
					break;
			}
		word = start;
	}
	if (n == 1 && match && strlen(buf) - strlen(word) + strlen(match) < len) {
		size_t before = strlen(buf);

		strcpy(word, match);
		free((void *)match);
		return (int)(strlen(buf) - before);
	}
	free((void *)match);
	return 0;
}
