/* Copying a file's pages into a writer (see convert.h). */
#include "capture/convert.h"

#include <stdio.h>
#include <stdlib.h>

/* One pass over the arguments of convert_pages, for each CPU. */
struct convert_job {
	struct tracedat *td;
	struct tracedat_pages *pages;
	struct tracedat_writer *w;
	struct convert_swap *sw;
	uint8_t *swapped;	/* a page's room, for sw */
	convert_warn_fn warn;
	void *ctx;
	char *err;
	size_t errlen;
};

static int convert_cpu(const struct convert_job *j, int b, int idx, int cpu)
{
	const struct tracedat *td = j->td;
	const struct tracedat_buffer *buf = &td->buffers[b];
	const char *sp = *buf->name ? " " : "";
	uint64_t n = tracedat_cpu_pages(td, b, cpu);
	char why[256];

	for (uint64_t i = 0; i < n; i++) {
		const void *page = tracedat_page(j->pages, b, cpu, i);

		if (!page) {
			snprintf(why, sizeof(why), "%s: %s%sCPU %d: page %llu of %llu unreadable, the rest of this "
				 "CPU is left out", td->path, buf->name, sp, cpu, (unsigned long long)i,
				 (unsigned long long)n);
			if (j->warn)
				j->warn(j->ctx, why);
			return 0;
		}
		if (j->sw) {
			if (convert_swap_page(j->sw, page, j->swapped, buf->page_size, why, sizeof(why))) {
				snprintf(j->err, j->errlen, "%s: %s%sCPU %d: page %llu: cannot swap it: %s", td->path,
					 buf->name, sp, cpu, (unsigned long long)i, why);
				return -1;
			}
			page = j->swapped;
		}
		if (tracedat_writer_add_page(j->w, idx, cpu, page))
			return -1;
	}
	return 0;
}

int convert_pages(struct tracedat *td, struct tracedat_writer *w, struct convert_swap *sw, convert_warn_fn warn,
		  void *ctx, char *err, size_t errlen)
{
	struct convert_job j = { td, tracedat_pages_new(td), w, sw, NULL, warn, ctx, err, errlen };
	size_t swapped_size = 0;
	int ret = 0;

	err[0] = '\0';
	if (!j.pages) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int b = 0; !ret && b < td->nr_buffers; b++) {
		const struct tracedat_buffer *buf = &td->buffers[b];
		int idx = tracedat_writer_add_buffer(w, buf->name, *buf->clock ? buf->clock : td->clock,
						     buf->page_size, buf->nr_cpus);

		if (idx < 0) {
			ret = -1;
			break;
		}
		if (sw && swapped_size < buf->page_size) {
			free(j.swapped);
			swapped_size = buf->page_size;
			j.swapped = malloc(swapped_size);
			if (!j.swapped) {
				snprintf(err, errlen, "out of memory");
				ret = -1;
				break;
			}
		}
		for (int cpu = 0; !ret && cpu < buf->nr_cpus; cpu++)
			ret = convert_cpu(&j, b, idx, cpu);
	}
	free(j.swapped);
	tracedat_pages_free(j.pages);
	return ret;
}
