/* A minimal test harness: CHECK() records a failure with its place and goes
 * on; each test function is one named case; check_main() prints a line per
 * case ("PASS name" / "FAIL name" / "SKIP name: why") that tests/run.sh counts. */
#ifndef FTUI_CHECK_H
#define FTUI_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;
static const char *check_skip;

#define CHECK(cond) do { \
	if (!(cond)) { \
		check_failures++; \
		fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_EQ_INT(a, b) do { \
	long long _a = (long long)(a), _b = (long long)(b); \
	if (_a != _b) { \
		check_failures++; \
		fprintf(stderr, "  %s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a, _a, #b, _b); \
	} \
} while (0)

#define CHECK_EQ_STR(a, b) do { \
	const char *_a = (a), *_b = (b); \
	if (!_a || !_b || strcmp(_a, _b)) { \
		check_failures++; \
		fprintf(stderr, "  %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, \
			_a ? _a : "(null)", _b ? _b : "(null)"); \
	} \
} while (0)

/* Mark the running case skipped, with the reason. */
#define SKIP(why) do { check_skip = (why); return; } while (0)

struct check_case {
	const char *name;
	void (*fn)(void);
};

static inline int check_run(const struct check_case *cases, int n)
{
	int failed = 0;

	for (int i = 0; i < n; i++) {
		int before = check_failures;

		check_skip = NULL;
		cases[i].fn();
		if (check_skip)
			printf("SKIP %s: %s\n", cases[i].name, check_skip);
		else if (check_failures == before)
			printf("PASS %s\n", cases[i].name);
		else {
			printf("FAIL %s\n", cases[i].name);
			failed++;
		}
		fflush(stdout);
	}
	return failed ? 1 : 0;
}

#define CHECK_MAIN(...) \
	int main(void) { \
		static const struct check_case cases[] = { __VA_ARGS__ }; \
		return check_run(cases, (int)(sizeof(cases) / sizeof(cases[0]))); \
	}

#define CASE(fn) { #fn, fn }

/* Where the committed fixtures and the shared samples are (tests run from the
 * project root). */
#define FIXTURE(name) "tests/fixtures/" name
#define SHARED_TRACE(name) "../shared/traces/public/" name

#endif
