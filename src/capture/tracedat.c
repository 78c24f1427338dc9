/* Opening a trace.dat: the file header, then the version's own layout
 * (tracedat_v6.c, tracedat_v7.c), then the tep handle with plugins. */
#include "capture/tracedat_internal.h"

#include <errno.h>
#include <event-parse.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const uint8_t magic[10] = { 0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g' };

int tdfail(struct tdparse *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->err[0])		/* keep the first, most specific message */
		return -1;
	n = snprintf(p->err, p->errlen, "%s: ", p->td->path);
	if (n < 0 || (size_t)n >= p->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

int buffer_add(struct tdparse *p, const char *name, const char *clock, uint32_t page_size, bool compressed,
	       int nr_cpus, struct tracedat_buffer **out)
{
	struct tracedat *td = p->td;
	struct tracedat_buffer *bufs, *buf;

	if (td->nr_buffers >= 1024)
		return tdfail(p, "too many buffers");
	if (tracedat_find_buffer(td, name) >= 0)
		return tdfail(p, "buffer \"%s\" defined twice", name);
	bufs = realloc(td->buffers, (td->nr_buffers + 1) * sizeof(*bufs));
	if (!bufs)
		return tdfail(p, "out of memory");
	td->buffers = bufs;
	/* the top-level buffer goes first, as trace-cmd reads it first */
	if (!*name) {
		memmove(bufs + 1, bufs, td->nr_buffers * sizeof(*bufs));
		buf = bufs;
		td->has_top_buffer = true;
	} else {
		buf = &bufs[td->nr_buffers];
	}
	td->nr_buffers++;
	memset(buf, 0, sizeof(*buf));
	buf->name = strdup(name);
	buf->clock = strdup(clock);
	buf->page_size = page_size;
	buf->compressed = compressed;
	buf->nr_cpus = nr_cpus;
	buf->cpus = calloc(nr_cpus ? nr_cpus : 1, sizeof(*buf->cpus));
	if (!buf->name || !buf->clock || !buf->cpus)
		return tdfail(p, "out of memory");
	*out = buf;
	return 0;
}

int tracedat_find_buffer(const struct tracedat *td, const char *name)
{
	for (int i = 0; i < td->nr_buffers; i++)
		if (!strcmp(td->buffers[i].name, name))
			return i;
	return -1;
}

uint64_t tracedat_cpu_pages(const struct tracedat *td, int buf, int cpu)
{
	const struct tracedat_buffer *b = &td->buffers[buf];

	if (cpu < 0 || cpu >= b->nr_cpus)
		return 0;
	return b->cpus[cpu].data_size / b->page_size;
}

struct ts_adjust tracedat_buffer_adjust(const struct tracedat *td, int buf)
{
	struct ts_adjust a = td->ts;

	if (buf < 0 || buf >= td->nr_buffers || *td->buffers[buf].name)
		a.tsync = NULL;
	return a;
}

static int map_file(struct tdparse *p, const char *path)
{
	struct tracedat *td = p->td;
	struct stat st;
	void *map;

	td->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (td->fd < 0)
		return tdfail(p, "%s", strerror(errno));
	if (fstat(td->fd, &st) < 0)
		return tdfail(p, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return tdfail(p, "not a regular file");
	if (st.st_size < (off_t)sizeof(magic))
		return tdfail(p, "not a trace.dat file (too short)");
	/* Reserve zeroed memory past the end of the file, then map the file over
	 * its start: every page then has TRACEDAT_PAGE_SLACK readable bytes after
	 * it, and a string that runs off the end meets a NUL. */
	map = mmap(NULL, (size_t)st.st_size + TRACEDAT_PAGE_SLACK, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return tdfail(p, "cannot map: %s", strerror(errno));
	td->map = map;
	td->map_size = (size_t)st.st_size;
	if (mmap(map, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_FIXED, td->fd, 0) == MAP_FAILED)
		return tdfail(p, "cannot map: %s", strerror(errno));
	return 0;
}

static int read_file_header(struct tdparse *p, struct bytes *b)
{
	struct tracedat *td = p->td;
	const uint8_t *m = bytes_take(b, sizeof(magic));
	const char *version;
	uint8_t endian, long_size;

	if (!m || memcmp(m, magic, sizeof(magic)))
		return tdfail(p, "not a trace.dat file (bad magic)");
	version = bytes_cstr(b);
	endian = bytes_u8(b);
	long_size = bytes_u8(b);
	if (!bytes_ok(b))
		return tdfail(p, "truncated file header");
	td->version = atoi(version);
	if (td->version != 6 && td->version != 7)
		return tdfail(p, "unsupported file version \"%.8s\" (6 and 7 are)", version);
	if (endian > 1 || (long_size != 4 && long_size != 8))
		return tdfail(p, "corrupt file header (endian %u, long size %u)", endian, long_size);
	td->big_endian = endian;
	b->big_endian = endian;
	td->file_long_size = long_size;
	td->page_size = bytes_u32(b);
	if (!bytes_ok(b))
		return tdfail(p, "truncated file header");
	/* the store keeps record offsets in 16 bits of 4-byte words */
	if (td->page_size < 64 || td->page_size > (256U << 10))
		return tdfail(p, "corrupt page size %u", td->page_size);
	return 0;
}

/* The long size the kernel's ring buffer uses: the size of header_page's
 * commit field, not the recorder's long (a 64-bit trace-cmd may have
 * recorded or converted a 32-bit kernel's trace). */
static int check_header_page(struct tdparse *p)
{
	struct tracedat *td = p->td;

	td->old_format = tep_is_old_format(td->tep);
	td->kernel_long_size = tep_get_header_page_size(td->tep);
	if (td->kernel_long_size != 4 && td->kernel_long_size != 8)
		td->kernel_long_size = td->file_long_size;
	if (!td->old_format && tep_get_header_timestamp_size(td->tep) != 8)
		return tdfail(p, "header_page: timestamp is not 8 bytes");
	return 0;
}

/* Fixed fields must lie within the reach the page slack allows for. */
static int check_formats(struct tdparse *p)
{
	struct tep_handle *tep = p->td->tep;

	for (int i = 0; i < tep_get_events_count(tep); i++) {
		struct tep_event *ev = tep_get_event(tep, i);
		struct tep_format_field *f;

		for (int common = 0; common < 2; common++) {
			f = common ? ev->format.common_fields : ev->format.fields;
			for (; f; f = f->next)
				if (f->offset < 0 || f->size < 0 || f->offset + f->size > 65536)
					return tdfail(p, "corrupt format of event %s (field %s)", ev->name, f->name);
		}
	}
	return 0;
}

static int load_tep(struct tdparse *p)
{
	struct tracedat *td = p->td;

	meta_check_formats(td);
	td->tep = tracedat_tep_new(td, &td->plugins);
	if (!td->tep)
		return tdfail(p, "out of memory");
	td->format_failures = meta_load_tep(td, td->tep);
	return check_header_page(p) || check_formats(p) ? -1 : 0;
}

/* What `trace-cmd report` calls the CPU count: the largest of the v6 header
 * count, the CPUCOUNT option and the top buffer's CPU slots. */
static void count_cpus(struct tdparse *p)
{
	struct tracedat *td = p->td;

	td->cpus = (int)p->header_cpus;
	if (p->cpucount > td->cpus)
		td->cpus = p->cpucount;
	if (td->has_top_buffer && td->buffers[0].nr_cpus > td->cpus)
		td->cpus = td->buffers[0].nr_cpus;
}

static int parse(struct tdparse *p, const char *path)
{
	struct bytes b;
	int ret;

	if (map_file(p, path))
		return -1;
	bytes_init(&b, p->td->map, p->td->map_size, false);
	if (read_file_header(p, &b))
		return -1;
	ret = p->td->version == 6 ? v6_read(p, &b) : v7_read(p, &b);
	if (ret)
		return -1;
	count_cpus(p);
	return load_tep(p);
}

struct tracedat *tracedat_open(const char *path, char *err, size_t errlen)
{
	struct tracedat *td = calloc(1, sizeof(*td));
	struct tdparse p = { .td = td, .err = err, .errlen = errlen, .cpucount = -1 };
	int ret;

	err[0] = '\0';
	if (!td) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	td->fd = -1;
	td->in_usecs = true;
	td->path = strdup(path);
	td->clock = strdup("");
	if (!td->path || !td->clock) {
		tracedat_close(td);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	ret = parse(&p, path);
	for (int i = 0; i < p.nr_v6_buffers; i++)
		free(p.v6_buffers[i].name);
	free(p.v6_buffers);
	if (ret) {
		tracedat_close(td);
		return NULL;
	}
	return td;
}

struct tep_handle *tracedat_tep_new(struct tracedat *td, struct tep_plugin_list **plugins)
{
	struct tep_handle *tep = tep_alloc();

	if (!tep)
		return NULL;
	/* plugins register print helpers that formats refer to: load them first */
	*plugins = tep_load_plugins(tep);
	if (td->tep)
		meta_load_tep(td, tep);
	return tep;
}

void tracedat_tep_free(struct tep_handle *tep, struct tep_plugin_list *plugins)
{
	if (!tep)
		return;
	if (plugins)
		tep_unload_plugins(plugins, tep);
	tep_free(tep);
}

static void buffers_free(struct tracedat *td)
{
	for (int i = 0; i < td->nr_buffers; i++) {
		struct tracedat_buffer *b = &td->buffers[i];

		for (int c = 0; c < b->nr_cpus; c++)
			free(b->cpus[c].chunks);
		free(b->cpus);
		free(b->name);
		free(b->clock);
	}
	free(td->buffers);
}

void tracedat_close(struct tracedat *td)
{
	if (!td)
		return;
	tracedat_tep_free(td->tep, td->plugins);
	buffers_free(td);
	meta_free(td);
	if (td->map)
		munmap((void *)td->map, td->map_size + TRACEDAT_PAGE_SLACK);
	if (td->fd >= 0)
		close(td->fd);
	free(td->path);
	free(td->compression_version);
	free(td->clock);
	free(td->uname);
	free(td->recorder_version);
	free(td->cpustats);
	free(td->latency_text);
	ts_shift_free(&td->time_shift);
	for (int i = 0; i < td->nr_guests; i++)
		guest_free(&td->guests[i]);
	free(td->guests);
	free(td);
}
