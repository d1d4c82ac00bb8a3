/*
 * writes: what a function writes through pointers, for its summary
 * (AcSummary.wr_*: through which parameters, how deep, elsewhere, into
 * which struct members), gathered while transfer.c walks it: every store
 * through a pointer and every call's writes through its arguments, by the
 * value the pointer holds on the path (a block the function allocated is
 * no memory of its callers'). And the other side: which struct members a
 * branch condition reads through its pointer variables, so that a call or
 * a store that writes other members leaves the condition's outcome known.
 * Members are told apart by their field keys (clang's USRs), as C's
 * aliasing rules tell them apart by type; a union's members share storage
 * and are never told apart.
 */
#include <stdio.h>
#include <string.h>

#include "flow.h"

/* The pointer place whose block contains place (p for p->a.b, &p[3]), or -1. */
int ac_container_pointer(const AcFunc *fn, int place)
{
	for (int p = place; p >= 0; p = fn->places[p].parent) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind == AC_PLACE_DEREF || ((pl->kind == AC_PLACE_MEMBER || pl->kind == AC_PLACE_ELEM) && pl->through_ptr))
			return pl->parent;
	}
	return -1;
}

/* A member whose field key tells it from every other: not one of a union,
 * whose storage its other members share (clang's USR names a union "@U@",
 * an anonymous one "@Ua@"). */
bool ac_writes_typed_member(const AcPlace *pl)
{
	return pl->field_key && !pl->union_member && !strstr(pl->field_key, "@U@") && !strstr(pl->field_key, "@Ua@") &&
	       !strstr(pl->field_key, "@UA@");
}

/* Whether entry of a write list (a field key, or a struct's "...@FI@":
 * any member of that struct) covers the member of field key key. */
bool ac_writes_field_covers(const char *entry, const char *key)
{
	size_t n = strlen(entry);
	if (n >= 4 && memcmp(entry + n - 4, "@FI@", 4) == 0)
		return strncmp(key, entry, n) == 0;
	return entry == key || strcmp(entry, key) == 0;
}

/* The member of place parent named name (text after the last "->" or
 * "." of a member place's display name), or -1. */
static int member_named(const AcFunc *fn, int parent, const char *name, size_t len)
{
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind != AC_PLACE_MEMBER || pl->parent != parent || !pl->name)
			continue;
		const char *arrow = strrchr(pl->name, '>'), *dot = strrchr(pl->name, '.');
		const char *last = arrow && (!dot || arrow > dot) ? arrow + 1 : dot ? dot + 1 : NULL;
		if (last && strlen(last) == len && memcmp(last, name, len) == 0)
			return (int)p;
	}
	return -1;
}

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Fills kf with the members key k reads through its pointer variables:
 * each occurrence "vN.a.b" of a pointer variable N is a chain of members
 * the function names (p->a.b, p->c->d); a read of the variable alone
 * ("vN == 0") reads no memory. Anything else (*p, p[i], p->a[i], a pure
 * function handed p) is untyped. */
static void key_fields(const AcFlow *fl, const AcCondKey *k, AcKeyFields *kf)
{
	const AcFunc *fn = fl->fn;
	kf->state = 2;
	kf->n = 0;
	for (size_t r = 0; r < k->nreads; r++) {
		int q = k->reads[r];
		if (!fn->places[q].is_pointer)
			continue;
		char id[24];
		size_t len = (size_t)snprintf(id, sizeof id, "v%d", q);
		for (const char *c = strstr(k->key, id); c; c = strstr(c + 1, id)) {
			const char *e = c + len;
			if (*e >= '0' && *e <= '9')
				continue; /* v120, not v12 */
			if (c > k->key && ident_char(c[-1]))
				continue; /* inside a name */
			char before = c > k->key ? c[-1] : '\0';
			if (*e != '.') {
				if (before == ',' || before == '*' || (before == '(' && c - k->key >= 2 && ident_char(c[-2])) ||
				    *e == '[')
					return; /* read through: *p, p[i], strlen(p) */
				continue; /* the pointer itself */
			}
			if (before == '*')
				return; /* *p->a: what the member points to */
			int cur = q;
			while (*e == '.') {
				const char *name = ++e;
				while (ident_char(*e))
					e++;
				cur = member_named(fn, cur, name, (size_t)(e - name));
				if (cur < 0 || !ac_writes_typed_member(&fn->places[cur]) || kf->n == AC_KEY_FIELDS)
					return;
				kf->keys[kf->n++] = fn->places[cur].field_key;
			}
			if (*e == '[')
				return; /* p->a[i]: an element of what a points to, maybe */
		}
	}
	kf->state = 1;
}

void ac_writes_anything(AcFlow *fl)
{
	fl->wr_params = fl->wr_deep = ~0u;
	fl->wr_other = true;
}

/* key's struct: its field key up to the last "@FI@" (c:@S@ctx@FI@), or NULL. */
static const char *field_struct(AcFlow *fl, const char *key)
{
	const char *at = NULL;
	for (const char *c = strstr(key, "@FI@"); c; c = strstr(c + 1, "@FI@"))
		at = c;
	if (!at)
		return NULL;
	size_t n = (size_t)(at - key) + 4;
	char *s = ac_arena_alloc(&fl->scratch, n + 1);
	memcpy(s, key, n);
	s[n] = '\0';
	return s;
}

static bool field_covers_any(const AcFlow *fl, const char *key)
{
	for (size_t i = 0; i < fl->nwr_fields; i++) {
		if (ac_writes_field_covers(fl->wr_fields[i], key))
			return true;
	}
	return false;
}

static void add_field(AcFlow *fl, const char *key)
{
	if (fl->wr_untyped || field_covers_any(fl, key))
		return;
	if (fl->nwr_fields == AC_WR_FIELDS) {
		/* too many members: every member of their structs instead */
		const char *had[AC_WR_FIELDS];
		size_t n = fl->nwr_fields;
		memcpy(had, fl->wr_fields, n * sizeof *had);
		fl->nwr_fields = 0;
		for (size_t i = 0; i < n && !fl->wr_untyped; i++) {
			const char *st = field_struct(fl, had[i]);
			bool dup = false;
			for (size_t j = 0; st && j < fl->nwr_fields && !dup; j++)
				dup = strcmp(fl->wr_fields[j], st) == 0;
			if (!st || (!dup && fl->nwr_fields == AC_WR_FIELDS))
				fl->wr_untyped = true;
			else if (!dup)
				fl->wr_fields[fl->nwr_fields++] = st;
		}
		const char *st = field_struct(fl, key);
		if (!st || fl->wr_untyped)
			fl->wr_untyped = true;
		else if (!field_covers_any(fl, key)) {
			if (fl->nwr_fields == AC_WR_FIELDS)
				fl->wr_untyped = true;
			else
				fl->wr_fields[fl->nwr_fields++] = st;
		}
		return;
	}
	fl->wr_fields[fl->nwr_fields++] = key;
}

/* A write into place target, inside the object pointer place ptr points
 * to: the members on the way down from that object, or (none: *p, p[i])
 * a write of no member. */
static void note_fields(AcFlow *fl, int target, int ptr)
{
	const AcFunc *fn = fl->fn;
	for (int q = target; q >= 0 && q != ptr; q = fn->places[q].parent) {
		if (fn->places[q].kind != AC_PLACE_MEMBER)
			continue; /* p->a[2]: inside member a */
		if (!ac_writes_typed_member(&fn->places[q]))
			break;
		add_field(fl, fn->places[q].field_key); /* the member written, all of it */
		return;
	}
	fl->wr_untyped = true;
}

/* A write through pointer value v, held in place (or -1), into the object
 * v points to, or (deep) into what is reachable from it too. A block this
 * function allocated is no memory of the caller's (but what it holds may
 * lead anywhere); a parameter's object, or memory reached from a
 * parameter the function never assigns, is that parameter's. */
static bool note_write(AcFlow *fl, int place, AcVal v, bool deep)
{
	const AcFunc *fn = fl->fn;
	if (v.kind == AC_VAL_ZERO)
		return false;
	if (v.kind == AC_VAL_OBJ && (size_t)v.obj < 2 * fl->nsites) {
		if (deep)
			ac_writes_anything(fl);
		return deep;
	}
	if (ac_val_is_nonheap(v) && v.obj >= 0 && (size_t)v.obj < fn->nplaces && !deep &&
	    fn->places[fn->places[v.obj].root].storage != AC_STORAGE_GLOBAL)
		return false; /* a variable of ours */
	if (ac_val_is_nonheap(v) && v.obj == -2 - AC_NONHEAP_ALLOCA_ADDR && !deep)
		return false;
	int param = v.kind == AC_VAL_OBJ ? ac_flow_param_index(fl, v.obj) : -1;
	if (param < 0 && place >= 0) {
		int root = fn->places[place].root;
		if (root >= 0 && (size_t)root < fn->nparams && fn->places[root].param_index == root &&
		    !fl->var_written[root]) {
			param = root;
			deep = true; /* a pointer read from there, or a struct parameter's member */
		}
	}
	if (param < 0 || param >= 32) {
		ac_writes_anything(fl);
		return true;
	}
	fl->wr_params |= 1u << param;
	if (deep)
		fl->wr_deep |= 1u << param;
	return true;
}

/* A store into place dst. */
void ac_writes_store(AcFlow *fl, const AcDisj *d, int dst)
{
	int ptr = ac_container_pointer(fl->fn, dst);
	if (ptr >= 0 && note_write(fl, ptr, ac_disj_get(d, ptr), false))
		note_fields(fl, dst, ptr);
}

/* What the call (ci, c; vals: its arguments) writes through its arguments,
 * and otherwise. */
void ac_writes_call(AcFlow *fl, const AcDisj *d, const AcCallInfo *ci, const AcCall *c, const AcVal *vals)
{
	const AcFunc *fn = fl->fn;
	const char *const *fields = NULL;
	size_t nfields = 0;
	bool typed = ac_summary_call_fields(ci, &fields, &nfields);
	bool summarised = !ci->fn && ci->sum && ci->sum->known && ci->sum->wr_known;
	bool library = ci->fn || (!ci->sum && c->name && c->system_header && !c->callback_arg);
	bool marked = false;
	if (ac_summary_call_writes_other(ci, c)) {
		marked = true;
		if (!summarised)
			fl->wr_untyped = true; /* an opaque function, a library one given a callback */
		fl->wr_other = true;
		for (size_t i = 0; i < fn->nparams && i < 32; i++) {
			if (fn->places[i].is_pointer && d->objs[ac_flow_param_obj(fl, i)].status != AC_OBJ_PARAM) {
				fl->wr_params |= 1u << i; /* handed on: others may reach it */
				fl->wr_deep |= 1u << i;
			}
		}
	}
	for (size_t i = 0; i < c->nargs; i++) {
		int w = ac_summary_call_writes_arg(ci, c, i);
		if (!w)
			continue;
		if (i >= 64) {
			ac_writes_anything(fl);
			fl->wr_untyped = true;
			return;
		}
		AcOperand a = c->args[i];
		AcVal v = vals[i];
		if (a.kind == AC_OPND_NULL || a.kind == AC_OPND_INT || v.kind == AC_VAL_ZERO || a.place < 0 ||
		    (a.kind != AC_OPND_PLACE && a.kind != AC_OPND_ADDR && a.kind != AC_OPND_OFFSET))
			continue;
		const AcPlace *pl = &fn->places[a.place];
		bool m = false;
		int ptr = a.kind == AC_OPND_ADDR ? ac_container_pointer(fn, a.place) : -1;
		if (a.kind == AC_OPND_ADDR) {
			if (ptr >= 0)
				m = note_write(fl, ptr, ac_disj_get(d, ptr), w == 2); /* &p->f */
			else if (fn->places[pl->root].storage == AC_STORAGE_GLOBAL)
				m = note_write(fl, -1, ac_val_unknown(), w == 2); /* &g */
			else if (w == 2 && a.place == pl->root && pl->is_pointer)
				m = note_write(fl, a.place, ac_disj_get(d, a.place), true); /* &p: what p points to */
			else if (w == 2) {
				ac_writes_anything(fl); /* &s: what its members point to */
				m = true;
			}
		} else if (!pl->is_pointer && v.kind != AC_VAL_OBJ) {
			if (!ci->fn && !c->system_header && fl->place_parts[a.place])
				m = note_write(fl, a.place, ac_val_unknown(), true); /* a struct by value */
		} else
			m = note_write(fl, a.place, v, w == 2);
		marked |= m;
		/* a library function writes where its argument points: a member
		 * whose address it is handed (&p->lock), or anything */
		if (m && library && w == 1 && ptr >= 0)
			note_fields(fl, a.place, ptr);
		else if (m && !summarised)
			fl->wr_untyped = true;
	}
	if (marked && summarised) {
		if (!typed)
			fl->wr_untyped = true;
		for (size_t i = 0; typed && i < nfields; i++)
			add_field(fl, fields[i]);
	}
}


const AcKeyFields *ac_writes_key_fields(const AcFlow *fl, uint32_t key)
{
	AcKeyFields *kf = &fl->key_fields[key];
	if (!kf->state)
		key_fields(fl, fl->keys[key], kf);
	return kf;
}

