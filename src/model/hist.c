#include "model/hist.h"
#include "capture/errmsg.h"
#include "model/filter.h"
#include "model/filter_check.h"
#include "model/hist_check.h"
#include "model/latency.h"
#include "model/sched.h"
#include "model/store.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STRING 256

static struct tep_event *find_event(struct tep_handle *tep, const char *name)
{
	const char *colon = strchr(name, ':');
	char sys[64];

	if (!colon)
		colon = strchr(name, '/');
	if (!colon) {
		for (int i = 0; i < tep_get_events_count(tep); i++)
			if (!strcmp(tep_get_event(tep, i)->name, name))
				return tep_get_event(tep, i);
		return NULL;
	}
	snprintf(sys, sizeof(sys), "%.*s", (int)(colon - name), name);
	return tep_find_event_by_name(tep, sys, colon + 1);
}

static int parse_mod(struct hist_field *f, const char *mod, char *err, size_t errlen)
{
	static const struct { const char *name; unsigned mod; } mods[] = {
		{ "execname", HIST_MOD_EXECNAME }, { "syscall", HIST_MOD_SYSCALL }, { "hex", HIST_MOD_HEX },
		{ "sym", HIST_MOD_SYM }, { "sym-offset", HIST_MOD_SYM_OFFSET }, { "log2", HIST_MOD_LOG2 },
		{ "usecs", HIST_MOD_USECS },
	};

	if (!strncmp(mod, "buckets=", 8) || !strncmp(mod, "bucket=", 7)) {
		f->buckets = strtoull(strchr(mod, '=') + 1, NULL, 0);
		if (!f->buckets)
			return errmsg(err, errlen, "bad %s: the bucket size must be above 0", mod);
		f->mods |= HIST_MOD_BUCKETS;
		return 0;
	}
	for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
		if (!strcmp(mod, mods[i].name)) {
			f->mods |= mods[i].mod;
			return 0;
		}
	return errmsg(err, errlen, "unknown modifier \".%s\" (execname, syscall, hex, sym, sym-offset, log2, "
		    "buckets=N, usecs)", mod);
}

static bool is_string_field(const struct tep_format_field *f)
{
	return (f->flags & TEP_FIELD_IS_STRING) ||
	       ((f->flags & (TEP_FIELD_IS_ARRAY | TEP_FIELD_IS_DYNAMIC)) && strstr(f->type, "char"));
}

/* "name.mod.mod" into f */
static int parse_field(struct hist *h, const char *text, struct hist_field *f, bool val, char *err, size_t errlen)
{
	char buf[128], *save = NULL, *part;

	memset(f, 0, sizeof(*f));
	snprintf(buf, sizeof(buf), "%s", text);
	part = strtok_r(buf, ".", &save);
	if (!part || !*part)
		return errmsg(err, errlen, "empty field in \"%s\"", text);
	snprintf(f->name, sizeof(f->name), "%s", part);
	/* "buckets=N" contains no dot, the rest are single words */
	while ((part = strtok_r(NULL, ".", &save)))
		if (parse_mod(f, part, err, errlen))
			return -1;
	if (!strcmp(f->name, "hitcount")) {
		f->src = SRC_HITCOUNT;
	} else if (!strcmp(f->name, "cpu") || !strcmp(f->name, "common_cpu")) {
		f->src = SRC_CPU;
	} else if (!strcmp(f->name, "common_timestamp")) {
		f->src = SRC_TIMESTAMP;
	} else if (!strcmp(f->name, "stacktrace") || !strcmp(f->name, "common_stacktrace")) {
		if (val)
			return errmsg(err, errlen, "stacktrace can be a key, not a value");
		f->src = SRC_STACKTRACE;
	} else if (!strcmp(f->name, "wakeup_lat")) {
		if (strcmp(h->event->name, "sched_switch"))
			return errmsg(err, errlen, "wakeup_lat is a field of sched:sched_switch (the switch that ends a wait)");
		f->src = SRC_WAKEUP_LAT;
	} else {
		f->src = SRC_FIELD;
		f->field = tep_find_any_field(h->event, f->name);
		if (!f->field)
			return errmsg(err, errlen, "no field \"%s\" in %s:%s", f->name, h->event->system, h->event->name);
		f->is_string = is_string_field(f->field);
		if (f->is_string && val)
			return errmsg(err, errlen, "\"%s\" is a string: it can be a key, not a value", f->name);
	}
	return 0;
}

static int parse_list(struct hist *h, char *list, bool vals, char *err, size_t errlen)
{
	char *save = NULL, *item;

	for (item = strtok_r(list, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		struct hist_field *f;

		if (vals && !strcmp(item, "hitcount"))
			continue;
		if (vals ? h->nr_vals >= HIST_MAX_VALS : h->nr_keys >= HIST_MAX_KEYS)
			return errmsg(err, errlen, "too many %s (at most %d)", vals ? "values" : "keys",
				    vals ? HIST_MAX_VALS - 1 : HIST_MAX_KEYS);
		f = vals ? &h->vals[h->nr_vals] : &h->keys[h->nr_keys];
		if (parse_field(h, item, f, vals, err, errlen))
			return -1;
		if (vals)
			h->nr_vals++;
		else
			h->nr_keys++;
	}
	return 0;
}

static int find_named(const struct hist *h, const char *name, bool *val)
{
	for (int i = 0; i < h->nr_keys; i++)
		if (!strcmp(h->keys[i].name, name)) {
			*val = false;
			return i;
		}
	for (int i = 0; i < h->nr_vals; i++)
		if (!strcmp(h->vals[i].name, name)) {
			*val = true;
			return i;
		}
	return -1;
}

static int parse_sort(struct hist *h, char *list, char *err, size_t errlen)
{
	char *save = NULL, *item;

	h->nr_sort = 0;
	for (item = strtok_r(list, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *dot = strchr(item, '.');
		bool desc = false, val;
		int i;

		if (dot) {
			*dot = '\0';
			if (!strcmp(dot + 1, "descending"))
				desc = true;
			else if (strcmp(dot + 1, "ascending"))
				return errmsg(err, errlen, "sort modifiers are .ascending and .descending");
		}
		if (h->nr_sort == HIST_MAX_SORT)
			return errmsg(err, errlen, "at most %d sort keys", HIST_MAX_SORT);
		i = find_named(h, item, &val);
		if (i < 0)
			return errmsg(err, errlen, "sort key \"%s\" is neither a key nor a value", item);
		h->sort[h->nr_sort].field = i;
		h->sort[h->nr_sort].val = val;
		h->sort[h->nr_sort++].descending = desc;
	}
	return 0;
}

static int parse_clause(struct hist *h, char *clause, char **sort, char *err, size_t errlen)
{
	char *eq = strchr(clause, '=');

	if (!eq)
		return errmsg(err, errlen, "expected NAME=... in \"%s\"", clause);
	*eq = '\0';
	if (!strcmp(clause, "keys") || !strcmp(clause, "key"))
		return parse_list(h, eq + 1, false, err, errlen);
	if (!strcmp(clause, "vals") || !strcmp(clause, "values"))
		return parse_list(h, eq + 1, true, err, errlen);
	if (!strcmp(clause, "sort")) {
		*sort = eq + 1;
		return 0;
	}
	if (!strcmp(clause, "size")) {
		unsigned long n = strtoul(eq + 1, NULL, 0);

		if (n < 1 || n > (1UL << 20))
			return errmsg(err, errlen, "size must be 1 to %lu", 1UL << 20);
		h->size = n;
		return 0;
	}
	return errmsg(err, errlen, "unknown hist option \"%s\" (keys, vals, sort, size)", clause);
}

static int parse(struct hist *h, const char *spec, char *err, size_t errlen)
{
	char *copy = strdup(spec), *body, *cond, *save = NULL, *clause, *sort = NULL;
	int ret = 0;

	if (!copy)
		return errmsg(err, errlen, "out of memory");
	char why[256], shown[64];
	if (!hist_check(spec, why, sizeof(why))) {
		free(copy);
		filter_quote(spec, shown, sizeof(shown));
		return errmsg(err, errlen, "bad hist \"%s\": %s", shown, why);
	}
	body = copy;
	if (!strncmp(body, "hist:", 5))
		body += 5;
	cond = strstr(body, " if ");
	if (!cond)	/* hist_check allows blanks at the end */
		for (size_t n = strlen(body); n && (body[n - 1] == ' ' || body[n - 1] == '\t'); n--)
			body[n - 1] = '\0';
	if (cond) {
		char filter[1024];

		*cond = '\0';
		snprintf(filter, sizeof(filter), "%s/%s:%s", h->event->system, h->event->name, cond + 4);
		h->filter_text = strdup(cond + 4);
		h->filter = event_filter_new(h->tep);
		if (!h->filter || event_filter_add(h->filter, filter, false, err, errlen))
			ret = -1;
	}
	for (clause = strtok_r(body, ":", &save); !ret && clause; clause = strtok_r(NULL, ":", &save))
		ret = parse_clause(h, clause, &sort, err, errlen);
	if (!ret && !h->nr_keys)
		ret = errmsg(err, errlen, "a hist needs keys=");
	if (!ret && sort)
		ret = parse_sort(h, sort, err, errlen);
	free(copy);
	return ret;
}

struct hist *hist_new(struct tep_handle *tep, const char *event, const char *spec, char *err, size_t errlen)
{
	struct hist *h = calloc(1, sizeof(*h));

	if (!h) {
		errmsg(err, errlen, "out of memory");
		return NULL;
	}
	h->tep = tep;
	h->size = 2048;
	h->event = find_event(tep, event);
	h->spec = strdup(spec);
	snprintf(h->vals[0].name, sizeof(h->vals[0].name), "hitcount");
	h->vals[0].src = SRC_HITCOUNT;
	h->nr_vals = 1;
	h->nr_sort = 1;		/* the kernel sorts by hitcount, ascending */
	h->sort[0].field = 0;
	h->sort[0].val = true;
	if (!h->event) {
		errmsg(err, errlen, "no event \"%s\" in the trace", event);
		hist_free(h);
		return NULL;
	}
	if (parse(h, spec, err, errlen)) {
		hist_free(h);
		return NULL;
	}
	h->cap = 16;
	while (h->cap < h->size * 2)
		h->cap *= 2;
	h->entries = calloc(h->cap, sizeof(*h->entries));
	if (!h->entries) {
		errmsg(err, errlen, "out of memory");
		hist_free(h);
		return NULL;
	}
	return h;
}

static void free_entries(struct hist *h)
{
	for (size_t i = 0; h->entries && i < h->cap; i++) {
		for (int k = 0; k < HIST_MAX_KEYS; k++)
			free(h->entries[i].str[k]);
		free(h->entries[i].stack);
	}
}

void hist_free(struct hist *h)
{
	if (!h)
		return;
	free_entries(h);
	free(h->entries);
	event_filter_free(h->filter);
	free(h->filter_text);
	free(h->spec);
	free(h);
}

void hist_clear(struct hist *h)
{
	free_entries(h);
	memset(h->entries, 0, h->cap * sizeof(*h->entries));
	h->nr = 0;
	h->hits = h->dropped = 0;
}

bool hist_needs_stack(const struct hist *h)
{
	for (int i = 0; i < h->nr_keys; i++)
		if (h->keys[i].src == SRC_STACKTRACE)
			return true;
	return false;
}

bool hist_needs_latency(const struct hist *h)
{
	for (int i = 0; i < h->nr_keys; i++)
		if (h->keys[i].src == SRC_WAKEUP_LAT)
			return true;
	for (int i = 0; i < h->nr_vals; i++)
		if (h->vals[i].src == SRC_WAKEUP_LAT)
			return true;
	return false;
}

static uint64_t log2_up(uint64_t v)
{
	uint64_t b = 0;

	if (v <= 1)
		return 0;
	v--;
	while (v) {
		v >>= 1;
		b++;
	}
	return b;
}

static uint64_t raw_value(const struct hist_field *f, const struct tep_record *rec, uint64_t lat)
{
	unsigned long long v = 0;

	switch (f->src) {
	case SRC_CPU: return (uint64_t)rec->cpu;
	case SRC_TIMESTAMP: v = rec->ts; break;
	case SRC_WAKEUP_LAT: v = lat; break;
	case SRC_HITCOUNT: return 1;
	case SRC_STACKTRACE: return 0;	/* the frames are kept apart */
	case SRC_FIELD:
		if (f->field->offset + f->field->size <= rec->size)
			tep_read_number_field(f->field, rec->data, &v);
		break;
	}
	if (f->mods & HIST_MOD_USECS)
		v /= 1000;
	return v;
}

static uint64_t key_value(const struct hist_field *f, const struct tep_record *rec, uint64_t lat)
{
	uint64_t v = raw_value(f, rec, lat);

	if (f->mods & HIST_MOD_LOG2)
		return log2_up(v);
	if (f->mods & HIST_MOD_BUCKETS)
		return v / f->buckets * f->buckets;
	return v;
}

/* A string key: a char array, or a __data_loc string. */
static void string_value(const struct hist_field *f, const struct tep_record *rec, char *out)
{
	const char *p = NULL;
	int len = 0;

	out[0] = '\0';
	if (f->field->flags & TEP_FIELD_IS_DYNAMIC) {
		unsigned long long loc = 0;

		if (f->field->offset + 4 > rec->size || tep_read_number_field(f->field, rec->data, &loc))
			return;
		p = (const char *)rec->data + (loc & 0xffff);
		len = (int)(loc >> 16);
		if ((loc & 0xffff) + (unsigned)len > (unsigned)rec->size)
			return;
	} else {
		if (f->field->offset + f->field->size > rec->size)
			return;
		p = (const char *)rec->data + f->field->offset;
		len = f->field->size;
	}
	if (len > MAX_STRING - 1)
		len = MAX_STRING - 1;
	snprintf(out, MAX_STRING, "%.*s", len, p);
}

static uint64_t hash_key(const uint64_t *key, char strs[][MAX_STRING], int n, const uint64_t *stack)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (int i = 0; stack && i < HIST_STACK_DEPTH && stack[i]; i++)
		h = (h ^ stack[i]) * 0x100000001b3ULL;
	for (int i = 0; i < n; i++) {
		h = (h ^ key[i]) * 0x100000001b3ULL;
		for (const char *c = strs[i]; *c; c++)
			h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
	}
	return h;
}

static bool same_stack(const uint64_t *a, const uint64_t *b)
{
	if (!a || !b)
		return a == b;
	for (int i = 0; i < HIST_STACK_DEPTH; i++) {
		if (a[i] != b[i])
			return false;
		if (!a[i])
			break;
	}
	return true;
}

static bool same_key(const struct hist_entry *e, const uint64_t *key, char strs[][MAX_STRING], int n,
		     const uint64_t *stack)
{
	if (!same_stack(e->stack, stack))
		return false;
	for (int i = 0; i < n; i++)
		if (e->key[i] != key[i] || strcmp(e->str[i] ? e->str[i] : "", strs[i]))
			return false;
	return true;
}

void hist_add(struct hist *h, struct tep_record *rec, uint64_t wakeup_lat, const char *comm, const uint64_t *stack)
{
	uint64_t key[HIST_MAX_KEYS] = { 0 };
	char strs[HIST_MAX_KEYS][MAX_STRING];
	struct hist_entry *e;
	size_t i;

	if (h->paused || tep_data_type(h->tep, rec) != h->event->id)
		return;
	if (h->filter && !event_filter_match(h->filter, rec))
		return;
	if (hist_needs_latency(h) && !wakeup_lat)
		return;	/* this switch ends no wait */
	if (hist_needs_stack(h) && !stack)
		return;	/* no kernel stack recorded after this event */
	if (!hist_needs_stack(h))
		stack = NULL;
	for (int k = 0; k < h->nr_keys; k++) {
		strs[k][0] = '\0';
		if (h->keys[k].is_string)
			string_value(&h->keys[k], rec, strs[k]);
		else
			key[k] = key_value(&h->keys[k], rec, wakeup_lat);
	}
	h->hits++;
	for (i = hash_key(key, strs, h->nr_keys, stack) & (h->cap - 1); h->entries[i].val[0]; i = (i + 1) & (h->cap - 1))
		if (same_key(&h->entries[i], key, strs, h->nr_keys, stack))
			break;
	e = &h->entries[i];
	if (!e->val[0]) {
		if (h->nr >= h->size) {
			h->dropped++;
			return;
		}
		h->nr++;
		memcpy(e->key, key, sizeof(key));
		for (int k = 0; k < h->nr_keys; k++)
			if (h->keys[k].is_string)
				e->str[k] = strdup(strs[k]);
		snprintf(e->comm, sizeof(e->comm), "%s", comm ? comm : "<...>");
		if (stack) {
			e->stack = calloc(HIST_STACK_DEPTH + 1, sizeof(*e->stack));
			for (int f = 0; e->stack && f < HIST_STACK_DEPTH && stack[f]; f++)
				e->stack[f] = stack[f];
		}
	}
	e->val[0]++;
	for (int v = 1; v < h->nr_vals; v++)
		e->val[v] += raw_value(&h->vals[v], rec, wakeup_lat);
}

static int cmp_entries(const void *a, const void *b, void *ctx)
{
	const struct hist *h = ctx;
	const struct hist_entry *x = *(const struct hist_entry *const *)a, *y = *(const struct hist_entry *const *)b;

	for (int s = 0; s < h->nr_sort; s++) {
		int f = h->sort[s].field, c;

		if (!h->sort[s].val && h->keys[f].is_string) {
			c = strcmp(x->str[f] ? x->str[f] : "", y->str[f] ? y->str[f] : "");
		} else {
			uint64_t vx = h->sort[s].val ? x->val[f] : x->key[f];
			uint64_t vy = h->sort[s].val ? y->val[f] : y->key[f];

			c = (vx > vy) - (vx < vy);
		}
		if (c)
			return h->sort[s].descending ? -c : c;
	}
	for (int k = 0; k < h->nr_keys; k++)	/* a stable order for equal sort keys */
		if (x->key[k] != y->key[k])
			return x->key[k] < y->key[k] ? -1 : 1;
	return 0;
}

struct hist_entry **hist_sorted(const struct hist *h, size_t *n)
{
	struct hist_entry **list = malloc((h->nr ? h->nr : 1) * sizeof(*list));

	*n = 0;
	if (!list)
		return NULL;
	for (size_t i = 0; i < h->cap; i++)
		if (h->entries[i].val[0])
			list[(*n)++] = &h->entries[i];
	qsort_r(list, *n, sizeof(*list), cmp_entries, (void *)h);
	return list;
}

static const char *mod_text(const struct hist_field *f, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (f->mods & HIST_MOD_EXECNAME) n += (size_t)snprintf(buf + n, len - n, ".execname");
	if (f->mods & HIST_MOD_SYSCALL) n += (size_t)snprintf(buf + n, len - n, ".syscall");
	if (f->mods & HIST_MOD_HEX) n += (size_t)snprintf(buf + n, len - n, ".hex");
	if (f->mods & HIST_MOD_SYM) n += (size_t)snprintf(buf + n, len - n, ".sym");
	if (f->mods & HIST_MOD_SYM_OFFSET) n += (size_t)snprintf(buf + n, len - n, ".sym-offset");
	if (f->mods & HIST_MOD_LOG2) n += (size_t)snprintf(buf + n, len - n, ".log2");
	if (f->mods & HIST_MOD_USECS) n += (size_t)snprintf(buf + n, len - n, ".usecs");
	if (f->mods & HIST_MOD_BUCKETS)
		snprintf(buf + n, len - n, ".buckets=%llu", (unsigned long long)f->buckets);
	return buf;
}

void hist_trigger_text(const struct hist *h, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "hist:keys=");
	char mods[64];

	for (int k = 0; k < h->nr_keys && n < len; k++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s%s", k ? "," : "", h->keys[k].name,
				      mod_text(&h->keys[k], mods, sizeof(mods)));
	n += (size_t)snprintf(buf + n, len - n, ":vals=hitcount");
	for (int v = 1; v < h->nr_vals && n < len; v++)
		n += (size_t)snprintf(buf + n, len - n, ",%s%s", h->vals[v].name,
				      mod_text(&h->vals[v], mods, sizeof(mods)));
	n += (size_t)snprintf(buf + n, len - n, ":sort=");
	for (int s = 0; s < h->nr_sort && n < len; s++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s%s", s ? "," : "",
				      h->sort[s].val ? h->vals[h->sort[s].field].name : h->keys[h->sort[s].field].name,
				      h->sort[s].descending ? ".descending" : "");
	if (n < len)
		n += (size_t)snprintf(buf + n, len - n, ":size=%zu", h->size);
	if (h->filter_text && n < len)
		snprintf(buf + n, len - n, " if %s", h->filter_text);
}

static int cmp_sample_run(const void *a, const void *b)
{
	const struct lat_sample *x = a, *y = b;

	if (x->run_ts != y->run_ts)
		return x->run_ts < y->run_ts ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The latency a sched_switch at ts running pid ends, 0 if none. */
static uint64_t ended_latency(const struct lat_sample *by_run, uint64_t n, uint64_t ts, int32_t pid)
{
	uint64_t lo = 0, hi = n;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (by_run[mid].run_ts < ts || (by_run[mid].run_ts == ts && by_run[mid].pid < pid))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && by_run[lo].run_ts == ts && by_run[lo].pid == pid)
		return by_run[lo].run_ts - by_run[lo].wake_ts;
	return 0;
}

/* The kernel stack recorded right after event k of stream i: kernel_stack
 * records follow the event they belong to, on the same CPU. */
static bool next_stack(struct hist *h, const struct store *s, const struct store_source *src, int i, uint64_t k,
		       struct tep_event *ks, uint64_t *frames)
{
	const struct store_event *e = store_event_at(s, i, k + 1);
	struct tep_format_field *caller = tep_find_field(ks, "caller"), *size = tep_find_field(ks, "size");
	struct tep_record rec;
	unsigned long long n = HIST_STACK_DEPTH;
	int es, f = 0;

	if (!e || e->type != ks->id || !caller || !store_record(s, src, i, k + 1, &rec))
		return false;
	if (size && size->offset + size->size <= rec.size)
		tep_read_number_field(size, rec.data, &n);
	es = caller->elementsize > 0 ? caller->elementsize : 8;
	for (; f < HIST_STACK_DEPTH && (unsigned long long)f < n; f++) {
		int off = caller->offset + f * es;
		uint64_t pc;

		if (off + es > rec.size)
			break;
		pc = tep_read_number(h->tep, (const char *)rec.data + off, es);
		if (!pc || pc == (es == 8 ? UINT64_MAX : 0xffffffffULL))
			break;
		frames[f] = pc;
	}
	frames[f] = 0;
	return f > 0;
}

int hist_fill(struct hist *h, const struct store *s, const struct store_source *src, uint64_t from, uint64_t to)
{
	struct tep_event *ks = hist_needs_stack(h) ? tep_find_event_by_name(h->tep, "ftrace", "kernel_stack") : NULL;
	struct sched *sc = NULL;
	struct lat_sample *by_run = NULL;
	struct tep_format_field *next_pid = NULL;
	uint64_t nr_lat = 0;

	if (hist_needs_latency(h)) {
		struct latency *lat = latency_build(s, src, h->tep, from, to);

		if (!lat)
			return -1;
		nr_lat = lat->nr_samples;
		by_run = lat->samples;
		lat->samples = NULL;
		latency_free(lat);
		if (nr_lat)
			qsort(by_run, nr_lat, sizeof(*by_run), cmp_sample_run);
		next_pid = tep_find_field(h->event, "next_pid");
	}
	/* comms as sched_switch saw them: fresher than saved_cmdlines, whose
	 * pids may since have been reused */
	for (int k = 0; k < h->nr_keys; k++)
		if ((h->keys[k].mods & HIST_MOD_EXECNAME) && !sc)
			sc = sched_build(s, src, h->tep, 0);
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];
		uint64_t first = store_find_time(s, i, from);
		uint64_t end = to == UINT64_MAX ? st->base + st->nr_ev : store_find_time(s, i, to);

		for (uint64_t k = first; k < end; k++) {
			const struct store_event *e = store_event_at(s, i, k);
			struct tep_record rec;
			uint64_t lat = 0, frames[HIST_STACK_DEPTH + 1];
			bool have_stack;

			if (e->type != h->event->id)
				continue;
			/* before this record is read: the next one may replace its page */
			have_stack = ks && next_stack(h, s, src, i, k, ks, frames);
			if (!store_record(s, src, i, k, &rec))
				continue;
			if (next_pid) {
				unsigned long long pid = 0;

				tep_read_number_field(next_pid, rec.data, &pid);
				lat = ended_latency(by_run, nr_lat, e->ts, (int32_t)pid);
			}
			hist_add(h, &rec, lat, sc ? sched_comm(sc, h->tep, e->pid) : tep_data_comm_from_pid(h->tep, e->pid),
				 have_stack ? frames : NULL);
		}
	}
	free(by_run);
	sched_free(sc);
	return 0;
}
