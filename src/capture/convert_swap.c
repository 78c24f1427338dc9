/* Byte-swapping ring-buffer pages (see convert.h).
 *
 * The destination starts as a copy of the source, so swapping an integer in
 * place is reversing its bytes; values that steer the walk (lengths, offsets,
 * the event id) are read from the source, in its byte order.  Within a record
 * each byte is swapped at most once: a field that overlaps one already swapped
 * is left alone and the record counted as inexact. */
#include "capture/convert.h"
#include "capture/rbpage.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traceevent/event-parse.h>

struct printk_fmt {
	uint64_t addr;
	const char *fmt;	/* inside printk_text */
};

struct convert_swap {
	struct tep_handle *tep;
	int long_size;		/* kernel long */
	bool src_be;		/* byte order of the source pages */

	int type_off, type_size;	/* common_type; type_size 0 when there are no formats */
	struct tep_format_field *common;	/* common fields of a complete format, or NULL */

	char *printk_text;
	struct printk_fmt *printk;	/* sorted by address */
	size_t nr_printk;

	/* the record being swapped */
	const uint8_t *src;
	uint8_t *dst;
	size_t len;
	uint8_t *claimed;	/* per byte of the record: already swapped */
	size_t claimed_cap;
	struct tep_event *event;
	bool inexact;
	char why[160];

	struct convert_swap_stats st;
};

static uint64_t load(const uint8_t *p, int n, bool be)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[be ? n - 1 - i : i] << (8 * i);
	return v;
}

static void store(uint8_t *p, uint64_t v, int n, bool be)
{
	for (int i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

static void reverse(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		uint8_t t = p[i];

		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
}

/* ---- printk formats (for bprint) --------------------------------------- */

static int cmp_printk(const void *a, const void *b)
{
	const struct printk_fmt *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Lines "0xADDR : \"fmt\"", as tep_parse_printk_formats() reads them: the
 * format is what follows ": ", without its quotes. */
static int load_printk(struct convert_swap *s, const struct metadata_blob *b)
{
	size_t lines = 0, n = 0;
	char *line, *next;

	if (!b || !b->data || !b->size)
		return 0;
	s->printk_text = malloc(b->size + 1);
	if (!s->printk_text)
		return -1;
	memcpy(s->printk_text, b->data, b->size);
	s->printk_text[b->size] = '\0';
	for (const char *p = s->printk_text; *p; p++)
		lines += *p == '\n';
	s->printk = calloc(lines + 1, sizeof(*s->printk));
	if (!s->printk)
		return -1;
	for (line = strtok_r(s->printk_text, "\n", &next); line; line = strtok_r(NULL, "\n", &next)) {
		char *colon = strchr(line, ':'), *fmt, *end;

		if (!colon || n > lines)
			continue;
		*colon = '\0';
		fmt = colon + 1;
		if (*fmt == ' ')
			fmt++;
		if (*fmt == '"') {
			fmt++;
			end = fmt + strlen(fmt);
			if (end > fmt && end[-1] == '"')
				end[-1] = '\0';
		}
		s->printk[n].addr = strtoull(line, NULL, 16);
		s->printk[n++].fmt = fmt;
	}
	s->nr_printk = n;
	qsort(s->printk, n, sizeof(*s->printk), cmp_printk);
	return 0;
}

static const char *find_printk(const struct convert_swap *s, uint64_t addr)
{
	struct printk_fmt key = { .addr = addr };
	const struct printk_fmt *f = s->nr_printk ? bsearch(&key, s->printk, s->nr_printk, sizeof(key), cmp_printk)
						 : NULL;

	return f ? f->fmt : NULL;
}

/* ---- formats ------------------------------------------------------------ */

static int count_fields(const struct tep_format_field *f)
{
	int n = 0;

	for (; f; f = f->next)
		n++;
	return n;
}

/* Every field of the format was read (a format that failed part way keeps
 * the fields before the failure, uncounted; one whose print format failed is
 * complete). */
static bool format_complete(const struct tep_event *e)
{
	return e->format.nr_common > 0 && count_fields(e->format.common_fields) == e->format.nr_common &&
	       count_fields(e->format.fields) == e->format.nr_fields;
}

struct convert_swap *convert_swap_new(struct tep_handle *tep, int long_size, bool from_big_endian,
					const struct metadata_blob *printk, char *err, size_t errlen)
{
	struct convert_swap *s;
	int n = tep ? tep_get_events_count(tep) : 0;

	err[0] = '\0';
	if (!tep) {
		snprintf(err, errlen, "no event formats to swap records with");
		return NULL;
	}
	if (long_size != 4 && long_size != 8) {
		snprintf(err, errlen, "cannot swap pages with a kernel long of %d bytes", long_size);
		return NULL;
	}
	if (tep_is_old_format(tep)) {
		snprintf(err, errlen, "cannot swap pages of the old (pre-2.6.31) ring-buffer format");
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s || load_printk(s, printk)) {
		convert_swap_free(s);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->tep = tep;
	s->long_size = long_size;
	s->src_be = from_big_endian;
	for (int i = 0; i < n && !s->common; i++) {
		struct tep_event *e = tep_get_event(tep, i);
		struct tep_format_field *t = e && format_complete(e) ? tep_find_common_field(e, "common_type") : NULL;

		if (t && (t->size == 1 || t->size == 2 || t->size == 4) && t->offset >= 0) {
			s->common = e->format.common_fields;
			s->type_off = t->offset;
			s->type_size = t->size;
		}
	}
	return s;
}

void convert_swap_free(struct convert_swap *s)
{
	if (!s)
		return;
	free(s->printk_text);
	free(s->printk);
	free(s->claimed);
	free(s);
}

const struct convert_swap_stats *convert_swap_stats(const struct convert_swap *s)
{
	return &s->st;
}

/* ---- one record --------------------------------------------------------- */

static void inexact(struct convert_swap *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void inexact(struct convert_swap *s, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (s->inexact)
		return;
	s->inexact = true;
	if (s->event)
		n = snprintf(s->why, sizeof(s->why), "%s:%s: ", s->event->system, s->event->name);
	if (n < 0 || (size_t)n >= sizeof(s->why))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(s->why + n, sizeof(s->why) - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Swap the n-byte integer at off of the record. */
static void swap_int(struct convert_swap *s, const char *what, size_t off, size_t n)
{
	if (n <= 1)
		return;
	if (off > s->len || n > s->len - off) {
		inexact(s, "%s lies past the end of the record", what);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (s->claimed[off + i]) {
			inexact(s, "%s overlaps another field", what);
			return;
		}
	memset(s->claimed + off, 1, n);
	reverse(s->dst + off, n);
}

static void swap_elems(struct convert_swap *s, const char *what, size_t off, size_t total, size_t elem)
{
	if (elem <= 1)
		return;
	if (total % elem)
		inexact(s, "%s: %zu bytes are not whole elements of %zu", what, total, elem);
	for (size_t i = 0; i + elem <= total; i += elem)
		swap_int(s, what, off + i, elem);
}

static bool word_is(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(w, *list, n))
			return true;
	return false;
}

/* The size of one element of an array type ("__data_loc u32[]", "unsigned
 * long[6]", "cpumask_t[]"), 0 if unknown. */
static int type_elem_size(const char *type, int long_size)
{
	static const char *const one[] = { "char", "bool", "_Bool", "u8", "s8", "__u8", "__s8", "uint8_t",
					   "int8_t", NULL };
	static const char *const two[] = { "short", "u16", "s16", "__u16", "__s16", "uint16_t", "int16_t",
					   "__be16", "__le16", NULL };
	static const char *const four[] = { "int", "u32", "s32", "__u32", "__s32", "uint32_t", "int32_t",
					    "__be32", "__le32", "pid_t", "uid_t", "gid_t", "gfp_t", "dev_t",
					    "unsigned", "signed", NULL };
	static const char *const eight[] = { "u64", "s64", "__u64", "__s64", "uint64_t", "int64_t", "__be64",
					     "__le64", "loff_t", "ktime_t", NULL };
	static const char *const lng[] = { "size_t", "ssize_t", "cpumask_t", "uintptr_t", NULL };
	const char *end = strchr(type, '[');
	int longs = 0, size = 0;

	if (!end)
		end = type + strlen(type);
	if (memchr(type, '*', (size_t)(end - type)))
		return long_size;
	for (const char *p = type; p < end;) {
		size_t n = 0;

		while (p < end && !(isalnum((unsigned char)*p) || *p == '_'))
			p++;
		while (p + n < end && (isalnum((unsigned char)p[n]) || p[n] == '_'))
			n++;
		if (!n)
			break;
		if (n == 4 && !strncmp(p, "long", 4))
			longs++;
		else if (word_is(p, n, one))
			size = 1;
		else if (word_is(p, n, two))
			size = 2;
		else if (word_is(p, n, eight))
			size = 8;
		else if (word_is(p, n, lng))
			size = long_size;
		else if (word_is(p, n, four) && !size)
			size = 4;	/* "unsigned" alone; "unsigned char" is 1 */
		p += n;
	}
	if (longs)
		return longs > 1 ? 8 : long_size;
	return size;
}

static int array_elem(const struct convert_swap *s, const struct tep_format_field *f)
{
	int e = (int)f->elementsize;

	if ((e == 1 || e == 2 || e == 4 || e == 8) && (!f->arraylen || (unsigned)f->size == f->arraylen * (unsigned)e))
		return e;
	return type_elem_size(f->type, s->long_size);
}

/* A __data_loc or __rel_loc word (len << 16 | offset) and the data it points at. */
static void swap_dynamic(struct convert_swap *s, const struct tep_format_field *f)
{
	size_t off = (size_t)f->offset, ws = (size_t)f->size, doff, dlen;
	uint32_t v;
	int e;

	if (ws != 4 && ws != 2) {	/* 2: old dynamic strings, an offset alone */
		inexact(s, "dynamic field %s has size %d", f->name, f->size);
		return;
	}
	if (off > s->len || ws > s->len - off) {
		inexact(s, "%s lies past the end of the record", f->name);
		return;
	}
	v = (uint32_t)load(s->src + off, (int)ws, s->src_be);
	swap_int(s, f->name, off, ws);
	if (ws == 2 || (f->flags & TEP_FIELD_IS_STRING))
		return;
	e = type_elem_size(f->type, s->long_size);
	if (!e && (f->elementsize == 2 || f->elementsize == 4 || f->elementsize == 8))
		e = (int)f->elementsize;
	doff = v & 0xffff;
	dlen = v >> 16;
	if (f->flags & TEP_FIELD_IS_RELATIVE)
		doff += off + ws;
	if (!e) {
		if (dlen)
			inexact(s, "dynamic array %s of type \"%s\" has elements of unknown size", f->name, f->type);
		return;
	}
	if (e > 1 && (doff > s->len || dlen > s->len - doff)) {
		inexact(s, "the data of %s lies past the end of the record", f->name);
		return;
	}
	swap_elems(s, f->name, doff, dlen, (size_t)e);
}

/* to_end: the array runs to the end of the record whatever its declared
 * size (an ftrace event's last array: kernel_stack's caller[8] holds as many
 * entries as the record has room for, fewer or more than 8). */
static void swap_field(struct convert_swap *s, const struct tep_format_field *f, bool to_end)
{
	size_t off = (size_t)f->offset, size = (size_t)f->size;
	size_t rest = off < s->len ? s->len - off : 0;

	if (f->offset < 0 || f->size < 0) {
		inexact(s, "field %s has a negative offset or size", f->name);
		return;
	}
	if (f->flags & TEP_FIELD_IS_DYNAMIC) {
		swap_dynamic(s, f);
		return;
	}
	if (f->flags & TEP_FIELD_IS_ARRAY) {
		int e;

		if (f->flags & TEP_FIELD_IS_STRING)
			return;
		e = array_elem(s, f);
		if (!e) {
			inexact(s, "array %s of type \"%s\" has elements of unknown size", f->name, f->type);
			return;
		}
		if (to_end || !size)	/* size 0: char buf[] and the like, the rest of the record */
			size = rest / (size_t)e * (size_t)e;
		swap_elems(s, f->name, off, size, (size_t)e);
		return;
	}
	if (size == 1 || size == 2 || size == 4 || size == 8) {
		swap_int(s, f->name, off, size);
	} else if (!size) {	/* old kernels' "char buf; size:0": the rest of the record */
		int e = type_elem_size(f->type, s->long_size);

		if (e > 1)
			swap_elems(s, f->name, off, rest / (size_t)e * (size_t)e, (size_t)e);
		else if (!e && rest)
			inexact(s, "field %s of type \"%s\" and size 0 has elements of unknown size", f->name, f->type);
	} else {
		inexact(s, "field %s has size %zu", f->name, size);
	}
}

/* ftrace:bprint's buf[]: the arguments of its printk format, packed as
 * libtraceevent's make_bprint_args() reads them (4-byte aligned numbers,
 * strings inline). */
static void swap_bprint(struct convert_swap *s, const struct tep_format_field *buf)
{
	const struct tep_format_field *fmt_field = tep_find_field(s->event, "fmt");
	const char *fmt;
	size_t b = (size_t)buf->offset;
	uint64_t addr;

	if (!fmt_field || fmt_field->offset < 0 || fmt_field->size <= 0 || fmt_field->size > 8 ||
	    (size_t)fmt_field->offset + (size_t)fmt_field->size > s->len) {
		inexact(s, "no fmt field");
		return;
	}
	addr = load(s->src + fmt_field->offset, fmt_field->size, s->src_be);
	fmt = find_printk(s, addr);
	if (!fmt) {
		if (b < s->len)
			inexact(s, "no printk format at 0x%llx", (unsigned long long)addr);
		return;
	}
	for (const char *p = fmt; b < s->len && *p; p++) {
		int ls = 0, vsize = 0;

		if (*p != '%')
			continue;
again:
		p++;
		switch (*p) {
		case '\0':
			return;
		case 'l': ls++; goto again;
		case 'L': ls = 2; goto again;
		case '0' ... '9': case '.': case '#': case '+': goto again;
		case 'z': case 'Z': ls = 1; goto again;
		case 'p':
			ls = 1;
			if (isalnum((unsigned char)p[1])) {
				p++;
				switch (*p) {
				case 's': case 'S': case 'x':
					break;
				case 'f': case 'F':
					if (p[1] != 'w')
						break;
					/* fall through */
				default:
					if (isprint(s->src[b]))
						goto string;
				}
			}
			/* fall through */
		case 'd': case 'u': case 'i': case 'x': case 'X': case 'o':
			vsize = ls == 0 ? 4 : ls == 1 ? s->long_size : ls == 2 ? 8 : ls;
			/* fall through */
		case '*':
			if (*p == '*')
				vsize = 4;
			b = (b + 3) & ~(size_t)3;
			if (vsize == 2 || vsize == 4 || vsize == 8)
				swap_int(s, "a bprint argument", b, (size_t)vsize);
			else
				inexact(s, "a bprint argument of %d bytes", vsize);
			b += (size_t)vsize;
			if (*p == '*' && b < s->len)
				goto again;
			break;
		case 's':
string:
			b += strnlen((const char *)s->src + b, s->len - b) + 1;
			break;
		default:
			break;
		}
	}
}

/* The last array of an ftrace event, by offset. */
static const struct tep_format_field *last_array(const struct tep_event *e)
{
	const struct tep_format_field *last = NULL, *f;

	for (f = e->format.fields; f; f = f->next)
		if (!last || f->offset > last->offset)
			last = f;
	return last && (last->flags & TEP_FIELD_IS_ARRAY) && !(last->flags & TEP_FIELD_IS_DYNAMIC) ? last : NULL;
}

static void swap_record(struct convert_swap *s, const uint8_t *src, uint8_t *dst, size_t len)
{
	const struct tep_format_field *f, *to_end = NULL;
	struct tep_event *e = NULL;
	int type;

	s->src = src;
	s->dst = dst;
	s->len = len;
	s->event = NULL;
	s->inexact = false;
	memset(s->claimed, 0, len);
	s->st.records++;
	if (!s->type_size) {
		inexact(s, "the file has no event formats");
		goto out;
	}
	if ((size_t)s->type_off + (size_t)s->type_size > len) {
		inexact(s, "a record of %zu bytes is shorter than its common fields", len);
		goto out;
	}
	type = (int)load(src + s->type_off, s->type_size, s->src_be);
	e = tep_find_event(s->tep, type);
	if (!e || !format_complete(e)) {
		for (f = s->common; f; f = f->next)
			swap_field(s, f, false);
		if (e)
			inexact(s, "%s:%s: its format could not be parsed", e->system, e->name);
		else
			inexact(s, "no format for event id %d", type);
		goto out;
	}
	s->event = e;
	for (f = e->format.common_fields; f; f = f->next)
		swap_field(s, f, false);
	if (e->flags & TEP_EVENT_FL_ISFTRACE)
		to_end = last_array(e);
	for (f = e->format.fields; f; f = f->next)
		if ((e->flags & TEP_EVENT_FL_ISBPRINT) && !strcmp(f->name, "buf"))
			swap_bprint(s, f);
		else
			swap_field(s, f, f == to_end);
out:
	if (s->inexact) {
		s->st.inexact++;
		if (!s->st.first_inexact[0])
			snprintf(s->st.first_inexact, sizeof(s->st.first_inexact), "%s", s->why);
	}
}

/* ---- one page ----------------------------------------------------------- */

/* Swap one record's words: the header word re-encoded for the other order
 * and stored in it, the second word of records that have one, and a data
 * record's fields.  The walk reads the source, in its own order. */
static void swap_rec(struct convert_swap *s, const uint8_t *src, uint8_t *dst, uint32_t off,
		     const struct rbpage_rec *r)
{
	bool be = s->src_be;

	store(dst + off, be ? (r->delta << 5 | r->type_len) : (r->type_len << 27 | r->delta), 4, !be);
	if (r->has_len)
		reverse(dst + off + 4, 4);
	if (r->type_len <= RBPAGE_DATA_MAX)
		swap_record(s, src + r->payload, dst + r->payload, r->payload_len);
}

int convert_swap_page(struct convert_swap *s, const void *src_page, void *dst_page, uint32_t page_size, char *err,
		      size_t errlen)
{
	const uint8_t *src = src_page;
	uint8_t *dst = dst_page;
	size_t L = (size_t)s->long_size;
	struct rbpage_header h;
	struct rbpage_rec r;

	err[0] = '\0';
	if (page_size < 8 + L) {
		snprintf(err, errlen, "page of %u bytes is smaller than its header", page_size);
		return -1;
	}
	if (s->claimed_cap < page_size) {	/* instances may have bigger pages */
		uint8_t *c = realloc(s->claimed, page_size);

		if (!c) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		s->claimed = c;
		s->claimed_cap = page_size;
	}
	memcpy(dst, src, page_size);
	if (rbpage_header(src, page_size, s->src_be, s->long_size, &h)) {
		if (h.size > page_size - h.data)
			snprintf(err, errlen, "page data of %u bytes does not fit in a page of %u", h.size, page_size);
		else
			snprintf(err, errlen, "the lost-event count after %u bytes of data does not fit in a page of %u",
				 h.size, page_size);
		return -1;
	}
	reverse(dst, 8);	/* timestamp */
	reverse(dst + 8, L);	/* commit and its flags */
	if (h.count_stored)
		reverse(dst + h.data + h.size, L);	/* the count of lost events */
	s->st.pages++;
	src += h.data;
	dst += h.data;
	for (int64_t off = 0; off < h.size; off = r.next) {
		if (rbpage_record(src, h.size, (uint32_t)off, s->src_be, &r)) {
			snprintf(err, errlen, "record at %llu: its header runs past the end of the data (%u bytes)",
				 (unsigned long long)off, h.size);
			return -1;
		}
		/* a null padding, or one that does not step on, ends the data */
		if (r.type_len == RBPAGE_PADDING &&
		    (!r.has_len || !r.delta || r.next <= off + 4 || r.next > h.size)) {
			swap_rec(s, src, dst, (uint32_t)off, &r);
			break;
		}
		if (r.next > h.size) {
			snprintf(err, errlen, "record at %llu of %llu bytes runs past the end of the data (%u bytes)",
				 (unsigned long long)off, (unsigned long long)(r.next - off), h.size);
			return -1;
		}
		swap_rec(s, src, dst, (uint32_t)off, &r);
	}
	return 0;
}
