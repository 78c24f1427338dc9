#include "model/filter.h"
#include "model/filter_check.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_CPUS 65536

struct event_filter {
	struct tep_handle *tep;
	struct tep_event_filter **pos, **neg;
	int nr_pos, nr_neg;
	int kernel_stack_id, user_stack_id;	/* -1 if absent */
	bool *last_shown;			/* per CPU */
};

struct event_filter *event_filter_new(struct tep_handle *tep)
{
	struct event_filter *f = calloc(1, sizeof(*f));
	struct tep_event *ev;

	if (!f)
		return NULL;
	f->tep = tep;
	f->last_shown = calloc(MAX_CPUS, sizeof(*f->last_shown));
	if (!f->last_shown) {
		free(f);
		return NULL;
	}
	ev = tep_find_event_by_name(tep, "ftrace", "kernel_stack");
	f->kernel_stack_id = ev ? ev->id : -1;
	ev = tep_find_event_by_name(tep, "ftrace", "user_stack");
	f->user_stack_id = ev ? ev->id : -1;
	return f;
}

static void free_list(struct tep_event_filter **list, int n)
{
	for (int i = 0; i < n; i++)
		tep_filter_free(list[i]);
	free(list);
}

void event_filter_free(struct event_filter *f)
{
	if (!f)
		return;
	free_list(f->pos, f->nr_pos);
	free_list(f->neg, f->nr_neg);
	free(f->last_shown);
	free(f);
}

bool event_filter_empty(const struct event_filter *f)
{
	return !f->nr_pos && !f->nr_neg;
}

int event_filter_add(struct event_filter *f, const char *str, bool negative, char *err, size_t errlen)
{
	struct tep_event_filter *tf = tep_filter_alloc(f->tep);
	struct tep_event_filter ***list = negative ? &f->neg : &f->pos;
	int *n = negative ? &f->nr_neg : &f->nr_pos;
	struct tep_event_filter **grown;
	enum tep_errno ret;
	char msg0[256], shown[64];

	if (!tf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* libtraceevent's parser crashes on malformed strings: check first */
	filter_quote(str, shown, sizeof(shown));
	if (!filter_check_tep(f->tep, str, msg0, sizeof(msg0))) {
		snprintf(err, errlen, "bad filter \"%s\": %s", shown, msg0);
		tep_filter_free(tf);
		return -1;
	}
	ret = tep_filter_add_filter_str(tf, str);
	if (ret < 0) {
		char msg[256];

		if (tep_filter_strerror(tf, ret, msg, sizeof(msg)) < 0)
			snprintf(msg, sizeof(msg), "cannot parse");
		/* the parser's message spans lines (a caret under the spot): one line */
		for (char *c = msg; *c; c++)
			if (*c == '\n')
				*c = ' ';
		snprintf(err, errlen, "bad filter \"%s\": %s", shown, msg);
		tep_filter_free(tf);
		return -1;
	}
	grown = realloc(*list, (*n + 1) * sizeof(*grown));
	if (!grown) {
		tep_filter_free(tf);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	grown[(*n)++] = tf;
	*list = grown;
	return 0;
}

static bool any_match(struct tep_event_filter **list, int n, struct tep_record *rec)
{
	for (int i = 0; i < n; i++) {
		enum tep_errno r = tep_filter_match(list[i], rec);

		if (r == TEP_ERRNO__FILTER_MATCH || r == TEP_ERRNO__NO_FILTER)
			return true;
	}
	return false;
}

static bool is_stack(struct event_filter *f, struct tep_record *rec)
{
	int id = tep_data_type(f->tep, rec);

	return (id == f->kernel_stack_id || id == f->user_stack_id) && f->last_shown[rec->cpu];
}

bool event_filter_match(struct event_filter *f, struct tep_record *rec)
{
	bool hidden;

	if (rec->cpu < 0 || rec->cpu >= MAX_CPUS)
		return false;
	if (f->nr_pos && !any_match(f->pos, f->nr_pos, rec) && !is_stack(f, rec))
		return false;
	hidden = any_match(f->neg, f->nr_neg, rec);
	f->last_shown[rec->cpu] = !hidden;
	return !hidden;
}
