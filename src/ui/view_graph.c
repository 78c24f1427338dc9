#include "ui/view_graph.h"
#include "model/fgraph.h"
#include "model/session.h"
#include "render/grid.h"
#include "render/graph.h"
#include "ui/keymap.h"
#include "ui/pane.h"
#include "ui/prompt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct graph_pane {
	struct fgraph *g;
	struct graph_view gv;
	int h;			/* rows at the last draw */
	bool sorted;
};

enum graph_action {
	GA_DOWN = 1, GA_UP, GA_PAGE_DOWN, GA_PAGE_UP, GA_FIRST, GA_LAST, GA_FOLD, GA_FOLD_ALL, GA_UNFOLD_ALL,
	GA_DEPTH, GA_PARENT, GA_NEXT_SIBLING, GA_PREV_SIBLING, GA_SLOWEST, GA_NEXT_SLOW, GA_SORT, GA_TASK,
	GA_FUNCTION, GA_CLOSE,
};

static const struct action_info actions[] = {
	{ GA_DOWN, "down", "next line" },
	{ GA_UP, "up", "previous line" },
	{ GA_PAGE_DOWN, "page-down", "a page on" },
	{ GA_PAGE_UP, "page-up", "a page back" },
	{ GA_FIRST, "first", "the first call" },
	{ GA_LAST, "last", "the last call" },
	{ GA_FOLD, "fold", "fold or unfold the selected call" },
	{ GA_FOLD_ALL, "fold-all", "fold every call" },
	{ GA_UNFOLD_ALL, "unfold-all", "unfold every call" },
	{ GA_DEPTH, "depth", "show calls down to that depth (1-9)" },
	{ GA_PARENT, "parent", "the caller of the selected call" },
	{ GA_NEXT_SIBLING, "next-sibling", "the next call of the same caller" },
	{ GA_PREV_SIBLING, "prev-sibling", "the previous call of the same caller" },
	{ GA_SLOWEST, "slowest-child", "the slowest call the selected one makes" },
	{ GA_NEXT_SLOW, "next-slow", "the next call over 1 ms" },
	{ GA_SORT, "sort", "sort calls by duration, or back to time order" },
	{ GA_TASK, "task", "only the selected call's task, or all again" },
	{ GA_FUNCTION, "function", "only the calls of a function (empty: all)" },
	{ GA_CLOSE, "close", "close the pane" },
};

static const struct key_binding defaults[] = {
	{ K_DOWN, GA_DOWN }, { 'j', GA_DOWN }, { K_UP, GA_UP }, { 'k', GA_UP },
	{ K_PGDN, GA_PAGE_DOWN }, { ' ', GA_PAGE_DOWN }, { K_PGUP, GA_PAGE_UP },
	{ 'g', GA_FIRST }, { K_HOME, GA_FIRST }, { 'G', GA_LAST }, { K_END, GA_LAST },
	{ K_ENTER, GA_FOLD }, { 'c', GA_FOLD_ALL }, { 'e', GA_UNFOLD_ALL },
	{ '1', GA_DEPTH }, { '2', GA_DEPTH }, { '3', GA_DEPTH }, { '4', GA_DEPTH }, { '5', GA_DEPTH },
	{ '6', GA_DEPTH }, { '7', GA_DEPTH }, { '8', GA_DEPTH }, { '9', GA_DEPTH },
	{ 'u', GA_PARENT }, { K_LEFT, GA_PARENT }, { 'h', GA_PARENT },
	{ 'n', GA_NEXT_SIBLING }, { 'p', GA_PREV_SIBLING }, { 'l', GA_SLOWEST }, { K_RIGHT, GA_SLOWEST },
	{ '>', GA_NEXT_SLOW }, { 's', GA_SORT }, { 't', GA_TASK }, { '/', GA_FUNCTION },
	{ K_ESC, GA_CLOSE }, { 'q', GA_CLOSE }, { K_BACKSPACE, GA_CLOSE }, { 'F', GA_CLOSE },
};

const struct keymap_def graph_keymap = {
	"graph", "function graph keys", actions, sizeof(actions) / sizeof(actions[0]), defaults,
	sizeof(defaults) / sizeof(defaults[0]),
};

static void follow(struct pane *pn)
{
	struct graph_pane *p = pn->state;
	const struct fgraph_node *n;

	if (p->gv.cursor.node == FGRAPH_NONE)
		return;
	n = fgraph_node(p->g, p->gv.cursor.node);
	pn->host->ops->show_time(pn->host->ctx, p->gv.cursor.close ? n->end : n->start);
}

static void graph_close(struct pane *pn)
{
	struct graph_pane *p = pn->state;

	graph_view_done(&p->gv);
	fgraph_free(p->g);
	free(p);
}

static void function_done(void *arg, const char *func)
{
	struct pane *pn = arg;
	struct graph_pane *p = pn->state;

	if (graph_view_filter(&p->gv, -1, -1, *func ? func : NULL))
		pane_host_message(pn->host, true, "no function \"%s\" in the trace", func);
}

static const struct prompt_def function_prompt = { .label = "function (empty: all): ", .done = function_done };

static void move(struct graph_pane *p, int n)
{
	for (; n > 0 && graph_next(&p->gv, &p->gv.cursor); n--)
		;
	for (; n < 0 && graph_prev(&p->gv, &p->gv.cursor); n++)
		;
}

/* The actions that change the view but not the cursor's call. */
static bool view_action(struct pane *pn, int a, int key)
{
	struct graph_pane *p = pn->state;
	struct graph_pos *c = &p->gv.cursor;

	switch (a) {
	case GA_FOLD_ALL: graph_fold_all(&p->gv, true); graph_first(&p->gv, c); break;
	case GA_UNFOLD_ALL: graph_fold_all(&p->gv, false); break;
	case GA_DEPTH:
		if (key >= '1' && key <= '9')
			graph_fold_to_depth(&p->gv, key - '0');
		break;
	case GA_SORT:
		p->sorted = !p->sorted;
		graph_view_sort(&p->gv, p->sorted);
		break;
	case GA_TASK:	/* only this task, or all again */
		if (p->gv.pid >= 0)
			graph_view_filter(&p->gv, -1, -1, p->gv.func);
		else if (c->node != FGRAPH_NONE)
			graph_view_filter(&p->gv, -1, fgraph_node(p->g, c->node)->pid, p->gv.func);
		break;
	default:
		return false;
	}
	return true;
}

static enum pane_result graph_action(struct pane *pn, int a, int key)
{
	struct graph_pane *p = pn->state;
	struct graph_pos *c = &p->gv.cursor;
	int page = p->h > 3 ? p->h - 2 : 1;

	switch (a) {
	case GA_DOWN: move(p, 1); break;
	case GA_UP: move(p, -1); break;
	case GA_PAGE_DOWN: move(p, page); break;
	case GA_PAGE_UP: move(p, -page); break;
	case GA_FIRST: graph_first(&p->gv, c); break;
	case GA_LAST: graph_last(&p->gv, c); break;
	case GA_FOLD:
		if (c->node != FGRAPH_NONE) {
			graph_toggle(&p->gv, c->node);
			c->close = false;
		}
		break;
	case GA_PARENT: graph_parent(&p->gv, c); break;
	case GA_NEXT_SIBLING: graph_next_sibling(&p->gv, c); break;
	case GA_PREV_SIBLING: graph_prev_sibling(&p->gv, c); break;
	case GA_SLOWEST: graph_slowest_child(&p->gv, c); break;
	case GA_NEXT_SLOW: graph_next_slower(&p->gv, c, 1000000); break;	/* the next call over 1 ms */
	case GA_FUNCTION:
		pn->host->ops->prompt(pn->host->ctx, &function_prompt, pn);
		return PANE_REDRAW;
	case GA_CLOSE: return PANE_CLOSE;
	default:
		if (!view_action(pn, a, key))
			return PANE_UNHANDLED;
		break;
	}
	follow(pn);
	return PANE_REDRAW;
}

static void graph_draw(struct pane *pn, struct grid *g, int y, int h);

static const struct pane_class graph_class = {
	.name = "graph", .keys = &graph_keymap, .action = graph_action, .draw = graph_draw, .close = graph_close,
};

bool graph_pane_open(struct pane_host *h)
{
	struct graph_pane *p = calloc(1, sizeof(*p));
	struct pane *pn;
	uint32_t at;
	int cpu;

	if (!p)
		return false;
	p->g = fgraph_build(h->ss->store, &h->ss->src, h->ss->tep, 0);
	if (!p->g || graph_view_init(&p->gv, p->g)) {
		fgraph_free(p->g);
		free(p);
		return false;
	}
	p->gv.show_task = true;
	pn = pane_new(&graph_class, h, p);
	if (!pn) {
		graph_view_done(&p->gv);
		fgraph_free(p->g);
		free(p);
		return false;
	}
	/* the call around the cursor, on the selected CPU */
	cpu = h->ops->cpu(h->ctx);
	if (cpu >= 0) {
		at = fgraph_call_at(p->g, cpu, h->ops->cursor(h->ctx));
		if (at != FGRAPH_NONE)
			graph_reveal(&p->gv, at, &p->gv.cursor);
	}
	return pane_host_push(h, pn);
}

static void graph_draw(struct pane *pn, struct grid *g, int y, int h)
{
	struct graph_pane *p = pn->state;
	char title[256];

	p->h = h - 1;
	snprintf(title, sizeof(title), "function graph%s%s%s: Enter fold, c/e all, 1-9 depth, u parent, n/p siblings, "
		 "l slowest, > next over 1 ms, s sort, t task, / function, Esc", p->gv.func ? " of " : "",
		 p->gv.func ? p->gv.func : "", p->sorted ? " (by duration)" : "");
	grid_fill(g, 0, y, g->w, " ", ROLE_TITLE);
	grid_text(g, 0, y, g->w, title, ROLE_TITLE);
	if (!p->gv.nr_roots) {
		grid_text(g, 0, y + 1, g->w, "(no function-graph or function records to show)", ROLE_DIM);
		return;
	}
	graph_scroll_to_cursor(&p->gv, h - 1);
	render_graph(g, 0, y + 1, g->w, h - 1, &p->gv, true);
}
