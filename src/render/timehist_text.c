#include "render/timehist_text.h"
#include "model/sched.h"
#include "model/timehist.h"
#include "render/csv_text.h"

#include <string.h>

static const char *const header[3] = {
	"           time    cpu  task name                       wait time  sch delay   run time",
	"                        [tid/pid]                          (msec)     (msec)     (msec)",
	"--------------- ------  ------------------------------  ---------  ---------  ---------",
};

const char *timehist_header(int i)
{
	return i >= 0 && i < 3 ? header[i] : "";
}

static void time_text(char *buf, size_t len, uint64_t ts, bool in_usecs)
{
	if (in_usecs)
		snprintf(buf, len, "%llu.%06llu", (unsigned long long)(ts / 1000000000),
			 (unsigned long long)(ts % 1000000000 / 1000));
	else
		snprintf(buf, len, "%llu", (unsigned long long)ts);
}

/* A duration in msec with three decimals (raw counts for counter clocks). */
static void msec_text(char *buf, size_t len, uint64_t ns, bool in_usecs)
{
	if (in_usecs)
		snprintf(buf, len, "%llu.%03llu", (unsigned long long)(ns / 1000000),
			 (unsigned long long)(ns % 1000000 / 1000));
	else
		snprintf(buf, len, "%llu", (unsigned long long)ns);
}

static void task_text(char *buf, size_t len, const struct sched *sc, struct tep_handle *tep, int32_t pid)
{
	if (pid == RUN_IDLE)
		snprintf(buf, len, "<idle>");
	else
		snprintf(buf, len, "%s[%d]", sched_comm(sc, tep, pid), pid);
}

void timehist_line_text(char *buf, size_t len, const struct th_line *l, const struct sched *sc,
			struct tep_handle *tep, bool in_usecs)
{
	char ts[32], task[48], other[48], wait[24], delay[24], run[24];

	time_text(ts, sizeof(ts), l->ts, in_usecs);
	task_text(task, sizeof(task), sc, tep, l->pid);
	if (l->kind == TH_WAKEUP) {
		task_text(other, sizeof(other), sc, tep, l->other);
		snprintf(buf, len, "%15s [%04d]  %-30s  %9s  %9s  %9s  awakened: %s", ts, l->cpu, task, "", "", "",
			 other);
		return;
	}
	msec_text(wait, sizeof(wait), l->wait, in_usecs);
	msec_text(delay, sizeof(delay), l->delay, in_usecs);
	msec_text(run, sizeof(run), th_run(l), in_usecs);
	snprintf(buf, len, "%15s [%04d]  %-30s  %9s  %9s  %9s", ts, l->cpu, task, wait, delay, run);
}

static void write_csv_line(FILE *out, const struct th_line *l, const struct sched *sc, struct tep_handle *tep)
{
	fprintf(out, "%llu,%d,%s,%d,", (unsigned long long)l->ts, l->cpu, l->kind == TH_WAKEUP ? "wakeup" : "switch",
		l->pid);
	csv_text_field(out, sched_comm(sc, tep, l->pid));
	if (l->kind == TH_WAKEUP) {
		fprintf(out, ",,,,,,%d,", l->other);
		csv_text_field(out, sched_comm(sc, tep, l->other));
		fputc('\n', out);
		return;
	}
	fprintf(out, ",%llu,%llu,%llu,%c,%d,,\n", (unsigned long long)l->wait, (unsigned long long)l->delay,
		(unsigned long long)th_run(l), l->state, (l->flags & TH_FROM_SWITCH) ? 1 : 0);
}

int timehist_text_write(FILE *out, const struct timehist *th, const struct sched *sc, struct tep_handle *tep,
			bool csv, bool in_usecs)
{
	char buf[256];

	if (csv)
		fputs("ts_ns,cpu,event,pid,comm,wait_ns,sch_delay_ns,run_ns,state,from_switch,woken_pid,woken_comm\n",
		      out);
	else
		for (int i = 0; i < 3; i++)
			fprintf(out, "%s\n", header[i]);
	for (size_t i = 0; i < th->nr; i++) {
		if (csv) {
			write_csv_line(out, &th->lines[i], sc, tep);
			continue;
		}
		timehist_line_text(buf, sizeof(buf), &th->lines[i], sc, tep, in_usecs);
		fprintf(out, "%s\n", buf);
	}
	if (!csv && !th->have_switch)
		fprintf(out, "(the trace has no sched_switch events)\n");
	return ferror(out) ? -1 : 0;
}
