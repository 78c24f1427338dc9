/* Function-graph trees (model/fgraph.c) on the edge cases of real traces,
 * built from hand-made record sequences; the pane's view (render/graph.c):
 * folding, lazy row counts, moving, sorting, filters, the kernel's duration
 * column; the trace-cmd text of render/fgraph_text.c; and the fixtures. */
#include "check.h"
#include "capture/tracedat.h"
#include "model/fgraph.h"
#include "model/load.h"
#include "model/store.h"
#include "render/fgraph_text.h"
#include "render/graph.h"
#include "render/info_cache.h"

#include <event-parse.h>
#include <trace-seq.h>

/* ---- a tiny kernel: functions at 0x1000 * (i + 1) ---------------------- */

static const char *const names[] = { "A", "B", "C", "D", "E", "do_IRQ", "handler", "schedule", "F" };
#define NR_NAMES (int)(sizeof(names) / sizeof(names[0]))
enum { A, B, C, D, E, IRQ, HANDLER, SCHED, F };

static uint64_t addr(int f)
{
	return 0x1000ULL * (uint64_t)(f + 1);
}

static const char *name_of(void *ctx, uint64_t a, uint64_t *start)
{
	int i = (int)(a / 0x1000) - 1;

	(void)ctx;
	if (i < 0 || i >= NR_NAMES)
		return NULL;
	if (start)
		*start = addr(i);
	return names[i];
}

static const char *comm_of(void *ctx, int32_t pid)
{
	(void)ctx;
	return pid == 100 ? "alpha" : pid == 200 ? "beta" : NULL;
}

/* A script of records: the builder gets them in this order. */
struct b {
	struct fgraph_builder *fb;
	uint64_t t;
};

static void start(struct b *b)
{
	b->fb = fgraph_builder_new(name_of, comm_of, NULL);
	b->t = 1000000;
}

static void ent(struct b *b, int cpu, int pid, int f, unsigned depth)
{
	b->t += 100;
	CHECK_EQ_INT(fgraph_add_entry(b->fb, b->t, cpu, pid, 0, addr(f), depth), 0);
}

static void ent_irq(struct b *b, int cpu, int pid, int f, unsigned depth)
{
	b->t += 100;
	CHECK_EQ_INT(fgraph_add_entry(b->fb, b->t, cpu, pid, 0x08, addr(f), depth), 0);
}

/* an exit whose call took dur ns */
static void ext(struct b *b, int cpu, int pid, int f, unsigned depth, uint64_t dur)
{
	b->t += 100;
	CHECK_EQ_INT(fgraph_add_exit(b->fb, b->t, cpu, pid, 0, addr(f), depth, b->t - dur, b->t, 0), 0);
}

static struct fgraph *finish(struct b *b)
{
	struct fgraph *g = fgraph_builder_finish(b->fb);

	CHECK(g != NULL);
	return g;
}

static const struct fgraph_node *root(const struct fgraph *g, uint32_t i)
{
	return fgraph_node(g, g->roots[i]);
}

static const struct fgraph_node *child(const struct fgraph *g, const struct fgraph_node *n, uint32_t i)
{
	return fgraph_node(g, g->kids[n->kids + i]);
}

static const char *fname(const struct fgraph *g, const struct fgraph_node *n)
{
	static char buf[32];

	return fgraph_func_name(g, n->func, buf, sizeof(buf));
}

/* ---- the model -------------------------------------------------------- */

static void nesting_and_leaves(void)
{
	struct b b;
	struct fgraph *g;
	const struct fgraph_node *a, *bb, *c;

	start(&b);
	ent(&b, 0, 100, A, 0);
	ent(&b, 0, 100, B, 1);
	ent(&b, 0, 100, C, 2);
	ext(&b, 0, 100, C, 2, 100);	/* a leaf */
	ent(&b, 0, 100, D, 2);
	ext(&b, 0, 100, D, 2, 100);
	ext(&b, 0, 100, B, 1, 500);
	ext(&b, 0, 100, A, 0, 800);
	g = finish(&b);
	if (!g)
		return;
	CHECK_EQ_INT(g->nr_roots, 1);
	CHECK_EQ_INT(g->nr_calls, 4);
	CHECK_EQ_INT(g->nr_orphans, 0);
	CHECK_EQ_INT(g->nr_unfinished, 0);
	a = root(g, 0);
	CHECK_EQ_STR(fname(g, a), "A");
	CHECK_EQ_INT(a->duration, 800);
	CHECK_EQ_INT(a->self, 300);
	CHECK_EQ_INT(a->calls, 4);
	CHECK_EQ_INT(a->nr_kids, 1);
	CHECK_EQ_INT(a->flags & (FGRAPH_ENTRY | FGRAPH_EXIT), FGRAPH_ENTRY | FGRAPH_EXIT);
	bb = child(g, a, 0);
	CHECK_EQ_STR(fname(g, bb), "B");
	CHECK_EQ_INT(bb->level, 1);
	CHECK_EQ_INT(bb->nr_kids, 2);
	CHECK_EQ_INT(bb->self, 300);
	c = child(g, bb, 0);
	CHECK_EQ_STR(fname(g, c), "C");
	CHECK_EQ_INT(c->nr_kids, 0);
	CHECK_EQ_INT(c->duration, 100);
	CHECK_EQ_INT(c->level, 2);
	CHECK_EQ_INT(c->start, 1000300);
	CHECK_EQ_INT(c->end, 1000400);
	CHECK_EQ_STR(fgraph_comm(g, 100), "alpha");
	CHECK_EQ_INT(fgraph_find_func(g, "D") >= 0, 1);
	CHECK_EQ_INT(fgraph_find_func(g, "nope"), -1);
	fgraph_free(g);
}

/* The buffer starts inside calls: exits without entries take the task's
 * preceding deeper calls as children. */
static void exits_without_entries(void)
{
	struct b b;
	struct fgraph *g;
	const struct fgraph_node *a, *bb;

	start(&b);
	ent(&b, 0, 100, C, 2);
	ext(&b, 0, 100, C, 2, 100);
	ent(&b, 0, 100, D, 2);
	ext(&b, 0, 100, D, 2, 100);
	ext(&b, 0, 100, B, 1, 5000);
	ent(&b, 0, 100, E, 1);
	ext(&b, 0, 100, E, 1, 100);
	ext(&b, 0, 100, A, 0, 9000);
	ent(&b, 0, 100, F, 0);	/* a new call after them */
	ext(&b, 0, 100, F, 0, 100);
	g = finish(&b);
	if (!g)
		return;
	CHECK_EQ_INT(g->nr_orphans, 2);
	CHECK_EQ_INT(g->nr_roots, 2);
	a = root(g, 0);
	CHECK_EQ_STR(fname(g, a), "A");
	CHECK_EQ_INT(a->flags & FGRAPH_ENTRY, 0);
	CHECK_EQ_INT(a->duration, 9000);
	CHECK_EQ_INT(a->nr_kids, 2);
	CHECK(a->start <= child(g, a, 0)->start);
	bb = child(g, a, 0);
	CHECK_EQ_STR(fname(g, bb), "B");
	CHECK_EQ_INT(bb->nr_kids, 2);
	CHECK_EQ_STR(fname(g, child(g, bb, 1)), "D");
	CHECK_EQ_STR(fname(g, child(g, a, 1)), "E");
	CHECK_EQ_STR(fname(g, root(g, 1)), "F");
	CHECK_EQ_INT(a->calls, 5);
	fgraph_free(g);
}

/* The buffer ends inside calls. */
static void entries_without_exits(void)
{
	struct b b;
	struct fgraph *g;
	const struct fgraph_node *a;

	start(&b);
	ent(&b, 1, 200, A, 0);
	ent(&b, 1, 200, B, 1);
	ent(&b, 1, 200, C, 2);
	ext(&b, 1, 200, C, 2, 100);
	ent(&b, 1, 200, D, 2);
	g = finish(&b);
	if (!g)
		return;
	CHECK_EQ_INT(g->nr_unfinished, 3);
	a = root(g, 0);
	CHECK_EQ_INT(a->flags & FGRAPH_EXIT, 0);
	CHECK_EQ_INT(a->duration, 0);
	CHECK_EQ_INT(a->end, b.t);	/* the task's last record */
	CHECK_EQ_INT(child(g, a, 0)->nr_kids, 2);
	CHECK_EQ_INT(child(g, child(g, a, 0), 1)->flags & FGRAPH_EXIT, 0);
	fgraph_free(g);
}

/* Events lost in the middle of calls: the open calls are cut, and taken up
 * again by exits of the same function at the same depth after the loss. */
static void lost_in_the_middle(void)
{
	struct b b;
	struct fgraph *g;
	const struct fgraph_node *a, *bb, *lost;

	start(&b);
	ent(&b, 0, 100, A, 0);
	ent(&b, 0, 100, B, 1);
	ent(&b, 0, 100, C, 2);
	b.t += 5000;
	CHECK_EQ_INT(fgraph_add_lost(b.fb, b.t, 0, 12), 0);
	/* lost: C's exit, B's exit, D's entry; then E inside D, and D's exit */
	ent(&b, 0, 100, E, 2);
	ext(&b, 0, 100, E, 2, 100);
	ext(&b, 0, 100, D, 1, 3000);
	ext(&b, 0, 100, A, 0, 9000);
	g = finish(&b);
	if (!g)
		return;
	CHECK_EQ_INT(g->nr_losses, 1);
	CHECK_EQ_INT(g->nr_roots, 2);	/* A and the loss */
	a = root(g, 0);
	lost = root(g, 1);
	CHECK_EQ_INT(lost->kind, FGRAPH_LOST);
	CHECK_EQ_INT(lost->aux, 12);
	CHECK_EQ_STR(fgraph_text(g, g->roots[1]), "CPU 0: 12 events lost");
	CHECK_EQ_STR(fname(g, a), "A");
	CHECK(a->flags & FGRAPH_EXIT);
	CHECK(a->flags & FGRAPH_LOSS);
	CHECK_EQ_INT(a->duration, 9000);
	CHECK_EQ_INT(a->nr_kids, 2);
	bb = child(g, a, 0);
	CHECK_EQ_STR(fname(g, bb), "B");
	CHECK_EQ_INT(bb->flags & FGRAPH_EXIT, 0);
	CHECK(bb->flags & FGRAPH_LOSS);
	CHECK_EQ_STR(fname(g, child(g, a, 1)), "D");
	CHECK_EQ_INT(child(g, a, 1)->flags & (FGRAPH_ENTRY | FGRAPH_EXIT), FGRAPH_EXIT);
	CHECK_EQ_INT(child(g, a, 1)->nr_kids, 1);
	CHECK_EQ_STR(fname(g, child(g, child(g, a, 1), 0)), "E");
	fgraph_free(g);
}

/* Records lost without notice: depths that do not follow resynchronise the
 * stack. */
static void depth_resync(void)
{
	struct b b;
	struct fgraph *g;
	const struct fgraph_node *a;

	start(&b);
	ent(&b, 0, 100, A, 0);
	ent(&b, 0, 100, B, 1);
	ent(&b, 0, 100, C, 2);
	ext(&b, 0, 100, A, 0, 900);	/* B and C never return */
	ent(&b, 0, 100, D, 0);
	ent(&b, 0, 100, E, 3);		/* a gap: depths 1 and 2 are missing */
	ext(&b, 0, 100, E, 3, 100);
	ent(&b, 0, 100, F, 0);		/* D never returns either */
	ext(&b, 0, 100, F, 0, 100);
	g = finish(&b);
	if (!g)
		return;
	CHECK_EQ_INT(g->nr_roots, 3);
	a = root(g, 0);
	CHECK(a->flags & FGRAPH_EXIT);
	CHECK_EQ_INT(child(g, a, 0)->flags & FGRAPH_EXIT, 0);
	CHECK_EQ_INT(child(g, child(g, a, 0), 0)->flags & FGRAPH_EXIT, 0);
	CHECK_EQ_INT(root(g, 1)->flags & FGRAPH_EXIT, 0);
	CHECK(child(g, root(g, 1), 0)->flags & FGRAPH_GAP);
	CHECK_EQ_STR(fname(g, root(g, 2)), "F");
	fgraph_free(g);
}

/* An interrupt inside a call, at the task's depth + 1, and an overrun. */
static void interrupts_and_overrun(void)
{
	struct b b;
	struct fgraph *g;
	const struct fgraph_node *a, *irq;

	start(&b);
	ent(&b, 0, 100, A, 0);
	ent(&b, 0, 100, B, 1);
	ent_irq(&b, 0, 100, IRQ, 2);
	CHECK_EQ_INT(fgraph_add_event(b.fb, b.t += 10, 0, 100, 0x08, "irq_handler_entry: irq=4 name=ttyS0"), 0);
	ent_irq(&b, 0, 100, HANDLER, 3);
	b.t += 100;
	CHECK_EQ_INT(fgraph_add_exit(b.fb, b.t, 0, 100, 0x08, addr(HANDLER), 3, b.t - 100, b.t, 0), 0);
	CHECK_EQ_INT(fgraph_add_event(b.fb, b.t += 10, 0, 100, 0x08, "irq_handler_exit: irq=4 ret=handled"), 0);
	b.t += 100;
	CHECK_EQ_INT(fgraph_add_exit(b.fb, b.t, 0, 100, 0x08, addr(IRQ), 2, b.t - 400, b.t, 0), 0);
	ext(&b, 0, 100, B, 1, 800);
	b.t += 100;
	CHECK_EQ_INT(fgraph_add_exit(b.fb, b.t, 0, 100, 0, addr(A), 0, b.t - 1200, b.t, 7), 0);
	g = finish(&b);
	if (!g)
		return;
	a = root(g, 0);
	CHECK_EQ_INT(a->aux, 7);	/* the overrun */
	irq = child(g, child(g, a, 0), 0);
	CHECK_EQ_STR(fname(g, irq), "do_IRQ");
	CHECK(irq->flags & FGRAPH_HARDIRQ);
	CHECK_EQ_INT(child(g, a, 0)->flags & FGRAPH_HARDIRQ, 0);
	CHECK_EQ_INT(irq->nr_kids, 3);
	CHECK_EQ_INT(child(g, irq, 0)->kind, FGRAPH_EVENT);
	CHECK_EQ_STR(fgraph_text(g, g->kids[irq->kids]), "irq_handler_entry: irq=4 name=ttyS0");
	CHECK_EQ_STR(fname(g, child(g, irq, 1)), "handler");
	CHECK_EQ_INT(child(g, irq, 2)->kind, FGRAPH_EVENT);
	CHECK_EQ_INT(irq->calls, 2);	/* events are not calls */
	CHECK_EQ_INT(irq->self, 300);
	fgraph_free(g);
}

/* A task blocks in a call on CPU 0, another runs there, and the first
 * returns on CPU 1; the idle tasks of two CPUs are two tasks. */
static void tasks_and_cpus(void)
{
	struct b b;
	struct fgraph *g;
	const struct fgraph_node *s;

	start(&b);
	ent(&b, 0, 100, SCHED, 0);
	CHECK_EQ_INT(fgraph_add_event(b.fb, b.t += 10, 0, 100, 0, "sched_switch: alpha ==> beta"), 0);
	ent(&b, 0, 200, A, 0);		/* beta on CPU 0 */
	ent(&b, 1, 0, B, 0);		/* idle on CPU 1 */
	ent(&b, 0, 200, C, 1);
	ext(&b, 0, 200, C, 1, 100);
	ent(&b, 0, 0, D, 1);		/* pid 0 on CPU 0: not CPU 1's idle task */
	ext(&b, 0, 0, D, 1, 100);
	ext(&b, 0, 200, A, 0, 500);
	ext(&b, 1, 0, B, 0, 700);
	ext(&b, 1, 100, SCHED, 0, 2000);	/* alpha returns on CPU 1 */
	g = finish(&b);
	if (!g)
		return;
	CHECK_EQ_INT(g->nr_roots, 4);
	s = root(g, 0);
	CHECK_EQ_STR(fname(g, s), "schedule");
	CHECK_EQ_INT(s->pid, 100);
	CHECK_EQ_INT(s->cpu, 0);
	CHECK_EQ_INT(s->exit_cpu, 1);
	CHECK_EQ_INT(s->duration, 2000);
	CHECK_EQ_INT(s->nr_kids, 1);	/* the switch event */
	CHECK_EQ_STR(fname(g, root(g, 1)), "A");
	CHECK_EQ_INT(root(g, 1)->nr_kids, 1);
	CHECK_EQ_STR(fname(g, root(g, 2)), "B");
	CHECK_EQ_INT(root(g, 2)->nr_kids, 0);	/* D is not B's: another idle task */
	CHECK_EQ_INT(root(g, 2)->duration, 700);
	CHECK_EQ_STR(fname(g, root(g, 3)), "D");
	CHECK_EQ_INT(root(g, 3)->flags & (FGRAPH_ENTRY | FGRAPH_EXIT), FGRAPH_ENTRY | FGRAPH_EXIT);
	CHECK_EQ_INT(g->nr_tasks, 4);	/* alpha, beta, two idle tasks */
	CHECK_EQ_INT(g->max_cpu, 1);
	/* the innermost call of CPU 0 at a time inside C */
	CHECK_EQ_STR(fname(g, fgraph_node(g, fgraph_call_at(g, 0, root(g, 1)->start + 250))), "C");
	CHECK(fgraph_call_at(g, 1, 1) == FGRAPH_NONE);
	fgraph_free(g);
}

/* Function-tracer records nest under the latest call of their parent on
 * the CPU, as the function plugin indents them. */
static void function_tracer(void)
{
	struct fgraph_builder *fb = fgraph_builder_new(name_of, comm_of, NULL);
	struct fgraph *g;

	fgraph_add_function(fb, 10, 0, 100, 0, addr(B), addr(A) + 0x20);
	fgraph_add_function(fb, 20, 0, 100, 0, addr(C), addr(B) + 0x10);
	fgraph_add_function(fb, 30, 0, 100, 0, addr(D), addr(B) + 0x30);
	fgraph_add_function(fb, 40, 0, 100, 0, addr(E), addr(D) + 0x8);
	fgraph_add_function(fb, 50, 0, 100, 0, addr(F), addr(A) + 0x40);	/* A is not on the stack */
	g = fgraph_builder_finish(fb);
	CHECK(g != NULL);
	if (!g)
		return;
	CHECK_EQ_INT(g->nr_roots, 2);
	CHECK_EQ_INT(root(g, 0)->kind, FGRAPH_FUNC);
	CHECK_EQ_STR(fname(g, root(g, 0)), "B");
	CHECK_EQ_INT(root(g, 0)->nr_kids, 2);
	CHECK_EQ_STR(fname(g, child(g, root(g, 0), 1)), "D");
	CHECK_EQ_STR(fname(g, child(g, child(g, root(g, 0), 1), 0)), "E");
	CHECK_EQ_STR(fname(g, root(g, 1)), "F");
	CHECK_EQ_INT(root(g, 0)->calls, 4);
	CHECK_EQ_INT(root(g, 0)->duration, 0);
	fgraph_free(g);
}

/* ---- the view ---------------------------------------------------------- */

/* Many calls: roots of A, each with n children B with children C. */
static struct fgraph *wide(int roots, int n)
{
	struct b b;

	start(&b);
	for (int r = 0; r < roots; r++) {
		ent(&b, 0, 100, A, 0);
		for (int i = 0; i < n; i++) {
			ent(&b, 0, 100, B, 1);
			ent(&b, 0, 100, C, 2);
			ext(&b, 0, 100, C, 2, 100 + (uint64_t)i);
			ext(&b, 0, 100, B, 1, 1000 + (uint64_t)(i * 37 % n));
		}
		ext(&b, 0, 100, A, 0, 5000000 + (uint64_t)r);
	}
	return finish(&b);
}

static void line(const struct graph_view *v, const struct graph_pos *p, char *buf)
{
	graph_line(v, p, buf, 256);
}

static void markers_and_durations(void)
{
	static const struct { uint64_t ns; char mark; } m[] = {
		{ 0, ' ' }, { 10000, ' ' }, { 10001, '+' }, { 100000, '+' }, { 100001, '!' }, { 1000000, '!' },
		{ 1000001, '#' }, { 10000000, '#' }, { 10000001, '*' }, { 100000000, '*' }, { 100000001, '@' },
		{ 1000000000, '@' }, { 1000000001, '$' },
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		CHECK_EQ_INT(graph_mark(m[i].ns), m[i].mark);
	CHECK_EQ_INT(graph_mark_role('$'), ROLE_DUR_1S);
	CHECK_EQ_INT(graph_mark_role('+'), ROLE_DUR_10US);
	CHECK_EQ_INT(graph_mark_role(' '), ROLE_NORMAL);
}

static void view_lines_and_folding(void)
{
	struct fgraph *g = wide(2, 3);
	struct graph_view v;
	struct graph_pos p;
	char buf[256];
	int n = 0;

	if (!g || graph_view_init(&v, g)) {
		fgraph_free(g);
		return;
	}
	CHECK_EQ_INT(graph_total_rows(&v), 2 * (2 + 3 * 3));
	p = v.cursor;
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0)               |  A() {");
	graph_next(&v, &p);
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0)               |    B() {");
	graph_next(&v, &p);
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0)   0.100 us    |      C();");
	graph_next(&v, &p);
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0)   1.000 us    |    } /* B */");
	/* fold the first B: one line with its call count */
	graph_parent(&v, &p);
	CHECK(!p.close);
	graph_toggle(&v, p.node);
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0)   1.000 us    |    B() { ... }  /* 1 call */");
	CHECK_EQ_INT(graph_total_rows(&v), 2 * (2 + 3 * 3) - 2);
	graph_parent(&v, &p);
	graph_toggle(&v, p.node);
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0) # 5000.000 us |  A() { ... }  /* 6 calls */");
	CHECK_EQ_INT(graph_total_rows(&v), 1 + 11);
	/* walking down then up visits every row once each way */
	graph_first(&v, &p);
	do
		n++;
	while (graph_next(&v, &p));
	CHECK_EQ_INT(n, 12);
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0) # 5000.001 us |  } /* A */");
	while (graph_prev(&v, &p))
		n--;
	CHECK_EQ_INT(n, 1);
	/* rows and positions agree */
	for (uint64_t r = 0; r < 12; r++) {
		struct graph_pos q;

		CHECK(graph_pos_at_row(&v, r, &q));
		CHECK_EQ_INT(graph_row_of(&v, &q), r);
	}
	/* fold everything, then two levels */
	graph_fold_all(&v, true);
	CHECK_EQ_INT(graph_total_rows(&v), 2);
	graph_fold_to_depth(&v, 2);
	CHECK_EQ_INT(graph_total_rows(&v), 2 * (2 + 3));
	graph_fold_all(&v, false);
	CHECK_EQ_INT(graph_total_rows(&v), 2 * (2 + 3 * 3));
	/* the header, and the columns */
	graph_header(&v, buf, sizeof(buf));
	CHECK_EQ_STR(buf, "# CPU  DURATION                  FUNCTION CALLS\n"
			  "# |     |   |                     |   |   |   |");
	v.show_task = true;
	v.show_time = true;
	graph_first(&v, &p);
	graph_next(&v, &p);
	graph_next(&v, &p);
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, "    0.001000 |   0)   alpha-100    |   0.100 us    |      C();");
	graph_view_done(&v);
	fgraph_free(g);
}

/* A screen of a huge tree is drawn without counting the tree. */
static void lazy_rows(void)
{
	struct fgraph *g = wide(3, 20000);
	struct graph_view v;
	struct grid *grid = grid_new(80, 24, true);
	uint32_t counted = 0;
	char *text;

	if (!g || !grid || graph_view_init(&v, g)) {
		fgraph_free(g);
		grid_free(grid);
		return;
	}
	CHECK_EQ_INT(render_graph(grid, 0, 0, 80, 24, &v, true), 24);
	for (uint32_t i = 0; i < g->nr_nodes; i++)
		counted += v.rows[i] != 0;
	CHECK_EQ_INT(counted, 0);
	text = grid_to_text(grid);
	CHECK(text && !strncmp(text, " 0)               |  A() {\n 0)               |    B() {\n", 52));
	free(text);
	/* a fold changes the counts of its path only */
	CHECK_EQ_INT(graph_total_rows(&v), 3 * (2 + 20000 * 3));
	graph_fold(&v, g->roots[1], true);
	CHECK_EQ_INT(v.rows[g->roots[0]] != 0, 1);
	CHECK_EQ_INT(v.rows[g->roots[1]], 0);
	CHECK_EQ_INT(graph_total_rows(&v), 2 * (2 + 20000 * 3) + 1);
	/* the cursor's row is selected; scrolling keeps it visible */
	graph_pos_at_row(&v, 1000, &v.cursor);
	graph_scroll_to_cursor(&v, 24);
	CHECK_EQ_INT(graph_row_of(&v, &v.top), 1000 - 23);
	graph_view_done(&v);
	grid_free(grid);
	fgraph_free(g);
}

static void sorting_and_search(void)
{
	struct fgraph *g = wide(3, 5);
	struct graph_view v;
	struct graph_pos p;
	uint64_t last = UINT64_MAX;

	if (!g || graph_view_init(&v, g)) {
		fgraph_free(g);
		return;
	}
	CHECK_EQ_INT(graph_view_sort(&v, true), 0);
	/* roots longest first: the last A is the longest */
	CHECK_EQ_INT(fgraph_node(g, v.roots[0])->duration, 5000002);
	graph_first(&v, &p);
	graph_next(&v, &p);
	do {
		CHECK(fgraph_node(g, p.node)->duration <= last);
		last = fgraph_node(g, p.node)->duration;
	} while (graph_next_sibling(&v, &p));
	/* the slowest child, and back to time order */
	graph_first(&v, &p);
	CHECK(graph_slowest_child(&v, &p));
	CHECK_EQ_INT(fgraph_node(g, p.node)->duration, 1004);	/* B: 1000 + i * 37 % 5 */
	graph_view_sort(&v, false);
	graph_first(&v, &p);
	CHECK_EQ_INT(fgraph_node(g, p.node)->duration, 5000000);
	/* the next call longer than 1003 ns, behind a fold */
	graph_fold_all(&v, true);
	graph_first(&v, &p);
	CHECK(graph_next_slower(&v, &p, 1003));
	CHECK_EQ_INT(fgraph_node(g, p.node)->duration, 1004);
	CHECK(!graph_folded(&v, fgraph_node(g, p.node)->parent));
	CHECK(graph_next_slower(&v, &p, 1003));	/* in the next tree */
	CHECK_EQ_INT(p.root, 1);
	graph_view_done(&v);
	fgraph_free(g);
}

static void filters(void)
{
	struct b b;
	struct fgraph *g;
	struct graph_view v;
	struct graph_pos p;
	char buf[256];

	start(&b);
	ent(&b, 0, 100, A, 0);
	ent(&b, 0, 100, B, 1);
	ent(&b, 0, 100, B, 2);	/* recursion: only the outer B is a root */
	ext(&b, 0, 100, B, 2, 100);
	ext(&b, 0, 100, B, 1, 300);
	ext(&b, 0, 100, A, 0, 500);
	ent(&b, 1, 200, B, 0);
	ext(&b, 1, 200, B, 0, 100);
	ent(&b, 1, 200, C, 0);
	ext(&b, 1, 200, C, 0, 100);
	g = finish(&b);
	if (!g || graph_view_init(&v, g)) {
		fgraph_free(g);
		return;
	}
	CHECK_EQ_INT(v.nr_roots, 3);
	CHECK_EQ_INT(graph_view_filter(&v, -1, -1, "B"), 0);
	CHECK_EQ_INT(v.nr_roots, 2);
	line(&v, &v.cursor, buf);
	CHECK_EQ_STR(buf, " 0)               |  B() {");	/* at level 0 in the view */
	p = v.cursor;
	CHECK(graph_next(&v, &p));
	line(&v, &p, buf);
	CHECK_EQ_STR(buf, " 0)   0.100 us    |    B();");
	CHECK_EQ_INT(graph_view_filter(&v, -1, 200, "B"), 0);
	CHECK_EQ_INT(v.nr_roots, 1);
	CHECK_EQ_INT(graph_view_filter(&v, 1, -1, NULL), 0);
	CHECK_EQ_INT(v.nr_roots, 2);
	CHECK_EQ_INT(graph_view_filter(&v, -1, 300, NULL), 0);
	CHECK_EQ_INT(v.nr_roots, 0);
	CHECK(v.cursor.node == FGRAPH_NONE);
	CHECK(!graph_next(&v, &v.cursor));
	CHECK_EQ_INT(graph_total_rows(&v), 0);
	CHECK_EQ_INT(graph_view_filter(&v, -1, -1, "nope"), -1);
	graph_view_done(&v);
	fgraph_free(g);
}

/* ---- trace-cmd's text --------------------------------------------------- */

static void trace_cmd_durations(void)
{
	static const struct { unsigned long long ns; const char *text; } d[] = {
		{ 73, "  0.073 us   |  " },
		{ 10001, "+ 10.001 us  |  " },
		{ 100001, "! 100.001 us |  " },
		{ 3242027, "# 3242.027 us |  " },
		{ 10000001, "# 10000.001 us |  " },	/* trace-cmd keeps 3 decimals */
		{ 1000000001, "$ 1000000 us |  " },
		{ 12345678901ULL, "$ 12345678 us |  " },
	};
	struct trace_seq s;

	trace_seq_init(&s);
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		trace_seq_reset(&s);
		fgraph_text_duration(&s, d[i].ns);
		trace_seq_terminate(&s);
		CHECK_EQ_STR(s.buffer, d[i].text);
	}
	trace_seq_destroy(&s);
}

/* ---- fixtures ------------------------------------------------------------ */

static struct fgraph *from_file(const char *path, struct tracedat **tdp, struct store **sp, struct store_source *src)
{
	char err[512];
	struct load_options opt = { 0 };
	struct tracedat *td = tracedat_open(path, err, sizeof(err));
	struct store *s = td ? load_tracedat(td, &opt, err, sizeof(err)) : NULL;
	struct fgraph *g = s && !load_source_new(td, src) ? fgraph_build(s, src, td->tep, 0) : NULL;

	if (!g)
		fprintf(stderr, "  %s: %s\n", path, err);
	*tdp = td;
	*sp = s;
	return g;
}

static void done_file(struct fgraph *g, struct tracedat *td, struct store *s, struct store_source *src)
{
	fgraph_free(g);
	if (src->ctx)
		load_source_free(src);
	store_free(s);
	tracedat_close(td);
}

static void fixture_trees(void)
{
	struct tracedat *td;
	struct store *s;
	struct store_source src = { 0 };
	struct fgraph *g = from_file(FIXTURE("fgraph_basic_v7.dat"), &td, &s, &src);

	CHECK(g != NULL);
	if (g) {
		uint64_t entries = 0, exits = 0;

		CHECK(g->nr_calls > 100);
		CHECK_EQ_INT(g->nr_orphans, 2);		/* cat's schedule() before the trace */
		CHECK_EQ_INT(g->nr_unfinished, 4);	/* cat and bash blocked at the end */
		CHECK_EQ_INT(g->max_cpu, 1);
		for (uint32_t i = 0; i < g->nr_nodes; i++) {
			const struct fgraph_node *n = fgraph_node(g, i);

			entries += (n->flags & FGRAPH_ENTRY) != 0;
			exits += (n->flags & FGRAPH_EXIT) != 0;
			/* children lie inside their parent */
			if (n->parent != FGRAPH_NONE && (fgraph_node(g, n->parent)->flags & FGRAPH_ENTRY))
				CHECK(n->start >= fgraph_node(g, n->parent)->start);
		}
		CHECK_EQ_INT(entries + exits + 4 /* sched_switch */, store_nr_events(s));
		/* bash blocked on CPU 0 and returned on CPU 1 */
		for (uint32_t r = 0; r < g->nr_roots; r++) {
			const struct fgraph_node *n = fgraph_node(g, g->roots[r]);

			if (n->pid == 1001 && n->cpu != n->exit_cpu)
				CHECK(n->exit_cpu == 1 && n->duration > 1000000);
		}
	}
	done_file(g, td, s, &src);
}

static void fixture_lost(void)
{
	struct tracedat *td;
	struct store *s;
	struct store_source src = { 0 };
	struct fgraph *g = from_file(FIXTURE("fgraph_lost_v6.dat"), &td, &s, &src);

	CHECK(g != NULL);
	if (g) {
		int lost = 0, known = 0, overruns = 0;

		CHECK_EQ_INT(g->nr_losses, 2);
		for (uint32_t r = 0; r < g->nr_roots; r++) {
			const struct fgraph_node *n = fgraph_node(g, g->roots[r]);

			if (n->kind == FGRAPH_LOST) {
				lost++;
				known += n->aux == 8;
			}
		}
		for (uint32_t i = 0; i < g->nr_nodes; i++)
			overruns += fgraph_node(g, i)->aux && fgraph_node(g, i)->kind == FGRAPH_CALL;
		CHECK_EQ_INT(lost, 2);
		CHECK_EQ_INT(known, 1);		/* CPU 1's count was not stored */
		CHECK_EQ_INT(overruns, 2);
	}
	done_file(g, td, s, &src);
}

static void fixture_function_tracer(void)
{
	struct tracedat *td;
	struct store *s;
	struct store_source src = { 0 };
	struct fgraph *g = from_file(FIXTURE("function_v7.dat"), &td, &s, &src);

	CHECK(g != NULL);
	if (g) {
		CHECK_EQ_INT(g->nr_calls, store_nr_events(s));
		CHECK_EQ_INT(fgraph_node(g, g->roots[0])->kind, FGRAPH_FUNC);
	}
	done_file(g, td, s, &src);
}

static void public_sample(void)
{
	struct tracedat *td;
	struct store *s;
	struct store_source src = { 0 };
	FILE *f = fopen(SHARED_TRACE("i686_buildroot_v6_fgraph_irq_tiny.dat"), "r");
	struct fgraph *g;

	if (!f)
		SKIP("../shared is absent");
	fclose(f);
	g = from_file(SHARED_TRACE("i686_buildroot_v6_fgraph_irq_tiny.dat"), &td, &s, &src);
	CHECK(g != NULL);
	if (g) {
		const struct fgraph_node *n = fgraph_node(g, g->roots[0]);
		char buf[32];

		CHECK_EQ_INT(g->nr_roots, 7);
		CHECK_EQ_STR(fgraph_func_name(g, n->func, buf, sizeof(buf)), "do_IRQ");
		CHECK_EQ_INT(n->duration, 3242027);
		CHECK_EQ_INT(n->nr_kids, 1);	/* irq_handler_entry */
		CHECK_EQ_INT(fgraph_node(g, g->kids[n->kids])->kind, FGRAPH_EVENT);
	}
	done_file(g, td, s, &src);
}

/* The text of a funcgraph entry depends on the record after it: the info
 * cache must never keep it. */
struct fake_peek {
	struct tep_record next;
	bool consumed;
};

static bool fake_peek(void *ctx, struct tep_record *next)
{
	*next = ((struct fake_peek *)ctx)->next;
	return true;
}

static void fake_consume(void *ctx)
{
	((struct fake_peek *)ctx)->consumed = true;
}

static void never_cached(void)
{
	char err[512];
	struct load_options opt = { 0 };
	struct tracedat *td = tracedat_open(FIXTURE("fgraph_markers_v7.dat"), err, sizeof(err));
	struct store *s = td ? load_tracedat(td, &opt, err, sizeof(err)) : NULL;
	struct store_source src = { 0 };
	struct fgraph_text *ft = NULL;
	struct info_cache *cache = NULL;
	struct tep_record rec, next;
	static uint8_t a[64], b[64];
	struct fake_peek fp = { 0 };
	struct fgraph_peek peek = { fake_peek, fake_consume, &fp };
	struct trace_seq s1, s2;

	CHECK(s != NULL);
	if (!s || load_source_new(td, &src))
		goto out;
	/* records 0 and 1: the leaf ktime_get's entry and exit */
	CHECK(store_record(s, &src, 0, 0, &rec) && rec.size <= 64);
	memcpy(a, rec.data, (size_t)rec.size);
	rec.data = a;
	CHECK(store_record(s, &src, 0, 1, &next) && next.size <= 64);
	memcpy(b, next.data, (size_t)next.size);
	next.data = b;
	fp.next = next;
	ft = fgraph_text_new(td->tep, 0);
	cache = info_cache_new(td->tep, false);
	CHECK(ft && cache && !fgraph_text_register(ft));
	if (!ft || !cache)
		goto out;
	trace_seq_init(&s1);
	trace_seq_init(&s2);
	fgraph_text_set_peek(ft, &peek);
	info_cache_print(cache, &s1, &rec);
	CHECK(fp.consumed);
	fgraph_text_set_peek(ft, NULL);
	info_cache_print(cache, &s2, &rec);
	trace_seq_terminate(&s1);
	trace_seq_terminate(&s2);
	CHECK_EQ_STR(s1.buffer, "  0.850 us   |  ktime_get();");
	CHECK_EQ_STR(s2.buffer, "             |  ktime_get() {");
	trace_seq_destroy(&s1);
	trace_seq_destroy(&s2);
out:
	info_cache_free(cache);
	fgraph_text_free(ft);
	if (src.ctx)
		load_source_free(&src);
	store_free(s);
	tracedat_close(td);
}

CHECK_MAIN(CASE(nesting_and_leaves), CASE(exits_without_entries), CASE(entries_without_exits),
	   CASE(lost_in_the_middle), CASE(depth_resync), CASE(interrupts_and_overrun), CASE(tasks_and_cpus),
	   CASE(function_tracer), CASE(markers_and_durations), CASE(view_lines_and_folding), CASE(lazy_rows),
	   CASE(sorting_and_search), CASE(filters), CASE(trace_cmd_durations), CASE(never_cached), CASE(fixture_trees),
	   CASE(fixture_lost), CASE(fixture_function_tracer), CASE(public_sample))
