/* The filter and hist checkers (model/filter_check.h, model/hist_check.h):
 * what trace-cmd documents passes, the strings that crashed libtraceevent
 * fail with the column of the fault, fields are looked up in a real trace,
 * and every string that passes is then parsed by libtraceevent itself. */
#include "check.h"
#include "model/filter.h"
#include "model/filter_check.h"
#include "model/hist_check.h"
#include "trace.h"

#include <event-parse.h>

static const char *const good_filters[] = {
	"sched_switch",
	"sched",
	"irq,timer",
	"sched/sched_switch",
	"sched_.*",
	"sched_switch:prev_pid != 0",
	"sched_switch:prev_pid != 0 && next_pid == 0",
	"sched:COMM == \"bash\"",
	"sched_switch:prev_comm =~ \"^k.*\"",
	"sched_switch:prev_comm !~ \"swapper\"",
	"sched_switch:(prev_pid == 0 || next_pid == 0) && !prev_state & 1",
	"sched_switch:!(prev_pid == 0)",
	"sched_switch:prev_state & 2",
	"sched_switch:prev_prio >= 0x10 && prev_prio <= 0170",
	"sched_switch:prev_comm == 'k'",
	"sched_switch:prev_comm == \"kw\" \"orker\"",
	"sched_switch:CPU == 1",
	"sched_switch,sched_wakeup:common_pid > 0",
	"sched_switch:\tprev_pid==1||next_pid==1",
};

struct bad { const char *s; int col; const char *what; };

static const struct bad bad_filters[] = {
	{ "sched_switch:COMM == \"qz", 22, "unterminated" },
	{ "sched_switch:prev_pid ==", 25, "after '=='" },
	{ "sched_switch:prev_pid == 1 &&", 30, "expected a comparison" },
	{ "sched_switch:prev_pid ~ \"*", 23, "not a comparison" },
	{ "prev_pid == 1 &&", 9, "space" },
	{ "", 1, "empty event" },
	{ "sched_switch:", 14, "empty expression" },
	{ "sched_switch:prev_pid", 22, "expected a comparison" },
	{ "sched_switch:prev_pid == next_pid", 26, "constants only" },
	{ "sched_switch:prev_pid == -1", 26, "negative" },
	{ "sched_switch:prev_pid =~ 1", 23, "takes a string" },
	{ "sched_switch:prev_comm < \"a\"", 24, "strings compare" },
	{ "sched_switch:prev_comm =~ \"[a\"", 27, "regular expression" },
	{ "sched_switch:(prev_pid == 1", 14, "never closed" },
	{ "sched_switch:prev_pid == 1)", 27, "without '('" },
	{ "sched_switch:()", 15, "expected a comparison" },
	{ "sched_switch:prev_pid == 1 prev_pid == 2", 28, "expected &&" },
	{ "sched_switch:prev_pid == 1, next_pid == 2", 27, "expected &&" },
	{ "sched_switch:1 == prev_pid", 14, "field name" },
	{ "sched_switch:prev_pid == 12abc", 26, "not a number" },
	{ "sched_switch:prev_pid = 1", 23, "unexpected character '='" },
	{ "sched_switch:!!prev_pid == 1", 15, "!!" },
	{ "sched_switch:prev_pid == 1 && \x01", 31, "byte 0x01" },
	{ "sched_switch:prev_pid & next_pid", 25, "number after '&'" },
	{ "sched_switch:prev_pid + 1 == 2", 23, "not a comparison" },
	{ "a/b/c", 1, "SYSTEM/EVENT" },
	{ "sched_switch,", 14, "empty event" },
	{ "sched_[", 1, "regular expression" },
	/* bytes libtraceevent 1.7.1 crashes on inside a string (fuzz_replay finds) */
	{ "sched_switch:prev_comm != \"tr\x01\"", 30, "byte 0x01 in a string" },
	{ "sched_switch:prev_comm == \"tr\xc3\xa9\"", 30, "byte 0xc3 in a string" },
	{ "sched_switch:prev_comm == \"a\tb\"", 29, "byte 0x09" },
	{ "sched_switch:prev_comm == '\xff'", 28, "byte 0xff in a character" },
	{ "sched_switch:prev_comm == \"x\\\x7f\"", 30, "byte 0x7f" },
	/* libtraceevent fails on a comma anywhere, a string's too */
	{ "sched_switch:prev_comm =~ \"a{2,1}\"", 31, "',' in a string" },
};

static bool has(const char *err, const char *what)
{
	if (strstr(err, what))
		return true;
	fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", err, what);
	return false;
}

static int column(const char *err)
{
	int col = -1;

	sscanf(err, "column %d:", &col);
	return col;
}

static void documented_filters_pass(void)
{
	char err[256];

	for (size_t i = 0; i < sizeof(good_filters) / sizeof(good_filters[0]); i++) {
		bool ok = filter_check(good_filters[i], err, sizeof(err));

		if (!ok)
			fprintf(stderr, "  \"%s\": %s\n", good_filters[i], err);
		CHECK(ok);
	}
}

static void bad_filters_fail_at_their_column(void)
{
	char err[256];

	for (size_t i = 0; i < sizeof(bad_filters) / sizeof(bad_filters[0]); i++) {
		const struct bad *b = &bad_filters[i];

		CHECK(!filter_check(b->s, err, sizeof(err)));
		if (column(err) != b->col)
			fprintf(stderr, "  \"%s\": %s (expected column %d)\n", b->s, err, b->col);
		CHECK_EQ_INT(column(err), b->col);
		CHECK(has(err, b->what));
	}
}

static void long_filter_fails(void)
{
	char s[2048], err[256];
	int n = snprintf(s, sizeof(s), "sched_switch:prev_pid == 1");

	while (n < (int)sizeof(s) - 20)
		n += snprintf(s + n, sizeof(s) - (size_t)n, " || prev_pid == 1");
	CHECK(!filter_check(s, err, sizeof(err)));
	CHECK(has(err, "longer than"));
}

static void deep_parens_fail(void)
{
	char s[256], err[256];
	int n = snprintf(s, sizeof(s), "sched_switch:");

	for (int i = 0; i < 40; i++)
		s[n++] = '(';
	snprintf(s + n, sizeof(s) - (size_t)n, "prev_pid == 1");
	CHECK(!filter_check(s, err, sizeof(err)));
	CHECK(has(err, "nested deeper"));
}

/* Against a real trace: events and fields, and libtraceevent takes what passes. */
static void fields_looked_up_in_the_trace(void)
{
	struct trace t;
	char err[256];

	if (!trace_open(&t, FIXTURE("sched_v7_zstd.dat"))) {
		trace_close(&t);
		CHECK(0);
		return;
	}
	struct tep_handle *tep = t.td->tep;

	CHECK(filter_check_tep(tep, "sched_switch:prev_pid != 0", err, sizeof(err)));
	CHECK(filter_check_tep(tep, "sched:prev_pid != 0", err, sizeof(err)));
	CHECK(filter_check_tep(tep, "sched_switch:common_pid == 1 || COMM == \"x\"", err, sizeof(err)));
	CHECK(!filter_check_tep(tep, "sched_switch:prev_pdi == 3", err, sizeof(err)));
	CHECK_EQ_INT(column(err), 14);
	CHECK(has(err, "no field 'prev_pdi'"));
	CHECK(!filter_check_tep(tep, "no_such_event", err, sizeof(err)));
	CHECK(has(err, "no event matches"));
	CHECK(!filter_check_tep(tep, "sched_switch, nope:prev_pid == 1", err, sizeof(err)));
	CHECK_EQ_INT(column(err), 15);

	for (size_t i = 0; i < sizeof(good_filters) / sizeof(good_filters[0]); i++) {
		struct event_filter *f = event_filter_new(tep);

		if (filter_check_tep(tep, good_filters[i], err, sizeof(err)) &&
		    event_filter_add(f, good_filters[i], false, err, sizeof(err))) {
			fprintf(stderr, "  \"%s\" passed the check, not libtraceevent: %s\n", good_filters[i], err);
			CHECK(0);
		}
		event_filter_free(f);
	}
	for (size_t i = 0; i < sizeof(bad_filters) / sizeof(bad_filters[0]); i++) {
		struct event_filter *f = event_filter_new(tep);

		CHECK(event_filter_add(f, bad_filters[i].s, false, err, sizeof(err)) < 0);
		CHECK(has(err, "column"));
		event_filter_free(f);
	}
	trace_close(&t);
}

static const char *const good_hists[] = {
	"keys=prev_pid",
	"hist:keys=common_pid.execname:vals=hitcount:sort=hitcount.descending:size=128",
	"keys=next_comm:vals=prev_prio,next_prio:sort=next_comm,hitcount",
	"keys=prev_prio.buckets=10,cpu:sort=prev_prio",
	"keys=stacktrace",
	"keys=id.syscall:vals=hitcount",
	"keys=prev_pid if prev_pid != 0 && next_comm == \"bash\"",
	"keys=prev_pid  ",
	"keys=call_site.sym-offset:vals=bytes_req,bytes_alloc:sort=bytes_alloc.descending",
	"keys=prev_pid.hex.log2",
};

static const struct bad bad_hists[] = {
	{ "keys=id if id ==", 17, "after '=='" },
	{ "keys=id if COMM == \"qz", 20, "unterminated" },
	{ "", 1, "expected NAME=" },
	{ "vals=a", 1, "needs keys=" },
	{ "keys=", 6, "at least one field" },
	{ "keys=a,", 8, "empty field" },
	{ "keys=a::vals=b", 8, "empty clause" },
	{ "keys=a.bogus", 8, "unknown modifier" },
	{ "keys=a.buckets=0", 16, "above 0" },
	{ "keys=a.buckets=x", 16, "needs a number" },
	{ "keys=a:size=0", 13, "size must be" },
	{ "keys=a:size=12x", 13, "not a number" },
	{ "keys=a:sort=a.up", 15, "ascending" },
	{ "keys=a,b,c,d,e", 14, "too many keys" },
	{ "keys=a:color=red", 8, "unknown hist option" },
	{ "keys=a b", 7, "space" },
	{ "keys=-a", 6, "cannot start" },
	{ "keys=a$", 7, "in a field name" },
};

static void hist_expressions(void)
{
	char err[256];

	for (size_t i = 0; i < sizeof(good_hists) / sizeof(good_hists[0]); i++) {
		bool ok = hist_check(good_hists[i], err, sizeof(err));

		if (!ok)
			fprintf(stderr, "  \"%s\": %s\n", good_hists[i], err);
		CHECK(ok);
	}
	for (size_t i = 0; i < sizeof(bad_hists) / sizeof(bad_hists[0]); i++) {
		const struct bad *b = &bad_hists[i];

		CHECK(!hist_check(b->s, err, sizeof(err)));
		if (column(err) != b->col)
			fprintf(stderr, "  \"%s\": %s (expected column %d)\n", b->s, err, b->col);
		CHECK_EQ_INT(column(err), b->col);
		CHECK(has(err, b->what));
	}
}

static void hist_prompt(void)
{
	char err[256];

	CHECK(hist_prompt_check("sched:sched_switch keys=next_comm", err, sizeof(err)));
	CHECK(!hist_prompt_check("sched:sched_switch", err, sizeof(err)));
	CHECK(has(err, "EVENT SPEC"));
	CHECK(!hist_prompt_check("raw_syscalls:sys_enter keys=id if id ==", err, sizeof(err)));
	CHECK_EQ_INT(column(err), 40);
}

CHECK_MAIN(CASE(documented_filters_pass), CASE(bad_filters_fail_at_their_column), CASE(long_filter_fails),
	   CASE(deep_parens_fail), CASE(fields_looked_up_in_the_trace), CASE(hist_expressions), CASE(hist_prompt))
