/*
 * baseline: writing and applying baseline files (baseline.h). The file is
 * built and parsed with cJSON; fingerprints come from ac_fingerprints over
 * the same sorted findings the reporters get.
 */
#include "baseline.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "fingerprint.h"
#include "jtree.h"
#include "mem.h"

enum { BASELINE_VERSION = 1 };

int ac_baseline_write(const char *path, const AcFindings *fs)
{
	AcFingerprint *fps = ac_malloc((fs->list.n ? fs->list.n : 1) * sizeof *fps);
	ac_fingerprints(fs, fps);
	AcJTree j = {0};
	cJSON *root = cJSON_CreateObject();
	j.oom |= !root;
	ac_jtree_number(&j, root, "version", BASELINE_VERSION);
	ac_jtree_string(&j, root, "tool", "alloccheck");
	cJSON *arr = ac_jtree_array(&j, root, "findings");
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		cJSON *o = ac_jtree_object(&j, arr, NULL);
		ac_jtree_string(&j, o, "fingerprint", fps[i].hex);
		ac_jtree_string(&j, o, "rule", f->rule);
		ac_jtree_string(&j, o, "file", f->loc.file);
		ac_jtree_string(&j, o, "function", f->function);
		ac_jtree_string(&j, o, "message", f->message);
	}
	ac_free(fps);
	FILE *out = fopen(path, "w");
	if (!out) {
		cJSON_Delete(root);
		return ac_error("%s:", path);
	}
	int rc = ac_jtree_print(&j, root, out);
	if (fclose(out) != 0 || rc < 0) {
		ac_error("%s:", path);
		remove(path);
		return -1;
	}
	return 0;
}

static bool is_fingerprint(const cJSON *v)
{
	if (!cJSON_IsString(v) || strlen(v->valuestring) != AC_FINGERPRINT_HEX)
		return false;
	return strspn(v->valuestring, "0123456789abcdef") == AC_FINGERPRINT_HEX;
}

/* The findings array of a parsed baseline, or NULL after the error line. */
static const cJSON *findings_of(const char *path, const cJSON *root)
{
	if (!cJSON_IsObject(root))
		return ac_error("%s: expected a JSON object at the top", path), NULL;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(v) || v->valuedouble != BASELINE_VERSION)
		return ac_error("%s: version: expected %d", path, BASELINE_VERSION), NULL;
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (!cJSON_IsArray(arr))
		return ac_error("%s: findings: expected an array", path), NULL;
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		if (!cJSON_IsObject(e))
			return ac_error("%s: findings[%d]: expected an object", path, i), NULL;
		if (!is_fingerprint(cJSON_GetObjectItemCaseSensitive(e, "fingerprint")))
			return ac_error("%s: findings[%d].fingerprint: expected %d lowercase hex digits", path, i,
					AC_FINGERPRINT_HEX),
			       NULL;
	}
	return arr;
}

static bool listed(const cJSON *arr, const char *hex)
{
	for (const cJSON *e = arr->child; e; e = e->next) {
		if (strcmp(cJSON_GetObjectItemCaseSensitive(e, "fingerprint")->valuestring, hex) == 0)
			return true;
	}
	return false;
}

long ac_baseline_filter(const char *path, AcFindings *fs)
{
	cJSON *root = ac_jtree_parse_file(path);
	if (!root)
		return -1;
	const cJSON *arr = findings_of(path, root);
	if (!arr) {
		cJSON_Delete(root);
		return -1;
	}
	AcFingerprint *fps = ac_malloc((fs->list.n ? fs->list.n : 1) * sizeof *fps);
	ac_fingerprints(fs, fps);
	size_t kept = 0;
	for (size_t i = 0; i < fs->list.n; i++) {
		if (!listed(arr, fps[i].hex))
			fs->list.v[kept++] = fs->list.v[i];
	}
	long removed = (long)(fs->list.n - kept);
	fs->list.n = kept;
	ac_free(fps);
	cJSON_Delete(root);
	return removed;
}
