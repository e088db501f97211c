/*
 * render.cc: the binding between the C code and ctemplate.  All C++ of
 * the project lives here.  Output is emitted straight into the caller's
 * struct buf; no exception crosses into C.
 */
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

extern "C" {
#include "util/buf.h"
}
#include "render/render.h"

using ctemplate::TemplateDictionary;

static const char *const tpl_files[TPL__MAX] = {
#define TPL(name, file) file,
	TPLS
#undef TPL
};

namespace {

/* Appends what ctemplate emits to a struct buf. */
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(struct buf *b) : b_(b) {}
	void Emit(char c) override { buf_add(b_, &c, 1); }
	void Emit(const std::string &s) override { buf_add(b_, s.data(), s.size()); }
	void Emit(const char *s) override { buf_add(b_, s, std::strlen(s)); }
	void Emit(const char *s, size_t n) override { buf_add(b_, s, n); }
private:
	struct buf *b_;
};

TemplateDictionary *
D(struct dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

struct dict *
C(TemplateDictionary *d)
{
	return reinterpret_cast<struct dict *>(d);
}

/* Whether the file begins with the HTML auto-escape pragma. */
bool
has_pragma(const std::string &path)
{
	std::ifstream	 in(path);
	std::string	 first;

	if (!std::getline(in, first))
		return false;
	return first.find("{{%AUTOESCAPE context=\"HTML\"}}") == 0;
}

} // namespace

extern "C" int
render_init(const char *dir)
{
	ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();
	std::string root(dir);

	if (root.empty() || root.back() != '/')
		root += '/';
	cache->SetTemplateRootDirectory(root);
	for (int i = 0; i < TPL__MAX; i++) {
		if (!has_pragma(root + tpl_files[i])) {
			std::fprintf(stderr, "render: %s%s does not start with "
			    "{{%%AUTOESCAPE context=\"HTML\"}}\n", root.c_str(), tpl_files[i]);
			return -1;
		}
		if (!cache->LoadTemplate(tpl_files[i], ctemplate::STRIP_BLANK_LINES)) {
			std::fprintf(stderr, "render: %s%s does not load\n",
			    root.c_str(), tpl_files[i]);
			return -1;
		}
	}
	cache->Freeze();
	return 0;
}

extern "C" struct dict *
dict_new(void)
{
	return C(new TemplateDictionary("page"));
}

extern "C" void
dict_free(struct dict *d)
{
	delete D(d);
}

extern "C" void
dict_set(struct dict *d, const char *key, const char *val)
{
	D(d)->SetValue(key, val == NULL ? "" : val);
}

extern "C" void
dict_set_int(struct dict *d, const char *key, int64_t v)
{
	char	 s[24];

	std::snprintf(s, sizeof(s), "%lld", static_cast<long long>(v));
	D(d)->SetValue(key, s);
}

extern "C" void
dict_set_global(struct dict *d, const char *key, const char *val)
{
	D(d)->SetTemplateGlobalValue(key, val == NULL ? "" : val);
}

extern "C" void
dict_show(struct dict *d, const char *section)
{
	D(d)->ShowSection(section);
}

extern "C" struct dict *
dict_add(struct dict *d, const char *section)
{
	return C(D(d)->AddSectionDictionary(section));
}

extern "C" struct dict *
dict_include(struct dict *d, const char *name, enum tpl t)
{
	TemplateDictionary *sub = D(d)->AddIncludeDictionary(name);

	sub->SetFilename(tpl_files[t]);
	return C(sub);
}

extern "C" int
render(enum tpl t, struct dict *d, struct buf *out)
{
	BufEmitter	 em(out);

	try {
		if (!ctemplate::default_template_cache()->ExpandNoLoad(
		    tpl_files[t], ctemplate::STRIP_BLANK_LINES, D(d), NULL, &em))
			return -1;
	} catch (...) {
		return -1;
	}
	return 0;
}
