#include "render/runs_text.h"
#include "model/sched.h"
#include "render/csv_text.h"
#include "render/timeline.h"

#include <string.h>

static void write_csv(FILE *out, int cpu, const struct run *run, uint64_t end, const char *comm)
{
	if (run->pid == RUN_UNKNOWN)
		return;
	fprintf(out, "%d,%llu,%llu,%d,", cpu, (unsigned long long)run->start, (unsigned long long)end, run->pid);
	csv_text_field(out, comm);
	fputc('\n', out);
}

static void time_text(char *buf, size_t len, uint64_t ts, bool in_usecs)
{
	if (in_usecs)
		snprintf(buf, len, "%llu.%09llu", (unsigned long long)(ts / 1000000000),
			 (unsigned long long)(ts % 1000000000));
	else
		snprintf(buf, len, "%llu", (unsigned long long)ts);
}

static void write_row(FILE *out, int cpu, const struct run *run, uint64_t end, const char *comm, bool in_usecs)
{
	char start_s[32], end_s[32], dur[32], how[40], pid[16];

	time_text(start_s, sizeof(start_s), run->start, in_usecs);
	time_text(end_s, sizeof(end_s), end, in_usecs);
	if (in_usecs)
		format_duration(dur, sizeof(dur), end - run->start);
	else
		snprintf(dur, sizeof(dur), "%llu", (unsigned long long)(end - run->start));
	if (run->pid == RUN_UNKNOWN)
		snprintf(pid, sizeof(pid), "-");
	else
		snprintf(pid, sizeof(pid), "%d", run->pid);
	fprintf(out, "%4d  %-20s  %-20s  %12s  %7s  %-16s  %s\n", cpu, start_s, end_s, dur, pid, comm,
		run_end_text(run, how, sizeof(how)));
}

/* The runs of one CPU that overlap [from, to). */
static void write_cpu(FILE *out, const struct sched *sc, struct tep_handle *tep, int cpu,
		      const struct runs_text_opts *o)
{
	const struct run_cpu *c = sched_cpu(sc, cpu);
	int64_t first = runs_at(c, o->from);

	for (size_t i = first < 0 ? 0 : (size_t)first; i < c->nr && c->runs[i].start < o->to; i++) {
		const struct run *run = &c->runs[i];
		uint64_t end = run_end(c, i);
		const char *comm = sched_comm(sc, tep, run->pid);

		if (end < o->from || (end == o->from && end > run->start))
			continue;	/* (only a first run reaching back before from) */
		if (o->csv)
			write_csv(out, cpu, run, end, comm);
		else
			write_row(out, cpu, run, end, comm, o->in_usecs);
	}
}

int runs_text_write(FILE *out, const struct sched *sc, struct tep_handle *tep, const struct runs_text_opts *o)
{
	if (o->csv)
		fputs("cpu,start_ns,end_ns,pid,comm\n", out);
	else
		fprintf(out, "%4s  %-20s  %-20s  %12s  %7s  %-16s  %s\n", "CPU", "START", "END", "DURATION", "PID",
			"COMM", "ENDED");
	for (int cpu = 0; cpu < sc->nr_cpus; cpu++)
		if (!o->cpus || o->cpus[cpu])
			write_cpu(out, sc, tep, cpu, o);
	return ferror(out) ? -1 : 0;
}
