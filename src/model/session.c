#include "model/session.h"
#include "capture/tracedat.h"

#include <ctype.h>
#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int session_open(struct session *ss, const char *path, const struct load_options *opt, char *err, size_t errlen)
{
	memset(ss, 0, sizeof(*ss));
	ss->td = tracedat_open(path, err, errlen);
	if (!ss->td)
		return -1;
	ss->tep = ss->td->tep;
	ss->in_usecs = ss->td->in_usecs;
	ss->nr_cpus = ss->td->cpus;
	ss->store = load_tracedat(ss->td, opt, err, errlen);
	if (!ss->store || load_source_new(ss->td, &ss->src)) {
		if (ss->store)
			snprintf(err, errlen, "%s: out of memory", path);
		session_close(ss);
		return -1;
	}
	return 0;
}

void session_close(struct session *ss)
{
	if (ss->src.ctx && ss->td)
		load_source_free(&ss->src);
	store_free(ss->store);
	tracedat_close(ss->td);
	memset(ss, 0, sizeof(*ss));
}

bool session_record(struct session *ss, int stream, uint64_t index, struct tep_record *rec)
{
	return store_record(ss->store, &ss->src, stream, index, rec);
}

int parse_cpu_list_at(const char *list, bool *mask, int n, size_t *bad)
{
	const char *p = list;

	while (*p) {
		char *end;
		long a, b;

		if (!strncmp(p, "cpu", 3))
			p += 3;
		if (!isdigit((unsigned char)*p))
			goto fail;
		a = strtol(p, &end, 10);
		b = a;
		p = end;
		if (*p == '-') {
			p++;
			if (!strncmp(p, "cpu", 3))
				p += 3;
			if (!isdigit((unsigned char)*p))
				goto fail;
			b = strtol(p, &end, 10);
			if (b < a)
				goto fail;
			p = end;
		}
		for (long c = a; c <= b && c < n; c++)
			mask[c] = true;
		if (*p == ',')
			p++;
		else if (*p)
			goto fail;
	}
	return 0;
fail:
	if (bad)
		*bad = (size_t)(p - list);
	return -1;
}

int parse_cpu_list(const char *list, bool *mask, int n)
{
	return parse_cpu_list_at(list, mask, n, NULL);
}
