/*
 * zone: IANA time zones read from their TZif files; see zone.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/zone.h"

#define TRANS_MAX	4000	/* transitions a zone may have */
#define TYPES_MAX	256
#define CHARS_MAX	256
#define ZONES_KEPT	64	/* zones loaded by one process */
#define NAMES_MAX	1024

/*
 * Debian's files are "fat": transitions are written out through 2037.
 * Past the last one, a zone whose rule still changes with the seasons
 * (its footer's POSIX string has a rule, a ',') repeats its last years:
 * from 1901 to 2099 the calendar repeats every 28 years, weekdays and
 * all, so a moment 28 years earlier falls on the same rule.
 */
#define CYCLE_SECS	((int64_t)10227 * 86400)	/* 28 years */

struct zone {
	char		 name[ZONE_NAME_MAX];
	size_t		 n;		/* transitions */
	int64_t		*at;		/* when each begins, ascending */
	unsigned char	*type;		/* which type each begins */
	size_t		 ntypes;
	int32_t		 off[TYPES_MAX];
	char		 abbr[TYPES_MAX][8];
	bool		 cyclic;	/* the seasons go on past the last */
};

static int64_t
be(const unsigned char *p, int bytes)
{
	uint64_t	 v = 0;
	int		 i;

	for (i = 0; i < bytes; i++)
		v = v << 8 | p[i];
	if (bytes == 4)
		return (int64_t)(int32_t)(uint32_t)v;
	return (int64_t)v;
}

void
zone_free(struct zone *z)
{
	if (z == NULL)
		return;
	free(z->at);
	free(z->type);
	free(z);
}

struct zone *
zone_parse(const char *name, const unsigned char *p, size_t len)
{
	struct zone	*z = NULL;
	size_t		 cnt[6], need, i, off;
	const unsigned char *d, *end = p + len;
	int		 k;

	/* Skip version 1's 32-bit block: its header says how long it is. */
	if (len < 44 || memcmp(p, "TZif", 4) != 0 || p[4] < '2')
		return NULL;
	for (k = 0; k < 6; k++)
		cnt[k] = (size_t)be(p + 20 + 4 * k, 4);
	need = 44 + cnt[3] * 5 + cnt[4] * 6 + cnt[5] + cnt[2] * 8 + cnt[1] + cnt[0];
	if (need + 44 > len)
		return NULL;
	p += need;
	if (memcmp(p, "TZif", 4) != 0)
		return NULL;
	for (k = 0; k < 6; k++)
		cnt[k] = (size_t)be(p + 20 + 4 * k, 4);
	/* isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt */
	if (cnt[3] > TRANS_MAX || cnt[4] == 0 || cnt[4] > TYPES_MAX ||
	    cnt[5] > CHARS_MAX)
		return NULL;
	need = cnt[3] * 9 + cnt[4] * 6 + cnt[5] + cnt[2] * 12 + cnt[1] + cnt[0];
	d = p + 44;
	if ((size_t)(end - d) < need)
		return NULL;
	if ((z = calloc(1, sizeof(*z))) == NULL ||
	    (z->at = calloc(cnt[3] + 1, sizeof(*z->at))) == NULL ||
	    (z->type = calloc(cnt[3] + 1, 1)) == NULL)
		goto fail;
	snprintf(z->name, sizeof(z->name), "%s", name);
	z->n = cnt[3];
	z->ntypes = cnt[4];
	for (i = 0; i < z->n; i++) {
		z->at[i] = be(d + 8 * i, 8);
		if (i > 0 && z->at[i] <= z->at[i - 1])
			goto fail;
	}
	d += 8 * z->n;
	for (i = 0; i < z->n; i++)
		if ((z->type[i] = d[i]) >= z->ntypes)
			goto fail;
	d += z->n;
	for (i = 0; i < z->ntypes; i++) {
		z->off[i] = (int32_t)be(d + 6 * i, 4);
		off = d[6 * i + 5];
		if (off >= cnt[5] || z->off[i] < -25 * 3600 || z->off[i] > 26 * 3600)
			goto fail;
		snprintf(z->abbr[i], sizeof(z->abbr[i]), "%.*s",
		    (int)strnlen((const char *)d + 6 * z->ntypes + off, cnt[5] - off),
		    (const char *)d + 6 * z->ntypes + off);
	}
	d += need - z->n * 9;
	/* The footer: "\n<POSIX TZ string>\n"; a ',' means seasons. */
	if (d < end && *d == '\n') {
		const unsigned char *nl = memchr(d + 1, '\n', (size_t)(end - d - 1));

		z->cyclic = nl != NULL && memchr(d + 1, ',', (size_t)(nl - d - 1)) != NULL;
	}
	return z;
fail:
	zone_free(z);
	return NULL;
}

int32_t
zone_offset(const struct zone *z, int64_t t, const char **abbr)
{
	size_t	 lo, hi, mid;
	int	 ty;

	if (z == NULL) {
		if (abbr != NULL)
			*abbr = "UTC";
		return 0;
	}
	if (z->cyclic && z->n > 0 && t >= z->at[z->n - 1])
		t -= ((t - z->at[z->n - 1]) / CYCLE_SECS + 1) * CYCLE_SECS;
	/* The last transition at or before t; before the first, type 0. */
	if (z->n == 0 || t < z->at[0])
		ty = 0;
	else {
		lo = 0;
		hi = z->n;
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (z->at[mid] <= t)
				lo = mid;
			else
				hi = mid;
		}
		ty = z->type[lo];
	}
	if (abbr != NULL)
		*abbr = z->abbr[ty];
	return z->off[ty];
}

/* ---- the names, and the zones loaded ---- */

static char	*names[NAMES_MAX];
static size_t	 nnames;

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *const *
zone_names(size_t *n)
{
	FILE	*f;
	char	 line[512], *tab, *name;
	size_t	 i, j;

	if (nnames == 0) {
		names[nnames++] = "UTC";
		if ((f = fopen(ZONE_DIR "/zone1970.tab", "r")) == NULL)
			fprintf(stderr, "zone: %s/zone1970.tab: no time zones but UTC\n",
			    ZONE_DIR);
		while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
			/* codes TAB coordinates TAB name [TAB comments] */
			if (line[0] == '#' || (tab = strchr(line, '\t')) == NULL ||
			    (tab = strchr(tab + 1, '\t')) == NULL)
				continue;
			name = tab + 1;
			name[strcspn(name, "\t\r\n")] = '\0';
			if (*name != '\0' && strlen(name) < ZONE_NAME_MAX &&
			    nnames < NAMES_MAX && strstr(name, "..") == NULL &&
			    (names[nnames] = strdup(name)) != NULL)
				nnames++;
		}
		if (f != NULL)
			fclose(f);
		qsort(names, nnames, sizeof(names[0]), by_name);
		for (i = j = 1; i < nnames; i++)	/* no name twice */
			if (strcmp(names[i], names[j - 1]) != 0)
				names[j++] = names[i];
		nnames = j;
	}
	*n = nnames;
	return (const char *const *)names;
}

bool
zone_known(const char *name)
{
	size_t		 n;
	const char *const *all = zone_names(&n);

	return name != NULL && bsearch(&name, all, n, sizeof(all[0]), by_name) != NULL;
}

const struct zone *
zone_get(const char *name)
{
	static struct zone	*kept[ZONES_KEPT];
	static size_t		 nkept;
	unsigned char		 buf[65536];
	char			 path[sizeof(ZONE_DIR) + ZONE_NAME_MAX + 1];
	struct zone		*z;
	FILE			*f;
	size_t			 i, len;

	if (name == NULL || *name == '\0' || strcmp(name, "UTC") == 0)
		return NULL;
	for (i = 0; i < nkept; i++)
		if (strcmp(kept[i]->name, name) == 0)
			return kept[i];
	if (!zone_known(name)) {
		fprintf(stderr, "zone: unknown zone; UTC instead\n");
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", ZONE_DIR, name);
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "zone: %s does not open; UTC instead\n", path);
		return NULL;
	}
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if ((z = zone_parse(name, buf, len)) == NULL) {
		fprintf(stderr, "zone: %s is not a TZif file; UTC instead\n", path);
		return NULL;
	}
	if (nkept == ZONES_KEPT) {	/* unusual: forget the oldest */
		zone_free(kept[0]);
		memmove(kept, kept + 1, (ZONES_KEPT - 1) * sizeof(kept[0]));
		nkept--;
	}
	kept[nkept++] = z;
	return z;
}
