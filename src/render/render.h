/*
 * render: the C face of ctemplate, the only C++ in the tree.  Templates
 * are loaded and checked once at start, then expanded from a frozen
 * cache.  Every template auto-escapes for HTML (render_init refuses one
 * without the pragma).  A dictionary is made fresh for each request.
 */
#ifndef RENDER_H
#define RENDER_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct buf;

#define TPLS \
	TPL(LAYOUT, "layout.tpl") \
	TPL(ERROR, "error.tpl") \
	TPL(ERRORS, "errors.tpl") \
	TPL(CONFIRM, "confirm.tpl") \
	TPL(LOGIN, "login.tpl") \
	TPL(DASHBOARD, "dashboard.tpl") \
	TPL(CONTRACT, "contract.tpl") \
	TPL(END, "end.tpl") \
	TPL(DIARY, "diary.tpl") \
	TPL(BILLING, "billing.tpl") \
	TPL(PAYMENTS, "payments.tpl") \
	TPL(NOTIFICATIONS, "notifications.tpl") \
	TPL(CHECKLIST, "checklist.tpl") \
	TPL(FEEDBACK, "feedback.tpl") \
	TPL(USER, "user.tpl") \
	TPL(HELP, "help.tpl") \
	TPL(SETTINGS, "settings.tpl") \
	TPL(MESSAGES, "messages.tpl")

enum tpl {
#define TPL(name, file) TPL_##name,
	TPLS
#undef TPL
	TPL__MAX
};

/* A dictionary; in C it is only ever a pointer. */
struct dict;

/* Load every template from dir.  0, or -1 with the reason on stderr. */
int		 render_init(const char *dir);

struct dict	*dict_new(void);
void		 dict_free(struct dict *);
/* Values are copied; NULL sets the empty string. */
void		 dict_set(struct dict *, const char *key, const char *val);
void		 dict_set_int(struct dict *, const char *key, int64_t);
/* A value every dictionary of the tree sees, includes too. */
void		 dict_set_global(struct dict *, const char *key, const char *val);
void		 dict_show(struct dict *, const char *section);
/* A new row of a repeated section, owned by the parent dictionary. */
struct dict	*dict_add(struct dict *, const char *section);
/* An include of template t under name.  As in ctemplate, it sees its own
 * values and the page's globals (dict_set_global), not its parent's. */
struct dict	*dict_include(struct dict *, const char *name, enum tpl);

/* Expand t with d, appending to out.  0, or -1. */
int		 render(enum tpl, struct dict *, struct buf *out);

#ifdef __cplusplus
}
#endif
#endif
