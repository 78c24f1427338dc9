#include "render/eventlist.h"
#include "model/store.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

bool eventlist_format(const struct store *s, const struct store_source *src, struct tep_handle *tep,
		      int stream, uint64_t index, enum time_style style, char *buf, size_t len)
{
	struct tep_record rec;
	struct trace_seq seq;

	if (!store_record(s, src, stream, index, &rec))
		return false;
	trace_seq_init(&seq);
	if (s->buffers[s->streams[stream].buffer].name[0])
		trace_seq_printf(&seq, "%s: ", s->buffers[s->streams[stream].buffer].name);
	event_text_line(&seq, tep, &rec, style, false, NULL);
	trace_seq_terminate(&seq);
	snprintf(buf, len, "%s", seq.buffer);
	trace_seq_destroy(&seq);
	return true;
}

bool eventlist_dropped_text(const struct store *s, int stream, uint64_t index, char *buf, size_t len)
{
	const char *name = s->buffers[s->streams[stream].buffer].name;
	int32_t missed = store_missed_before(s, stream, index);
	int cpu = s->streams[stream].cpu;

	if (!missed)
		return false;
	if (missed > 0)
		snprintf(buf, len, "%s%sCPU:%d [%d EVENTS DROPPED]", name, *name ? ": " : "", cpu, missed);
	else
		snprintf(buf, len, "%s%sCPU:%d [EVENTS DROPPED]", name, *name ? ": " : "", cpu);
	return true;
}

bool eventlist_line_text(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			 const struct eventlist_line *l, enum time_style style, char *buf, size_t len)
{
	if (l->dropped)
		return eventlist_dropped_text(s, l->stream, l->index, buf, len);
	return eventlist_format(s, src, tep, l->stream, l->index, style, buf, len);
}

static void mark_matches(struct grid *g, int x, int y, int w, const char *line, int hscroll, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return;
	for (const char *p = strstr(line, needle); p; p = strstr(p + 1, needle)) {
		int col = (int)(p - line) - hscroll;

		for (size_t i = 0; i < n; i++)
			if (col + (int)i >= 0 && col + (int)i < w)
				grid_role(g, x + col + (int)i, y, 1, ROLE_MATCH);
	}
}

void render_eventlist(struct grid *g, int x, int y, int w, int h, const struct store *s,
		      const struct store_source *src, struct tep_handle *tep, const struct eventlist_line *lines,
		      int n, const struct eventlist_view *v)
{
	char buf[4096];

	for (int i = 0; i < n && i < h; i++) {
		enum role role = lines[i].dropped ? ROLE_LOST : ROLE_NORMAL;
		int len;

		if (i == v->selected)
			role = v->focused ? ROLE_SELECTED : ROLE_TITLE;
		if (!eventlist_line_text(s, src, tep, &lines[i], v->style, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "(unreadable event)");
		len = (int)strlen(buf);
		if (v->hscroll < len)
			grid_text(g, x, y + i, w, buf + v->hscroll, role);
		if (i == v->selected)
			grid_role(g, x, y + i, w, role);
		if (v->highlight)
			mark_matches(g, x, y + i, w, buf, v->hscroll, v->highlight);
	}
}
