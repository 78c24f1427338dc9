#include "ui/view_filter.h"
#include "model/filter.h"
#include "model/filter_check.h"
#include "model/sched.h"
#include "ui/prompt.h"
#include "ui/view.h"
#include "ui/view_rows.h"

#include <ctype.h>
#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool list_match(void *ctx, int stream, uint64_t index, struct tep_record *rec)
{
	struct view *v = ctx;
	const struct store_stream *st = &v->ss->store->streams[stream];

	(void)index;
	if (v->zoom_cpu >= 0 && st->cpu != v->zoom_cpu)
		return false;
	if (v->cpu_shown && (st->cpu >= VIEW_MAX_CPUS || !v->cpu_shown[st->cpu]))
		return false;
	if (v->task_pid >= 0 && tep_data_pid(v->ss->tep, rec) != v->task_pid)
		return false;
	return !v->filter || event_filter_match(v->filter, rec);
}

bool view_filtering(const struct view *v)
{
	return v->zoom_cpu >= 0 || v->cpu_shown || v->task_pid >= 0 || v->filter;
}

bool view_shown(struct view *v, int stream, uint64_t index)
{
	struct tep_record rec;

	if (!view_filtering(v))
		return true;
	return store_record(v->ss->store, &v->ss->src, stream, index, &rec) && list_match(v, stream, index, &rec);
}

/* For the timeline's dimming: whether the event filter shows an event. */
static bool timeline_event_shown(void *ctx, int stream, uint64_t index)
{
	struct view *v = ctx;
	struct tep_record rec;

	return !v->filter || (store_record(v->ss->store, &v->ss->src, stream, index, &rec) &&
			      event_filter_match(v->filter, &rec));
}

/* The event filter from the show (-F) and hide (-v -F) texts. */
static bool rebuild_filter(struct view *v)
{
	event_filter_free(v->filter);
	v->filter = NULL;
	v->tl.event_shown = NULL;
	if (!v->filter_text && !v->hide_text)
		return true;
	v->filter = event_filter_new(v->ss->tep);
	if (!v->filter || (v->filter_text && event_filter_add(v->filter, v->filter_text, false, NULL, 0)) ||
	    (v->hide_text && event_filter_add(v->filter, v->hide_text, true, NULL, 0))) {
		event_filter_free(v->filter);
		v->filter = NULL;
		return false;
	}
	v->tl.event_shown = timeline_event_shown;
	v->tl.event_ctx = v;
	return true;
}

static bool set_filter_text(struct view *v, const char *text, bool hide, char *msg, size_t len)
{
	char **slot = hide ? &v->hide_text : &v->filter_text;
	char err[512];
	struct event_filter *f;

	if (!*text) {
		free(*slot);
		*slot = NULL;
		if (!rebuild_filter(v)) {
			snprintf(msg, len, "out of memory");
			return false;
		}
		snprintf(msg, len, hide ? "hide filter cleared" : "event filter cleared");
		return true;
	}
	f = event_filter_new(v->ss->tep);
	if (!f || event_filter_add(f, text, hide, err, sizeof(err))) {	/* check it alone first */
		event_filter_free(f);
		snprintf(msg, len, "%s", f ? err : "out of memory");
		return false;
	}
	event_filter_free(f);
	free(*slot);
	*slot = strdup(text);
	if (!rebuild_filter(v)) {
		snprintf(msg, len, "out of memory");
		return false;
	}
	snprintf(msg, len, "%s: %s", hide ? "hide" : "filter", text);
	return true;
}

bool view_filter_events(struct view *v, const char *text, char *msg, size_t len)
{
	return set_filter_text(v, text, false, msg, len);
}

bool view_filter_hide(struct view *v, const char *text, char *msg, size_t len)
{
	return set_filter_text(v, text, true, msg, len);
}

bool view_filter_cpus(struct view *v, const char *text, char *msg, size_t len)
{
	bool *mask;

	if (!*text) {
		free(v->cpu_shown);
		v->cpu_shown = NULL;
		free(v->cpu_text);
		v->cpu_text = NULL;
		view_rows_update(v);
		snprintf(msg, len, "CPU filter cleared");
		return true;
	}
	mask = calloc(VIEW_MAX_CPUS, sizeof(*mask));
	if (!mask || parse_cpu_list(text, mask, VIEW_MAX_CPUS)) {
		free(mask);
		snprintf(msg, len, "bad CPU list \"%s\" (e.g. 0,2-3)", text);
		return false;
	}
	free(v->cpu_shown);
	v->cpu_shown = mask;
	free(v->cpu_text);
	v->cpu_text = strdup(text);
	if (view_rows_update(v)) {
		snprintf(msg, len, "out of memory");
		return false;
	}
	*msg = '\0';
	return true;
}

/* The pid text names (a number, or a comm of the trace); -1: none. */
static long task_lookup(const struct view *v, const char *text)
{
	char *end;
	long pid = strtol(text, &end, 10);

	if (*end || end == text) {
		pid = -1;
		for (int i = 0; v->sched && i < v->sched->nr_tasks; i++)
			if (!strcmp(v->sched->tasks[i].comm, text))
				return v->sched->tasks[i].pid;
	}
	return pid < 0 || pid > INT32_MAX ? -1 : pid;
}

bool view_filter_task(struct view *v, const char *text, char *msg, size_t len)
{
	long pid;

	if (!*text) {
		v->task_pid = -1;
		v->tl.dim_tasks = false;
		snprintf(msg, len, "task filter cleared");
		return true;
	}
	pid = task_lookup(v, text);
	if (pid < 0) {
		snprintf(msg, len, "no task \"%s\" (give a pid or a comm)", text);
		return false;
	}
	v->task_pid = (int32_t)pid;
	v->tl.dim_tasks = true;
	v->tl.pid_shown = v->task_pid;
	*msg = '\0';
	return true;
}

/* ---- the prompts' validators ---- */

int view_check_filter(void *arg, const char *text, char *err, size_t errlen)
{
	struct view *v = arg;
	struct event_filter *f;
	int ret;

	if (!*text)
		return 0;
	if (!filter_check_tep(v->ss->tep, text, err, errlen))
		return -1;
	/* what the checker lets through, libtraceevent may still refuse */
	f = event_filter_new(v->ss->tep);
	ret = f ? event_filter_add(f, text, false, err, errlen) : prompt_reject(err, errlen, 1, "out of memory");
	event_filter_free(f);
	return ret;
}

int view_check_cpus(void *arg, const char *text, char *err, size_t errlen)
{
	struct view *v = arg;
	bool *mask;
	size_t bad = 0;
	bool any = false;
	int ret = 0;

	if (!*text)
		return 0;
	mask = calloc(VIEW_MAX_CPUS, sizeof(*mask));
	if (!mask)
		return prompt_reject(err, errlen, 1, "out of memory");
	if (parse_cpu_list_at(text, mask, VIEW_MAX_CPUS, &bad))
		ret = prompt_reject(err, errlen, bad + 1, isdigit((unsigned char)text[bad]) ?
				    "the range ends below its start" : "expected a CPU number (a list like 0,2-3)");
	for (int c = 0; c < v->nr_rows && c < VIEW_MAX_CPUS; c++)
		any |= mask[c];
	if (!ret && !any)
		ret = prompt_reject(err, errlen, 1, "no CPU of the list is in the trace (0-%d)", v->nr_rows - 1);
	free(mask);
	return ret;
}

int view_check_task(void *arg, const char *text, char *err, size_t errlen)
{
	char shown[64];

	if (!*text || task_lookup(arg, text) >= 0)
		return 0;
	filter_quote(text, shown, sizeof(shown));
	return prompt_reject(err, errlen, 1, "no task \"%s\" (give a pid or a comm)", shown);
}
