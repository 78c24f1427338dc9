#include "ui/timeparse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int parse_time(const char *text, uint64_t base, uint64_t *out)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "µs", 1e3 }, { "ms", 1e6 }, { "s", 1e9 }, { "", 1e9 },
	};
	const char *p = text;
	int sign = 0;
	char *end;
	double val;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		sign = *p++ == '+' ? 1 : -1;
	if (!isdigit((unsigned char)*p) && *p != '.')
		return -1;
	val = strtod(p, &end);
	while (isspace((unsigned char)*end))
		end++;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit))
			continue;
		val *= units[i].ns;
		if (val < 0 || val > 1.8e19)
			return -1;
		if (!sign)
			*out = (uint64_t)(val + 0.5);
		else if (sign > 0)	/* (stops at the last time there is) */
			*out = base > UINT64_MAX - (uint64_t)(val + 0.5) ? UINT64_MAX : base + (uint64_t)(val + 0.5);
		else
			*out = base > (uint64_t)(val + 0.5) ? base - (uint64_t)(val + 0.5) : 0;
		return 0;
	}
	return -1;
}
