/* store_seek() against a plain walk of the merged order (store_iter): from
 * many events of real fixtures, the next and previous event of the same
 * task, of the same event id, and of both. */
#include "check.h"
#include "trace.h"
#include "model/store_seek.h"

#include <stdlib.h>

struct ev_ref {
	int stream;
	uint64_t index;
};

/* Every event in the merged order. */
static struct ev_ref *merged(const struct store *s, size_t *n)
{
	struct store_iter it;
	struct ev_ref *all = malloc((store_nr_events(s) + 1) * sizeof(*all));
	int stream;
	uint64_t index;

	*n = 0;
	if (!all || store_iter_init(&it, s, 0, UINT64_MAX)) {
		free(all);
		return NULL;
	}
	while (store_iter_next(&it, &stream, &index))
		all[(*n)++] = (struct ev_ref){ stream, index };
	store_iter_done(&it);
	return all;
}

static bool ref_matches(const struct store *s, const struct ev_ref *r, const struct store_match *m)
{
	const struct store_event *e = store_event_at(s, r->stream, r->index);

	return (!m->by_pid || e->pid == m->pid) && (!m->by_type || e->type == m->type);
}

static void check_file(const char *path)
{
	struct trace t;
	struct ev_ref *all;
	size_t n, checked = 0;

	if (!trace_open(&t, path)) {
		CHECK(0);
		trace_close(&t);
		return;
	}
	all = merged(t.s, &n);
	CHECK(all && n > 10);
	for (size_t k = 0; all && k < n; k += n / 97 + 1) {
		const struct store_event *e = store_event_at(t.s, all[k].stream, all[k].index);

		for (int how = 0; how < 3; how++) {
			struct store_match m = { how != 1, how != 0, e->pid, e->type };

			for (int dir = -1; dir <= 1; dir += 2) {
				size_t want = k;
				int stream = -1;
				uint64_t index = 0;
				bool got = store_seek(t.s, all[k].stream, all[k].index, dir, &m, &stream, &index);

				do
					want += (size_t)dir;
				while (want < n && !ref_matches(t.s, &all[want], &m));
				CHECK_EQ_INT(got, want < n);
				if (got && want < n) {
					CHECK_EQ_INT(stream, all[want].stream);
					CHECK_EQ_INT(index, all[want].index);
				}
				checked++;
			}
		}
	}
	CHECK(checked > 100);
	free(all);
	trace_close(&t);
}

static void sched_fixture(void)
{
	check_file("tests/fixtures/sched_v7_zstd.dat");
}

static void two_buffers(void)
{
	check_file("tests/fixtures/two_buffers_v7.dat");
}

static void many_cpus(void)
{
	check_file("tests/fixtures/manycpu_128_v7.dat");
}

CHECK_MAIN(CASE(sched_fixture), CASE(two_buffers), CASE(many_cpus))
