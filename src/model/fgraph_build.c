#include "model/fgraph.h"
#include "model/fgraph_internal.h"
#include "model/grow.h"
#include "model/u64map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* common_flags bits (include/linux/trace_events.h) */
#define TRACE_FLAG_NMI 0x40
#define TRACE_FLAG_HARDIRQ 0x08
#define TRACE_FLAG_SOFTIRQ 0x10

/* The tree's arrays count in 32 bits, to keep its nodes small. */
static bool grow(void **arr, uint32_t *cap, uint64_t need, size_t elem)
{
	size_t n = *cap;

	if (need > UINT32_MAX - 1 || !grow_array(arr, &n, (size_t)need, elem))
		return false;
	*cap = n < UINT32_MAX ? (uint32_t)n : UINT32_MAX - 1;
	return true;
}

/* ---- the builder ---------------------------------------------------------- */

struct ustack {
	uint32_t *v;
	uint32_t n, cap;
};

static bool push(struct ustack *s, uint32_t x)
{
	if (!grow((void **)&s->v, &s->cap, (uint64_t)s->n + 1, sizeof(*s->v)))
		return false;
	s->v[s->n++] = x;
	return true;
}

struct task_state {
	int32_t pid;
	int cpu;		/* pid 0: the idle task's CPU */
	struct ustack stack;	/* open calls, outermost first */
	struct ustack ghosts;	/* calls cut by a loss, outermost first */
	uint32_t first_root, last_root;	/* the task's parentless nodes */
	uint32_t cut_mark;	/* nodes from this index on came after the last cut */
	uint64_t last_ts;
	int last_cpu;
	uint32_t nr_calls;
};

struct cpu_state {
	struct ustack fstack;	/* function tracer: the CPU's call stack */
	uint64_t last_ts;	/* of the CPU's last record */
	int32_t last_pid;
	int32_t cached_task;	/* task index of last_pid, -1 */
};

struct fgraph_builder {
	fgraph_name_fn name;
	fgraph_comm_fn comm;
	void *ctx;
	struct fgraph_node *nodes;
	uint32_t nr_nodes, cap_nodes;
	/* while building, children are linked lists */
	uint32_t *first_kid, *last_kid, *next, *prev;
	uint32_t cap_links;
	struct task_state *tasks;
	uint32_t nr_tasks, cap_tasks;
	struct u64map task_map;		/* (pid, cpu) key -> task */
	struct fgraph_func *funcs;
	uint32_t nr_funcs, cap_funcs;
	struct u64map func_map;		/* address -> func */
	struct u64map ret_map;		/* return address -> func of its function */
	char *texts;
	uint32_t texts_len, texts_cap;
	struct u64map text_map;		/* hash of a text -> offset */
	struct cpu_state *cpus;
	int nr_cpus;
	uint64_t nr_records, nr_losses;
	bool failed;
};

struct fgraph_builder *fgraph_builder_new(fgraph_name_fn name, fgraph_comm_fn comm, void *ctx)
{
	struct fgraph_builder *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->name = name;
	b->comm = comm;
	b->ctx = ctx;
	return b;
}

void fgraph_builder_free(struct fgraph_builder *b)
{
	if (!b)
		return;
	free(b->nodes);
	free(b->first_kid);
	free(b->last_kid);
	free(b->next);
	free(b->prev);
	for (uint32_t i = 0; i < b->nr_tasks; i++) {
		free(b->tasks[i].stack.v);
		free(b->tasks[i].ghosts.v);
	}
	free(b->tasks);
	u64map_free(&b->task_map);
	free(b->funcs);
	u64map_free(&b->func_map);
	u64map_free(&b->ret_map);
	free(b->texts);
	u64map_free(&b->text_map);
	for (int i = 0; i < b->nr_cpus; i++)
		free(b->cpus[i].fstack.v);
	free(b->cpus);
	free(b);
}

static struct cpu_state *cpu_state(struct fgraph_builder *b, int cpu)
{
	if (cpu < 0 || cpu > 65535)
		return NULL;
	if (cpu >= b->nr_cpus) {
		struct cpu_state *c = realloc(b->cpus, (size_t)(cpu + 1) * sizeof(*c));

		if (!c)
			return NULL;
		for (int i = b->nr_cpus; i <= cpu; i++)
			c[i] = (struct cpu_state){ .last_pid = -1, .cached_task = -1 };
		b->cpus = c;
		b->nr_cpus = cpu + 1;
	}
	return &b->cpus[cpu];
}

static uint64_t task_key(int32_t pid, int cpu)
{
	return (uint64_t)(uint32_t)pid << 32 | (uint32_t)(pid ? 0 : cpu + 1);
}

/* The task of a record: pid, or for pid 0 the idle task of that CPU. */
static struct task_state *task_of(struct fgraph_builder *b, int32_t pid, int cpu, bool create)
{
	struct cpu_state *c = cpu_state(b, cpu);
	uint32_t ti;

	if (!c)
		return NULL;
	if (c->cached_task >= 0 && b->tasks[c->cached_task].pid == pid)
		return &b->tasks[c->cached_task];
	if (!u64map_get(&b->task_map, task_key(pid, cpu), &ti)) {
		struct task_state *t;

		if (!create)
			return NULL;
		if (!grow((void **)&b->tasks, &b->cap_tasks, (uint64_t)b->nr_tasks + 1, sizeof(*b->tasks)))
			return NULL;
		ti = b->nr_tasks;
		if (u64map_put(&b->task_map, task_key(pid, cpu), ti))
			return NULL;
		t = &b->tasks[b->nr_tasks++];
		memset(t, 0, sizeof(*t));
		t->pid = pid;
		t->cpu = pid ? -1 : cpu;
		t->first_root = t->last_root = FGRAPH_NONE;
		t->last_cpu = cpu;
	}
	c->cached_task = (int32_t)ti;
	return &b->tasks[ti];
}

static uint32_t func_index(struct fgraph_builder *b, uint64_t addr)
{
	uint32_t fi;

	if (u64map_get(&b->func_map, addr, &fi))
		return fi;
	if (!grow((void **)&b->funcs, &b->cap_funcs, (uint64_t)b->nr_funcs + 1, sizeof(*b->funcs)))
		return FGRAPH_NONE;
	fi = b->nr_funcs;
	if (u64map_put(&b->func_map, addr, fi))
		return FGRAPH_NONE;
	b->funcs[fi].addr = addr;
	b->funcs[fi].name = b->name ? b->name(b->ctx, addr, NULL) : NULL;
	b->nr_funcs++;
	return fi;
}

/* The function a return address is in. */
static uint32_t ret_func(struct fgraph_builder *b, uint64_t ret)
{
	uint64_t start = ret;
	uint32_t fi;

	if (u64map_get(&b->ret_map, ret, &fi))
		return fi;
	if (!b->name || !b->name(b->ctx, ret, &start))
		start = ret;
	fi = func_index(b, start);
	if (fi != FGRAPH_NONE && u64map_put(&b->ret_map, ret, fi))
		return FGRAPH_NONE;
	return fi;
}

static uint64_t text_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static uint32_t text_index(struct fgraph_builder *b, const char *text)
{
	uint64_t h = text_hash(text);
	size_t n = strlen(text) + 1;
	uint32_t off;

	/* collisions of 64-bit hashes: compare, and probe with h + 1, ... */
	for (;; h++) {
		if (!u64map_get(&b->text_map, h, &off))
			break;
		if (!strcmp(b->texts + off, text))
			return off;
	}
	if (!grow((void **)&b->texts, &b->texts_cap, (uint64_t)b->texts_len + n, 1))
		return FGRAPH_NONE;
	off = b->texts_len;
	memcpy(b->texts + off, text, n);
	b->texts_len += (uint32_t)n;
	if (u64map_put(&b->text_map, h, off))
		return FGRAPH_NONE;
	return off;
}

static uint32_t new_node(struct fgraph_builder *b, uint8_t kind, uint64_t ts, int cpu, int32_t pid,
			 unsigned flags)
{
	struct fgraph_node *n;
	uint32_t i = b->nr_nodes;

	if (!grow((void **)&b->nodes, &b->cap_nodes, (uint64_t)i + 1, sizeof(*b->nodes)))
		return FGRAPH_NONE;
	if (b->cap_links < b->cap_nodes) {
		size_t sz = (size_t)b->cap_nodes * sizeof(uint32_t);
		uint32_t *a = realloc(b->first_kid, sz), *l, *nx, *pv;

		if (a)
			b->first_kid = a;
		l = a ? realloc(b->last_kid, sz) : NULL;
		if (l)
			b->last_kid = l;
		nx = l ? realloc(b->next, sz) : NULL;
		if (nx)
			b->next = nx;
		pv = nx ? realloc(b->prev, sz) : NULL;
		if (!pv)
			return FGRAPH_NONE;
		b->prev = pv;
		b->cap_links = b->cap_nodes;
	}
	n = &b->nodes[i];
	memset(n, 0, sizeof(*n));
	n->start = n->end = ts;
	n->parent = FGRAPH_NONE;
	n->pid = pid;
	n->cpu = n->exit_cpu = (uint16_t)cpu;
	n->kind = kind;
	n->flags = (uint8_t)((flags & TRACE_FLAG_HARDIRQ ? FGRAPH_HARDIRQ : 0) |
			     (flags & TRACE_FLAG_SOFTIRQ ? FGRAPH_SOFTIRQ : 0) | (flags & TRACE_FLAG_NMI ? FGRAPH_NMI : 0));
	b->first_kid[i] = b->last_kid[i] = b->next[i] = b->prev[i] = FGRAPH_NONE;
	b->nr_nodes++;
	return i;
}

/* The list a node's children (or a task's roots) are linked in. */
static void list_of(struct fgraph_builder *b, struct task_state *t, uint32_t parent, uint32_t **first,
		    uint32_t **last)
{
	if (parent != FGRAPH_NONE) {
		*first = &b->first_kid[parent];
		*last = &b->last_kid[parent];
	} else {
		*first = &t->first_root;
		*last = &t->last_root;
	}
}

static void append(struct fgraph_builder *b, struct task_state *t, uint32_t parent, uint32_t n)
{
	uint32_t *first, *last;

	list_of(b, t, parent, &first, &last);
	b->nodes[n].parent = parent;
	b->prev[n] = *last;
	b->next[n] = FGRAPH_NONE;
	if (*last != FGRAPH_NONE)
		b->next[*last] = n;
	else
		*first = n;
	*last = n;
}

/* Move the trailing nodes of parent's list (t's roots if none) that lie
 * deeper than depth, and were made at or after min, under o. */
static void adopt(struct fgraph_builder *b, struct task_state *t, uint32_t parent, uint32_t o, unsigned depth,
		  uint32_t min)
{
	uint32_t *first, *last, seg = FGRAPH_NONE, k;

	list_of(b, t, parent, &first, &last);
	for (k = *last; k != FGRAPH_NONE && k >= min && k != o; k = b->prev[k]) {
		const struct fgraph_node *n = &b->nodes[k];

		if (n->kind == FGRAPH_CALL && n->depth <= depth)
			break;
		if (n->kind != FGRAPH_CALL && n->kind != FGRAPH_EVENT)
			break;
		seg = k;
	}
	if (seg == FGRAPH_NONE)
		return;
	/* cut [seg .. last] out of the list */
	{
		uint32_t before = b->prev[seg], end = *last;

		if (before != FGRAPH_NONE)
			b->next[before] = FGRAPH_NONE;
		else
			*first = FGRAPH_NONE;
		*last = before;
		/* and append it to o's children */
		b->prev[seg] = b->last_kid[o];
		if (b->last_kid[o] != FGRAPH_NONE)
			b->next[b->last_kid[o]] = seg;
		else
			b->first_kid[o] = seg;
		b->last_kid[o] = end;
		for (k = seg; k != FGRAPH_NONE; k = b->next[k])
			b->nodes[k].parent = o;
	}
}

static void touch(struct fgraph_builder *b, struct task_state *t, uint64_t ts, int cpu)
{
	if (ts > t->last_ts)
		t->last_ts = ts;
	t->last_cpu = cpu;
	b->cpus[cpu].last_ts = ts;
}

/* An open call whose exit is not coming (lost, or past the trace's end). */
static void pop_unfinished(struct fgraph_builder *b, struct task_state *t)
{
	uint32_t n = t->stack.v[--t->stack.n];

	b->nodes[n].end = t->last_ts;
}

/* Ghosts at depth >= depth returned while we were not looking. */
static void drop_ghosts(struct fgraph_builder *b, struct task_state *t, unsigned depth)
{
	while (t->ghosts.n && b->nodes[t->ghosts.v[t->ghosts.n - 1]].depth >= depth)
		t->ghosts.n--;
}

int fgraph_add_entry(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, uint64_t func,
		     unsigned depth)
{
	struct task_state *t = task_of(b, pid, cpu, true);
	uint32_t parent, n, fi;

	if (!t || (fi = func_index(b, func)) == FGRAPH_NONE)
		goto fail;
	b->nr_records++;
	touch(b, t, ts, cpu);
	while (t->stack.n && b->nodes[t->stack.v[t->stack.n - 1]].depth >= depth)
		pop_unfinished(b, t);
	if (!t->stack.n)
		drop_ghosts(b, t, depth);
	parent = t->stack.n ? t->stack.v[t->stack.n - 1] : FGRAPH_NONE;
	n = new_node(b, FGRAPH_CALL, ts, cpu, pid, flags);
	if (n == FGRAPH_NONE)
		goto fail;
	b->nodes[n].func = fi;
	b->nodes[n].depth = (uint16_t)(depth > 65535 ? 65535 : depth);
	b->nodes[n].flags |= FGRAPH_ENTRY;
	if (parent != FGRAPH_NONE && depth > (unsigned)b->nodes[parent].depth + 1)
		b->nodes[n].flags |= FGRAPH_GAP;
	append(b, t, parent, n);
	t->nr_calls++;
	if (!push(&t->stack, n))
		goto fail;
	return 0;
fail:
	b->failed = true;
	return -1;
}

static void close_call(struct fgraph_node *n, uint64_t ts, int cpu, uint64_t calltime, uint64_t rettime,
		       uint32_t overrun)
{
	n->end = ts;
	n->exit_cpu = (uint16_t)cpu;
	n->duration = rettime - calltime;
	n->aux = overrun;
	n->flags |= FGRAPH_EXIT;
}

int fgraph_add_exit(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, uint64_t func,
		    unsigned depth, uint64_t calltime, uint64_t rettime, uint32_t overrun)
{
	struct task_state *t = task_of(b, pid, cpu, true);
	uint32_t fi, parent, o;
	uint64_t start;

	if (!t || (fi = func_index(b, func)) == FGRAPH_NONE)
		goto fail;
	b->nr_records++;
	touch(b, t, ts, cpu);
	/* its entry on the stack: pop what is above it (their exits were lost) */
	for (uint32_t i = t->stack.n; i-- > 0;) {
		struct fgraph_node *n = &b->nodes[t->stack.v[i]];

		if (n->depth < depth)
			break;
		if (n->depth == depth && n->func == fi) {
			while (t->stack.n > i + 1)
				pop_unfinished(b, t);
			t->stack.n--;
			close_call(n, ts, cpu, calltime, rettime, overrun);
			return 0;
		}
	}
	while (t->stack.n && b->nodes[t->stack.v[t->stack.n - 1]].depth >= depth)
		pop_unfinished(b, t);
	if (!t->stack.n) {
		/* a call cut by a loss, returning now */
		for (uint32_t i = t->ghosts.n; i-- > 0;) {
			uint32_t g = t->ghosts.v[i];
			struct fgraph_node *n = &b->nodes[g];

			if (n->depth < depth)
				break;
			if (n->depth == depth && n->func == fi) {
				adopt(b, t, FGRAPH_NONE, g, depth, t->cut_mark);
				close_call(n, ts, cpu, calltime, rettime, overrun);
				t->ghosts.n = i;
				return 0;
			}
		}
		drop_ghosts(b, t, depth);
	}
	/* its entry is not in the trace */
	parent = t->stack.n ? t->stack.v[t->stack.n - 1] : FGRAPH_NONE;
	o = new_node(b, FGRAPH_CALL, ts, cpu, pid, flags);
	if (o == FGRAPH_NONE)
		goto fail;
	b->nodes[o].func = fi;
	b->nodes[o].depth = (uint16_t)(depth > 65535 ? 65535 : depth);
	close_call(&b->nodes[o], ts, cpu, calltime, rettime, overrun);
	adopt(b, t, parent, o, depth, t->cut_mark);
	/* it started its duration before its exit, and before its children */
	start = rettime - calltime < ts ? ts - (rettime - calltime) : 0;
	if (b->first_kid[o] != FGRAPH_NONE && b->nodes[b->first_kid[o]].start < start)
		start = b->nodes[b->first_kid[o]].start;
	{
		uint32_t *first, *last;

		list_of(b, t, parent, &first, &last);
		if (*last != FGRAPH_NONE && b->nodes[*last].start > start)
			start = b->nodes[*last].start;	/* keep siblings in time order */
	}
	b->nodes[o].start = start;
	append(b, t, parent, o);
	t->nr_calls++;
	return 0;
fail:
	b->failed = true;
	return -1;
}

int fgraph_add_function(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, uint64_t ip,
			uint64_t parent_ip)
{
	struct cpu_state *c = cpu_state(b, cpu);
	struct task_state *t = task_of(b, pid, cpu, true);
	uint32_t fi = func_index(b, ip), pf = ret_func(b, parent_ip), parent = FGRAPH_NONE, n;

	if (!c || !t || fi == FGRAPH_NONE || pf == FGRAPH_NONE)
		goto fail;
	c = &b->cpus[cpu];	/* task_of may have moved the array */
	b->nr_records++;
	touch(b, t, ts, cpu);
	/* under the latest call of the parent function on this CPU */
	for (uint32_t i = c->fstack.n; i-- > 0;)
		if (b->nodes[c->fstack.v[i]].func == pf) {
			parent = c->fstack.v[i];
			c->fstack.n = i + 1;
			break;
		}
	if (parent == FGRAPH_NONE)
		c->fstack.n = 0;
	n = new_node(b, FGRAPH_FUNC, ts, cpu, pid, flags);
	if (n == FGRAPH_NONE)
		goto fail;
	b->nodes[n].func = fi;
	b->nodes[n].aux = pf;
	b->nodes[n].depth = (uint16_t)(c->fstack.n > 65535 ? 65535 : c->fstack.n);
	b->nodes[n].flags |= FGRAPH_ENTRY;
	if (parent != FGRAPH_NONE) {
		append(b, t, parent, n);
		b->nodes[parent].end = ts;
	}
	if (!push(&c->fstack, n))
		goto fail;
	t->nr_calls++;
	return 0;
fail:
	b->failed = true;
	return -1;
}

int fgraph_add_event(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, const char *text)
{
	struct task_state *t = task_of(b, pid, cpu, true);
	uint32_t parent, n, ti;

	if (!t || (ti = text_index(b, text)) == FGRAPH_NONE)
		goto fail;
	b->nr_records++;
	touch(b, t, ts, cpu);
	parent = t->stack.n ? t->stack.v[t->stack.n - 1] : FGRAPH_NONE;
	n = new_node(b, FGRAPH_EVENT, ts, cpu, pid, flags);
	if (n == FGRAPH_NONE)
		goto fail;
	b->nodes[n].func = ti;
	b->nodes[n].depth = parent != FGRAPH_NONE ? (uint16_t)(b->nodes[parent].depth + 1) : 0;
	append(b, t, parent, n);
	return 0;
fail:
	b->failed = true;
	return -1;
}

/* The calls open on the tasks that last ran on cpu become ghosts: their
 * records may be among the lost ones.  A later exit of the same function at
 * the same depth takes them up again. */
static bool cut(struct fgraph_builder *b, struct task_state *t)
{
	if (!t->stack.n)
		return true;
	drop_ghosts(b, t, b->nodes[t->stack.v[0]].depth);
	for (uint32_t i = 0; i < t->stack.n; i++) {
		b->nodes[t->stack.v[i]].flags |= FGRAPH_LOSS;
		b->nodes[t->stack.v[i]].end = t->last_ts;
		if (!push(&t->ghosts, t->stack.v[i]))
			return false;
	}
	t->stack.n = 0;
	t->cut_mark = b->nr_nodes;
	return true;
}

int fgraph_add_lost(struct fgraph_builder *b, uint64_t ts, int cpu, uint64_t count)
{
	char text[64];
	uint32_t n, ti;

	if (!cpu_state(b, cpu))
		goto fail;
	b->nr_losses++;
	/* it happened after the CPU's last record */
	if (b->cpus[cpu].last_ts && b->cpus[cpu].last_ts < ts)
		ts = b->cpus[cpu].last_ts + 1;
	b->cpus[cpu].fstack.n = 0;
	for (uint32_t i = 0; i < b->nr_tasks; i++)
		if (b->tasks[i].last_cpu == cpu && !cut(b, &b->tasks[i]))
			goto fail;
	if (count)
		snprintf(text, sizeof(text), "CPU %d: %llu events lost", cpu, (unsigned long long)count);
	else
		snprintf(text, sizeof(text), "CPU %d: events lost", cpu);
	ti = text_index(b, text);
	n = ti == FGRAPH_NONE ? FGRAPH_NONE : new_node(b, FGRAPH_LOST, ts, cpu, -1, 0);
	if (n == FGRAPH_NONE)
		goto fail;
	b->nodes[n].func = ti;
	b->nodes[n].aux = count > UINT32_MAX ? UINT32_MAX : (uint32_t)count;
	return 0;
fail:
	b->failed = true;
	return -1;
}

void fgraph_add_other(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid)
{
	struct cpu_state *c = cpu_state(b, cpu);
	struct task_state *t;

	if (!c)
		return;
	c->last_pid = pid;
	c->last_ts = ts;
	t = task_of(b, pid, cpu, false);
	if (t)
		touch(b, t, ts, cpu);
}

/* ---- finishing --------------------------------------------------------- */
static int cmp_tasks(const void *a, const void *b)
{
	const struct fgraph_task *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->cpu > y->cpu) - (x->cpu < y->cpu);
}

struct fgraph *fgraph_builder_finish(struct fgraph_builder *b)
{
	struct fgraph *g = b && !b->failed ? calloc(1, sizeof(*g)) : NULL;
	uint32_t nk = 0;

	if (!g)
		goto fail;
	/* calls still open: the trace ends inside them */
	for (uint32_t i = 0; i < b->nr_tasks; i++) {
		struct task_state *t = &b->tasks[i];

		while (t->stack.n)
			pop_unfinished(b, t);
	}
	g->nodes = b->nodes;
	g->nr_nodes = b->nr_nodes;
	b->nodes = NULL;
	g->kids = malloc(((size_t)g->nr_nodes + 1) * sizeof(*g->kids));
	g->roots = malloc(((size_t)g->nr_nodes + 1) * sizeof(*g->roots));
	if (!g->kids || !g->roots)
		goto fail;
	g->max_cpu = -1;
	for (uint32_t i = 0; i < g->nr_nodes; i++) {
		struct fgraph_node *nd = &g->nodes[i];
		uint32_t pos = 0;

		if ((int)nd->cpu > g->max_cpu)
			g->max_cpu = nd->cpu;
		if ((int)nd->exit_cpu > g->max_cpu)
			g->max_cpu = nd->exit_cpu;
		nd->kids = nk;
		for (uint32_t k = b->first_kid[i]; k != FGRAPH_NONE; k = b->next[k]) {
			g->nodes[k].kid_pos = pos++;
			g->kids[nk++] = k;
		}
		nd->nr_kids = pos;
		if (nd->parent == FGRAPH_NONE)
			g->roots[g->nr_roots++] = i;
		if (nd->kind == FGRAPH_CALL) {
			g->nr_calls++;
			g->nr_orphans += !(nd->flags & FGRAPH_ENTRY);
			g->nr_unfinished += !(nd->flags & FGRAPH_EXIT);
		} else if (nd->kind == FGRAPH_FUNC) {
			g->nr_calls++;
		}
	}
	if (fgraph_index(g))
		goto fail;
	g->funcs = b->funcs;
	g->nr_funcs = b->nr_funcs;
	b->funcs = NULL;
	g->texts = b->texts;
	g->texts_len = b->texts_len;
	b->texts = NULL;
	g->nr_records = b->nr_records;
	g->nr_losses = b->nr_losses;
	g->tasks = calloc(b->nr_tasks + 1, sizeof(*g->tasks));
	if (!g->tasks)
		goto fail;
	for (uint32_t i = 0; i < b->nr_tasks; i++) {
		struct fgraph_task *t = &g->tasks[g->nr_tasks++];
		const char *comm = b->comm ? b->comm(b->ctx, b->tasks[i].pid) : NULL;

		t->pid = b->tasks[i].pid;
		t->cpu = b->tasks[i].cpu;
		t->nr_calls = b->tasks[i].nr_calls;
		snprintf(t->comm, sizeof(t->comm), "%s", comm ? comm : t->pid ? "<...>" : "<idle>");
	}
	qsort(g->tasks, (size_t)g->nr_tasks, sizeof(*g->tasks), cmp_tasks);
	fgraph_builder_free(b);
	return g;
fail:
	fgraph_builder_free(b);
	fgraph_free(g);
	return NULL;
}

bool fgraph_builder_failed(const struct fgraph_builder *b)
{
	return b->failed;
}
