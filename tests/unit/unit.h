/*
 * unit.h: what the cmocka unit tests share.  Include after <cmocka.h>.
 */
#ifndef UNIT_H
#define UNIT_H
#include <stdint.h>

#include "domain/date.h"

/* The moment s names ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ"); fails the
 * test when s does not parse. */
static inline int64_t
T(const char *s)
{
	int64_t	 t = -12345;

	if (date_parse_when(s, &t) != 0)
		fail_msg("bad time in test: %s", s);
	return t;
}

#endif
