/* An event of the store as a libtraceevent record, for printing and filters. */
#include "model/store.h"

#include <event-parse.h>
#include <string.h>

static int32_t missed_at(const struct store_page *pg, uint64_t index)
{
	return pg && pg->first == index && pg->missed_shown ? pg->missed : 0;
}

int32_t store_missed_before(const struct store *s, int stream, uint64_t index)
{
	return missed_at(store_page_of(s, stream, index), index);
}

bool store_record(const struct store *s, const struct store_source *src, int stream, uint64_t index,
		  struct tep_record *rec)
{
	const struct store_event *e = store_event_at(s, stream, index);
	const struct store_page *pg = store_page_of(s, stream, index);
	struct store_raw raw;

	/* The record stays in its page, as with trace-cmd: a format that reaches
	 * past the record reads the page's next bytes, and the page source
	 * guarantees enough readable slack after the page for any format. */
	if (!e || store_read_raw(s, src, stream, index, &raw) || raw.size < 0)
		return false;
	memset(rec, 0, sizeof(*rec));
	rec->ts = e->ts;
	rec->cpu = s->streams[stream].cpu;
	rec->data = (void *)raw.data;
	rec->size = raw.size;
	rec->record_size = raw.record_size;
	rec->offset = pg ? pg->page : 0;
	rec->missed_events = missed_at(pg, index);
	return true;
}
