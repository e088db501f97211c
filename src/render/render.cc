/*
 * render.cc: the binding between the C code and ctemplate.  All C++ of
 * the project lives here.  Output is emitted straight into the caller's
 * struct buf; no exception crosses into C.
 */
#include <cstdint>
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

/*
 * Keys: the names of variables, sections and includes, string literals of
 * the C code.  Made into a TemplateString afresh, a key is hashed and
 * added to ctemplate's global id-to-name map (under its mutex) on every
 * call: most of the cost of filling a dictionary.  Here each key is
 * hashed once into a StaticTemplateString, the way ctemplate's STS_INIT
 * does at start-up, and found again by its address.  The text is
 * compared too, so a key that is not a literal stays right; past
 * KEYS_MAX distinct keys, or for text that is not constant, the plain
 * way is taken.
 */
#define KEYS_MAX	1024	/* a power of two; the templates use ~200 */

struct key_entry {
	const char				*addr;
	const ctemplate::StaticTemplateString	*sts;
};

key_entry	 keys[KEYS_MAX];

ctemplate::TemplateString
key(const char *k)
{
	uintptr_t	 a = reinterpret_cast<uintptr_t>(k);
	size_t		 i = static_cast<size_t>((a >> 3) * 0x9e3779b97f4a7c15ULL >> 40);

	for (size_t n = 0; n < KEYS_MAX; n++, i++) {
		key_entry &e = keys[i & (KEYS_MAX - 1)];

		if (e.addr == k) {
			if (std::strcmp(e.sts->do_not_use_directly_.ptr_, k) == 0)
				return ctemplate::TemplateString(*e.sts);
			break;
		}
		if (e.addr == NULL) {
			/* Built once, kept for the life of the process. */
			size_t len = std::strlen(k);
			char *text = new char[len + 1];
			std::memcpy(text, k, len + 1);
			ctemplate::StaticTemplateString *sts =
			    new ctemplate::StaticTemplateString{ { text, len, 0 } };
			ctemplate::StaticTemplateStringInitializer init(sts);
			e.addr = k;
			e.sts = sts;
			return ctemplate::TemplateString(*sts);
		}
	}
	return ctemplate::TemplateString(k);
}

/*
 * Appends what ctemplate emits to a struct buf.  A page comes in about a
 * thousand pieces: those that fit are copied in place (the buffer keeps
 * its memory from one request to the next, so nearly all do), the rest go
 * through buf_add, which grows it.
 */
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(struct buf *b) : b_(b) {}
	void Emit(char c) override { Put(&c, 1); }
	void Emit(const std::string &s) override { Put(s.data(), s.size()); }
	void Emit(const char *s) override { Put(s, std::strlen(s)); }
	void Emit(const char *s, size_t n) override { Put(s, n); }
private:
	void Put(const char *s, size_t n)
	{
		if (b_->cap - b_->len > n) {	/* room for n and the NUL */
			std::memcpy(b_->p + b_->len, s, n);
			b_->len += n;
			b_->p[b_->len] = '\0';
		} else
			buf_add(b_, s, n);
	}
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
dict_set(struct dict *d, const char *k, const char *val)
{
	D(d)->SetValue(key(k), val == NULL ? "" : val);
}

extern "C" void
dict_set_int(struct dict *d, const char *k, int64_t v)
{
	char			 s[24], *p = s + sizeof(s);
	unsigned long long	 u = v < 0 ? 0ULL - static_cast<unsigned long long>(v) :
				     static_cast<unsigned long long>(v);

	/* Decimal, right to left: no printf per row. */
	do
		*--p = static_cast<char>('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	D(d)->SetValue(key(k), ctemplate::TemplateString(p, static_cast<size_t>(s + sizeof(s) - p)));
}

extern "C" void
dict_set_global(struct dict *d, const char *k, const char *val)
{
	D(d)->SetTemplateGlobalValue(key(k), val == NULL ? "" : val);
}

extern "C" void
dict_show(struct dict *d, const char *section)
{
	D(d)->ShowSection(key(section));
}

extern "C" struct dict *
dict_add(struct dict *d, const char *section)
{
	return C(D(d)->AddSectionDictionary(key(section)));
}

extern "C" struct dict *
dict_include(struct dict *d, const char *name, enum tpl t)
{
	TemplateDictionary *sub = D(d)->AddIncludeDictionary(key(name));

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
