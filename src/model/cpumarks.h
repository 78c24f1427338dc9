/* What happened on each CPU besides who ran, for the timeline's strips:
 *  - interrupt spans: hard irqs (irq_handler_entry .. irq_handler_exit) and
 *    softirqs (softirq_entry .. softirq_exit), each kind with the time of
 *    the spans before it summed, so the irq time of any range is two binary
 *    searches whatever the zoom;
 *  - marks: wakeups onto the CPU (sched_wakeup / sched_wakeup_new, or
 *    sched_waking when the trace has no sched_wakeup, at their target CPU)
 *    and migrations onto it (sched_migrate_task's dest_cpu).
 * Preemptions come from the run model and lost events from the store: they
 * are not kept twice.
 *
 * The sched model feeds it, record by record in time order (the store's
 * merged order), for a file once and for live data as it comes; old spans
 * and marks can be forgotten.  It owns its memory. */
#ifndef FTUI_CPUMARKS_H
#define FTUI_CPUMARKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tep_handle;

enum irq_kind { IRQ_HARD, IRQ_SOFT, IRQ_KINDS };
enum mark_kind { MARK_WAKEUP, MARK_MIGRATE, MARK_KINDS };

struct irq_span {		/* 24 bytes */
	uint64_t start, end;
	uint64_t before;	/* time in this kind's spans before this one (since the first kept) */
};

struct cpu_mark {		/* 16 bytes */
	uint64_t ts;
	int32_t pid;		/* the task woken or migrated */
	int32_t from_cpu;	/* migrations: where it came from; wakeups: -1 */
};

struct cpu_activity {
	struct irq_span *irq[IRQ_KINDS];
	size_t nr_irq[IRQ_KINDS], cap_irq[IRQ_KINDS];
	uint64_t open_irq[IRQ_KINDS];	/* start of the span in progress + 1; 0: none */
	struct cpu_mark *marks[MARK_KINDS];
	size_t nr_marks[MARK_KINDS], cap_marks[MARK_KINDS];
};

struct cpumarks {
	struct cpu_activity *cpus;
	int nr_cpus;
	int entry_id[IRQ_KINDS], exit_id[IRQ_KINDS];	/* event ids, -1 when absent */
	bool failed;			/* memory ran out: some are missing */
};

/* For nr_cpus CPUs (more with cpumarks_grow); NULL when out of memory. */
struct cpumarks *cpumarks_new(struct tep_handle *tep, int nr_cpus);
void cpumarks_free(struct cpumarks *m);
int cpumarks_grow(struct cpumarks *m, int nr_cpus);

/* Whether the trace has irq or softirq events at all. */
bool cpumarks_have_irqs(const struct cpumarks *m);
/* A record of event id type on cpu at ts (only the irq events count). */
void cpumarks_feed(struct cpumarks *m, int cpu, uint64_t ts, int type);
/* A mark on cpu (a wakeup onto it, a migration onto it). */
void cpumarks_mark(struct cpumarks *m, int cpu, enum mark_kind kind, uint64_t ts, int32_t pid, int32_t from_cpu);
/* cpu lost events: a span in progress is not closed by what comes next. */
void cpumarks_lost(struct cpumarks *m, int cpu);
/* Drop spans and marks that ended before ts. */
void cpumarks_forget_before(struct cpumarks *m, uint64_t ts);
void cpumarks_trim(struct cpumarks *m);
size_t cpumarks_memory(const struct cpumarks *m);

/* Reading; a is NULL-safe (cpumarks_cpu of a CPU outside the model). */
const struct cpu_activity *cpumarks_cpu(const struct cpumarks *m, int cpu);
/* Time in [from, to) the CPU spent in interrupts of kind. */
uint64_t cpumarks_irq_time(const struct cpu_activity *a, enum irq_kind kind, uint64_t from, uint64_t to);
/* The first mark of kind in [from, to), or NULL. */
const struct cpu_mark *cpumarks_first(const struct cpu_activity *a, enum mark_kind kind, uint64_t from, uint64_t to);

#endif
