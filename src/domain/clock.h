/*
 * clock: the one place the app learns what time it is.  Time is UTC unix
 * seconds everywhere.  CONTRACTS_NOW ("YYYY-MM-DD" or
 * "YYYY-MM-DDTHH:MM:SSZ"), read once at start, pins it for tests and demos.
 */
#ifndef CLOCK_H
#define CLOCK_H
#include <stdint.h>

/* Reads CONTRACTS_NOW.  Returns 0, or -1 when it is set but malformed. */
int	 clock_init(void);
int64_t	 clock_now(void);
/* Microseconds on a clock that only goes forward, for durations (never
 * pinned): what a request, a commit or a checkpoint took. */
int64_t	 clock_mono_us(void);

#endif
