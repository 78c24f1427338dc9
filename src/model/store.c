/* The event store: building it from pages, and finding events in it.
 * Merged iteration is in store_iter.c. */
#include "model/store.h"
#include "model/grow.h"
#include "capture/bytes.h"
#include "capture/rbpage.h"

#include <event-parse.h>
#include <kbuffer.h>
#include <stdlib.h>
#include <string.h>

struct store *store_new(const struct store_layout *layout)
{
	struct store *s = calloc(1, sizeof(*s));

	if (s)
		s->layout = *layout;
	return s;
}

void store_free(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nr_streams; i++) {
		free(s->streams[i].ev);
		free(s->streams[i].pages);
	}
	for (int i = 0; i < s->nr_buffers; i++)
		free(s->buffers[i].name);
	free(s->streams);
	free(s->buffers);
	free(s);
}

int store_layout_from_tep(struct store_layout *layout, struct tep_handle *tep)
{
	struct tep_event *ev = tep_get_first_event(tep);
	struct tep_format_field *type, *pid;

	/* no formats at all: the usual layout, it has nothing to decode anyway */
	layout->type_off = 0;
	layout->type_size = 2;
	layout->pid_off = 4;
	layout->pid_size = 4;
	if (!ev)
		return 0;
	type = tep_find_common_field(ev, "common_type");
	pid = tep_find_common_field(ev, "common_pid");
	if (!type || !pid || type->size > 4 || pid->size > 4 || type->offset > 64 || pid->offset > 64)
		return -1;
	layout->type_off = (uint32_t)type->offset;
	layout->type_size = (uint32_t)type->size;
	layout->pid_off = (uint32_t)pid->offset;
	layout->pid_size = (uint32_t)pid->size;
	return 0;
}

int store_add_buffer(struct store *s, const char *name, uint32_t page_size, const struct ts_adjust *adj)
{
	struct store_buffer *b = realloc(s->buffers, (s->nr_buffers + 1) * sizeof(*b));

	if (!b)
		return -1;
	s->buffers = b;
	b = &b[s->nr_buffers];
	b->name = strdup(name);
	if (!b->name)
		return -1;
	b->page_size = page_size;
	b->adj = adj ? *adj : (struct ts_adjust){ 0 };
	return s->nr_buffers++;
}

int store_add_stream(struct store *s, int buffer, int cpu)
{
	struct store_stream *st = realloc(s->streams, (s->nr_streams + 1) * sizeof(*st));

	if (!st)
		return -1;
	s->streams = st;
	st = &st[s->nr_streams];
	memset(st, 0, sizeof(*st));
	st->buffer = buffer;
	st->cpu = cpu;
	return s->nr_streams++;
}

int store_find_stream(const struct store *s, int buffer, int cpu)
{
	for (int i = 0; i < s->nr_streams; i++)
		if (s->streams[i].buffer == buffer && s->streams[i].cpu == cpu)
			return i;
	return -1;
}

struct kbuffer *store_kbuffer_new(const struct store *s)
{
	struct kbuffer *kb = kbuffer_alloc(s->layout.long_size == 8 ? KBUFFER_LSIZE_8 : KBUFFER_LSIZE_4,
					   s->layout.big_endian ? KBUFFER_ENDIAN_BIG : KBUFFER_ENDIAN_LITTLE);

	if (kb && s->layout.old_format)
		kbuffer_set_old_format(kb);
	return kb;
}

void store_kbuffer_free(struct kbuffer *kb)
{
	kbuffer_free(kb);
}

static uint32_t load_n(const uint8_t *p, uint32_t size, bool big)
{
	switch (size) {
	case 1: return p[0];
	case 2: return load_u16(p, big);
	default: return load_u32(p, big);
	}
}

/* kbuffer trusts record lengths: a bad one would walk backwards, stand
 * still for ever or start a record outside the data.  Check that every
 * record's header is inside the data and every step moves on. */
static bool records_advance(const struct store_layout *l, const uint8_t *data, uint32_t size)
{
	struct rbpage_rec r;

	for (int64_t off = 0; off < size; off = r.next)
		if (rbpage_record(data, size, (uint32_t)off, l->big_endian, &r) || r.next <= off)
			return false;
	return true;
}

/* A page whose sizes do not fit is corrupt: kbuffer would read past it. */
static int page_header(const struct store *s, uint32_t page_size, const uint8_t *page, int32_t *missed)
{
	const struct store_layout *l = &s->layout;
	struct rbpage_header h;

	if (rbpage_header(page, page_size, l->big_endian, l->long_size, &h))
		return -1;
	if (!l->old_format && !records_advance(l, page + h.data, h.size))
		return -1;
	*missed = h.missed;
	return 0;
}

static bool add_page_record(struct store_stream *st, uint64_t page_no, int32_t missed)
{
	struct store_page *pg;

	if (!grow_array((void **)&st->pages, &st->cap_pages, st->nr_pages + 1, sizeof(*pg)))
		return false;
	pg = &st->pages[st->nr_pages++];
	pg->page = (uint32_t)page_no & 0x7fffffff;
	pg->first = st->base + st->nr_ev;
	pg->missed = missed;
	pg->missed_shown = 0;
	if (missed > 0)
		st->lost += (uint64_t)missed;
	else if (missed < 0)
		st->lost_unknown++;
	return true;
}

int store_add_page(struct store *s, int stream, struct kbuffer *kb, uint64_t page_no, const void *page)
{
	struct store_stream *st = &s->streams[stream];
	const struct store_buffer *b = &s->buffers[st->buffer];
	const struct store_layout *l = &s->layout;
	unsigned long long ts;
	int32_t missed;
	int added = 0;
	void *data;

	if (!page || page_header(s, b->page_size, page, &missed) ||
	    kbuffer_load_subbuffer(kb, (void *)page) < 0) {
		st->bad_pages++;
		return -1;
	}
	if (!add_page_record(st, page_no, missed))
		return -1;
	for (data = kbuffer_read_event(kb, &ts); data; data = kbuffer_next_event(kb, &ts)) {
		struct store_event *e;
		int off = kbuffer_curr_offset(kb);

		if (!added && missed)
			st->pages[st->nr_pages - 1].missed_shown = kbuffer_missed_events(kb) != 0;
		if (!grow_array((void **)&st->ev, &st->cap_ev, st->nr_ev + 1, sizeof(*e)))
			return -1;
		e = &st->ev[st->nr_ev++];
		e->ts = ts_adjust_apply(&b->adj, st->cpu, ts);
		e->type = (uint16_t)load_n((const uint8_t *)data + l->type_off, l->type_size, l->big_endian);
		e->pid = (int32_t)load_n((const uint8_t *)data + l->pid_off, l->pid_size, l->big_endian);
		e->off4 = (uint16_t)(off / 4);
		added++;
	}
	return added;
}

void store_trim(struct store *s)
{
	for (int i = 0; i < s->nr_streams; i++) {
		struct store_stream *st = &s->streams[i];
		void *p;

		if (st->nr_ev && st->nr_ev < st->cap_ev && (p = realloc(st->ev, st->nr_ev * sizeof(*st->ev)))) {
			st->ev = p;
			st->cap_ev = st->nr_ev;
		}
		if (st->nr_pages && st->nr_pages < st->cap_pages &&
		    (p = realloc(st->pages, st->nr_pages * sizeof(*st->pages)))) {
			st->pages = p;
			st->cap_pages = st->nr_pages;
		}
	}
}

void store_evict_pages(struct store *s, int stream, size_t keep)
{
	struct store_stream *st = &s->streams[stream];
	uint64_t drop_ev;

	if (keep == 0 || keep > st->nr_pages)
		return;
	drop_ev = keep < st->nr_pages ? st->pages[keep].first - st->base : st->nr_ev;
	memmove(st->ev, st->ev + drop_ev, (st->nr_ev - drop_ev) * sizeof(*st->ev));
	st->nr_ev -= drop_ev;
	st->base += drop_ev;
	memmove(st->pages, st->pages + keep, (st->nr_pages - keep) * sizeof(*st->pages));
	st->nr_pages -= keep;
	st->page_hint = 0;
}

uint64_t store_evict_before(struct store *s, int stream, uint64_t ts)
{
	struct store_stream *st = &s->streams[stream];
	uint64_t keep = store_find_time(s, stream, ts);
	const struct store_page *pg;

	if (keep == st->base + st->nr_ev) {	/* nothing at or after ts */
		store_evict_pages(s, stream, st->nr_pages);
		return UINT64_MAX;
	}
	pg = store_page_of(s, stream, keep);
	if (pg && pg > st->pages)
		store_evict_pages(s, stream, (size_t)(pg - st->pages));
	if (keep > st->base) {	/* the first page's events before ts */
		memmove(st->ev, st->ev + (keep - st->base), (st->nr_ev - (keep - st->base)) * sizeof(*st->ev));
		st->nr_ev -= keep - st->base;
		st->base = keep;
	}
	return st->nr_pages ? st->pages[0].page : UINT64_MAX;
}

size_t store_memory(const struct store *s)
{
	size_t n = sizeof(*s);

	for (int i = 0; i < s->nr_streams; i++)
		n += s->streams[i].cap_ev * sizeof(struct store_event) +
		     s->streams[i].cap_pages * sizeof(struct store_page);
	return n;
}

uint64_t store_nr_events(const struct store *s)
{
	uint64_t n = 0;

	for (int i = 0; i < s->nr_streams; i++)
		n += s->streams[i].nr_ev;
	return n;
}

uint64_t store_find_time(const struct store *s, int stream, uint64_t ts)
{
	const struct store_stream *st = &s->streams[stream];
	size_t lo = 0, hi = st->nr_ev;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->ev[mid].ts < ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return st->base + lo;
}

uint64_t store_count_range(const struct store *s, int stream, uint64_t from, uint64_t to)
{
	if (to <= from)
		return 0;
	return store_find_time(s, stream, to) - store_find_time(s, stream, from);
}

const struct store_event *store_event_at(const struct store *s, int stream, uint64_t index)
{
	const struct store_stream *st = &s->streams[stream];

	if (index < st->base || index - st->base >= st->nr_ev)
		return NULL;
	return &st->ev[index - st->base];
}

const struct store_page *store_page_of(const struct store *s, int stream, uint64_t index)
{
	/* the hint is a cache, not state: casting const away is safe here, as
	 * long as one thread reads a stream at a time */
	struct store_stream *st = (struct store_stream *)&s->streams[stream];
	size_t lo = 0, hi = st->nr_pages, h = st->page_hint;

	if (h < st->nr_pages && st->pages[h].first <= index) {
		if (h + 1 == st->nr_pages || st->pages[h + 1].first > index)
			return &st->pages[h];
		if (h + 2 == st->nr_pages || st->pages[h + 2].first > index) {
			st->page_hint = h + 1;
			return &st->pages[h + 1];
		}
	}

	/* the last page whose first event is at or before index */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->pages[mid].first <= index)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	st->page_hint = lo - 1;
	return &st->pages[lo - 1];
}

/* The payload of the data record at off (from the page's start). */
static int decode_record(const struct store_layout *l, const uint8_t *page, uint32_t page_size, uint32_t off,
			 struct store_raw *raw)
{
	struct rbpage_rec r;

	if (rbpage_record(page, page_size, off, l->big_endian, &r) || r.type_len > RBPAGE_DATA_MAX ||
	    r.len > page_size)
		return -1;
	raw->data = page + r.payload;
	raw->size = (int)(r.next - r.payload);	/* kbuffer's size: rounded up to 4 */
	raw->record_size = (int)(r.next - off);
	/* a corrupt length must not reach past the page */
	if (r.next > (int64_t)page_size)
		raw->size = (int)(page_size - r.payload);
	return 0;
}

int store_read_raw(const struct store *s, const struct store_source *src, int stream, uint64_t index,
		   struct store_raw *raw)
{
	const struct store_stream *st = &s->streams[stream];
	const struct store_event *e = store_event_at(s, stream, index);
	const struct store_page *pg = store_page_of(s, stream, index);
	const uint8_t *page;

	if (!e || !pg)
		return -1;
	page = src->page(src->ctx, st->buffer, st->cpu, pg->page);
	if (!page)
		return -1;
	if (s->layout.old_format) {
		/* rare (kernels before 2.6.31): let kbuffer walk to the record */
		struct kbuffer *kb = store_kbuffer_new(s);
		unsigned long long ts;
		void *data;

		if (!kb)
			return -1;
		kbuffer_load_subbuffer(kb, (void *)page);
		data = kbuffer_read_at_offset(kb, e->off4 * 4, &ts);
		raw->data = data;
		raw->size = data ? kbuffer_event_size(kb) : 0;
		raw->record_size = data ? kbuffer_curr_size(kb) : 0;
		kbuffer_free(kb);
		return data ? 0 : -1;
	}
	return decode_record(&s->layout, page, s->buffers[st->buffer].page_size, (uint32_t)e->off4 * 4, raw);
}
