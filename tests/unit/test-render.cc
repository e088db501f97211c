/*
 * test-render: the pages' dictionary (src/render/render.cc) against
 * ctemplate's own TemplateDictionary, at run time.  Every call a test
 * makes goes to both: the app's dictionary through render.h, ctemplate's
 * through its C++ API; both are then expanded by the same frozen
 * templates and the two pages must be byte for byte the same.  Nothing
 * here knows what a page should look like: ctemplate says.
 *
 * Two groups, because ctemplate's template cache is loaded and frozen
 * once per process (render_init):
 *  - edge, in a child process: small templates written for the paths
 *    that matter, under the names the app loads; sections shown, added
 *    or both, nested, shown by a parent; values inherited, set again,
 *    global; includes past the first, inside rows; keys built at run
 *    time in a buffer that is then reused; thousands of distinct names;
 *    every escaping context and modifier the templates use, :x-app too;
 *  - pages: the real templates/, each expanded with dictionaries drawn
 *    from its own markers by a seeded random walk (RENDER_SEED=n to
 *    replay one), includes filled for the template they name.
 */
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <csetjmp>

#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <ctemplate/template.h>
extern "C" {
#include <cmocka.h>	/* after the C++ headers: its fail() is a macro */
}

#include "render/render.h"
extern "C" {
#include "util/buf.h"
}

namespace {

const char *const files[TPL__MAX] = {
#define TPL(name, file) file,
	TPLS
#undef TPL
};

/* ---- the twins: one dictionary of each kind, called alike ---- */

struct twin {
	struct dict			*app;
	ctemplate::TemplateDictionary	*ref;
};

/*
 * Every key goes through this buffer, written again for each call and
 * scribbled over after it: a dictionary that kept the caller's pointer
 * instead of the name would read the next key, or garbage.
 */
char	 keybuf[256];

const char *
key(const char *name)
{
	std::snprintf(keybuf, sizeof(keybuf), "%s", name);
	return keybuf;
}

void
scribble(void)
{
	std::memset(keybuf, '#', sizeof(keybuf) - 1);
	keybuf[sizeof(keybuf) - 1] = '\0';
}

twin
twin_new(void)
{
	return twin{ dict_new(), new ctemplate::TemplateDictionary("test") };
}

void
twin_free(twin t)
{
	dict_free(t.app);
	delete t.ref;
}

void
set(twin t, const char *k, const char *v)
{
	dict_set(t.app, key(k), v);
	t.ref->SetValue(key(k), v != nullptr ? v : "");
	scribble();
}

void
set_int(twin t, const char *k, int64_t v)
{
	dict_set_int(t.app, key(k), v);
	t.ref->SetIntValue(key(k), static_cast<long>(v));
	scribble();
}

void
set_global(twin t, const char *k, const char *v)
{
	dict_set_global(t.app, key(k), v);
	t.ref->SetTemplateGlobalValue(key(k), v != nullptr ? v : "");
	scribble();
}

void
show(twin t, const char *s)
{
	dict_show(t.app, key(s));
	t.ref->ShowSection(key(s));
	scribble();
}

twin
add(twin t, const char *s)
{
	twin	 r{ dict_add(t.app, key(s)), t.ref->AddSectionDictionary(key(s)) };

	scribble();
	return r;
}

twin
include(twin t, const char *name, enum tpl f)
{
	twin	 r{ dict_include(t.app, key(name), f), t.ref->AddIncludeDictionary(key(name)) };

	r.ref->SetFilename(files[f]);
	scribble();
	return r;
}

/*
 * Expands t with both dictionaries and fails, saying where, unless the
 * pages are the same.  Returns the page.  what says which case it was.
 */
std::string
same(enum tpl t, twin d, const std::string &what)
{
	struct buf	 out = { nullptr, 0, 0 };
	std::string	 want, got;
	bool		 ok;

	ok = ctemplate::default_template_cache()->ExpandNoLoad(files[t],
	    ctemplate::STRIP_BLANK_LINES, d.ref, nullptr, &want);
	if (!ok)
		fail_msg("%s: ctemplate does not expand %s", what.c_str(), files[t]);
	if (render(t, d.app, &out) != 0)
		fail_msg("%s: render(%s) failed", what.c_str(), files[t]);
	got.assign(out.p, out.len);
	buf_free(&out);
	if (got != want) {
		size_t i = 0;

		while (i < got.size() && i < want.size() && got[i] == want[i])
			i++;
		size_t from = i < 60 ? 0 : i - 60;
		std::string dump;
		d.ref->DumpToString(&dump, 0);
		print_error("%s: %s differs from ctemplate's at byte %zu of %zu/%zu\n"
		    "  app:       ...%s...\n  ctemplate: ...%s...\n%s",
		    what.c_str(), files[t], i, got.size(), want.size(),
		    got.substr(from, 120).c_str(), want.substr(from, 120).c_str(),
		    dump.size() < 4000 ? dump.c_str() : "");
		fail();
	}
	return got;
}

/* Expands t with both, frees both, returns the page. */
std::string
same_free(enum tpl t, twin d, const std::string &what)
{
	std::string page = same(t, d, what);

	twin_free(d);
	return page;
}

/* ---- templates: their markers, as a tree ---- */

struct node {
	enum { VAR, SECTION, INCLUDE } kind;
	std::string		 name;
	std::vector<node>	 kids;	/* SECTION */
};

/*
 * The markers of a template's text: {{NAME[:modifiers]}}, {{#S}} ...
 * {{/S}}, {{>NAME}}; comments, pragmas and the built-in names (BI_*,
 * ctemplate's own) are left out.
 */
std::vector<node>
parse(const std::string &text)
{
	std::vector<std::vector<node>>	 stack(1);
	std::vector<std::string>	 open;
	size_t				 at = 0, end;

	while ((at = text.find("{{", at)) != std::string::npos &&
	    (end = text.find("}}", at + 2)) != std::string::npos) {
		std::string m = text.substr(at + 2, end - at - 2);
		at = end + 2;
		if (m.empty() || m[0] == '!' || m[0] == '%')
			continue;
		char c = m[0];
		if (c == '#' || c == '/' || c == '>')
			m = m.substr(1);
		m = m.substr(0, m.find(':'));
		if (c == '#') {
			open.push_back(m);
			stack.emplace_back();
		} else if (c == '/') {
			if (open.empty() || open.back() != m)
				fail_msg("template: {{/%s}} closes nothing", m.c_str());
			node n{ node::SECTION, m, stack.back() };
			stack.pop_back();
			open.pop_back();
			stack.back().push_back(n);
		} else if (c == '>')
			stack.back().push_back(node{ node::INCLUDE, m, {} });
		else if (m.compare(0, 3, "BI_") != 0)
			stack.back().push_back(node{ node::VAR, m, {} });
	}
	if (!open.empty())
		fail_msg("template: {{#%s}} never closed", open.back().c_str());
	return stack[0];
}

/* ---- a seeded random walk over a template's markers ---- */

struct rng {
	uint64_t	 s;

	uint64_t next()
	{
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		return s;
	}
	/* 0 .. n-1 */
	unsigned below(unsigned n)
	{
		return static_cast<unsigned>(next() % n);
	}
};

/* Values that each escaping context treats differently. */
const char *const values[] = {
	"", "plain", "two words", "<b>bold</b> & \"quoted\" 'single'",
	"javascript:alert(1)", "http://example.com/a?b=c&d=e#f", "/contracts/7",
	"line\nbreak\ttab\r", "\xc3\xbc" "n\xc3\xaf" "c\xc3\xb6" "de \xe2\x9c\x93 \xe2\x80\x94",
	"{{NOT_A_MARKER}}", "%s%n%d", "</script><script>x()</script>", "a=1;b=2",
	" leading and trailing ", "$1,234.50", "12", "-7", "\\back\\slash",
};
#define NVALUES	(sizeof(values) / sizeof(values[0]))

std::vector<std::vector<node>>	 trees;	/* by enum tpl: the templates loaded */
std::string			 big;	/* bigger than a pool chunk */

struct walk {
	rng		 r;
	int		 noise = 0;	/* names no template uses, set so far */

	const char *value()
	{
		if (r.below(256) == 0)
			return big.c_str();
		return values[r.below(NVALUES)];
	}
	/* Sets noise names on d: names that no template has, built here. */
	void clutter(twin d)
	{
		char	 name[32];

		for (unsigned n = r.below(40); n > 0; n--) {
			std::snprintf(name, sizeof(name), "NOISE_%d", noise++);
			set(d, name, value());
		}
	}
	/*
	 * Fills d for nodes.  up: the dictionaries above d in the same scope
	 * (its parent last), which a value, a section or an include may be
	 * given to instead, to be inherited.  depth bounds the includes.
	 */
	void fill(twin d, const std::vector<node> &nodes, std::vector<twin> up, int depth)
	{
		std::vector<twin> scope = up;

		scope.push_back(d);
		if (r.below(8) == 0)
			clutter(d);
		for (const node &n : nodes) {
			twin t = !up.empty() && r.below(4) == 0 ? up[r.below(static_cast<unsigned>(up.size()))] : d;
			const char *name = n.name.c_str();

			switch (n.kind) {
			case node::VAR:
				switch (r.below(10)) {
				case 0:
					break;
				case 1:
					set_int(t, name, static_cast<int64_t>(r.next()) >> r.below(64));
					break;
				case 2:
					set_global(t, name, value());
					break;
				case 3:
					set(t, name, value());
					set(t, name, value());	/* the newest wins */
					break;
				case 4:
					set(t, name, nullptr);
					break;
				default:
					set(t, name, value());
				}
				break;
			case node::SECTION:
				section(t, n, scope, depth);
				break;
			case node::INCLUDE:
				if (depth >= 2)
					break;
				for (unsigned k = r.below(4); k > 0; k--) {
					enum tpl f = static_cast<enum tpl>(r.below(TPL__MAX));
					twin i = include(t, name, f);
					if (r.below(3) == 0)
						set_global(i, "G", value());
					fill(i, trees[f], {}, depth + 1);
				}
			}
		}
	}
	/*
	 * Section n of t: hidden, shown, added to, or both in either order;
	 * what it holds is filled in its rows, or in t when only shown.
	 */
	void section(twin t, const node &n, const std::vector<twin> &scope, int depth)
	{
		const char		*name = n.name.c_str();
		std::vector<twin>	 up;

		/* The dictionaries above t: those of scope before it. */
		for (const twin &s : scope) {
			if (s.app == t.app)
				break;
			up.push_back(s);
		}
		std::vector<twin> rows_up = up;	/* and above its rows: t too */
		rows_up.push_back(t);

		/* 0 hidden, 1 shown, 2-4 added to, 5 shown then added to,
		 * 6 added to then shown, 7 shown twice */
		unsigned how = r.below(8);
		if (how == 1 || how == 5 || how == 7)
			show(t, name);
		if (how == 7)
			show(t, name);
		if (how >= 2 && how <= 6)
			for (unsigned k = 1 + r.below(3); k > 0; k--)
				fill(add(t, name), n.kids, rows_up, depth);
		if (how == 6)
			show(t, name);
		if (how == 1 || how == 5 || how == 7)
			fill(t, n.kids, up, depth);
	}
};

std::string
slurp(const std::string &path)
{
	std::ifstream		 in(path);
	std::stringstream	 s;

	s << in.rdbuf();
	return s.str();
}

std::string	 root;	/* where the templates are */

/* Reads every template's markers, once render_init has loaded them. */
void
read_trees(void)
{
	trees.clear();
	for (int i = 0; i < TPL__MAX; i++)
		trees.push_back(parse(slurp(root + "/" + files[i])));
	big.assign(40000, 'x');
	big += "<&>";
}

uint64_t
seed(void)
{
	const char *s = std::getenv("RENDER_SEED");

	return s != nullptr ? std::strtoull(s, nullptr, 10) : 20261130;
}

/* n dictionaries for every template, drawn by the walk. */
void
random_pages(unsigned n)
{
	uint64_t s0 = seed();

	for (int t = 0; t < TPL__MAX; t++)
		for (unsigned i = 0; i < n; i++) {
			uint64_t s = s0 + static_cast<uint64_t>(t) * 100003 + i;
			walk w{ rng{ s * 0x9e3779b97f4a7c15ULL | 1 } };
			twin d = twin_new();

			w.fill(d, trees[t], {}, 0);
			same_free(static_cast<enum tpl>(t), d,
			    "RENDER_SEED=" + std::to_string(s - static_cast<uint64_t>(t) * 100003 - i) +
			    " " + files[t] + " #" + std::to_string(i));
		}
}

/* ---- edge: small templates for the paths that matter ---- */

#define PRAGMA	"{{%AUTOESCAPE context=\"HTML\"}}"

const struct {
	enum tpl	 t;
	const char	*body;
} edge_files[] = {
	{ TPL_LOGIN, "{{#S}}[{{V}}]{{/S}}" },
	{ TPL_CONTRACT, "{{V}}{{#R}}({{V}}{{#IN}}[{{V}}]{{/IN}}){{/R}}|{{#IN}}in{{/IN}}" },
	{ TPL_END, "{{G}}{{P}}{{>INC}}" },
	{ TPL_ERROR, "[{{G}}{{P}}{{#IN}}in{{V}}{{/IN}}]" },
	{ TPL_ERRORS, "<{{G}}|{{Q}}>" },
	{ TPL_DASHBOARD,
	    "{{A}}|{{B:x-app}}|{{C:u}}|{{D:h}}|{{F:pre_escape}}|{{H:none}}|"
	    "{{I:url_query_escape}}|a{{BI_SPACE}}b{{BI_NEWLINE}}c"
	    "<a href=\"{{URL}}\" title=\"{{T}}\">{{X}}</a>"
	    "<a href=\"/p?q={{Q}}\">q</a><input value={{UNQUOTED}}>"
	    "<script>var s = \"{{JS}}\", n = {{JSN}};</script>"
	    "<style>p { color: {{CSS}}; }</style>"
	    "<textarea>{{TEXT}}</textarea>" },
	{ TPL_DIARY, "{{#S}}{{V}}{{#S_separator}}, {{/S_separator}}{{/S}}." },
	{ TPL_BILLING, "{{#A}}a{{V}}{{#B}}b{{V}}{{W}}{{#C}}c{{V}}{{W}}{{X}}{{/C}}{{/B}}{{/A}}" },
	{ TPL_FEEDBACK, "{{#R}}<{{V}}{{>INC}}>{{/R}}{{>INC}}" },
	{ TPL_PAYMENTS, nullptr },	/* 300 names, made in setup */
};

char	 edge_dir[] = "/tmp/contracts-render-XXXXXX";

std::string
many_names(void)
{
	std::string s;

	for (int i = 0; i < 300; i++)
		s += "{{K" + std::to_string(i) + "}}" + (i % 10 == 9 ? "\n" : ",");
	return s;
}

int
edge_setup(void **)
{
	if (mkdtemp(edge_dir) == nullptr)
		return -1;
	root = edge_dir;
	for (int i = 0; i < TPL__MAX; i++) {
		std::string body;

		for (const auto &e : edge_files)
			if (e.t == i)
				body = e.body != nullptr ? e.body : many_names();
		std::ofstream out(root + "/" + files[i]);
		out << PRAGMA << body;	/* no newline: the page is the body */
		if (!out)
			return -1;
	}
	if (render_init(edge_dir) != 0)
		return -1;
	read_trees();
	return 0;
}

int
edge_teardown(void **)
{
	for (int i = 0; i < TPL__MAX; i++)
		unlink((root + "/" + files[i]).c_str());
	rmdir(edge_dir);
	return 0;
}

void
test_sections(void **)
{
	twin	 d;

	same_free(TPL_LOGIN, twin_new(), "none");

	d = twin_new();
	show(d, "S");
	set(d, "V", "p");
	same_free(TPL_LOGIN, d, "shown");

	d = twin_new();
	show(d, "S");
	show(d, "S");
	same_free(TPL_LOGIN, d, "shown twice");

	d = twin_new();
	set(add(d, "S"), "V", "1");
	set(add(d, "S"), "V", "2");
	(void)add(d, "S");
	same_free(TPL_LOGIN, d, "rows");

	d = twin_new();
	show(d, "S");
	set(add(d, "S"), "V", "1");
	same_free(TPL_LOGIN, d, "shown, then added to");

	d = twin_new();
	set(add(d, "S"), "V", "1");
	show(d, "S");
	same_free(TPL_LOGIN, d, "added to, then shown");

	d = twin_new();
	for (int i = 0; i < 5; i++)
		set_int(add(d, "S"), "V", i);
	same_free(TPL_DIARY, d, "separator");
}

void
test_nested(void **)
{
	twin	 d, a, b;

	/* A section shown by a parent is expanded with the parent's values. */
	d = twin_new();
	set(d, "V", "r");
	(void)add(d, "R");
	set(add(d, "R"), "V", "2");
	show(d, "IN");
	same_free(TPL_CONTRACT, d, "shown by the root");

	d = twin_new();
	set(d, "V", "r");
	a = add(d, "R");
	show(a, "IN");
	set(a, "V", "<&\"'>");
	same_free(TPL_CONTRACT, d, "shown by a row");

	d = twin_new();
	show(d, "IN");
	a = add(d, "R");
	set(add(a, "IN"), "V", "own");
	set(d, "V", "root");
	same_free(TPL_CONTRACT, d, "a row's own rows, the root's shown");

	/* Three levels, values from each. */
	d = twin_new();
	set(d, "V", "0");
	set(d, "X", "x0");
	for (int i = 0; i < 2; i++) {
		a = add(d, "A");
		if (i == 1)
			set(a, "V", "1");
		b = add(a, "B");
		set(b, "W", "w");
		set(add(b, "C"), "X", "x3");
		show(b, "C");
		set(add(a, "B"), "V", "b");
	}
	same_free(TPL_BILLING, d, "three levels");
}

void
test_values(void **)
{
	twin	 d;

	d = twin_new();
	set(d, "V", "a");
	set(d, "V", "b");
	show(d, "S");
	same_free(TPL_LOGIN, d, "set again");

	d = twin_new();
	set(d, "V", nullptr);
	show(d, "S");
	same_free(TPL_LOGIN, d, "NULL");

	d = twin_new();
	for (int64_t v : { INT64_MIN, INT64_MIN + 1, static_cast<int64_t>(-1),
	    static_cast<int64_t>(0), static_cast<int64_t>(9), INT64_MAX })
		set_int(add(d, "S"), "V", v);
	same_free(TPL_LOGIN, d, "integers");

	/* A global reaches rows and is hidden by a row's own value. */
	d = twin_new();
	set_global(d, "V", "g");
	(void)add(d, "S");
	set(add(d, "S"), "V", "own");
	same_free(TPL_LOGIN, d, "global");
}

void
test_includes(void **)
{
	twin	 d, i, r;

	/* An include sees the globals, not its parent's values. */
	d = twin_new();
	set_global(d, "G", "g");
	set(d, "P", "p");
	show(d, "IN");
	(void)include(d, "INC", TPL_ERROR);
	same_free(TPL_END, d, "include");

	d = twin_new();
	set_global(d, "G", "g");
	i = include(d, "INC", TPL_ERROR);
	set(i, "P", "q");
	set_global(i, "G", "h");
	same_free(TPL_END, d, "a global set in an include");

	/* Past the first: each include its own template and values. */
	d = twin_new();
	set_global(d, "G", "g");
	for (int k = 0; k < 5; k++) {
		i = include(d, "INC", k % 2 == 0 ? TPL_ERROR : TPL_ERRORS);
		set_int(i, "P", k);
		set_int(i, "Q", -k);
		if (k == 3) {
			show(i, "IN");
			set(i, "V", "<v>");
		}
	}
	same_free(TPL_END, d, "five includes");

	/* Inside rows, and beside them. */
	d = twin_new();
	set_global(d, "G", "g");
	set(d, "V", "root");
	for (int k = 0; k < 3; k++) {
		r = add(d, "R");
		set_int(r, "V", k);
		for (int j = 0; j < k; j++)
			set_int(include(r, "INC", TPL_ERRORS), "Q", j);
	}
	set(include(d, "INC", TPL_ERRORS), "Q", "last");
	same_free(TPL_FEEDBACK, d, "includes in rows");

	/* An include of an include. */
	d = twin_new();
	i = include(d, "INC", TPL_END);
	set(i, "P", "outer");
	set(include(i, "INC", TPL_ERROR), "P", "inner");
	same_free(TPL_END, d, "include of an include");
}

void
test_escaping(void **)
{
	static const char *const names[] = { "A", "B", "C", "D", "F", "H",
	    "I", "URL", "T", "X", "Q", "UNQUOTED", "JS", "JSN", "CSS", "TEXT" };

	for (size_t v = 0; v < NVALUES; v++) {
		twin d = twin_new();

		for (const char *n : names)
			set(d, n, values[v]);
		same_free(TPL_DASHBOARD, d, "value " + std::to_string(v));
	}
}

/*
 * Keys written at run time into one buffer, reused for the next key
 * (set() does so for every call; here the names are also made at run
 * time, and the buffer is changed before the page is rendered).
 */
void
test_keys_built(void **)
{
	twin	 d = twin_new();
	char	 name[16];

	for (int i = 0; i < 300; i += 2) {
		std::snprintf(name, sizeof(name), "K%d", i);
		set_int(d, name, i);
	}
	std::snprintf(name, sizeof(name), "K%d", 1);
	set(d, name, "one");
	std::snprintf(name, sizeof(name), "K%d", 299);
	set(d, name, "last");
	std::memset(name, 0, sizeof(name));
	same_free(TPL_PAYMENTS, d, "keys built at run time");
}

/* Many names: 300 in one template, 5,000 more nowhere in it. */
void
test_many_names(void **)
{
	twin	 d = twin_new(), r;
	char	 name[32];

	for (int i = 0; i < 5000; i++) {
		std::snprintf(name, sizeof(name), "NAME_%d_%x", i, i * 2654435761U);
		set_int(d, name, i);
	}
	for (int i = 0; i < 300; i++) {
		std::snprintf(name, sizeof(name), "K%d", i);
		set_int(d, name, i * 7);
	}
	same_free(TPL_PAYMENTS, d, "5,300 names");

	/* Rows with their own names, and sections by the thousand. */
	d = twin_new();
	for (int i = 0; i < 200; i++) {
		std::snprintf(name, sizeof(name), "SECTION_%d", i);
		show(d, name);
		r = add(d, "S");
		std::snprintf(name, sizeof(name), "ROW_%d", i);
		set_int(r, name, i);
		set_int(r, "V", i);
	}
	same_free(TPL_LOGIN, d, "200 rows with names of their own");
}

/* Values bigger than a pool chunk, and more rows than one chunk holds. */
void
test_sizes(void **)
{
	twin	 d = twin_new();

	show(d, "S");
	set(d, "V", big.c_str());
	same_free(TPL_LOGIN, d, "40 KB value");

	d = twin_new();
	for (int i = 0; i < 2000; i++)
		set_int(add(d, "S"), "V", i - 1000);
	same_free(TPL_LOGIN, d, "2,000 rows");
}

void
test_edge_random(void **)
{
	random_pages(100);
}

int
run_edge(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_includes),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_keys_built),
		cmocka_unit_test(test_many_names),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_edge_random),
	};

	return cmocka_run_group_tests_name("render-edge", tests, edge_setup, edge_teardown);
}

/* ---- pages: the real templates ---- */

int
pages_setup(void **)
{
	root = TOP "/templates";
	if (render_init(root.c_str()) != 0)
		return -1;
	read_trees();
	return 0;
}

/* Every marker of every template given: each section added to twice, each
 * include filled for two templates. */
void
fill_all(twin d, const std::vector<node> &nodes, int depth)
{
	for (const node &n : nodes)
		switch (n.kind) {
		case node::VAR:
			set(d, n.name.c_str(), "<v&\"'>");
			break;
		case node::SECTION:
			for (int k = 0; k < 2; k++)
				fill_all(add(d, n.name.c_str()), n.kids, depth);
			break;
		case node::INCLUDE:
			if (depth < 2)
				for (int f : { TPL_ERRORS, TPL_CONFIRM })
					fill_all(include(d, n.name.c_str(), static_cast<enum tpl>(f)),
					    trees[f], depth + 1);
		}
}

void
test_pages_full(void **)
{
	for (int t = 0; t < TPL__MAX; t++) {
		twin d = twin_new();

		fill_all(d, trees[t], 0);
		std::string page = same_free(static_cast<enum tpl>(t), d,
		    std::string("every marker of ") + files[t]);
		assert_true(page.size() > 0);
	}
}

void
test_pages_random(void **)
{
	random_pages(60);
}

int
run_pages(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_full),
		cmocka_unit_test(test_pages_random),
	};

	return cmocka_run_group_tests_name("render-pages", tests, pages_setup, nullptr);
}

} // namespace

int
main(void)
{
	int	 status, rc;
	pid_t	 pid;

	std::fflush(stdout);
	if ((pid = fork()) == -1) {
		std::perror("test-render: fork");
		return 1;
	}
	if (pid == 0) {
		rc = run_edge();
		std::fflush(stdout);
		std::fflush(stderr);
		_exit(rc == 0 ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid)
		status = 1;
	rc = run_pages();
	return rc != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}
