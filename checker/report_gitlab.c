/*
 * report_gitlab: the GitLab Code Quality report, a JSON array with one
 * object per finding:
 *
 *   {"description", "check_name", "fingerprint", "severity",
 *    "location": {"path", "lines": {"begin"}}}
 *
 * check_name is the rule id; fingerprint is the finding's fingerprint
 * (fingerprint.h: free of line numbers, distinct within the report); severity
 * is in GitLab's words (info, minor, major, critical, blocker); path is
 * relative to the source root (relpath.h). GitLab compares the fingerprints
 * of the base and the head of a merge request, so a finding that only moved
 * is neither new nor fixed. Built as one cJSON tree (jtree.h).
 */
#include "report.h"

#include "arena.h"
#include "fingerprint.h"
#include "jtree.h"
#include "mem.h"
#include "relpath.h"

static const char *const gitlab_severities[AC_SEV_COUNT] = {
	[AC_SEV_NOTE] = "info",
	[AC_SEV_WARNING] = "major",
	[AC_SEV_ERROR] = "critical",
};

typedef struct Gitlab {
	AcJTree j;
	AcRelPath root; /* the source root */
	AcArena arena;  /* relative paths, descriptions */
} Gitlab;

static void add_issue(Gitlab *g, cJSON *arr, const AcFinding *f, const AcFingerprint *fp)
{
	cJSON *o = ac_jtree_object(&g->j, arr, NULL);
	ac_jtree_string(&g->j, o, "description", f->message);
	ac_jtree_string(&g->j, o, "check_name", f->rule);
	ac_jtree_string(&g->j, o, "fingerprint", fp->hex);
	unsigned sev = (unsigned)f->severity < AC_SEV_COUNT ? f->severity : AC_SEV_WARNING;
	ac_jtree_string(&g->j, o, "severity", gitlab_severities[sev]);
	cJSON *loc = ac_jtree_object(&g->j, o, "location");
	bool under;
	ac_jtree_string(&g->j, loc, "path", ac_relpath_get(&g->root, f->loc.file ? f->loc.file : "", &g->arena, &under));
	ac_jtree_number(&g->j, ac_jtree_object(&g->j, loc, "lines"), "begin", f->loc.line ? f->loc.line : 1);
}

int ac_report_gitlab(FILE *out, const AcReport *r, const AcReportOptions *opt)
{
	Gitlab g = {0};
	if (ac_relpath_init(&g.root, opt->source_root, &g.arena) < 0) {
		ac_arena_free(&g.arena);
		return -1;
	}
	const AcFindings *fs = r->findings;
	cJSON *root = cJSON_CreateArray();
	g.j.oom |= !root;
	AcFingerprint *fps = ac_malloc((fs->list.n + 1) * sizeof *fps);
	ac_fingerprints(fs, fps);
	for (size_t i = 0; i < fs->list.n; i++)
		add_issue(&g, root, &fs->list.v[i], &fps[i]);
	ac_free(fps);
	int rc = ac_jtree_print(&g.j, root, out);
	ac_arena_free(&g.arena);
	return rc;
}
