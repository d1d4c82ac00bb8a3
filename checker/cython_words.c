/*
 * cython_words: reading Cython's C calls back as Python (cython_words.h).
 * A line is scanned for calls NAME(ARGS); arguments are split at top-level
 * commas. Which helper does what is a table; names Cython mangles are
 * undone by their prefixes. Anything not recognised gives NULL.
 */
#include "cython_words.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ARGS = 4 };

typedef struct Span {
	const char *s;
	size_t n;
} Span;

typedef struct Call {
	Span name;
	Span args[MAX_ARGS];
	size_t nargs;
	const char *end;  /* after the closing parenthesis */
} Call;

static bool is_ident(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool span_is(Span s, const char *lit)
{
	return strlen(lit) == s.n && memcmp(s.s, lit, s.n) == 0;
}

static bool span_starts(Span s, const char *lit)
{
	size_t n = strlen(lit);
	return s.n >= n && memcmp(s.s, lit, n) == 0;
}

static Span trim(Span s)
{
	while (s.n && (*s.s == ' ' || *s.s == '\t'))
		s.s++, s.n--;
	while (s.n && (s.s[s.n - 1] == ' ' || s.s[s.n - 1] == '\t'))
		s.n--;
	return s;
}

/* The first call at or after p (before end): NAME ( ARGS ). */
static bool next_call(const char *p, const char *end, Call *c)
{
	const char *start = p;
	while (p < end) {
		if (!is_ident(*p) || (p > start && is_ident(p[-1]))) {
			p++;
			continue;
		}
		const char *q = p;
		while (q < end && is_ident(*q))
			q++;
		const char *open = q;
		while (open < end && *open == ' ')
			open++;
		if (open >= end || *open != '(' || (*p >= '0' && *p <= '9')) {
			p = q;
			continue;
		}
		c->name = (Span){p, (size_t)(q - p)};
		c->nargs = 0;
		int depth = 0;
		const char *arg = open + 1;
		for (q = open; q < end; q++) {
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0)
				break;
			else if (*q == ',' && depth == 1 && c->nargs < MAX_ARGS) {
				c->args[c->nargs++] = trim((Span){arg, (size_t)(q - arg)});
				arg = q + 1;
			}
		}
		if (q >= end)
			return false;
		if (c->nargs < MAX_ARGS && q > open + 1)
			c->args[c->nargs++] = trim((Span){arg, (size_t)(q - arg)});
		c->end = q + 1;
		return true;
	}
	return false;
}

/* Helpers that check or count references, not Python operations. */
static bool is_plumbing(Span name)
{
	static const char *const skip[] = {"unlikely", "likely", "PyErr_Occurred", "__PYX_ERR", "__Pyx_GOTREF",
	                                   "__Pyx_INCREF", "__Pyx_DECREF", "__Pyx_XDECREF", "__Pyx_GIVEREF",
	                                   "__Pyx_XGOTREF", "__Pyx_XGIVEREF", "__Pyx_XINCREF", "sizeof"};
	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
		if (span_is(name, skip[i]))
			return true;
	}
	return false;
}

/* N of __pyx_t_N, or -1. */
static int temp_index(Span s)
{
	if (!span_starts(s, "__pyx_t_") || s.n == 8 || s.n > 12)
		return -1;
	int v = 0;
	for (size_t i = 8; i < s.n; i++) {
		if (s.s[i] < '0' || s.s[i] > '9')
			return -1;
		v = v * 10 + (s.s[i] - '0');
	}
	return v < AC_CYTHON_TEMPS ? v : -1;
}

/* An argument as the user would write it: a variable, a name, a constant,
 * a temporary's last value; NULL if unknown. Casts are looked through. */
static const char *arg_text(const AcCythonTemps *t, Span s, AcArena *a)
{
	s = trim(s);
	while (s.n > 2 && s.s[0] == '(' && s.s[s.n - 1] == ')' && !is_ident(s.s[1]))
		s.s++, s.n -= 2; /* ((x)) */
	if (s.n && s.s[0] == '(') { /* (PyObject *)x */
		const char *close = memchr(s.s, ')', s.n);
		if (close && close + 1 < s.s + s.n)
			s = trim((Span){close + 1, (size_t)(s.s + s.n - close - 1)});
	}
	for (size_t i = 0; i < s.n; i++) {
		if (is_ident(s.s[i]))
			continue;
		if (s.s[i] == '-' && i + 1 < s.n && s.s[i + 1] == '>') {
			i++;
			continue;
		}
		return NULL;
	}
	int k = temp_index(s);
	if (k >= 0)
		return t->name[k];
	static const char *const prefixes[] = {"__pyx_v_", "__pyx_n_s_", "__pyx_n_u_", "__pyx_builtin_", "__pyx_int_"};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);
		if (span_starts(s, prefixes[i]) && s.n > n && memchr(s.s, '-', s.n) == NULL)
			return ac_arena_strndup(a, s.s + n, s.n - n);
	}
	const char *arrow = NULL;
	for (size_t i = 0; i + 1 < s.n && !arrow; i++)
		arrow = s.s[i] == '-' && s.s[i + 1] == '>' ? s.s + i : NULL;
	if (arrow && span_starts(s, "__pyx_v_")) { /* __pyx_v_self->buf: self.buf */
		size_t base = (size_t)(arrow - s.s);
		return ac_arena_printf(a, "%.*s.%.*s", (int)(base - 8), s.s + 8, (int)(s.n - base - 2), arrow + 2);
	}
	if (s.n && s.s[0] >= '0' && s.s[0] <= '9')
		return ac_arena_strndup(a, s.s, s.n);
	return NULL;
}

typedef struct Binop {
	const char *helper; /* PyNumber_<helper> */
	const char *op;
} Binop;

static const Binop binops[] = {
	{"Add", "+"},         {"Subtract", "-"},     {"Multiply", "*"},    {"TrueDivide", "/"},
	{"FloorDivide", "//"}, {"Remainder", "%"},   {"Power", "**"},      {"Lshift", "<<"},
	{"Rshift", ">>"},     {"And", "&"},          {"Or", "|"},          {"Xor", "^"},
	{"InPlaceAdd", "+="}, {"InPlaceSubtract", "-="}, {"InPlaceMultiply", "*="},
};

static const char *binop_text(const AcCythonTemps *t, const Call *c, const char *helper, AcArena *a)
{
	const char *l = c->nargs >= 2 ? arg_text(t, c->args[0], a) : NULL;
	const char *r = c->nargs >= 2 ? arg_text(t, c->args[1], a) : NULL;
	for (size_t i = 0; l && r && i < sizeof binops / sizeof binops[0]; i++) {
		if (strcmp(helper, binops[i].helper) == 0)
			return ac_arena_printf(a, "%s %s %s", l, binops[i].op, r);
	}
	return NULL;
}

/* "meth" or "Klass.meth" from Cython's mangled __pyx_f_<len><module>_... */
static const char *cdef_name(Span name, AcArena *a)
{
	const char *p = name.s + 8, *end = name.s + name.n;
	char *stop;
	long len = strtol(p, &stop, 10);
	if (stop == p || len <= 0 || stop + len >= end || stop[len] != '_')
		return NULL;
	p = stop + len + 1;
	len = strtol(p, &stop, 10);
	if (stop != p && len > 0 && stop + len < end && stop[len] == '_') /* a class */
		return ac_arena_printf(a, "%.*s.%.*s", (int)len, stop, (int)(end - stop - len - 1), stop + len + 1);
	return ac_arena_strndup(a, p, (size_t)(end - p));
}

/* What the call computes, in Python. *creates: it only makes a Python object
 * from a C value (the operation the user wrote is elsewhere). */
static const char *describe(const AcCythonTemps *t, const Call *c, AcArena *a, bool *creates)
{
	Span n = c->name;
	*creates = false;
	const char *x = c->nargs ? arg_text(t, c->args[0], a) : NULL;
	const char *y = c->nargs > 1 ? arg_text(t, c->args[1], a) : NULL;
	if (span_is(n, "__Pyx_GetModuleGlobalName"))
		return y;
	if (span_is(n, "__Pyx_GetBuiltinName"))
		return x;
	if (span_is(n, "__Pyx_PyObject_GetAttrStr") || span_is(n, "__Pyx_GetAttr") || span_is(n, "PyObject_GetAttr"))
		return x && y ? ac_arena_printf(a, "%s.%s", x, y) : NULL;
	if (span_starts(n, "__Pyx_PyObject_Call") || span_starts(n, "PyObject_Call") ||
	    span_starts(n, "__Pyx_PyFunction_FastCall") || span_starts(n, "__Pyx_PyCFunction_FastCall"))
		return x ? ac_arena_printf(a, span_is(n, "__Pyx_PyObject_CallNoArg") ? "%s()" : "%s(...)", x) : NULL;
	if (span_starts(n, "PyNumber_")) {
		char helper[32];
		size_t k = n.n - 9 < sizeof helper - 1 ? n.n - 9 : sizeof helper - 1;
		memcpy(helper, n.s + 9, k);
		helper[k] = '\0';
		return binop_text(t, c, helper, a);
	}
	if (span_is(n, "__Pyx_PyObject_GetItem") || span_is(n, "PyObject_GetItem") || span_starts(n, "__Pyx_GetItemInt"))
		return x && y ? ac_arena_printf(a, "%s[%s]", x, y) : NULL;
	if (span_is(n, "__Pyx_ListComp_Append") || span_is(n, "__Pyx_PyList_Append") || span_is(n, "PyList_Append"))
		return x && y ? ac_arena_printf(a, "%s.append(%s)", x, y) : NULL;
	if (span_starts(n, "__Pyx_PyInt_As_") && x)
		return ac_arena_printf(a, "<%.*s>%s", (int)(n.n - 15), n.s + 15, x);
	if (span_is(n, "__pyx_PyFloat_AsDouble") && x)
		return ac_arena_printf(a, "<double>%s", x);
	if (span_starts(n, "__pyx_f_") && n.n > 8)
		return cdef_name(n, a) ? ac_arena_printf(a, "%s(...)", cdef_name(n, a)) : NULL;
	if (span_starts(n, "__Pyx_PyInt_From_") || span_starts(n, "PyFloat_From") || span_starts(n, "PyInt_From") ||
	    span_starts(n, "PyLong_From") || span_starts(n, "__Pyx_PyBool_From") ||
	    span_starts(n, "__Pyx_PyUnicode_From") || span_starts(n, "__Pyx_PyBytes_From")) {
		*creates = true;
		return x;
	}
	return NULL;
}

void ac_cython_temps_line(AcCythonTemps *t, const char *line, size_t n, AcArena *a)
{
	const char *end = line + n, *p = line;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *stmt_end = semi ? semi : end;
		Span s = trim((Span){p, (size_t)(stmt_end - p)});
		const char *eq = memchr(s.s, '=', s.n);
		Call c;
		bool creates;
		if (eq && eq + 1 < s.s + s.n && eq[1] != '=' && eq > s.s && eq[-1] != '!' && eq[-1] != '<' && eq[-1] != '>') {
			int k = temp_index(trim((Span){s.s, (size_t)(eq - s.s)}));
			Span rhs = trim((Span){eq + 1, (size_t)(s.s + s.n - eq - 1)});
			if (k >= 0)
				t->name[k] = next_call(rhs.s, rhs.s + rhs.n, &c) ? describe(t, &c, a, &creates)
				                                               : arg_text(t, rhs, a);
		} else if (next_call(s.s, s.s + s.n, &c) && span_is(c.name, "__Pyx_GetModuleGlobalName") && c.nargs == 2) {
			int k = temp_index(c.args[0]);
			if (k >= 0)
				t->name[k] = arg_text(t, c.args[1], a);
		}
		p = stmt_end + 1;
	}
}

const char *ac_cython_raising_op(const AcCythonTemps *t, const char *line, size_t n, AcArena *a)
{
	const char *end = line + n, *p = line;
	Call c;
	while (p < end && next_call(p, end, &c)) {
		if (is_plumbing(c.name)) {
			p = c.name.s + c.name.n; /* look inside: if (unlikely(CALL(...) < 0)) */
			continue;
		}
		bool creates;
		const char *d = describe(t, &c, a, &creates);
		return creates ? NULL : d;
	}
	return NULL;
}

const char *ac_cython_statement(const char *stmt, AcArena *a)
{
	size_t n = strlen(stmt);
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = stmt[i];
		if (quote && ch == '\\')
			i++;
		else if (quote && ch == quote)
			quote = 0;
		else if (!quote && (ch == '\'' || ch == '"'))
			quote = ch;
		else if (!quote && ch == '#') {
			n = i;
			break;
		}
	}
	Span s = trim((Span){stmt, n});
	return ac_arena_strndup(a, s.s, s.n);
}

const char *ac_cython_condition(const char *stmt, AcArena *a)
{
	const char *s = ac_cython_statement(stmt, a);
	static const char *const heads[] = {"if ", "elif ", "while "};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		size_t h = strlen(heads[i]), n = strlen(s);
		if (n > h + 1 && strncmp(s, heads[i], h) == 0 && s[n - 1] == ':') {
			Span c = trim((Span){s + h, n - h - 1});
			return ac_arena_strndup(a, c.s, c.n);
		}
	}
	return NULL;
}
