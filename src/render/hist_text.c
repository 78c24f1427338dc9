#include "render/hist_text.h"
#include "model/hist.h"
#include "model/syscalls.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kernel's sprint_symbol: "name+0xoff/0xsize", or the bare name. */
static void symbol(struct tep_handle *tep, unsigned long long addr, bool offset, char *buf, size_t len)
{
	const char *name = NULL;
	unsigned long long start = 0;
	unsigned long size = 0;

	if (tep_find_function_info(tep, addr, &name, &start, &size) && name) {
		if (offset)
			snprintf(buf, len, "%s+0x%llx/0x%lx", name, addr - start, size);
		else
			snprintf(buf, len, "%s", name);
	} else {
		snprintf(buf, len, "0x%llx", addr);
	}
}

static size_t key_text(const struct hist *h, const struct hist_entry *e, int k, char *buf, size_t len)
{
	const struct hist_field *f = &h->keys[k];
	unsigned long long v = e->key[k];
	char sym[256];
	const char *name;

	if (f->src == SRC_STACKTRACE) {
		/* as the kernel: a frame a line, indented by nine */
		size_t n = (size_t)snprintf(buf, len, "stacktrace:\n");

		for (int i = 0; e->stack && i < HIST_STACK_DEPTH && e->stack[i] && n < len; i++) {
			symbol(h->tep, e->stack[i], true, sym, sizeof(sym));
			n += (size_t)snprintf(buf + n, len - n, "%9c%s\n", ' ', sym);
		}
		return n < len ? n : len - 1;
	}
	if (f->mods & HIST_MOD_HEX)
		return (size_t)snprintf(buf, len, "%s: %llx", f->name, v);
	if (f->mods & (HIST_MOD_SYM | HIST_MOD_SYM_OFFSET)) {
		symbol(h->tep, v, f->mods & HIST_MOD_SYM_OFFSET, sym, sizeof(sym));
		return (size_t)snprintf(buf, len, (f->mods & HIST_MOD_SYM_OFFSET) ? "%s: [%llx] %-55s" : "%s: [%llx] %-45s",
					f->name, v, sym);
	}
	if (f->mods & HIST_MOD_EXECNAME) {
		name = strcmp(f->name, "common_pid") ? tep_data_comm_from_pid(h->tep, (int)v) : e->comm;
		return (size_t)snprintf(buf, len, "%s: %-16s[%10llu]", f->name, name, v);
	}
	if (f->mods & HIST_MOD_SYSCALL) {
		name = syscall_name_x86_64(v);
		return (size_t)snprintf(buf, len, "%s: %-30s[%3llu]", f->name, name ? name : "unknown_syscall", v);
	}
	if (f->mods & HIST_MOD_LOG2)
		return (size_t)snprintf(buf, len, "%s: ~ 2^%-2llu", f->name, v);
	if (f->mods & HIST_MOD_BUCKETS)
		return (size_t)snprintf(buf, len, "%s: ~ %llu-%llu", f->name, v, v + f->buckets - 1);
	if (f->is_string)
		return (size_t)snprintf(buf, len, "%s: %-50s", f->name, e->str[k] ? e->str[k] : "");
	return (size_t)snprintf(buf, len, "%s: %10llu", f->name, v);
}

void hist_entry_text(const struct hist *h, const struct hist_entry *e, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "{ ");

	for (int k = 0; k < h->nr_keys && n < len; k++) {
		if (k)
			n += (size_t)snprintf(buf + n, len - n, ", ");
		if (n < len)
			n += key_text(h, e, k, buf + n, len - n);
	}
	if (n < len)
		n += (size_t)snprintf(buf + n, len - n, hist_needs_stack(h) ? "}" : " }");
	for (int v = 0; v < h->nr_vals && n < len; v++)
		n += (size_t)snprintf(buf + n, len - n, (h->vals[v].mods & HIST_MOD_HEX) ? " %s: %10llx" : " %s: %10llu",
				      h->vals[v].name, (unsigned long long)e->val[v]);
}

char *hist_text(const struct hist *h)
{
	size_t n = 0, nr, cap;
	struct hist_entry **list = hist_sorted(h, &nr);
	char trigger[1024], line[4096], *out;

	if (!list)
		return NULL;
	cap = 1024 + nr * 256;
	out = malloc(cap);
	if (!out) {
		free(list);
		return NULL;
	}
	hist_trigger_text(h, trigger, sizeof(trigger));
	n += (size_t)snprintf(out + n, cap - n, "# event histogram\n#\n# trigger info: %s [%s]\n#\n\n", trigger,
			      h->paused ? "paused" : "active");
	for (size_t i = 0; i < nr; i++) {
		size_t l;

		hist_entry_text(h, list[i], line, sizeof(line));
		l = strlen(line);
		if (n + l + 2 > cap) {
			char *bigger = realloc(out, cap * 2 + l);

			if (!bigger)
				break;
			out = bigger;
			cap = cap * 2 + l;
		}
		memcpy(out + n, line, l);
		n += l;
		out[n++] = '\n';
	}
	if (n + 128 > cap) {
		char *bigger = realloc(out, n + 128);

		if (bigger) {
			out = bigger;
			cap = n + 128;
		}
	}
	snprintf(out + n, cap - n, "\nTotals:\n    Hits: %llu\n    Entries: %zu\n    Dropped: %llu\n",
		 (unsigned long long)h->hits, nr, (unsigned long long)h->dropped);
	free(list);
	return out;
}
