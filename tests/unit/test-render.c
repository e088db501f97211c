/*
 * test-render: the pages' dictionary behind ctemplate (src/render/render.cc)
 * behaves as ctemplate's own TemplateDictionary for what the pages do:
 * sections shown, added to, or both, in either order; values inherited
 * from parents, the newest one winning; includes that see only the
 * template-global values; auto-escaping, and :x-app emitting as it is.
 * Each expected text is what ctemplate 2.4's TemplateDictionary gives for
 * the same calls (checked once with a throwaway C++ program), except
 * :x-app, which ctemplate alone does not know.
 *
 * The templates are written to a temporary directory under the names the
 * app loads; render_init loads and freezes them once for all the tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/render.h"
#include "util/buf.h"

#define PRAGMA	"{{%AUTOESCAPE context=\"HTML\"}}"

static const struct {
	const char	*file;
	const char	*body;
} files[] = {
	{ "login.tpl", "{{#S}}[{{V}}]{{/S}}" },
	{ "contract.tpl", "{{V}}{{#R}}({{V}}{{#IN}}[{{V}}]{{/IN}}){{/R}}|{{#IN}}in{{/IN}}" },
	{ "end.tpl", "{{G}}{{P}}{{>INC}}" },
	{ "error.tpl", "[{{G}}{{P}}{{#IN}}in{{/IN}}]" },
	{ "dashboard.tpl", "{{A}}|{{B:x-app}}|{{C:u}}|a{{BI_SPACE}}b" },
	{ "layout.tpl", "" }, { "diary.tpl", "" }, { "billing.tpl", "" },
	{ "payments.tpl", "" }, { "notifications.tpl", "" }, { "checklist.tpl", "" },
	{ "feedback.tpl", "" }, { "user.tpl", "" }, { "help.tpl", "" },
	{ "settings.tpl", "" }, { "messages.tpl", "" }, { "errors.tpl", "" },
	{ "confirm.tpl", "" },
};

static char	 dir[] = "/tmp/contracts-render-XXXXXX";

static int
setup(void **state)
{
	char	 path[256];
	FILE	*fp;
	size_t	 i;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].file);
		if ((fp = fopen(path, "w")) == NULL)
			return -1;
		fputs(PRAGMA, fp);	/* no newline: the page is the body alone */
		fputs(files[i].body, fp);
		fclose(fp);
	}
	return render_init(dir);
}

static int
teardown(void **state)
{
	char	 path[256];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].file);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

/* Expands t with d, frees d, and compares with want. */
static void
expect(enum tpl t, struct dict *d, const char *want)
{
	struct buf	 out = { 0 };

	assert_int_equal(render(t, d, &out), 0);
	assert_string_equal(out.p, want);
	buf_free(&out);
	dict_free(d);
}

static void
test_sections(void **state)
{
	struct dict	*d;

	(void)state;
	expect(TPL_LOGIN, dict_new(), "");

	d = dict_new();
	dict_show(d, "S");
	dict_set(d, "V", "p");
	expect(TPL_LOGIN, d, "[p]");

	d = dict_new();
	dict_show(d, "S");
	dict_show(d, "S");
	expect(TPL_LOGIN, d, "[]");

	d = dict_new();
	dict_set(dict_add(d, "S"), "V", "1");
	dict_set(dict_add(d, "S"), "V", "2");
	expect(TPL_LOGIN, d, "[1][2]");
}

/* Shown first, the section keeps the empty dictionary it was shown with. */
static void
test_show_then_add(void **state)
{
	struct dict	*d;

	(void)state;
	d = dict_new();
	dict_show(d, "S");
	dict_set(dict_add(d, "S"), "V", "1");
	expect(TPL_LOGIN, d, "[][1]");

	d = dict_new();
	dict_set(dict_add(d, "S"), "V", "1");
	dict_show(d, "S");
	expect(TPL_LOGIN, d, "[1]");
}

static void
test_values(void **state)
{
	struct dict	*d, *r;

	(void)state;
	d = dict_new();
	dict_set(d, "V", "a");
	dict_set(d, "V", "b");
	dict_show(d, "S");
	expect(TPL_LOGIN, d, "[b]");

	d = dict_new();
	dict_set(d, "V", "r");
	(void)dict_add(d, "R");
	dict_set(dict_add(d, "R"), "V", "2");
	dict_show(d, "IN");
	expect(TPL_CONTRACT, d, "r(r[r])(2[r])|in");

	d = dict_new();
	dict_set(d, "V", "r");
	r = dict_add(d, "R");
	dict_show(r, "IN");
	dict_set(r, "V", "<&\"'>");
	expect(TPL_CONTRACT, d,
	    "r(&lt;&amp;&quot;&#39;&gt;[&lt;&amp;&quot;&#39;&gt;])|");
}

/* An include sees the template-global values, not its parent's. */
static void
test_include(void **state)
{
	struct dict	*d, *i;

	(void)state;
	d = dict_new();
	dict_set_global(d, "G", "g");
	dict_set(d, "P", "p");
	dict_show(d, "IN");
	(void)dict_include(d, "INC", TPL_ERROR);
	expect(TPL_END, d, "gp[g]");

	d = dict_new();
	dict_set_global(d, "G", "g");
	i = dict_include(d, "INC", TPL_ERROR);
	dict_set(i, "P", "q");
	dict_set_global(i, "G", "h");
	expect(TPL_END, d, "h[hq]");
}

static void
test_escaping(void **state)
{
	struct dict	*d;

	(void)state;
	d = dict_new();
	dict_set(d, "A", "<a href=\"x\">&'");
	dict_set(d, "B", "<b>");
	dict_set(d, "C", "a b&c");
	expect(TPL_DASHBOARD, d,
	    "&lt;a href=&quot;x&quot;&gt;&amp;&#39;|<b>|a+b%26c|a b");
}

/* Values bigger than a pool chunk, and more rows than one chunk holds. */
static void
test_sizes(void **state)
{
	struct dict	*d;
	char		*big, *want;
	size_t		 n = 40000, i;

	(void)state;
	big = malloc(n + 1);
	want = malloc(n + 3);
	assert_non_null(big);
	assert_non_null(want);
	memset(big, 'x', n);
	big[n] = '\0';
	d = dict_new();
	dict_show(d, "S");
	dict_set(d, "V", big);
	snprintf(want, n + 3, "[%s]", big);
	expect(TPL_LOGIN, d, want);

	d = dict_new();
	for (i = 0; i < 2000; i++)
		dict_set_int(dict_add(d, "S"), "V", (int64_t)i - 1000);
	for (i = 0, want[0] = '\0'; i < 2000; i++)
		snprintf(want + strlen(want), n + 3 - strlen(want), "[%d]", (int)i - 1000);
	expect(TPL_LOGIN, d, want);
	free(big);
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_show_then_add),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_sizes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
