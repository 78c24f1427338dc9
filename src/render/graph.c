#include "render/graph.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define INDENT 2

static const struct fgraph_node *nd(const struct graph_view *v, uint32_t n)
{
	return &v->g->nodes[n];
}

/* ---- lines -------------------------------------------------------------------- */

char graph_mark(uint64_t ns)
{
	if (ns > 1000000000ULL)
		return '$';
	if (ns > 100000000ULL)
		return '@';
	if (ns > 10000000ULL)
		return '*';
	if (ns > 1000000ULL)
		return '#';
	if (ns > 100000ULL)
		return '!';
	if (ns > 10000ULL)
		return '+';
	return ' ';
}

enum role graph_mark_role(char mark)
{
	switch (mark) {
	case '$': return ROLE_DUR_1S;
	case '@': return ROLE_DUR_100MS;
	case '*': return ROLE_DUR_10MS;
	case '#': return ROLE_DUR_1MS;
	case '!': return ROLE_DUR_100US;
	case '+': return ROLE_DUR_10US;
	default: return ROLE_NORMAL;
	}
}

struct out {
	char *buf;
	size_t len, n;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(o->n < o->len ? o->buf + o->n : NULL, o->n < o->len ? o->len - o->n : 0, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->n += (size_t)k;
}

/* The kernel's duration column (trace_print_graph_duration): µs, then as
 * many decimals as fit 7 characters, " us ", padded to 12, and the marker
 * in front: 14 characters. */
static void duration(struct out *o, uint64_t ns)
{
	char us[24], frac[8] = "";
	int len = snprintf(us, sizeof(us), "%llu", (unsigned long long)(ns / 1000));

	if (len < 7) {
		snprintf(frac, (size_t)(8 - len) < 5 ? (size_t)(8 - len) : 5, "%03llu",
			 (unsigned long long)(ns % 1000));
		len += (int)strlen(frac) + 1;
	}
	put(o, "%c %s%s%s us %*s", graph_mark(ns), us, *frac ? "." : "", frac, len < 8 ? 8 - len : 0, "");
}

struct line_parts {
	size_t dur_at, dur_len;		/* the duration column, for its role */
	size_t body_at;
	enum role dur_role, body_role;
};

static int level_in_view(const struct graph_view *v, const struct graph_pos *pos)
{
	return nd(v, pos->node)->level - nd(v, v->roots[pos->root])->level;
}

static size_t format(const struct graph_view *v, const struct graph_pos *pos, char *buf, size_t len,
		     struct line_parts *lp)
{
	const struct fgraph_node *x = nd(v, pos->node);
	struct out o = { buf, len, 0 };
	bool is_close = pos->close, folded = x->nr_kids && !graph_expanded(v, pos->node);
	bool timed = x->kind == FGRAPH_CALL && (x->flags & FGRAPH_EXIT) && (is_close || !graph_expanded(v, pos->node));
	uint64_t ts = is_close ? x->end : x->start;
	int cpu = is_close ? x->exit_cpu : x->cpu;
	char name[32];
	const char *fname = (x->kind == FGRAPH_CALL || x->kind == FGRAPH_FUNC) ? fgraph_func_name(v->g, x->func, name, sizeof(name)) : "";

	if (len)
		buf[0] = '\0';
	memset(lp, 0, sizeof(*lp));
	if (v->show_time) {
		uint64_t us = (ts + 500) / 1000;

		put(&o, "%5llu.%06llu |  ", (unsigned long long)(us / 1000000), (unsigned long long)(us % 1000000));
	}
	put(&o, " %*d) ", v->cpu_w, cpu);
	if (v->show_task) {
		const char *comm = x->kind == FGRAPH_LOST ? "" : fgraph_comm(v->g, x->pid);
		char cbuf[8], pbuf[16];
		int n, spaces;

		snprintf(cbuf, sizeof(cbuf), "%s", comm);
		if (x->kind == FGRAPH_LOST)
			pbuf[0] = '\0';
		else
			snprintf(pbuf, sizeof(pbuf), "%d", (int)x->pid);
		n = (int)(strlen(cbuf) + strlen(pbuf)) + (*pbuf ? 1 : 0);
		spaces = n < 14 ? 14 - n : 0;
		put(&o, "%*s%s%s%s%*s | ", spaces / 2, "", cbuf, *pbuf ? "-" : "", pbuf, spaces - spaces / 2, "");
	}
	lp->dur_at = o.n;
	if (timed) {
		duration(&o, x->duration);
		lp->dur_role = graph_mark_role(graph_mark(x->duration));
	} else {
		put(&o, "%14s", "");
	}
	lp->dur_len = o.n - lp->dur_at;
	put(&o, "|  ");
	lp->body_at = o.n;
	put(&o, "%*s", level_in_view(v, pos) * INDENT, "");
	switch (x->kind) {
	case FGRAPH_EVENT:
		put(&o, "/* %s */", fgraph_text(v->g, pos->node));
		lp->body_role = ROLE_DIM;
		break;
	case FGRAPH_LOST:
		put(&o, "/* %s */", fgraph_text(v->g, pos->node));
		lp->body_role = ROLE_LOST;
		break;
	default:
		if (is_close)
			put(&o, "} /* %s */", fname);
		else if (folded)
			put(&o, "%s() { ... }", fname);
		else if (graph_expanded(v, pos->node))
			put(&o, "%s() {", fname);
		else if (x->kind == FGRAPH_CALL && (x->flags & (FGRAPH_ENTRY | FGRAPH_EXIT)) == FGRAPH_EXIT)
			put(&o, "} /* %s */", fname);	/* an exit alone, as the kernel shows it */
		else
			put(&o, "%s();", fname);
		if (folded && x->calls > 1)
			put(&o, "  /* %u call%s */", x->calls - 1, x->calls == 2 ? "" : "s");
		if (x->kind == FGRAPH_CALL && !is_close) {
			if (!(x->flags & FGRAPH_ENTRY) && graph_expanded(v, pos->node))
				put(&o, "  /* entry not in the trace */");
			if (!(x->flags & FGRAPH_EXIT) && !graph_expanded(v, pos->node))
				put(&o, "  /* no return in the trace */");
			if (x->flags & FGRAPH_LOSS)
				put(&o, "  /* events lost inside */");
		}
		if (x->kind == FGRAPH_CALL && is_close && !(x->flags & FGRAPH_EXIT))
			put(&o, "  /* no return in the trace */");
		if (x->kind == FGRAPH_CALL && x->aux && (is_close || !graph_expanded(v, pos->node)))
			put(&o, "  /* overrun %u */", x->aux);
		break;
	}
	return o.n < len ? o.n : (len ? len - 1 : 0);
}

size_t graph_line(const struct graph_view *v, const struct graph_pos *pos, char *buf, size_t len)
{
	struct line_parts lp;

	if (pos->node == FGRAPH_NONE) {
		if (len)
			buf[0] = '\0';
		return 0;
	}
	return format(v, pos, buf, len, &lp);
}

size_t graph_header(const struct graph_view *v, char *buf, size_t len)
{
	struct out o = { buf, len, 0 };

	/* the kernel's print_graph_headers_flags() */
	if (len)
		buf[0] = '\0';
	put(&o, "#");
	if (v->show_time)
		put(&o, "     TIME       ");
	put(&o, " CPU");
	if (v->show_task)
		put(&o, "  TASK/PID       ");
	put(&o, "  DURATION                  FUNCTION CALLS\n#");
	if (v->show_time)
		put(&o, "      |         ");
	put(&o, " |  ");
	if (v->show_task)
		put(&o, "   |    |        ");
	put(&o, "   |   |                     |   |   |   |");
	return o.n < len ? o.n : (len ? len - 1 : 0);
}

int render_graph(struct grid *g, int x, int y, int w, int h, const struct graph_view *v, bool focused)
{
	struct graph_pos p = v->top;
	char buf[1024];
	int row = 0;

	if (p.node == FGRAPH_NONE)
		return 0;
	for (; row < h; row++) {
		struct line_parts lp;
		size_t n = format(v, &p, buf, sizeof(buf), &lp);

		grid_text(g, x, y + row, w, buf, ROLE_NORMAL);
		if ((int)lp.body_at < w)
			grid_role(g, x + (int)lp.body_at, y + row, w - (int)lp.body_at, lp.body_role);
		if (lp.dur_role != ROLE_NORMAL && (int)lp.dur_at < w) {
			/* the marker and the number, not the padding */
			size_t end = lp.dur_at;

			while (end < lp.dur_at + lp.dur_len && end < n && buf[end] != 'u')
				end++;
			grid_role(g, x + (int)lp.dur_at, y + row, (int)(end - lp.dur_at), lp.dur_role);
		}
		if (focused && graph_pos_eq(&p, &v->cursor))
			grid_role(g, x, y + row, w, ROLE_SELECTED);
		if (!graph_next(v, &p)) {
			row++;
			break;
		}
	}
	return row;
}
