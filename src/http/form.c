/*
 * form: reading a request's fields against a form's declaration (see
 * form.h).  Each kind has one parser, shared with the rest of the app:
 * parse_int() and parse_id() (parse.c), money_parse() (every amount
 * people type becomes cents there) and date_parse_day().  A mistake
 * becomes "<label>: <phrase>", the phrase the form's own or the kind's
 * generic one; the raw text is kept so that the form can come back with
 * what was typed.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/money.h"
#include "domain/date.h"
#include "http/form.h"
#include "http/parse.h"
#include "util/arena.h"

/* The value of name in l, NULL when absent; *count how often it is there. */
static const char *
lookup(const struct kvlist *l, const char *name, size_t *count)
{
	const char	*v = NULL;
	size_t		 i;

	*count = 0;
	if (l == NULL)
		return NULL;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, name) == 0) {
			if (v == NULL)
				v = l->v[i].val;
			(*count)++;
		}
	return v;
}

static bool
blank(const char *s, const struct form_field *f)
{
	if (f->kind != FORM_TEXT || (f->flags & FORM_VERBATIM))
		return *s == '\0';
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/* Checks s, neither absent nor (unless text) blank, as f's kind into v. */
static enum form_err
check(const struct form_field *f, const char *s, struct form_value *v)
{
	enum money_err	 me;
	size_t		 n, i;

	switch (f->kind) {
	case FORM_TEXT:
		n = strlen(s);
		if (!text_valid(s, n, (f->flags & FORM_LINES) != 0))
			return FORM_INVALID;
		v->len = (f->flags & FORM_BYTES) ? n : text_chars(s, n);
		if (f->max > 0 && v->len > (uint64_t)f->max)
			return FORM_TOO_LONG;
		return FORM_OK;
	case FORM_INT:
		if (parse_int(s, INT64_MIN, INT64_MAX, &v->num) == -1)
			return FORM_INVALID;
		break;
	case FORM_ID:
		return parse_id(s, &v->num) == 0 ? FORM_OK : FORM_INVALID;
	case FORM_MONEY:
		if ((me = money_parse(s, &v->num)) != MONEY_OK) {
			v->why = money_errors[me];
			return FORM_INVALID;
		}
		break;
	case FORM_DAY:
		return date_parse_day(s, &v->num) == 0 ? FORM_OK : FORM_INVALID;
	case FORM_CHOICE:
		for (i = 0; f->choices != NULL && f->choices[i] != NULL; i++)
			if (strcmp(s, f->choices[i]) == 0) {
				v->num = (int64_t)i;
				return FORM_OK;
			}
		return FORM_INVALID;
	case FORM_CHECK:
		if (strcmp(s, "1") != 0 && strcmp(s, "0") != 0)
			return FORM_INVALID;
		v->num = *s == '1';
		return FORM_OK;
	default:
		return FORM_INVALID;
	}
	return v->num < f->min || v->num > f->max ? FORM_RANGE : FORM_OK;
}

/* The generic words for mistake e in f, ending with a full stop. */
static const char *
generic(struct arena *a, const struct form_field *f, enum form_err e,
    const char *why)
{
	char	 lo[MONEY_BUFSZ], hi[MONEY_BUFSZ];

	switch (e) {
	case FORM_MISSING:
		if (f->kind == FORM_MONEY)
			return arena_printf(a, "%s.", money_errors[MONEY_EMPTY]);
		return "this field is required. Fill it in and send the form "
		    "again.";
	case FORM_REPEATED:
		return "send this field once.";
	case FORM_INVALID:
		break;
	case FORM_RANGE:
		if (f->kind == FORM_MONEY) {
			money_format_plain(f->min, lo);
			money_format_plain(f->max, hi);
			return arena_printf(a, "enter an amount from %s to %s.",
			    lo, hi);
		}
		break;
	case FORM_TOO_LONG:
		return arena_printf(a, "use at most %lld %s.", (long long)f->max,
		    (f->flags & FORM_BYTES) ? "bytes" : "characters");
	default:
		return "";
	}
	switch (f->kind) {
	case FORM_TEXT:
		return (f->flags & FORM_LINES) ? "use plain text without control "
		    "characters." : "use plain text without control characters "
		    "or line breaks.";
	case FORM_INT:
		return arena_printf(a, "enter a whole number from %lld to %lld.",
		    (long long)f->min, (long long)f->max);
	case FORM_MONEY:
		return arena_printf(a, "%s.", why);
	case FORM_DAY:
		return "use a date like 2026-11-23.";
	default:
		return "choose one of the values offered.";
	}
}

static const char *
message(struct arena *a, const struct form_field *f, const char *label,
    enum form_err e, const char *why)
{
	return arena_printf(a, "%s: %s", label, f->phrase[e] != NULL ?
	    f->phrase[e] : generic(a, f, e, why));
}

bool
form_parse_field(struct arena *a, const struct kvlist *l,
    const struct form_field *f, const char *name, const char *label,
    struct form_value *v)
{
	enum form_err	 e;
	size_t		 count;

	memset(v, 0, sizeof(*v));
	v->why = "";
	if (name == NULL)
		name = f->name;
	if (label == NULL)
		label = f->label != NULL ? f->label : name;
	v->raw = lookup(l, name, &count);
	v->text = v->raw != NULL ? v->raw : "";
	if (count > 1)
		e = FORM_REPEATED;
	else if (v->raw == NULL || blank(v->raw, f)) {
		if (f->flags & FORM_REQUIRED)
			e = FORM_MISSING;
		else if (v->raw != NULL && f->kind == FORM_TEXT)
			e = check(f, v->raw, v);	/* spaces are text */
		else if (v->raw != NULL && (f->kind == FORM_CHOICE ||
		    f->kind == FORM_CHECK))
			e = FORM_INVALID;		/* "" is not offered */
		else
			e = FORM_OK;			/* not set */
		if (f->kind == FORM_MONEY)
			v->why = money_errors[MONEY_EMPTY];
	} else {
		e = check(f, v->raw, v);
		v->set = e == FORM_OK;
	}
	if (e != FORM_OK) {
		v->num = 0;
		v->err = e;
		v->msg = message(a, f, label, e, v->why);
	}
	return e == FORM_OK;
}

const char *
form_message(struct arena *a, const struct form_field *f, enum form_err e)
{
	return message(a, f, f->label != NULL ? f->label : f->name, e,
	    f->kind == FORM_MONEY ? money_errors[MONEY_SYNTAX] : "");
}

size_t
form_parse(struct arena *a, const struct kvlist *l,
    const struct form_field *form, size_t n, struct form_value *out)
{
	size_t	 i, bad = 0;

	for (i = 0; i < n; i++)
		if (!form_parse_field(a, l, &form[i], NULL, NULL, &out[i]))
			bad++;
	return bad;
}
