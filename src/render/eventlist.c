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

int render_eventlist(struct grid *g, int x, int y, int w, int h, const struct store *s,
		     const struct store_source *src, struct tep_handle *tep, const struct store_pos *top,
		     const struct event_pred *pred, const struct eventlist_view *v, struct eventlist_line *lines)
{
	struct store_pos pos = { 0 };
	char buf[4096];
	int n = 0, stream;
	uint64_t index;

	if (store_pos_copy(&pos, top))
		return 0;
	while (n < h && store_pos_next(&pos, s, &stream, &index)) {
		struct tep_record rec;
		enum role role;
		int len;

		if (pred && pred->match && (!store_record(s, src, stream, index, &rec) ||
					    !pred->match(pred->ctx, stream, index, &rec)))
			continue;
		if (!eventlist_format(s, src, tep, stream, index, v->style, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "(unreadable event)");
		role = n == v->selected ? (v->focused ? ROLE_SELECTED : ROLE_TITLE) : ROLE_NORMAL;
		len = (int)strlen(buf);
		if (v->hscroll < len)
			grid_text(g, x, y + n, w, buf + v->hscroll, role);
		if (n == v->selected)
			grid_role(g, x, y + n, w, role);
		if (v->highlight)
			mark_matches(g, x, y + n, w, buf, v->hscroll, v->highlight);
		lines[n].stream = stream;
		lines[n].index = index;
		lines[n].ts = store_event_at(s, stream, index)->ts;
		n++;
	}
	store_pos_done(&pos);
	return n;
}
