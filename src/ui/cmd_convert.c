/* `ftui convert`: rewrite a trace.dat as another file version or compression,
 * every buffer's pages copied byte for byte. */
#include "ui/commands.h"
#include "capture/tracedat.h"
#include "capture/tracedat_write.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui convert [--file-version 6|7] [--compression none|zstd|zlib] IN OUT\n"
		"Write the trace in IN to OUT as trace.dat version 7 (default) or 6, compressed\n"
		"with zstd (default for version 7), zlib or not at all (version 6 is never\n"
		"compressed).  trace-cmd 3.1 cannot read zlib.\n");
}

/* Whether IN and OUT are the same file (writing OUT would destroy IN). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Every page of every CPU of every buffer.  A page that cannot be read ends
 * that CPU's data with a warning (a truncated file converts to what it has). */
static int copy_pages(struct tracedat *td, struct tracedat_writer *w)
{
	struct tracedat_pages *pages = tracedat_pages_new(td);
	int ret = 0;

	if (!pages) {
		fprintf(stderr, "ftui: out of memory\n");
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
		for (int cpu = 0; !ret && cpu < buf->nr_cpus; cpu++) {
			uint64_t n = tracedat_cpu_pages(td, b, cpu);

			for (uint64_t i = 0; !ret && i < n; i++) {
				const void *page = tracedat_page(pages, b, cpu, i);

				if (!page) {
					fprintf(stderr, "ftui: warning: %s: %s%sCPU %d: page %llu of %llu unreadable, "
						"the rest of this CPU is left out\n", td->path, buf->name,
						*buf->name ? " " : "", cpu, (unsigned long long)i, (unsigned long long)n);
					break;
				}
				ret = tracedat_writer_add_page(w, idx, cpu, page);
			}
		}
	}
	tracedat_pages_free(pages);
	return ret;
}

int cmd_convert(int argc, char **argv)
{
	enum { OPT_VERSION = 256, OPT_COMPRESSION };
	static const struct option longopts[] = {
		{ "file-version", required_argument, NULL, OPT_VERSION },
		{ "compression", required_argument, NULL, OPT_COMPRESSION },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tracedat_write_opts o = { .version = 7, .compression = COMPRESSION_ZSTD };
	struct tracedat_meta m;
	struct tracedat_writer *w;
	struct tracedat *td;
	bool compression_set = false;
	char err[512];
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_VERSION:
			if (strcmp(optarg, "6") && strcmp(optarg, "7")) {
				fprintf(stderr, "ftui: --file-version must be 6 or 7, not \"%s\"\n", optarg);
				return 2;
			}
			o.version = atoi(optarg);
			break;
		case OPT_COMPRESSION:
			c = compression_from_name(optarg);
			if (c < 0) {
				fprintf(stderr, "ftui: --compression must be none, zstd or zlib, not \"%s\"\n", optarg);
				return 2;
			}
			o.compression = c;
			compression_set = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	if (o.version == 6) {
		if (compression_set && o.compression != COMPRESSION_NONE) {
			fprintf(stderr, "ftui: version 6 files cannot be compressed\n");
			return 2;
		}
		o.compression = COMPRESSION_NONE;
	}
	if (same_file(argv[optind], argv[optind + 1])) {
		fprintf(stderr, "ftui: %s and %s are the same file\n", argv[optind], argv[optind + 1]);
		return 1;
	}

	td = tracedat_open(argv[optind], err, sizeof(err));
	if (!td) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	if (td->latency_text) {
		fprintf(stderr, "ftui: %s: latency-tracer files cannot be converted\n", td->path);
		tracedat_close(td);
		return 1;
	}
	tracedat_meta_from_file(td, &m);
	w = tracedat_writer_open(argv[optind + 1], &o, &m, err, sizeof(err));
	if (!w) {
		fprintf(stderr, "ftui: %s\n", err);
		tracedat_close(td);
		return 1;
	}
	ret = copy_pages(td, w);
	if (ret && !*tracedat_writer_error(w)) {
		tracedat_writer_abort(w);	/* the problem was printed */
	} else if (tracedat_writer_close(w, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		ret = -1;
	}
	tracedat_close(td);
	return ret ? 1 : 0;
}
