/*
 * clock: the one place the app learns what time it is.
 *
 * clock_init() reads CONTRACTS_NOW once, at start; when it holds a day
 * or a moment (see date_parse_when()), clock_now() returns that moment
 * for the life of the process.  Otherwise clock_now() is the system's
 * UTC time.  Requests never change it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "domain/clock.h"
#include "domain/date.h"

static bool	 clock_pinned;
static int64_t	 clock_pin;

/*
 * Returns 0 when CONTRACTS_NOW is unset, empty or well formed; -1 when
 * it is set but malformed, in which case the clock is left unpinned and
 * the caller decides whether to refuse to start.  Calling it again
 * re-reads the variable.
 */
int
clock_init(void)
{
	const char	*s;
	int64_t		 t;

	clock_pinned = false;
	clock_pin = 0;
	if ((s = getenv("CONTRACTS_NOW")) == NULL || *s == '\0')
		return 0;
	if (date_parse_when(s, &t) == -1)
		return -1;
	clock_pin = t;
	clock_pinned = true;
	return 0;
}

int64_t
clock_now(void)
{
	if (clock_pinned)
		return clock_pin;
	return (int64_t)time(NULL);
}

int64_t
clock_mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
