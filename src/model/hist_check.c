#include "model/hist_check.h"
#include "model/filter_check.h"
#include "model/hist.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HC_MAX_SIZE (1UL << 20)

struct hc {
	const char *s;		/* the whole expression, for columns */
	char *err;
	size_t errlen;
};

static bool hc_fail(struct hc *c, const char *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	filter_check_error(c->err, c->errlen, (size_t)(at - c->s) + 1, fmt, ap);
	va_end(ap);
	return false;
}

static bool hc_is_name(int ch)
{
	return isascii(ch) && (isalnum(ch) || ch == '_');
}

/* A positive number (strtoul base 0) filling [p, end); its value in *v. */
static bool hc_number(struct hc *c, const char *p, const char *end, const char *what, unsigned long *v)
{
	char buf[32], *stop;

	if (p == end || end - p >= (long)sizeof(buf) || !isdigit((unsigned char)*p))
		return hc_fail(c, p, "%s needs a number", what);
	memcpy(buf, p, end - p);
	buf[end - p] = '\0';
	*v = strtoul(buf, &stop, 0);
	if (*stop)
		return hc_fail(c, p, "%s: '%s' is not a number", what, buf);
	return true;
}

static bool hc_modifier(struct hc *c, const char *p, const char *end, bool sort)
{
	static const char *const mods[] = { "execname", "syscall", "hex", "sym", "sym-offset", "log2", "usecs" };
	size_t n = end - p;
	unsigned long v;

	if (sort) {
		if ((n == 10 && !memcmp(p, "descending", 10)) || (n == 9 && !memcmp(p, "ascending", 9)))
			return true;
		return hc_fail(c, p, "sort modifiers are .ascending and .descending");
	}
	for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
		if (n == strlen(mods[i]) && !memcmp(p, mods[i], n))
			return true;
	const char *eq = memchr(p, '=', n);
	if (eq && ((eq - p == 7 && !memcmp(p, "buckets", 7)) || (eq - p == 6 && !memcmp(p, "bucket", 6)))) {
		if (!hc_number(c, eq + 1, end, "buckets=", &v))
			return false;
		return v ? true : hc_fail(c, eq + 1, "the bucket size must be above 0");
	}
	return hc_fail(c, p, "unknown modifier '.%.*s' (execname, syscall, hex, sym, sym-offset, log2, buckets=N, usecs)",
		       (int)(n > 20 ? 20 : n), p);
}

/* FIELD[.MOD]... in [p, end). */
static bool hc_field(struct hc *c, const char *p, const char *end, bool sort)
{
	const char *q = p;

	while (q < end && hc_is_name((unsigned char)*q))
		q++;
	if (q == p)
		return hc_fail(c, p, p == end ? "empty field name" : "'%c' cannot start a field name", *p);
	if (q - p >= 64)
		return hc_fail(c, p, "field name longer than 63 characters");
	while (q < end) {
		if (*q != '.')
			return hc_fail(c, q, "'%c' in a field name (FIELD or FIELD.MODIFIER)", *q);
		const char *m = ++q;
		while (q < end && *q != '.')
			q++;
		if (!hc_modifier(c, m, q, sort))
			return false;
	}
	return true;
}

/* A comma list of fields in [p, end), at most max of them. */
static bool hc_list(struct hc *c, const char *p, const char *end, const char *what, int max, bool sort)
{
	int n = 0;

	if (p == end)
		return hc_fail(c, p, "%s= needs at least one field", what);
	for (;;) {
		const char *comma = memchr(p, ',', end - p);
		const char *e = comma ? comma : end;

		/* hitcount among the values is implicit and does not count */
		if (!(!strcmp(what, "vals") && e - p == 8 && !memcmp(p, "hitcount", 8)) && ++n > max)
			return hc_fail(c, p, "too many %s (at most %d)", what, max);
		if (!hc_field(c, p, e, sort))
			return false;
		if (!comma)
			return true;
		p = comma + 1;
	}
}

static bool hc_clause(struct hc *c, const char *p, const char *end, bool *keys)
{
	const char *eq = memchr(p, '=', end - p);
	unsigned long v;

	if (p == end)
		return hc_fail(c, p, "empty clause (two ':' in a row?)");
	if (!eq)
		return hc_fail(c, p, "expected NAME=... (keys, vals, sort, size)");
	size_t n = eq - p;
#define HC_IS(word) (n == strlen(word) && !memcmp(p, word, n))
	if (HC_IS("keys") || HC_IS("key")) {
		*keys = true;
		return hc_list(c, eq + 1, end, "keys", HIST_MAX_KEYS, false);
	}
	if (HC_IS("vals") || HC_IS("values"))
		return hc_list(c, eq + 1, end, "vals", HIST_MAX_VALS - 1, false);
	if (HC_IS("sort"))
		return hc_list(c, eq + 1, end, "sort", HIST_MAX_SORT, true);
	if (HC_IS("size")) {
		if (!hc_number(c, eq + 1, end, "size=", &v))
			return false;
		return v >= 1 && v <= HC_MAX_SIZE ? true : hc_fail(c, eq + 1, "size must be 1 to %lu", HC_MAX_SIZE);
	}
#undef HC_IS
	return hc_fail(c, p, "unknown hist option '%.*s' (keys, vals, sort, size)", (int)(n > 20 ? 20 : n), p);
}

bool hist_check(const char *spec, char *err, size_t errlen)
{
	struct hc c = { .s = spec, .err = err, .errlen = errlen };
	const char *body = spec, *cond = strstr(spec, " if "), *end;
	bool keys = false;

	if (errlen)
		err[0] = '\0';
	if (!strncmp(body, "hist:", 5))
		body += 5;
	end = cond ? cond : body + strlen(body);
	/* trailing blanks before the end (not before " if ") */
	while (!cond && end > body && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	for (const char *p = body; p < end; p++)
		if (!isascii((unsigned char)*p) || !isgraph((unsigned char)*p))
			return hc_fail(&c, p, isspace((unsigned char)*p) ? "a space inside the hist expression"
				       " (a filter goes after \" if \")" : "unexpected byte 0x%02x", (unsigned char)*p);
	if (end == body)
		return hc_fail(&c, body, "empty: expected NAME=... (keys=FIELD, then :vals= :sort= :size=)");
	for (const char *p = body;;) {
		const char *colon = memchr(p, ':', end - p);
		const char *e = colon ? colon : end;

		if (!hc_clause(&c, p, e, &keys))
			return false;
		if (!colon)
			break;
		p = colon + 1;
	}
	if (!keys)
		return hc_fail(&c, body, "a hist needs keys=");
	return !cond || filter_check_expr(cond + 4, (size_t)(cond + 4 - spec), err, errlen);
}

bool hist_prompt_check(const char *text, char *err, size_t errlen)
{
	const char *p = text, *sp;

	while (*p == ' ')
		p++;
	sp = strchr(p, ' ');
	if (!*p || !sp) {
		snprintf(err, errlen, "column %zu: type EVENT SPEC, e.g. sched:sched_switch keys=next_comm",
			 strlen(text) + 1);
		return false;
	}
	if (!hist_check(sp + 1, err, errlen)) {
		/* make the column count from the start of the prompt */
		size_t col;
		char rest[200];

		if (sscanf(err, "column %zu: %199[^\n]", &col, rest) == 2)
			snprintf(err, errlen, "column %zu: %s", col + (size_t)(sp + 1 - text), rest);
		return false;
	}
	return true;
}
