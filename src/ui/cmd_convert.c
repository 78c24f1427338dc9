/* `ftui convert`: rewrite a trace.dat as another file version or compression,
 * every buffer's pages copied byte for byte, or with --big-endian byte-swapped
 * into a big-endian file (a twin for testing readers). */
#include "ui/commands.h"
#include "capture/convert.h"
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
		"usage: ftui convert [--file-version 6|7] [--compression none|zstd|zlib] [--big-endian] IN OUT\n"
		"Write the trace in IN to OUT as trace.dat version 7 (default) or 6, compressed\n"
		"with zstd (default for version 7), zlib or not at all (version 6 is never\n"
		"compressed).  trace-cmd 3.1 cannot read zlib.  OUT has the byte order of IN;\n"
		"--big-endian writes a big-endian file, every integer of a little-endian IN\n"
		"swapped (the headers, the pages, and each record field by field, per its\n"
		"event format).\n");
}

/* Whether IN and OUT are the same file (writing OUT would destroy IN). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void warn_stderr(void *ctx, const char *msg)
{
	fprintf(stderr, "ftui: warning: %s\n", msg);
}

/* Records written but not swapped field for field (see convert.h). */
static void report_inexact(const struct tracedat *td, const struct convert_swap *sw)
{
	const struct convert_swap_stats *st = convert_swap_stats(sw);

	if (st->inexact)
		fprintf(stderr, "ftui: warning: %s: %llu of %llu records could not be swapped field for field "
			"(the first: %s); what could not be was copied as it was\n",
			td->path, (unsigned long long)st->inexact, (unsigned long long)st->records,
			st->first_inexact);
}

int cmd_convert(int argc, char **argv)
{
	enum { OPT_VERSION = 256, OPT_COMPRESSION, OPT_BIG_ENDIAN };
	static const struct option longopts[] = {
		{ "file-version", required_argument, NULL, OPT_VERSION },
		{ "compression", required_argument, NULL, OPT_COMPRESSION },
		{ "big-endian", no_argument, NULL, OPT_BIG_ENDIAN },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tracedat_write_opts o = { .version = 7, .compression = COMPRESSION_ZSTD };
	struct tracedat_meta m;
	struct tracedat_writer *w;
	struct convert_swap *sw = NULL;
	struct tracedat *td;
	bool compression_set = false, big_endian = false;
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
		case OPT_BIG_ENDIAN:
			big_endian = true;
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
	if (big_endian && !td->big_endian) {
		sw = convert_swap_new(td->tep, td->kernel_long_size, false, &td->printk, err, sizeof(err));
		if (!sw) {
			fprintf(stderr, "ftui: %s: %s\n", td->path, err);
			tracedat_close(td);
			return 1;
		}
	}
	tracedat_meta_from_file(td, &m);
	m.big_endian = m.big_endian || big_endian;
	w = tracedat_writer_open(argv[optind + 1], &o, &m, err, sizeof(err));
	if (!w) {
		fprintf(stderr, "ftui: %s\n", err);
		convert_swap_free(sw);
		tracedat_close(td);
		return 1;
	}
	ret = convert_pages(td, w, sw, warn_stderr, NULL, err, sizeof(err));
	if (ret && *err) {
		fprintf(stderr, "ftui: %s\n", err);
		tracedat_writer_abort(w);
	} else if (tracedat_writer_close(w, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		ret = -1;
	}
	if (!ret && sw)
		report_inexact(td, sw);
	convert_swap_free(sw);
	tracedat_close(td);
	return ret ? 1 : 0;
}
