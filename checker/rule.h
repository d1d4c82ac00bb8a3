/*
 * rule: the interface between the engine and the rules.
 *
 * The engine walks each function once and emits events (an object leaked, a
 * maybe-NULL allocation used); each enabled rule's hook turns the events it
 * cares about into findings with ac_report. Rules never see libclang, never
 * walk the CFG, never print. The list of rules is one static const table,
 * rules/registry.c; a rule's position in it is its index in AcRuleSet.
 */
#ifndef AC_RULE_H
#define AC_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "finding.h"

typedef enum AcEventKind {
	AC_EV_LEAK,     /* an owned, possibly non-NULL object became unreachable */
	AC_EV_NULL_USE, /* a maybe-NULL allocation result was used before any NULL check */
	AC_EV_REALLOC_SELF, /* E = realloc(E, n) lost the old block on the failure path */
	AC_EV_DEALLOC_MISMATCH, /* a block released or reallocated by another family */
	AC_EV_DOUBLE_FREE,  /* a block released again (transfer_release.c) */
	AC_EV_USE_AFTER_FREE, /* a released block used */
	AC_EV_FREE_NONHEAP, /* memory that no allocator returned released */
	AC_EV_FREE_OFFSET,  /* a pointer into a block, not to its start, released */
	AC_EV_KIND_COUNT
} AcEventKind;

typedef enum AcLeakHow {
	AC_LEAK_RETURN,    /* at a return statement */
	AC_LEAK_END,       /* falling off the end of the function */
	AC_LEAK_SCOPE,     /* the last variable holding it went out of scope */
	AC_LEAK_OVERWRITE, /* its last pointer was overwritten */
	AC_LEAK_DISCARD,   /* the allocation's result was never stored */
	AC_LEAK_CONTAINER, /* the block whose member held its last pointer was released */
	AC_LEAK_ARRAY_SCOPE, /* the local array whose element held it went out of scope
	                        (place: the array) */
	AC_LEAK_REALLOC_FAILED, /* at the function's end, on the path where the realloc of it
	                           whose result was never tested failed */
} AcLeakHow;

typedef enum AcUseHow {
	AC_USE_DEREF,       /* *p, p->f, p[i] */
	AC_USE_NONNULL_ARG, /* passed to a parameter that must not be NULL */
	AC_USE_READ_ARG,    /* USE_AFTER_FREE: passed to a function that reads through it */
	AC_USE_RETURN,      /* USE_AFTER_FREE: returned to the caller */
	AC_USE_CALLEE_READ, /* USE_AFTER_FREE: read through by the function called (a global
	                       holds it: summary.h gr) */
	AC_USE_PASS_ARG,    /* USE_AFTER_FREE: passed to a function without a body in the
	                       program, which may read or write through it */
} AcUseHow;

/* FREE_NONHEAP: what the released pointer points to. */
typedef enum AcNonHeap {
	AC_NONHEAP_LOCAL,    /* a local variable or array (place names it) */
	AC_NONHEAP_PARAM,    /* a parameter's own storage */
	AC_NONHEAP_GLOBAL,   /* a static or global object */
	AC_NONHEAP_LITERAL,  /* a string literal */
	AC_NONHEAP_FUNCTION, /* a function (or a label's address) */
	AC_NONHEAP_ALLOCA,   /* stack memory from alloca */
	AC_NONHEAP_CONSTANT, /* a constant address, (void *)1000 (target: its value) */
} AcNonHeap;

/* An allocation site: one call that creates heap objects. */
typedef struct AcAllocSite {
	AcLoc loc;             /* the call as the user wrote it */
	const char *allocator; /* the name the user wrote: the macro (PyMem_New) or the function */
	const char *family;    /* allocator family id ("libc", "pymem"...) */
	const AcNote *origin;  /* the allocator is a function of the program defined in another
	                          file: where it may return NULL (or is defined), or NULL */
	const char *failure;   /* what the allocator returns on failure when not NULL, as the
	                          code spells it ("MAP_FAILED"); NULL for NULL */
} AcAllocSite;

typedef struct AcEvent {
	AcEventKind kind;
	AcLoc loc;                 /* where it happens */
	const AcAllocSite *site;
	const char *place;         /* LEAK: the last place that held it (NULL for a discarded result);
	                              NULL_USE: the place used */
	int how;                   /* AcLeakHow or AcUseHow; FREE_OFFSET: 1 before the block's
	                              start (p - 10), 0 past it */
	const char *callee;        /* NULL_USE by AC_USE_NONNULL_ARG: the function called */
	unsigned argno;            /* NULL_USE by AC_USE_NONNULL_ARG: 1-based argument */
	bool known_null;           /* NULL_USE: a check on this path found it NULL, and it is used anyway */
	const char *alloc_family;  /* DEALLOC_MISMATCH: the block's family */
	const char *dealloc_family; /* DEALLOC_MISMATCH: the releasing function's family */
	const char *deallocator;   /* DEALLOC_MISMATCH: the function (or macro) that releases it */
	const char *field;         /* DEALLOC_MISMATCH through a struct field: the field path
	                              released ("self->data"); site then describes the assignment */
	const char *released_by;   /* DOUBLE_FREE, USE_AFTER_FREE: the function of the first release
	                              (site then is that release: its note) */
	bool by_realloc;           /* USE_AFTER_FREE: the first release was a realloc that succeeded */
	const char *other_fn;      /* DOUBLE_FREE of a struct member across functions: the function
	                              that left it dangling (site is that release, loc the destructor's) */
	int nonheap;               /* FREE_NONHEAP: AcNonHeap */
	const char *target;        /* FREE_NONHEAP: the variable whose address is released */
	const AcNote *path;        /* branch decisions between the allocation and loc, in order */
	size_t npath;
	const AcNote *extra;       /* a last note, in a callee's body (where it dereferences the
	                              block), or NULL */
} AcEvent;

typedef struct AcRuleCtx AcRuleCtx;

typedef struct AcRule {
	const char *id;       /* kebab-case, as written in fixtures and --enable */
	int cwe;
	AcSeverity severity;
	const char *summary;  /* one line, for --list-rules; the doc is rules/<id>.md (ac_rule_doc) */
	void (*on_event)(AcRuleCtx *cx, const AcEvent *ev);
	/* What GitHub code scanning needs beyond the above (SARIF): */
	const char *sarif_name;        /* friendly name, PascalCase, not the id (SARIF1001) */
	const char *security_severity; /* CVSS-like score as a string: 7.0 and up is "high" */
	const char *precision;         /* how often a finding is right: "high", "very-high"... */
} AcRule;

extern const AcRule ac_rules[];
extern const size_t ac_nrules;

enum { AC_MAX_RULES = 32 };

typedef struct AcRuleSet {
	bool enabled[AC_MAX_RULES]; /* indexed like ac_rules */
} AcRuleSet;

/* Returns the index of rule id in ac_rules, or -1. */
int ac_rule_index(const char *id);

/* What a rule hook can see and where its findings go. */
struct AcRuleCtx {
	const AcRule *rule;   /* the rule whose hook is running */
	const AcFunc *fn;
	AcFindings *out;
};

/* Reports a finding of cx->rule at ev->loc with a printf-style message. The
 * notes are: site_note at the allocation site (when not NULL), then the
 * event's path. Everything is copied into cx->out. */
void ac_report(AcRuleCtx *cx, const AcEvent *ev, const char *site_note, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Hands ev to every enabled rule's hook. */
void ac_rules_dispatch(const AcRuleSet *set, const AcFunc *fn, AcFindings *out, const AcEvent *ev);

#endif
