#include "ui/view_graph.h"
#include "model/fgraph.h"
#include "render/graph.h"
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct graph_pane {
	struct fgraph *g;
	struct graph_view gv;
	int h;			/* rows at the last draw */
	bool sorted;
};

static void follow(struct view *v)
{
	struct graph_pane *p = v->graph;
	const struct fgraph_node *n;

	if (p->gv.cursor.node == FGRAPH_NONE)
		return;
	n = fgraph_node(p->g, p->gv.cursor.node);
	view_show_time(v, p->gv.cursor.close ? n->end : n->start);
}

bool graph_pane_open(struct view *v)
{
	struct graph_pane *p = calloc(1, sizeof(*p));
	uint32_t at;

	if (!p)
		return false;
	p->g = fgraph_build(v->ss->store, &v->ss->src, v->ss->tep, 0);
	if (!p->g || graph_view_init(&p->gv, p->g)) {
		fgraph_free(p->g);
		free(p);
		return false;
	}
	p->gv.show_task = true;
	v->graph = p;
	/* the call around the cursor, on the selected CPU */
	if (v->tl.selected >= 0 && v->tl.selected < v->nr_rows) {
		at = fgraph_call_at(p->g, v->tl.selected, v->tl.cursor);	/* row N is CPU N */
		if (at != FGRAPH_NONE)
			graph_reveal(&p->gv, at, &p->gv.cursor);
	}
	return true;
}

void graph_pane_close(struct view *v)
{
	struct graph_pane *p = v->graph;

	if (!p)
		return;
	graph_view_done(&p->gv);
	fgraph_free(p->g);
	free(p);
	v->graph = NULL;
}

bool graph_pane_filter(struct view *v, const char *func)
{
	struct graph_pane *p = v->graph;

	return graph_view_filter(&p->gv, -1, -1, func && *func ? func : NULL) == 0;
}

static void move(struct graph_pane *p, int n)
{
	for (; n > 0 && graph_next(&p->gv, &p->gv.cursor); n--)
		;
	for (; n < 0 && graph_prev(&p->gv, &p->gv.cursor); n++)
		;
}

bool graph_pane_key(struct view *v, int key)
{
	struct graph_pane *p = v->graph;
	struct graph_pos *c = &p->gv.cursor;
	int page = p->h > 3 ? p->h - 2 : 1;

	switch (key) {
	case K_DOWN: case 'j': move(p, 1); break;
	case K_UP: case 'k': move(p, -1); break;
	case K_PGDN: case ' ': move(p, page); break;
	case K_PGUP: move(p, -page); break;
	case 'g': case K_HOME: graph_first(&p->gv, c); break;
	case 'G': case K_END: graph_last(&p->gv, c); break;
	case K_ENTER:
		if (c->node != FGRAPH_NONE) {
			graph_toggle(&p->gv, c->node);
			c->close = false;
		}
		break;
	case 'c': graph_fold_all(&p->gv, true); graph_first(&p->gv, c); break;
	case 'e': graph_fold_all(&p->gv, false); break;
	case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
		graph_fold_to_depth(&p->gv, key - '0');
		break;
	case 'u': case K_LEFT: case 'h': graph_parent(&p->gv, c); break;
	case 'n': graph_next_sibling(&p->gv, c); break;
	case 'p': graph_prev_sibling(&p->gv, c); break;
	case 'l': case K_RIGHT: graph_slowest_child(&p->gv, c); break;
	case '>': graph_next_slower(&p->gv, c, 1000000); break;	/* the next call over 1 ms */
	case 's':
		p->sorted = !p->sorted;
		graph_view_sort(&p->gv, p->sorted);
		break;
	case 't':	/* only this task, or all again */
		if (p->gv.pid >= 0)
			graph_view_filter(&p->gv, -1, -1, p->gv.func);
		else if (c->node != FGRAPH_NONE)
			graph_view_filter(&p->gv, -1, fgraph_node(p->g, c->node)->pid, p->gv.func);
		break;
	case K_ESC: case 'q': case K_BACKSPACE: case 'F':
		graph_pane_close(v);
		return false;
	default:
		return true;
	}
	follow(v);
	return true;
}

void graph_pane_draw(struct view *v, struct grid *g, int y, int h)
{
	struct graph_pane *p = v->graph;
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
