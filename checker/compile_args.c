/*
 * compile_args: a compiler command line -> inputs and libclang flags (see
 * compile_args.h). Three static tables drive it: options whose value is the
 * next argument (so "-o foo.c" does not make foo.c an input), flags dropped
 * for libclang, and the file-name suffixes of each language.
 */
#include "compile_args.h"

#include <string.h>

/* Options that take the next argument as their value when written alone. */
static const char *const takes_value[] = {
	"-o", "-MF", "-MT", "-MQ", "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
	"-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot", "--sysroot",
	"-x", "-Xlinker", "-Xpreprocessor", "-Xassembler", "-Xclang", "-L", "-l", "-T", "-u", "-z",
	"-aux-info", "-arch", "-target", "-e", "--param", "-wrapper", "-working-directory",
};

/* Dropped together with their value: output-side options. */
static const char *const drop_with_value[] = {"-o", "-MF", "-MT", "-MQ", "-aux-info", "-wrapper"};

/* Dropped exactly: output-side flags, and GCC-only flags clang rejects. */
static const char *const drop_exact[] = {
	"-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-v", "-###", "-pipe",
	"-fanalyzer", "-fno-tree-loop-distribute-patterns", "-fipa-pta", "-fvar-tracking-assignments",
	"-fplan9-extensions", "-fconserve-stack", "-fharden-compares", "-fno-allow-store-data-races",
	"-fzero-call-used-regs", "-fno-semantic-interposition", "-fstack-clash-protection",
	"-fno-var-tracking-assignments", "-mrecord-mcount",
};

/* Dropped when they start with these: -MFfile, -ofile, -Wp,-MD,file ... */
static const char *const drop_prefix[] = {
	"-save-temps", "-Wp,-M", "-fdump-", "-MF", "-MT", "-MQ", "-fzero-call-used-regs=",
	"-fmax-errors=", "-specs=", "-flto", "-fprofile-", "-fcallgraph-info",
	/* GCC's code generation options clang rejects (Debian's hardening of
	 * dropbear, kernel builds); they change no declaration. */
	"-mindirect-branch", "-mfunction-return=", "-mpreferred-stack-boundary=",
};

typedef struct Suffix {
	const char *suffix;
	AcLang lang;
} Suffix;

static const Suffix suffixes[] = {
	{".c", AC_LANG_C}, {".i", AC_LANG_C}, {".cc", AC_LANG_CXX}, {".cp", AC_LANG_CXX},
	{".cpp", AC_LANG_CXX}, {".cxx", AC_LANG_CXX}, {".c++", AC_LANG_CXX}, {".C", AC_LANG_CXX},
	{".CPP", AC_LANG_CXX}, {".ii", AC_LANG_CXX}, {".mm", AC_LANG_CXX}, {".s", AC_LANG_ASM},
	{".S", AC_LANG_ASM}, {".sx", AC_LANG_ASM}, {".asm", AC_LANG_ASM},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Each entry of the lists has two characters at least: the first two are
 * compared before the rest (a flag is looked up in every list, and a
 * compile database's entries have tens of flags each). */
static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[0] == list[i][0] && s[1] == list[i][1] && strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static bool has_prefix_in(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[0] == list[i][0] && s[1] == list[i][1] && strncmp(s, list[i], strlen(list[i])) == 0)
			return true;
	return false;
}

/* The language of an input named path, when no -x says otherwise. */
static AcLang lang_of_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && slash > dot))
		return AC_LANG_OTHER;
	for (size_t i = 0; i < COUNT(suffixes); i++)
		if (strcmp(dot, suffixes[i].suffix) == 0)
			return suffixes[i].lang;
	return AC_LANG_OTHER;
}

/* The language -x VALUE selects; none (-1 as "by name") for "none". */
static int lang_of_x(const char *value)
{
	if (strcmp(value, "none") == 0)
		return -1;
	if (strcmp(value, "c") == 0 || strcmp(value, "cpp-output") == 0)
		return AC_LANG_C;
	if (strncmp(value, "c++", 3) == 0 || strncmp(value, "objective-c++", 13) == 0)
		return AC_LANG_CXX;
	if (strncmp(value, "assembler", 9) == 0)
		return AC_LANG_ASM;
	return AC_LANG_OTHER;
}

/* g++, c++, clang++, x86_64-linux-gnu-g++-12: a driver that compiles C++. */
static bool is_cxx_driver(const char *driver)
{
	const char *base = strrchr(driver, '/');
	return strstr(base ? base + 1 : driver, "++") != NULL;
}

/* Whether the option a, written alone, takes the next argument as value. */
static bool needs_value(const char *a)
{
	return in_list(a, takes_value, COUNT(takes_value));
}

static bool dropped(const char *a)
{
	return in_list(a, drop_exact, COUNT(drop_exact)) || has_prefix_in(a, drop_prefix, COUNT(drop_prefix)) ||
	       (a[1] == 'o' && a[0] == '-' && a[2]); /* -ofile */
}

static void add_input(AcCompileArgs *c, const char *path, int xlang, bool cxx)
{
	AcLang lang = xlang >= 0 ? (AcLang)xlang : lang_of_name(path);
	if (strcmp(path, "-") == 0)
		lang = AC_LANG_OTHER;
	else if (cxx && (lang == AC_LANG_C || lang == AC_LANG_OTHER) && lang_of_name(path) != AC_LANG_OTHER)
		lang = AC_LANG_CXX; /* g++ foo.c compiles C++ */
	AcCompileInput in = {path, lang};
	AC_VEC_PUSH(&c->inputs, in);
}

void ac_compile_args_parse(AcCompileArgs *c, const char *const *argv, size_t argc)
{
	bool cxx = argc > 0 && is_cxx_driver(argv[0]);
	int xlang = -1;
	for (size_t i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			add_input(c, a, xlang, cxx);
			continue;
		}
		if (strcmp(a, "-E") == 0 || strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0)
			c->preprocess_only = true;
		/* Whether a has a value is its own flag, not a NULL test on the
		 * value, which argv[i + 1] (i + 1 < argc) never is. */
		const char *value = NULL;
		bool has_value = false;
		if (needs_value(a) && i + 1 < argc) {
			value = argv[i + 1];
			has_value = true;
		} else if (strncmp(a, "-x", 2) == 0 && a[2]) {
			value = a + 2;
			has_value = true;
		}
		if (strncmp(a, "-x", 2) == 0 && has_value) {
			xlang = lang_of_x(value); /* the language goes to the inputs, not the flags */
			i += a[2] == '\0';
			continue;
		}
		if (in_list(a, drop_with_value, COUNT(drop_with_value))) {
			i += has_value;
			continue;
		}
		if (dropped(a))
			continue;
		AC_VEC_PUSH(&c->flags, a);
		if (needs_value(a) && has_value) {
			AC_VEC_PUSH(&c->flags, value);
			i++;
		}
	}
}

void ac_compile_args_free(AcCompileArgs *c)
{
	AC_VEC_FREE(&c->flags);
	AC_VEC_FREE(&c->inputs);
	c->preprocess_only = false;
}

/* The word of cmd starting at *p, unquoted into out (room for strlen(cmd)+1);
 * advances *p past it. -1 on an unclosed quote. */
static int split_word(const char **p, char *out)
{
	const char *s = *p;
	char quote = 0;
	size_t n = 0;
	for (; *s; s++) {
		if (quote == '\'' && *s != '\'') {
			out[n++] = *s;
		} else if (quote == '"' && *s == '\\' && s[1] && strchr("\"\\$`\n", s[1])) {
			out[n++] = *++s;
		} else if (!quote && *s == '\\' && s[1]) {
			out[n++] = *++s;
		} else if ((*s == '\'' || *s == '"') && (!quote || quote == *s)) {
			quote = quote ? 0 : *s;
		} else if (!quote && (*s == ' ' || *s == '\t' || *s == '\n')) {
			break;
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	*p = s;
	return quote ? -1 : 0;
}

int ac_compile_args_split(AcArena *arena, const char *cmd, const char ***argv, size_t *argc)
{
	size_t cap = strlen(cmd) / 2 + 2, n = 0;
	const char **words = ac_arena_alloc(arena, cap * sizeof *words);
	char *buf = ac_arena_alloc(arena, strlen(cmd) + 1);
	const char *p = cmd;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (split_word(&p, buf) < 0)
			return -1;
		words[n++] = ac_arena_strdup(arena, buf); /* n < cap: each word takes >= 2 chars but the last */
	}
	*argv = words;
	*argc = n;
	return 0;
}

const char *ac_lang_name(AcLang lang)
{
	static const char *const names[] = {"C", "C++", "assembler", "other"};
	return names[lang];
}
