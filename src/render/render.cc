/*
 * render.cc: the binding between the C code and ctemplate.  All C++ of
 * the project lives here.  ctemplate loads, checks, auto-escapes and
 * expands the templates; the dictionaries it expands them with are this
 * file's own (ctemplate's TemplateDictionaryInterface), made for one page
 * and freed whole.  Output is emitted straight into the caller's struct
 * buf; no exception crosses into C.
 */
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

extern "C" {
#include "util/buf.h"
}
#include "render/render.h"

static const char *const tpl_files[TPL__MAX] = {
#define TPL(name, file) file,
	TPLS
#undef TPL
};

namespace {

/*
 * Names, of variables, sections and includes, are known by ctemplate's
 * own id for them (TemplateId: a 64-bit hash of the text), as its
 * TemplateDictionary knows them: two names are the same when their ids
 * are.  ctemplate computes the id of each name of a template once, when
 * it loads the template, and keeps it in the TemplateString it passes
 * here; a key of the C code has its id computed from its text at each
 * call.  No pointer is remembered, so a key may be built at run time in a
 * buffer that is then reused, and there is no limit on how many.
 * GlobalIdForSTS_INIT is the function ctemplate exports for its STS_INIT
 * macro (found by argument-dependent lookup: the header declares it a
 * friend of TemplateString); test-render holds the result to ctemplate's
 * TemplateDictionary.
 */
typedef ctemplate::TemplateId name_id;

name_id
name_of(const ctemplate::TemplateString &s)
{
	return GlobalIdForSTS_INIT(s);
}

name_id
key_of(const char *k)
{
	return GlobalIdForSTS_INIT(ctemplate::TemplateString(k, std::strlen(k)));
}

/*
 * Memory for one page's dictionaries: 16 KB chunks, bump-allocated,
 * kept on a free list between pages; nothing in them needs a destructor.
 * A value too big for a chunk (a long text a user wrote) gets memory of
 * its own, freed with the page.  Out of memory, the worker says so and
 * stops, as the request arena does.
 */
#define CHUNK	16384

struct chunk {
	chunk	*next;
	size_t	 used;
	alignas(16) char data[CHUNK];
};

struct big {
	big	*next;
	alignas(16) char data[1];
};

chunk	*free_chunks;

[[noreturn]] void
out_of_memory(size_t n)
{
	std::fprintf(stderr, "render: out of memory allocating %zu bytes\n", n);
	std::abort();
}

struct pool {
	chunk	*head = nullptr;
	big	*bigs = nullptr;

	void *alloc(size_t n)
	{
		n = (n + 15) & ~static_cast<size_t>(15);
		if (n > CHUNK / 4) {
			big *b = static_cast<big *>(std::malloc(offsetof(big, data) + n));
			if (b == nullptr)
				out_of_memory(n);
			b->next = bigs;
			bigs = b;
			return b->data;
		}
		if (head == nullptr || CHUNK - head->used < n) {
			chunk *c = free_chunks;
			if (c != nullptr)
				free_chunks = c->next;
			else if ((c = static_cast<chunk *>(std::malloc(sizeof(chunk)))) == nullptr)
				out_of_memory(sizeof(chunk));
			c->next = head;
			c->used = 0;
			head = c;
		}
		void *p = head->data + head->used;
		head->used += n;
		return p;
	}
	~pool()
	{
		while (head != nullptr) {
			chunk *c = head;
			head = c->next;
			c->next = free_chunks;
			free_chunks = c;
		}
		while (bigs != nullptr) {
			big *b = bigs;
			bigs = b->next;
			std::free(b);
		}
	}
};

/*
 * A dictionary, as ctemplate's TemplateDictionary behaves for what the
 * pages use: a variable is looked up in this dictionary, then its
 * parents, then the page's template-global values; a section is shown
 * when this dictionary or a parent shows it, and repeats once per
 * dictionary added to it; an include's dictionary has no parent (only
 * the globals reach it).  The entries are a short list: a row has about
 * ten, and a list is faster than any map at that size.
 */
class Dict;

enum entry_kind { VALUE, SECTION, INCLUDE };

struct entry {
	entry		*next;
	name_id		 id;
	entry_kind	 kind;
	const char	*val;		/* VALUE */
	size_t		 len;
	Dict		*first, *last;	/* SECTION, INCLUDE: the dictionaries */
};

class Dict : public ctemplate::TemplateDictionaryInterface {
public:
	Dict(Dict *parent, Dict *root, pool *mem)
	    : parent_(parent), root_(root != nullptr ? root : this), mem_(mem) {}

	/* A value set again is added again: lookups find the newest first. */
	void set(name_id id, const char *v, size_t len, bool global)
	{
		Dict *d = global ? root_->globals() : this;
		entry *e = d->add(id, VALUE);
		char *copy = static_cast<char *>(mem_->alloc(len + 1));
		std::memcpy(copy, v, len);
		copy[len] = '\0';
		e->val = copy;
		e->len = len;
	}
	/*
	 * Shown, a section has no dictionary of its own until one is needed
	 * (shown(), add_to()): expanded where it was shown, ctemplate uses
	 * that dictionary itself, as it would an empty child of it.
	 */
	void show(name_id id)
	{
		if (find(id, SECTION) == nullptr)
			add(id, SECTION);
	}
	Dict *add_section(name_id id)
	{
		return add_to(id, SECTION, this);
	}
	pool *memory() const { return mem_; }
	Dict *add_include(name_id id, const char *file)
	{
		Dict *d = add_to(id, INCLUDE, nullptr);

		d->file_ = file;
		return d;
	}

protected:
	ctemplate::TemplateString GetValue(const ctemplate::TemplateString &s) const override
	{
		name_id id = name_of(s);

		if (const entry *e = inherited(id, VALUE))
			return ctemplate::TemplateString(e->val, e->len);
		if (root_->globals_ != nullptr)
			if (const entry *e = root_->globals_->find(id, VALUE))
				return ctemplate::TemplateString(e->val, e->len);
		return builtin(s);
	}
	bool IsHiddenSection(const ctemplate::TemplateString &s) const override
	{
		return found(s) == nullptr;
	}
	bool IsUnhiddenSection(const ctemplate::TemplateString &s) const override
	{
		return !IsHiddenSection(s);
	}
	bool IsHiddenTemplate(const ctemplate::TemplateString &s) const override
	{
		return inherited(name_of(s), INCLUDE) == nullptr;
	}
	const char *GetIncludeTemplateName(const ctemplate::TemplateString &s,
	    int dictnum) const override
	{
		const entry *e = inherited(name_of(s), INCLUDE);
		const Dict *d = e != nullptr ? e->first : nullptr;

		for (; d != nullptr && dictnum > 0; dictnum--)
			d = d->next_;
		return d != nullptr && d->file_ != nullptr ? d->file_ : "";
	}
	Iterator *CreateSectionIterator(const ctemplate::TemplateString &s) const override
	{
		const entry *e = found(s);

		return new Iter(e != nullptr ? shown(e) : nullptr);
	}
	Iterator *CreateTemplateIterator(const ctemplate::TemplateString &s) const override
	{
		const entry *e = inherited(name_of(s), INCLUDE);

		return new Iter(e != nullptr ? e->first : nullptr);
	}
	/* Names by their ids: the text of a name is not kept. */
	void DumpToString(std::string *out, int level) const override
	{
		for (int k = VALUE; k <= INCLUDE; k++)
		for (const entry *e = entries_[k]; e != nullptr; e = e->next) {
			char	 id[24];

			std::snprintf(id, sizeof(id), "#%016llx",
			    static_cast<unsigned long long>(e->id));
			out->append(static_cast<size_t>(level) * 2, ' ').append(id);
			if (e->kind == VALUE) {
				out->append(": >").append(e->val, e->len).append("<\n");
				continue;
			}
			out->append(e->kind == SECTION ? " (section)\n" : " (include)\n");
			for (const Dict *d = e->first; d != nullptr; d = d->next_)
				d->DumpToString(out, level + 1);
		}
	}

private:
	/* The dictionaries of a section or include, in the order added. */
	class Iter : public Iterator {
	public:
		explicit Iter(const Dict *d) : d_(d) {}
		bool HasNext() const override { return d_ != nullptr; }
		const TemplateDictionaryInterface &Next() override
		{
			const Dict *d = d_;
			d_ = d->next_;
			return *d;
		}
		/* ctemplate deletes each iterator it asks for: a free list. */
		static void *operator new(size_t n)
		{
			if (spare != nullptr) {
				void *p = spare;
				spare = *static_cast<void **>(p);
				return p;
			}
			return ::operator new(n < sizeof(void *) ? sizeof(void *) : n);
		}
		static void operator delete(void *p)
		{
			*static_cast<void **>(p) = spare;
			spare = p;
		}
	private:
		const Dict *d_;
		static void *spare;
	};

	entry *find(name_id id, entry_kind kind) const
	{
		for (entry *e = entries_[kind]; e != nullptr; e = e->next)
			if (e->id == id)
				return e;
		return nullptr;
	}
	entry *add(name_id id, entry_kind kind)
	{
		entry *e = static_cast<entry *>(mem_->alloc(sizeof(entry)));

		*e = entry{ entries_[kind], id, kind, nullptr, 0, nullptr, nullptr };
		entries_[kind] = e;
		return e;
	}
	Dict *child(Dict *parent)
	{
		return new (mem_->alloc(sizeof(Dict))) Dict(parent, root_, mem_);
	}
	static void append(entry *e, Dict *d)
	{
		if (e->last != nullptr)
			e->last->next_ = d;
		else
			e->first = d;
		e->last = d;
	}
	/* As ctemplate's, a section shown before it is added to keeps the
	 * empty dictionary it was shown with, first. */
	Dict *add_to(name_id id, entry_kind kind, Dict *parent)
	{
		entry *e = find(id, kind);

		if (e == nullptr)
			e = add(id, kind);
		else if (kind == SECTION && e->first == nullptr)
			append(e, child(this));
		Dict *d = child(parent);
		append(e, d);
		return d;
	}
	/*
	 * The dictionaries of a section found (found()): none for one shown
	 * here, so that ctemplate expands it with this dictionary; for one
	 * shown by a parent, the parent's empty child, made now, so that it
	 * is expanded with the parent's values and not this dictionary's.
	 */
	const Dict *shown(const entry *e) const
	{
		if (e->first == nullptr && memo.owner != this) {
			Dict *owner = const_cast<Dict *>(memo.owner);
			append(const_cast<entry *>(e), owner->child(owner));
		}
		return e->first;
	}
	Dict *globals()
	{
		if (globals_ == nullptr)
			globals_ = child(nullptr);
		return globals_;
	}
	/*
	 * A section's entry, looked up once: ctemplate asks whether it is
	 * hidden and then for its dictionaries, one right after the other.
	 */
	const entry *found(const ctemplate::TemplateString &s) const
	{
		name_id id = name_of(s);

		if (memo.dict != this || memo.id != id) {
			memo.dict = this;
			memo.id = id;
			memo.e = inherited(id, SECTION, &memo.owner);
		}
		return memo.e;
	}
	/* The entry for id in this dictionary or the nearest parent that has
	 * one, which goes to *owner. */
	const entry *inherited(name_id id, entry_kind kind, const Dict **owner = nullptr) const
	{
		for (const Dict *d = this; d != nullptr; d = d->parent_)
			if (const entry *e = d->find(id, kind)) {
				if (owner != nullptr)
					*owner = d;
				return e;
			}
		return nullptr;
	}
	/* ctemplate's own global values: a space and a newline. */
	static ctemplate::TemplateString builtin(const ctemplate::TemplateString &s)
	{
		auto is = [&s](const char *b, size_t n) {
			return s.size() == n && std::memcmp(s.data(), b, n) == 0;
		};

		if (is("BI_SPACE", 8))
			return ctemplate::TemplateString(" ", 1);
		if (is("BI_NEWLINE", 10))
			return ctemplate::TemplateString("\n", 1);
		return ctemplate::TemplateString("", 0);
	}

public:
	/* The last section looked up; forgotten whenever a page is rendered. */
	static struct section_memo {
		const Dict		*dict;
		name_id			 id;
		const entry		*e;
		const Dict		*owner;	/* the dictionary e is in */
	} memo;
private:
	Dict		*parent_;
	Dict		*root_;
	pool		*mem_;
	entry		*entries_[3] = {};	/* by kind, newest first */
	Dict		*next_ = nullptr;	/* the next of a section's dictionaries */
	Dict		*globals_ = nullptr;	/* the root's template-global values */
	const char	*file_ = nullptr;	/* an include's template */
};

void *Dict::Iter::spare = nullptr;
Dict::section_memo Dict::memo;

/*
 * Appends what ctemplate emits to a struct buf.  A page comes in about a
 * thousand pieces: those that fit are copied in place (the buffer keeps
 * its memory from one request to the next, so nearly all do), the rest go
 * through buf_add, which grows it.  The room for a NUL is always kept;
 * render() puts it there at the end.
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
		} else
			buf_add(b_, s, n);
	}
	struct buf *b_;
};

Dict *
D(struct dict *d)
{
	return reinterpret_cast<Dict *>(d);
}

/*
 * :x-app, in a template, marks a value the app writes itself (an id,
 * money, a date, a count, a fixed word), never text a user typed.  It is
 * ctemplate's :none, registered as an XSS-safe modifier that says it
 * never modifies: ctemplate then emits the value at once, where :none
 * passes it through a modifier that copies it unchanged.
 */
class AppValue : public ctemplate::TemplateModifier {
	void Modify(const char *in, size_t inlen, const ctemplate::PerExpandData *,
	    ctemplate::ExpandEmitter *out, const std::string &) const override
	{
		out->Emit(in, inlen);
	}
	bool MightModify(const ctemplate::PerExpandData *, const std::string &) const override
	{
		return false;
	}
};

const AppValue app_value;

struct dict *
C(Dict *d)
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
	/* Before any template names it. */
	if (!ctemplate::AddXssSafeModifier("x-app", &app_value)) {
		std::fprintf(stderr, "render: cannot register the x-app modifier\n");
		return -1;
	}
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

/*
 * A page's dictionaries live in their root's pool, the root too; freeing
 * the root gives the pool's chunks back.
 */
extern "C" struct dict *
dict_new(void)
{
	pool *mem = new (std::nothrow) pool;

	if (mem == nullptr)
		out_of_memory(sizeof(pool));

	return C(new (mem->alloc(sizeof(Dict))) Dict(nullptr, nullptr, mem));
}

extern "C" void
dict_free(struct dict *d)
{
	delete D(d)->memory();
}

extern "C" void
dict_set(struct dict *d, const char *k, const char *val)
{
	if (val == NULL)
		val = "";
	D(d)->set(key_of(k), val, std::strlen(val), false);
}

extern "C" void
dict_set_int(struct dict *d, const char *k, int64_t v)
{
	char	 s[DIGITS_MAX + 1];	/* and a sign */
	char	*p = digits_u64(s + sizeof(s), v < 0 ?
		     0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v));

	if (v < 0)
		*--p = '-';
	D(d)->set(key_of(k), p, static_cast<size_t>(s + sizeof(s) - p), false);
}

extern "C" void
dict_set_global(struct dict *d, const char *k, const char *val)
{
	if (val == NULL)
		val = "";
	D(d)->set(key_of(k), val, std::strlen(val), true);
}

extern "C" void
dict_show(struct dict *d, const char *section)
{
	D(d)->show(key_of(section));
}

extern "C" struct dict *
dict_add(struct dict *d, const char *section)
{
	return C(D(d)->add_section(key_of(section)));
}

extern "C" struct dict *
dict_include(struct dict *d, const char *name, enum tpl t)
{
	return C(D(d)->add_include(key_of(name), tpl_files[t]));
}

extern "C" int
render(enum tpl t, struct dict *d, struct buf *out)
{
	BufEmitter	 em(out);
	int		 rc = 0;

	Dict::memo = Dict::section_memo{};
	try {
		if (!ctemplate::default_template_cache()->ExpandNoLoad(
		    tpl_files[t], ctemplate::STRIP_BLANK_LINES, D(d), NULL, &em))
			rc = -1;
	} catch (...) {
		rc = -1;
	}
	buf_add(out, "", 0);	/* the NUL the emitter left room for */
	return rc;
}
