#include "ui/view_hist.h"
#include "model/hist.h"
#include "model/hist_check.h"
#include "render/hist_text.h"
#include "model/session.h"
#include "render/grid.h"
#include "ui/keymap.h"
#include "ui/pane.h"
#include "ui/prompt.h"

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

enum hist_action {
	HA_UP = 1, HA_DOWN, HA_PAGE_UP, HA_PAGE_DOWN, HA_FIRST, HA_NEXT, HA_PAUSE, HA_CONTINUE, HA_CLEAR, HA_DROP,
	HA_ADD, HA_CLOSE,
};

static const struct action_info actions[] = {
	{ HA_UP, "up", "scroll up a line" },
	{ HA_DOWN, "down", "scroll down a line" },
	{ HA_PAGE_UP, "page-up", "scroll up ten lines" },
	{ HA_PAGE_DOWN, "page-down", "scroll down ten lines" },
	{ HA_FIRST, "first", "the first entry" },
	{ HA_NEXT, "next-table", "the next table" },
	{ HA_PAUSE, "pause", "stop updating this table (live)" },
	{ HA_CONTINUE, "continue", "update the table again" },
	{ HA_CLEAR, "clear", "count from now on (live), or from the range start" },
	{ HA_DROP, "drop", "drop this table" },
	{ HA_ADD, "add", "add a table: EVENT keys=...[:vals=..][:sort=..] [if FILTER]" },
	{ HA_CLOSE, "close", "close the pane" },
};

static const struct key_binding defaults[] = {
	{ K_UP, HA_UP }, { 'k', HA_UP }, { K_DOWN, HA_DOWN }, { 'j', HA_DOWN },
	{ K_PGUP, HA_PAGE_UP }, { K_PGDN, HA_PAGE_DOWN }, { ' ', HA_PAGE_DOWN }, { 'g', HA_FIRST },
	{ K_TAB, HA_NEXT }, { 'p', HA_PAUSE }, { 'c', HA_CONTINUE }, { 'x', HA_CLEAR }, { 'd', HA_DROP },
	{ 'H', HA_ADD }, { K_ESC, HA_CLOSE }, { 'q', HA_CLOSE }, { K_BACKSPACE, HA_CLOSE },
};

const struct keymap_def hist_keymap = {
	"hist", "hist table keys", actions, sizeof(actions) / sizeof(actions[0]), defaults,
	sizeof(defaults) / sizeof(defaults[0]),
};

static void compute(struct session *ss, struct hist_pane *p, int i)
{
	hist_clear(p->tables[i]);
	hist_fill(p->tables[i], ss->store, &ss->src, p->from, p->to);
}

static void hist_close(struct pane *pn)
{
	struct hist_pane *p = pn->state;

	for (int i = 0; i < p->nr; i++)
		hist_free(p->tables[i]);
	free(p);
}

static void hist_refresh(struct pane *pn)
{
	struct hist_pane *p = pn->state;

	if (p->paused)
		return;
	for (int i = 0; i < p->nr; i++)
		compute(pn->host->ss, p, i);
}

static void add_table(struct pane *pn, struct hist *h)
{
	struct hist_pane *p = pn->state;

	if (p->nr == MAX_TABLES) {
		hist_free(p->tables[0]);
		memmove(p->tables, p->tables + 1, (MAX_TABLES - 1) * sizeof(p->tables[0]));
		p->nr--;
	}
	p->from = 0;
	p->to = UINT64_MAX;
	pn->host->ops->range(pn->host->ctx, &p->from, &p->to);
	p->tables[p->nr] = h;
	p->cur = p->nr++;
	p->first = 0;
	compute(pn->host->ss, p, p->cur);
}

static enum pane_result drop(struct pane *pn)
{
	struct hist_pane *p = pn->state;

	hist_free(p->tables[p->cur]);
	memmove(p->tables + p->cur, p->tables + p->cur + 1, (size_t)(p->nr - p->cur - 1) * sizeof(p->tables[0]));
	if (--p->nr == 0)
		return PANE_CLOSE;
	p->cur %= p->nr;
	return PANE_REDRAW;
}

static enum pane_result hist_action(struct pane *pn, int a, int key)
{
	struct hist_pane *p = pn->state;

	switch (a) {
	case HA_UP: p->first--; break;
	case HA_DOWN: p->first++; break;
	case HA_PAGE_UP: p->first -= 10; break;
	case HA_PAGE_DOWN: p->first += 10; break;
	case HA_FIRST: p->first = 0; break;
	case HA_NEXT: p->cur = (p->cur + 1) % p->nr; p->first = 0; break;
	case HA_PAUSE: p->paused = true; p->tables[p->cur]->paused = true; break;
	case HA_CONTINUE: p->paused = false; p->tables[p->cur]->paused = false; hist_refresh(pn); break;
	case HA_CLEAR:	/* count from now on (live), or from the range start */
		p->from = pn->host->ops->last_ts(pn->host->ctx);
		hist_refresh(pn);
		break;
	case HA_DROP: return drop(pn);
	case HA_ADD: hist_pane_ask(pn->host); break;
	case HA_CLOSE: return PANE_CLOSE;
	default: return PANE_UNHANDLED;
	}
	if (p->first < 0)
		p->first = 0;
	return PANE_REDRAW;
}

static void hist_draw(struct pane *pn, struct grid *g, int y, int rows);

static const struct pane_class hist_class = {
	.name = "hist", .keys = &hist_keymap, .action = hist_action, .draw = hist_draw, .refresh = hist_refresh,
	.close = hist_close,
};

/* "EVENT SPEC" to a table; NULL with a message in err. */
static struct hist *parse_table(struct pane_host *host, const char *text, char *err, size_t errlen)
{
	const char *spec = text;
	char event[128];

	while (*spec == ' ')
		spec++;
	if (sscanf(spec, "%127s", event) != 1 || !strchr(spec, ' ')) {
		snprintf(err, errlen, "type EVENT SPEC, e.g. sched:sched_switch keys=next_comm");
		return NULL;
	}
	spec = strchr(spec, ' ') + 1;
	return hist_new(host->ss->tep, event, spec, err, errlen);
}

static void ask_done(void *arg, const char *text)
{
	struct pane_host *host = arg;
	struct pane *top = host->ops->top(host->ctx);
	struct hist_pane *p;
	struct hist *h;
	char err[512];

	if (!*text)
		return;
	h = parse_table(host, text, err, sizeof(err));
	if (!h) {
		pane_host_message(host, true, "%s", err);
		return;
	}
	if (top && top->cls == &hist_class) {
		add_table(top, h);
		return;
	}
	p = calloc(1, sizeof(*p));
	top = p ? pane_new(&hist_class, host, p) : NULL;
	if (!top) {
		free(p);
		hist_free(h);
		pane_host_message(host, true, "out of memory");
		return;
	}
	add_table(top, h);
	pane_host_push(host, top);
}

/* hist_new's messages about the trace (no such event, field, sort key)
 * carry no column: the column of the name they quote, or, for its " if "
 * filter (checked as "SYSTEM/EVENT:FILTER"), the column in text. */
static void locate_error(const char *text, char *err, size_t errlen)
{
	const char *cond = strstr(text, " if "), *q, *name;
	char msg[256], quoted[128];
	size_t col = 1, prefix;

	if (!strncmp(err, "column ", 7))
		return;
	snprintf(msg, sizeof(msg), "%s", err);
	if (cond && sscanf(msg, "bad filter \"%127[^:\"]:", quoted) == 1 && (q = strstr(msg, "\": column "))) {
		prefix = strlen(quoted) + 1;
		if (sscanf(q + 10, "%zu", &col) == 1 && col > prefix)
			col = col - prefix + (size_t)(cond + 4 - text);
		else
			col = (size_t)(cond + 4 - text) + 1;
		q = strchr(q + 10, ':');
		snprintf(err, errlen, "column %zu:%s", col, q ? q + 1 : "");
		return;
	}
	if ((q = strchr(msg, '"')) && sscanf(q + 1, "%127[^\"]", quoted) == 1 && (name = strstr(text, quoted)))
		col = (size_t)(name - text) + 1;
	snprintf(err, errlen, "column %zu: %s", col, msg);
}

/* The syntax first (columns), then the event and its fields, building the
 * table once to see that it can be. */
static int ask_check(void *arg, const char *text, char *err, size_t errlen)
{
	struct hist *h;

	if (!*text)
		return 0;
	if (!hist_prompt_check(text, err, errlen))
		return -1;
	h = parse_table(arg, text, err, errlen);
	if (!h) {
		locate_error(text, err, errlen);
		return -1;
	}
	hist_free(h);
	return 0;
}

static int hist_complete(void *arg, char *buf, size_t len);

static const struct prompt_def ask_prompt = {
	.label = "hist (EVENT keys=...; Tab completes): ", .validate = ask_check, .done = ask_done,
	.complete = hist_complete,
};

void hist_pane_ask(struct pane_host *h)
{
	h->ops->prompt(h->ctx, &ask_prompt, h);
}

static uint64_t sort_value(const struct hist *h, const struct hist_entry *e)
{
	int f = h->sort[0].field;

	return h->sort[0].val ? e->val[f] : (h->keys[f].is_string ? e->val[0] : e->key[f]);
}

static void hist_draw(struct pane *pn, struct grid *g, int y, int rows)
{
	struct hist_pane *p = pn->state;
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
static int hist_complete(void *arg, char *buf, size_t len)
{
	struct pane_host *host = arg;
	struct tep_handle *tep = host->ss->tep;
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
				free((void *)match);	/* only a single match is used */
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
				free((void *)match);
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
