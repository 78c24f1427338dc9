/* Function-graph call trees, from ftrace:funcgraph_entry / funcgraph_exit
 * records (the function_graph tracer), and call lists from ftrace:function
 * records (the function tracer).
 *
 * The kernel keeps one return stack per task, and the depth it records is
 * that stack's depth: a task's calls nest across CPUs (it may block inside a
 * call on one CPU and return on another), and interrupts nest inside whatever
 * call the interrupted task was in (at its depth, with the irq flags in
 * common_flags).  So the trees are built per task (each CPU's idle task, pid
 * 0, is a task of its own), from all CPUs in time order; each node keeps the
 * CPU of its entry and of its exit.  The task of a record is its common_pid;
 * sched_switch records show in the trees as events.
 *
 * What real traces contain:
 *   - exits whose entry is not in the trace (the buffer starts inside calls):
 *     the call becomes a node without entry, whose children are the task's
 *     preceding calls at a greater depth; its start is its exit minus its
 *     duration;
 *   - entries without an exit (the buffer ends inside calls): no duration;
 *   - lost events (a page with missed events): the calls open on the tasks
 *     of that CPU are cut, flagged FGRAPH_LOSS, and resumed when an exit of
 *     the same function at the same depth shows up later; records after the
 *     loss whose callers are unknown are kept as roots until then;
 *   - depths that do not follow from the stack (lost records without a
 *     notice): the stack is resynchronised on the record's depth;
 *   - overrun counts (calls the kernel's return stack had no room for);
 *   - leaf calls (an entry followed by its exit) are nodes without children.
 *
 * Durations are the exit record's rettime - calltime, as the kernel and
 * trace-cmd print them.  Function-tracer records (ip, parent_ip) become
 * FGRAPH_FUNC nodes, nested per CPU the way libtraceevent's function plugin
 * indents them (under the latest call of the parent function on the CPU's
 * stack), without durations.
 *
 * The builder (fgraph_builder_new, fgraph_add_*, fgraph_builder_finish) is
 * the one way in: it takes records as plain values and knows nothing of
 * the store or libtraceevent, so the unit tests feed it hand-made sequences
 * and fgraph_build() feeds it a trace.  Files: fgraph_build.c (the builder),
 * fgraph.c (the finished tree's indexes and queries), fgraph_store.c
 * (fgraph_build from the store), fgraph_view.c (the pane's view-model).
 * Keep the builder free of the store and libtraceevent: that is what makes
 * the nesting rules testable with a few lines of input.
 */
#ifndef FTUI_FGRAPH_H
#define FTUI_FGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/store.h"

struct tep_handle;

#define FGRAPH_NONE UINT32_MAX

enum fgraph_kind {
	FGRAPH_CALL,		/* a function-graph call */
	FGRAPH_FUNC,		/* a function-tracer record (no duration) */
	FGRAPH_EVENT,		/* another event inside the calls: irq handler, sched_switch */
	FGRAPH_LOST,		/* events lost on a CPU (a root) */
};

enum fgraph_flag {
	FGRAPH_ENTRY = 1,	/* the entry is in the trace */
	FGRAPH_EXIT = 2,	/* the exit is in the trace: duration is known */
	FGRAPH_HARDIRQ = 4,	/* recorded in hard interrupt context */
	FGRAPH_SOFTIRQ = 8,
	FGRAPH_NMI = 16,
	FGRAPH_LOSS = 32,	/* events were lost while it was open: children may be missing */
	FGRAPH_GAP = 64,	/* its depth does not follow its parent's: calls in between are missing */
};

struct fgraph_node {
	uint64_t start;		/* entry record time (without entry: exit time - duration) */
	uint64_t end;		/* exit record time (without exit: the task's last record) */
	uint64_t duration;	/* rettime - calltime; 0 without exit */
	uint64_t self;		/* duration minus the children's durations */
	uint32_t func;		/* CALL, FUNC: index in funcs; EVENT, LOST: index in the texts */
	uint32_t aux;		/* CALL: overrun; FUNC: the parent function; LOST: events lost (0: unknown) */
	uint32_t parent;	/* FGRAPH_NONE for a root */
	uint32_t kids;		/* children: kids[kids .. kids + nr_kids), in time order */
	uint32_t nr_kids;
	uint32_t kid_pos;	/* its place among its parent's children (or in roots) */
	uint32_t calls;		/* CALL and FUNC nodes in its subtree, itself included */
	int32_t pid;
	uint16_t cpu;		/* of the entry (or the first record seen) */
	uint16_t exit_cpu;	/* of the exit */
	uint16_t depth;		/* the depth the kernel recorded */
	uint16_t level;		/* depth in the tree: 0 for roots */
	uint8_t kind;		/* enum fgraph_kind */
	uint8_t flags;		/* enum fgraph_flag */
};

struct fgraph_func {
	uint64_t addr;
	const char *name;	/* NULL when the trace's kallsyms does not name it */
};

struct fgraph_task {
	int32_t pid;
	int cpu;		/* for pid 0, the CPU whose idle task it is; else -1 */
	char comm[24];
	uint32_t nr_calls;
};

struct fgraph {
	struct fgraph_node *nodes;
	uint32_t nr_nodes;
	uint32_t *kids;		/* children of every node, by node */
	uint32_t *roots;	/* nodes without a parent, by start time */
	uint32_t nr_roots;
	struct fgraph_func *funcs;
	uint32_t nr_funcs;
	char *texts;		/* EVENT and LOST texts, NUL-terminated, at their offsets */
	size_t texts_len;
	struct fgraph_task *tasks;	/* by pid, then CPU */
	int nr_tasks;
	int max_cpu;		/* highest CPU seen, -1 if none */
	uint64_t nr_records;	/* records used */
	uint64_t nr_calls, nr_orphans, nr_unfinished, nr_losses;
	uint32_t **cpu_roots;	/* per CPU 0..max_cpu: its CALL roots by start (for fgraph_call_at) */
	uint32_t *nr_cpu_roots;
};

/* Build from the records of one buffer of the store (0: the top-level one).
 * Returns NULL when out of memory; a trace without function-graph or
 * function records gives an empty graph. */
struct fgraph *fgraph_build(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			    int buffer);
void fgraph_free(struct fgraph *g);

static inline const struct fgraph_node *fgraph_node(const struct fgraph *g, uint32_t n)
{
	return &g->nodes[n];
}

/* The i-th child of n in time order. */
static inline uint32_t fgraph_kid(const struct fgraph *g, uint32_t n, uint32_t i)
{
	return g->kids[g->nodes[n].kids + i];
}

/* A function's name, or its address in hex (in buf) when it has none. */
const char *fgraph_func_name(const struct fgraph *g, uint32_t func, char *buf, size_t len);
/* The text of an EVENT or LOST node. */
const char *fgraph_text(const struct fgraph *g, uint32_t n);
/* The function index of a name (or of "0x..." / hex address), -1 if none. */
int64_t fgraph_find_func(const struct fgraph *g, const char *name);
/* "comm" of a task, "<idle>" for pid 0, "<...>" if unknown. */
const char *fgraph_comm(const struct fgraph *g, int32_t pid);

/* The innermost call that started on CPU cpu and covers ts, or FGRAPH_NONE. */
uint32_t fgraph_call_at(const struct fgraph *g, int cpu, uint64_t ts);

/* ---- building from records (what fgraph_build does; tests use it too) ---- */

struct fgraph_builder;

/* Name a function address: its name and start (NULL if unknown). */
typedef const char *(*fgraph_name_fn)(void *ctx, uint64_t addr, uint64_t *start);
/* The comm of a pid (NULL if unknown). */
typedef const char *(*fgraph_comm_fn)(void *ctx, int32_t pid);

struct fgraph_builder *fgraph_builder_new(fgraph_name_fn name, fgraph_comm_fn comm, void *ctx);
/* flags: the record's common_flags (irq bits) */
int fgraph_add_entry(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, uint64_t func,
		     unsigned depth);
int fgraph_add_exit(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, uint64_t func,
		    unsigned depth, uint64_t calltime, uint64_t rettime, uint32_t overrun);
int fgraph_add_function(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, uint64_t ip,
			uint64_t parent_ip);
/* Another event of the task (irq handler, sched_switch): text as it shows. */
int fgraph_add_event(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid, unsigned flags, const char *text);
/* Events were lost on cpu before ts (count 0: unknown). */
int fgraph_add_lost(struct fgraph_builder *b, uint64_t ts, int cpu, uint64_t count);
/* Any other record of the CPU: who runs there, and the task's last time. */
void fgraph_add_other(struct fgraph_builder *b, uint64_t ts, int cpu, int32_t pid);
/* Finish the trees; frees b.  NULL when out of memory. */
struct fgraph *fgraph_builder_finish(struct fgraph_builder *b);
/* Memory ran out while adding: finishing will return NULL. */
bool fgraph_builder_failed(const struct fgraph_builder *b);
void fgraph_builder_free(struct fgraph_builder *b);

#endif
