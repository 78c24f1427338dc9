/* Shared by the tracedat_*.c files; not part of the reader's contract. */
#ifndef FTUI_TRACEDAT_INTERNAL_H
#define FTUI_TRACEDAT_INTERNAL_H

#include "capture/bytes.h"
#include "capture/tracedat.h"

/* Option and section ids (the trace.dat format's own numbering). */
enum {
	OPT_DONE = 0,
	OPT_DATE = 1,
	OPT_CPUSTAT = 2,
	OPT_BUFFER = 3,
	OPT_TRACECLOCK = 4,
	OPT_UNAME = 5,
	OPT_HOOK = 6,
	OPT_OFFSET = 7,
	OPT_CPUCOUNT = 8,
	OPT_VERSION = 9,
	OPT_PROCMAPS = 10,
	OPT_TRACEID = 11,
	OPT_TIME_SHIFT = 12,
	OPT_GUEST = 13,
	OPT_TSC2NSEC = 14,
	OPT_STRINGS = 15,
	OPT_HEADER_INFO = 16,
	OPT_FTRACE_EVENTS = 17,
	OPT_EVENT_FORMATS = 18,
	OPT_KALLSYMS = 19,
	OPT_PRINTK = 20,
	OPT_CMDLINES = 21,
	OPT_BUFFER_TEXT = 22,
};

#define SECTION_COMPRESSED 1
/* Nothing in a trace.dat expands beyond this; a larger size is corruption. */
#define MAX_SECTION_SIZE (1ULL << 30)

/* State while opening a file. */
struct tdparse {
	struct tracedat *td;
	char *err;
	size_t errlen;
	uint32_t header_cpus;	/* v6: the CPU count after the metadata */
	int cpucount;		/* CPUCOUNT option, -1 if absent */
	bool v6_clock_trailer;	/* v6: a TRACECLOCK option was seen */
	uint64_t section_off[OPT_BUFFER_TEXT + 1];	/* v7 metadata sections */
	struct pending_buffer {	/* v6: a BUFFER option, read after the options */
		uint64_t offset;
		char *name;
	} *v6_buffers;
	int nr_v6_buffers;
};

int tdfail(struct tdparse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* tracedat_meta.c: the metadata payloads (same bytes in v6 and v7). */
int meta_read_header_info(struct tdparse *p, struct bytes *b);
int meta_read_formats(struct tdparse *p, struct bytes *b, bool ftrace);
int meta_read_text(struct tdparse *p, struct bytes *b, struct metadata_blob *blob, int size_bytes);
int meta_load_tep(struct tracedat *td, struct tep_handle *tep);
void meta_check_formats(struct tracedat *td);
void meta_free(struct tracedat *td);

/* tracedat_options.c */
int options_read_list(struct tdparse *p, struct bytes *b, uint64_t *next_options);
void options_parse_clock(struct tracedat *td, const char *text);

/* tracedat_v7.c */
int v7_read_section(struct tdparse *p, uint64_t offset, int want_id, uint8_t **data, size_t *size, uint16_t *flags);
int v7_read(struct tdparse *p, struct bytes *b);
int v7_read_latency(struct tdparse *p, const uint8_t *option, uint32_t size);
int cpu_load_chunks(struct tdparse *p, struct tracedat_buffer *buf, struct tracedat_cpu *cpu);

/* tracedat_v6.c */
int v6_read(struct tdparse *p, struct bytes *b);

/* tracedat.c */
int buffer_add(struct tdparse *p, const char *name, const char *clock, uint32_t page_size, bool compressed,
	       int nr_cpus, struct tracedat_buffer **out);

#endif
