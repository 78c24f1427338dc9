/* The metadata blocks of a trace.dat: header_page, event formats, kallsyms,
 * printk formats and saved cmdlines.  Their bytes are the same in v6 (back to
 * back) and v7 (one section each).  Each block is kept as a NUL-terminated copy
 * so that more tep handles can be built from it (one per formatting thread). */
#include "capture/tracedat_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *copy_text(const uint8_t *src, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return NULL;
	memcpy(s, src, size);
	s[size] = '\0';
	return s;
}

static int blob_set(struct metadata_blob *blob, const char *system, const uint8_t *src, size_t size)
{
	blob->data = copy_text(src, size);
	blob->system = system ? strdup(system) : NULL;
	blob->size = size;
	return blob->data && (!system || blob->system) ? 0 : -1;
}

static void blob_free(struct metadata_blob *blob)
{
	free(blob->data);
	free(blob->system);
	blob->data = blob->system = NULL;
}

/* "name\0" u64 size, then size bytes. */
static const uint8_t *read_named_block(struct bytes *b, const char *name, uint64_t *size)
{
	const char *got = bytes_cstr(b);

	if (!got || strcmp(got, name))
		return NULL;
	*size = bytes_u64(b);
	if (*size > bytes_left(b))
		return NULL;
	return bytes_take(b, *size);
}

int meta_read_header_info(struct tdparse *p, struct bytes *b)
{
	uint64_t hp_size, he_size;
	const uint8_t *hp = read_named_block(b, "header_page", &hp_size);

	if (!hp || !read_named_block(b, "header_event", &he_size))
		return tdfail(p, "corrupt header_page/header_event block");
	if (blob_set(&p->td->header_page, NULL, hp, hp_size))
		return tdfail(p, "out of memory");
	return 0;
}

static int add_format(struct tracedat *td, const char *system, const uint8_t *text, uint64_t size)
{
	struct metadata_blob *f = realloc(td->formats, (td->nr_formats + 1) * sizeof(*f));

	if (!f)
		return -1;
	td->formats = f;
	memset(&f[td->nr_formats], 0, sizeof(*f));
	if (blob_set(&f[td->nr_formats], system, text, size))
		return -1;
	td->nr_formats++;
	return 0;
}

static int read_format_list(struct tdparse *p, struct bytes *b, const char *system)
{
	uint32_t count = bytes_u32(b);

	/* each format takes at least its 8-byte size: bounds the loop */
	if (!bytes_ok(b) || count > bytes_left(b) / 8)
		return tdfail(p, "corrupt event format count");
	for (uint32_t i = 0; i < count; i++) {
		uint64_t size = bytes_u64(b);
		const uint8_t *text = size <= bytes_left(b) ? bytes_take(b, size) : NULL;

		if (!text)
			return tdfail(p, "corrupt event format size");
		if (add_format(p->td, system, text, size))
			return tdfail(p, "out of memory");
	}
	return 0;
}

int meta_read_formats(struct tdparse *p, struct bytes *b, bool ftrace)
{
	uint32_t nr_systems;

	if (ftrace)
		return read_format_list(p, b, "ftrace");
	nr_systems = bytes_u32(b);
	if (!bytes_ok(b) || nr_systems > bytes_left(b) / 5)
		return tdfail(p, "corrupt event system count");
	for (uint32_t i = 0; i < nr_systems; i++) {
		const char *system = bytes_cstr(b);

		if (!system)
			return tdfail(p, "corrupt event system name");
		if (read_format_list(p, b, system))
			return -1;
	}
	return 0;
}

/* kallsyms and printk have a u32 size, cmdlines a u64 size. */
int meta_read_text(struct tdparse *p, struct bytes *b, struct metadata_blob *blob, int size_bytes)
{
	uint64_t size = size_bytes == 4 ? bytes_u32(b) : bytes_u64(b);
	const uint8_t *text;

	if (!bytes_ok(b) || size > bytes_left(b))
		return tdfail(p, "corrupt metadata size");
	text = bytes_take(b, size);
	if (blob_set(blob, NULL, text, size))
		return tdfail(p, "out of memory");
	return 0;
}

/* The header page tells the kernel's long size and the sub-buffer layout. */
static void load_header_page(struct tracedat *td, struct tep_handle *tep)
{
	tep_set_file_bigendian(tep, td->big_endian ? TEP_BIG_ENDIAN : TEP_LITTLE_ENDIAN);
	tep_set_long_size(tep, td->file_long_size);
	tep_set_page_size(tep, (int)td->page_size);
	/* size 0 (very old kernels) selects the old format and returns -1 */
	tep_parse_header_page(tep, td->header_page.data ? td->header_page.data : "",
			      td->header_page.size, td->file_long_size);
}

/* libtraceevent's printk parser reads past lines without "ADDR : fmt" in
 * them: keep only lines with a ':' after something and enough after it. */
static char *sane_printk(const char *text)
{
	/* + 2: a kept last line without its '\n' gets one, then the NUL */
	char *out = malloc(strlen(text) + 2), *o = out;

	if (!out)
		return NULL;
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *colon = memchr(line, ':', len);

		if (colon && colon > line && len - (size_t)(colon - line) > 5) {
			memcpy(o, line, len);
			o += len;
			*o++ = '\n';
		}
		line += len + (end ? 1 : 0);
	}
	*o = '\0';
	return out;
}

int meta_load_tep(struct tracedat *td, struct tep_handle *tep)
{
	int failures = 0;

	load_header_page(td, tep);
	if (td->cpus > 0)
		tep_set_cpus(tep, td->cpus);
	for (int i = 0; i < td->nr_formats; i++) {
		struct metadata_blob *f = &td->formats[i];

		if (f->unsafe || tep_parse_event(tep, f->data, f->size, f->system))
			failures++;
	}
	if (td->kallsyms.data)
		tep_parse_kallsyms(tep, td->kallsyms.data);
	if (td->printk.data) {
		char *printk = sane_printk(td->printk.data);

		if (printk)
			tep_parse_printk_formats(tep, printk);
		free(printk);
	}
	if (td->cmdlines.data)
		tep_parse_saved_cmdlines(tep, td->cmdlines.data);
	return failures;
}

/* Parse formats [from, to) in a child process; true if it survived. */
static bool parse_survives(struct tracedat *td, int from, int to)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return true;	/* cannot tell: trust the formats */
	if (pid == 0) {
		struct tep_handle *tep;
		int null = open("/dev/null", O_WRONLY);

		/* the child may die loudly (a sanitizer report): keep it quiet */
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		tep = tep_alloc();
		if (!tep)
			_exit(0);
		tep_load_plugins(tep);
		load_header_page(td, tep);
		for (int i = from; i < to; i++)
			tep_parse_event(tep, td->formats[i].data, td->formats[i].size, td->formats[i].system);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* libtraceevent's format parser crashes on some corrupt formats.  Parse them
 * all once in a child process; if it dies, find the culprits by halves and
 * mark them unsafe, so that they are skipped (and counted as failures). */
static void find_unsafe(struct tracedat *td, int from, int to)
{
	int mid = from + (to - from) / 2;

	if (to <= from || parse_survives(td, from, to))
		return;
	if (to - from == 1) {
		td->formats[from].unsafe = true;
		return;
	}
	find_unsafe(td, from, mid);
	find_unsafe(td, mid, to);
}

void meta_check_formats(struct tracedat *td)
{
	find_unsafe(td, 0, td->nr_formats);
}

void meta_free(struct tracedat *td)
{
	blob_free(&td->header_page);
	for (int i = 0; i < td->nr_formats; i++)
		blob_free(&td->formats[i]);
	free(td->formats);
	td->formats = NULL;
	td->nr_formats = 0;
	blob_free(&td->kallsyms);
	blob_free(&td->printk);
	blob_free(&td->cmdlines);
}
