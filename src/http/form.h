/*
 * form: each form's fields declared once, as kcgi declares its keys.
 * A form is a static const array of struct form_field indexed by an enum
 * ending in __MAX, beside the handler that owns it: each field's name
 * (a contract, DESIGN.md section 3), its kind, its limits, whether it is
 * required and the form's own words for a mistake.  form_parse() reads a
 * decoded body (parse_urlencoded(): encoding, UTF-8, control characters
 * and repeats already refused) against it into one struct form_value a
 * field: the typed value, or what is wrong in the users' words.  Handlers
 * read those values, and apply only the rules that need the database or
 * the clock.  Pure: no FastCGI, database or clock; messages live in the
 * arena passed in.
 */
#ifndef FORM_H
#define FORM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct kvlist;

enum form_kind {
	FORM_TEXT,	/* text: single-line unless FORM_LINES; at most max
			 * characters (FORM_BYTES: bytes), 0: parse.h's limit */
	FORM_INT,	/* a decimal integer in [min, max] (parse_int()) */
	FORM_ID,	/* a row id (parse_id()) */
	FORM_MONEY,	/* dollars, cents in num, in [min, max] (money_parse()) */
	FORM_DAY,	/* a day, YYYY-MM-DD: its 00:00 UTC (date_parse_day()) */
	FORM_CHOICE,	/* one of choices[]: num is its index */
	FORM_CHECK,	/* "1" or "0": num is 1 or 0 */
	FORM_KIND__MAX
};

/* Flags of a field. */
#define FORM_REQUIRED	0x01	/* absent or blank is a mistake */
#define FORM_LINES	0x02	/* text may hold line breaks and tabs */
#define FORM_BYTES	0x04	/* a text's max counts bytes, not characters */
#define FORM_VERBATIM	0x08	/* spaces are content: only "" is blank */

/*
 * What can be wrong with a field, checked in this order.  Blank is ""
 * for every kind, and for text (unless FORM_VERBATIM) also only spaces,
 * tabs and line breaks.  A blank field that is not required is not set:
 * no mistake, except for a choice or a check, where "" is not one of the
 * values offered (FORM_INVALID).
 */
enum form_err {
	FORM_OK = 0,
	FORM_MISSING,	/* required, and absent or blank */
	FORM_REPEATED,	/* sent more than once */
	FORM_INVALID,	/* not of its kind: syntax, a choice not offered, a
			 * line break in single-line text */
	FORM_RANGE,	/* a number outside [min, max] */
	FORM_TOO_LONG,	/* text over max */
	FORM_ERR__MAX
};

struct form_field {
	const char		*name;		/* the input's name */
	enum form_kind		 kind;
	unsigned int		 flags;		/* FORM_REQUIRED ... */
	int64_t			 min, max;	/* see enum form_kind */
	const char *const	*choices;	/* FORM_CHOICE: NULL-ended */
	const char		*label;		/* as the form shows it */
	/*
	 * What to do about each mistake, in the form's own words, ending
	 * with its full stop: the message is "<label>: <phrase>".  NULL:
	 * the generic words for the kind ("use at most 1000 characters.",
	 * for money the money parser's own).
	 */
	const char		*phrase[FORM_ERR__MAX];
};

struct form_value {
	const char	*raw;	/* as sent, NULL when absent: what the page
				 * shows back */
	bool		 set;	/* sent, not blank and without a mistake */
	int64_t		 num;	/* INT, ID, MONEY (cents), DAY (time), CHOICE
				 * (index), CHECK (0, 1); 0 when not set */
	const char	*text;	/* raw, or "" when absent */
	size_t		 len;	/* text: characters (FORM_BYTES: bytes) */
	enum form_err	 err;
	const char	*why;	/* the kind's own words for what is wrong
				 * (money: "enter an amount, like 12.50"),
				 * else "" */
	const char	*msg;	/* NULL, or "<label>: <phrase>" */
};

/*
 * Reads the n fields of form from the decoded pairs l into out[n].
 * Names l holds that form does not declare are ignored.  Returns how
 * many fields have a mistake.
 */
size_t	 form_parse(struct arena *, const struct kvlist *l,
	    const struct form_field *form, size_t n, struct form_value *out);

/*
 * One field f, read under name and shown as label (NULL: f's own): for
 * fields named by a table elsewhere, such as a rating per feedback
 * category or a switch per kind of email.  Returns whether it is fine.
 */
bool	 form_parse_field(struct arena *, const struct kvlist *l,
	    const struct form_field *f, const char *name, const char *label,
	    struct form_value *out);

/*
 * The message for mistake e in f, as form_parse() words it: for a value
 * that parses but a rule refuses in the same words (a row id that names
 * nothing).  In the arena.
 */
const char	*form_message(struct arena *, const struct form_field *f,
		    enum form_err e);

#endif
