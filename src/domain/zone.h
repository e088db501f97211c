/*
 * zone: the time zones pages show times in (DESIGN.md section 2, "Time
 * zones"): IANA names from the system's tzdata, each read once from its
 * TZif file and kept for the life of the process; the offset from UTC
 * at a moment is a binary search in the zone's transitions, without
 * touching TZ, tzset() or localtime_r() (slow, and global).  The rules
 * of the product never use it: they run in UTC.
 */
#ifndef ZONE_H
#define ZONE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZONE_DIR	"/usr/share/zoneinfo"
#define ZONE_NAME_MAX	64

struct zone;

/*
 * The names a user may choose: "UTC" and every zone of the system's
 * zone1970.tab, sorted.  Read once; *n is their count (1, only "UTC",
 * when tzdata is missing).
 */
const char *const *zone_names(size_t *n);
/* Whether name is one of zone_names(). */
bool		 zone_known(const char *name);
/*
 * The zone named name, loaded once (NULL for "UTC", and for a name not
 * known or a file that does not read, which is logged: UTC then).
 */
const struct zone *zone_get(const char *name);
/*
 * Parse a TZif file (RFC 8536, version 2 or later) of n bytes into a new
 * zone named name.  NULL when it is not one.  For tests and zone_get().
 */
struct zone	*zone_parse(const char *name, const unsigned char *, size_t n);
void		 zone_free(struct zone *);

/* Seconds east of UTC at t in z (NULL: UTC), and its abbreviation
 * ("EST", "IST", "+0545") in *abbr when abbr is not NULL. */
int32_t		 zone_offset(const struct zone *, int64_t t, const char **abbr);

#endif
