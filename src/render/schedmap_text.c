#include "render/schedmap_text.h"
#include "model/runs.h"
#include "model/sched.h"
#include "model/schedmap.h"

#include <stdlib.h>
#include <string.h>

static size_t put(char *buf, size_t len, size_t at, const char *s)
{
	int n = at < len ? snprintf(buf + at, len - at, "%s", s) : 0;

	return at + (n > 0 ? (size_t)n : 0);
}

void schedmap_row_text(char *buf, size_t len, const struct schedmap *m, size_t row, const int32_t *cur,
		       const bool *cpus, const struct sched *sc, struct tep_handle *tep, bool in_usecs)
{
	const struct smap_row *r = &m->rows[row];
	char code[4], cell[8], tail[96];
	size_t at = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (int c = 0; c < m->nr_cpus; c++) {
		char mark = c != r->cpu ? ' ' : (r->flags & SMAP_INFERRED) ? '+' : '*';

		if (cpus && !cpus[c])
			continue;
		if (cur[c] == RUN_UNKNOWN && !(c == r->cpu))
			snprintf(cell, sizeof(cell), "%c   ", mark);
		else
			snprintf(cell, sizeof(cell), "%c%-2s ", mark, schedmap_code(m, cur[c], code));
		at = put(buf, len, at, cell);
	}
	if (in_usecs)
		snprintf(tail, sizeof(tail), "  %llu.%06llu secs", (unsigned long long)(r->ts / 1000000000),
			 (unsigned long long)(r->ts % 1000000000 / 1000));
	else
		snprintf(tail, sizeof(tail), "  %llu", (unsigned long long)r->ts);
	at = put(buf, len, at, tail);
	if (r->flags & SMAP_NEW) {
		snprintf(tail, sizeof(tail), " %s => %s:%d", schedmap_code(m, r->pid, code), sched_comm(sc, tep, r->pid),
			 r->pid);
		put(buf, len, at, tail);
	}
}

int schedmap_text_write(FILE *out, const struct schedmap *m, const bool *cpus, const struct sched *sc,
			struct tep_handle *tep, bool in_usecs)
{
	int32_t *cur = calloc((size_t)(m->nr_cpus > 0 ? m->nr_cpus : 1), sizeof(*cur));
	size_t len = (size_t)m->nr_cpus * 4 + 160, done = 0;
	char *buf = malloc(len);

	if (!cur || !buf) {
		free(cur);
		free(buf);
		return -1;
	}
	for (size_t i = 0; i < m->nr; i++) {
		const struct smap_row *r = &m->rows[i];

		schedmap_replay(m, i, cur, &done);
		if (cpus && !cpus[r->cpu])
			continue;
		schedmap_row_text(buf, len, m, i, cur, cpus, sc, tep, in_usecs);
		fprintf(out, "%s\n", buf);
	}
	free(cur);
	free(buf);
	return ferror(out) ? -1 : 0;
}
