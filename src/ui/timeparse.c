#include "ui/timeparse.h"
#include "ui/prompt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int parse_time_err(const char *text, uint64_t base, uint64_t *out, char *err, size_t errlen)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "µs", 1e3 }, { "ms", 1e6 }, { "s", 1e9 }, { "", 1e9 },
	};
	const char *p = text, *unit;
	int sign = 0;
	char *end;
	double val;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		sign = *p++ == '+' ? 1 : -1;
	if (!isdigit((unsigned char)*p) && *p != '.')
		return prompt_reject(err, errlen, (size_t)(p - text) + 1,
				     "expected a time (12.345678 s, +5ms, -20us)");
	val = strtod(p, &end);
	if (end == p)
		return prompt_reject(err, errlen, (size_t)(p - text) + 1, "expected a number");
	unit = end;
	while (isspace((unsigned char)*end))
		end++;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit))
			continue;
		val *= units[i].ns;
		if (!(val >= 0 && val <= 1.8e19))
			return prompt_reject(err, errlen, (size_t)(p - text) + 1, "time out of range");
		if (!sign)
			*out = (uint64_t)(val + 0.5);
		else if (sign > 0)	/* (stops at the last time there is) */
			*out = base > UINT64_MAX - (uint64_t)(val + 0.5) ? UINT64_MAX : base + (uint64_t)(val + 0.5);
		else
			*out = base > (uint64_t)(val + 0.5) ? base - (uint64_t)(val + 0.5) : 0;
		return 0;
	}
	return prompt_reject(err, errlen, (size_t)(unit - text) + 1, "unknown unit (ns, us, ms, s)");
}

int parse_time(const char *text, uint64_t base, uint64_t *out)
{
	return parse_time_err(text, base, out, NULL, 0);
}
