#include "render/fgraph_text.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

#define INDENT 2		/* spaces per depth level */

struct fgraph_text {
	struct tep_handle *tep;
	unsigned flags;
	bool registered;
	struct fgraph_peek peek;	/* for the registered handlers */
	struct tep_event *entry, *exit;
	/* the fields trace-cmd reads, looked up once */
	struct tep_format_field *ent_pid, *ent_func, *ent_depth;
	struct tep_format_field *ret_type, *ret_pid, *ret_func, *ret_depth, *ret_calltime, *ret_rettime;
};

/* A field read the way libtraceevent's tep_get_field_val() reads it, with its
 * error text kept for later (the record may be gone when it is printed). */
struct val {
	unsigned long long v;
	const char *name;
	enum { VAL_OK, VAL_MISSING, VAL_INVALID } state;
};

static struct val get(struct tep_format_field *f, const char *name, const void *data)
{
	struct val r = { .name = name, .state = VAL_OK };

	if (!f)
		r.state = VAL_MISSING;
	else if (tep_read_number_field(f, data, &r.v))
		r.state = VAL_INVALID;
	return r;
}

/* Print the error text tep_get_field_val(..., err=1) prints; true if the
 * value is bad (the caller then ends the line with '!'). */
static bool bad(struct trace_seq *s, const struct val *v)
{
	if (v->state == VAL_MISSING)
		trace_seq_printf(s, "<CANT FIND FIELD %s>", v->name);
	else if (v->state == VAL_INVALID)
		trace_seq_printf(s, " %s=INVALID", v->name);
	return v->state != VAL_OK;
}

struct fgraph_text *fgraph_text_new(struct tep_handle *tep, unsigned flags)
{
	struct fgraph_text *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->tep = tep;
	f->flags = flags;
	f->entry = tep_find_event_by_name(tep, "ftrace", "funcgraph_entry");
	f->exit = tep_find_event_by_name(tep, "ftrace", "funcgraph_exit");
	if (f->entry) {
		f->ent_pid = tep_find_common_field(f->entry, "common_pid");
		f->ent_func = tep_find_field(f->entry, "func");
		f->ent_depth = tep_find_field(f->entry, "depth");
	}
	if (f->exit) {
		f->ret_type = tep_find_common_field(f->exit, "common_type");
		f->ret_pid = tep_find_common_field(f->exit, "common_pid");
		f->ret_func = tep_find_field(f->exit, "func");
		f->ret_depth = tep_find_field(f->exit, "depth");
		f->ret_calltime = tep_find_field(f->exit, "calltime");
		f->ret_rettime = tep_find_field(f->exit, "rettime");
	}
	return f;
}

static int entry_handler(struct trace_seq *s, struct tep_record *rec, struct tep_event *ev, void *ctx);
static int exit_handler(struct trace_seq *s, struct tep_record *rec, struct tep_event *ev, void *ctx);

void fgraph_text_free(struct fgraph_text *f)
{
	if (!f)
		return;
	if (f->registered) {
		tep_unregister_event_handler(f->tep, -1, "ftrace", "funcgraph_entry", entry_handler, f);
		tep_unregister_event_handler(f->tep, -1, "ftrace", "funcgraph_exit", exit_handler, f);
	}
	free(f);
}

bool fgraph_text_is_fgraph(const struct fgraph_text *f, int id)
{
	return (f->entry && f->entry->id == id) || (f->exit && f->exit->id == id);
}

void fgraph_text_set_peek(struct fgraph_text *f, const struct fgraph_peek *peek)
{
	if (peek)
		f->peek = *peek;
	else
		memset(&f->peek, 0, sizeof(f->peek));
}

static void overhead(struct trace_seq *s, unsigned long long ns)
{
	if (ns > 1000000000ULL)
		trace_seq_puts(s, "$ ");
	else if (ns > 1000000ULL)
		trace_seq_puts(s, "# ");
	else if (ns > 100000ULL)
		trace_seq_puts(s, "! ");
	else if (ns > 10000ULL)
		trace_seq_puts(s, "+ ");
	else
		trace_seq_puts(s, "  ");
}

void fgraph_text_duration(struct trace_seq *s, unsigned long long ns)
{
	char buf[32];
	int len;

	overhead(s, ns);
	/* up to 7 digits of µs and then 3 of ns, padded to 7 characters
	 * (trace-cmd counts the digits of the µs only) */
	len = snprintf(buf, sizeof(buf), "%llu", ns / 1000);
	if (len < 7)
		snprintf(buf + len, sizeof(buf) - (size_t)len, ".%03llu", ns % 1000);
	trace_seq_puts(s, buf);
	trace_seq_puts(s, " us ");
	for (int i = (int)strlen(buf); i < 7; i++)
		trace_seq_putc(s, ' ');
	trace_seq_puts(s, "|  ");
}

static void indent(struct trace_seq *s, unsigned long long depth)
{
	for (int i = 0; i < (int)(depth * INDENT); i++)
		trace_seq_putc(s, ' ');
}

static void func_name(struct fgraph_text *f, struct trace_seq *s, unsigned long long addr, const char *tail)
{
	const char *name = tep_find_function(f->tep, addr);

	if (name)
		trace_seq_printf(s, "%s%s", name, tail);
	else
		trace_seq_printf(s, "%llx%s", addr, tail);
}

/* Is next the exit that closes the entry (pid, func)?  trace-cmd compares
 * the type, the pid and the function, not the CPU. */
static bool closes(struct fgraph_text *f, const struct tep_record *next, unsigned long long pid,
		   unsigned long long func)
{
	struct val type = get(f->ret_type, "common_type", next->data);
	struct val npid = get(f->ret_pid, "common_pid", next->data);
	struct val nfunc = get(f->ret_func, "func", next->data);

	return type.state == VAL_OK && type.v == (unsigned long long)f->exit->id && npid.state == VAL_OK &&
	       npid.v == pid && nfunc.state == VAL_OK && nfunc.v == func;
}

static int print_entry(struct fgraph_text *f, struct trace_seq *s, struct tep_record *rec,
		       const struct fgraph_peek *peek)
{
	/* read all of the entry first: peeking may reuse its page */
	struct val pid = get(f->ent_pid, "common_pid", rec->data);
	struct val func = get(f->ent_func, "func", rec->data);
	struct val depth = get(f->ent_depth, "depth", rec->data);
	struct tep_record next;
	bool leaf = false;

	if (bad(s, &pid) || bad(s, &func)) {
		trace_seq_putc(s, '!');
		return 0;
	}
	if (peek && peek->peek && peek->peek(peek->ctx, &next))
		leaf = closes(f, &next, pid.v, func.v);
	if (leaf) {
		struct val rettime = get(f->ret_rettime, "rettime", next.data);
		struct val calltime = get(f->ret_calltime, "calltime", next.data);

		peek->consume(peek->ctx);
		if (bad(s, &rettime) || bad(s, &calltime)) {
			trace_seq_putc(s, '!');
			return 1;
		}
		fgraph_text_duration(s, rettime.v - calltime.v);
	} else {
		trace_seq_puts(s, "  ");
		trace_seq_puts(s, "           |  ");
	}
	if (bad(s, &depth)) {
		trace_seq_putc(s, '!');
		return leaf;
	}
	indent(s, depth.v);
	func_name(f, s, func.v, leaf ? "();" : "() {");
	if (f->flags & FGRAPH_TEXT_DEPTH)
		trace_seq_printf(s, " (%lld)", (long long)depth.v);
	return leaf;
}

static void print_exit(struct fgraph_text *f, struct trace_seq *s, struct tep_record *rec)
{
	struct val rettime = get(f->ret_rettime, "rettime", rec->data);
	struct val calltime = get(f->ret_calltime, "calltime", rec->data);
	struct val depth = get(f->ret_depth, "depth", rec->data);
	struct val func = get(f->ret_func, "func", rec->data);

	if (bad(s, &rettime) || bad(s, &calltime)) {
		trace_seq_putc(s, '!');
		return;
	}
	fgraph_text_duration(s, rettime.v - calltime.v);
	if (bad(s, &depth)) {
		trace_seq_putc(s, '!');
		return;
	}
	indent(s, depth.v);
	trace_seq_putc(s, '}');
	if (f->flags & FGRAPH_TEXT_TAILPRINT) {
		const char *name = func.state == VAL_OK ? tep_find_function(f->tep, func.v) : NULL;

		if (!name)
			return;	/* trace-cmd stops here, without the depth */
		trace_seq_printf(s, " /* %s */", name);
	}
	if (f->flags & FGRAPH_TEXT_DEPTH)
		trace_seq_printf(s, " (%lld)", (long long)depth.v);
}

int fgraph_text_print(struct fgraph_text *f, struct trace_seq *s, struct tep_record *rec,
		      const struct fgraph_peek *peek)
{
	int id = tep_data_type(f->tep, rec);

	if (!f->exit)
		return -1;	/* trace-cmd then prints the event's own format */
	if (f->entry && id == f->entry->id)
		return print_entry(f, s, rec, peek);
	if (id == f->exit->id) {
		print_exit(f, s, rec);
		return 0;
	}
	return -1;
}

static int entry_handler(struct trace_seq *s, struct tep_record *rec, struct tep_event *ev, void *ctx)
{
	struct fgraph_text *f = ctx;

	return fgraph_text_print(f, s, rec, &f->peek) < 0 ? -1 : 0;
}

static int exit_handler(struct trace_seq *s, struct tep_record *rec, struct tep_event *ev, void *ctx)
{
	struct fgraph_text *f = ctx;

	return fgraph_text_print(f, s, rec, NULL) < 0 ? -1 : 0;
}

int fgraph_text_register(struct fgraph_text *f)
{
	if (!f->entry && !f->exit)
		return -1;
	if (f->registered)
		return 0;
	if (tep_register_event_handler(f->tep, -1, "ftrace", "funcgraph_entry", entry_handler, f) < 0 ||
	    tep_register_event_handler(f->tep, -1, "ftrace", "funcgraph_exit", exit_handler, f) < 0)
		return -1;
	f->registered = true;
	return 0;
}
