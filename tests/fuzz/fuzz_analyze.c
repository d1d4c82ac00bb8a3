/*
 * fuzz_analyze: the analysis of one C file, exactly as a job of a run does
 * it (jobs.c): ac_tu_load on a file holding the input, ac_engine_run with
 * the default options and the built-in families, the findings sorted, then
 * everything freed. libclang itself is not instrumented; the coverage that
 * guides the fuzzer is that of the lowering and the engine.
 *
 * FUZZ_INCLUDE_DIR (set by the build) is the fixtures' include directory,
 * so that seeds taken from fixtures/ find their headers.
 */
#include "fuzz_input.h"

#include "engine.h"
#include "family.h"
#include "finding.h"
#include "frontend.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	ac_families_builtin(); /* built once and kept: before the first block count */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long before = ac_mem_live_blocks();
	const char *path = fuzz_write_input(".c", data, size);
	const char *const args[] = {"-I" FUZZ_INCLUDE_DIR};
	AcTu *tu;
	if (ac_tu_load(path, args, 1, &tu) == 0) {
		AcEngineOptions opt;
		ac_engine_defaults(&opt);
		AcFindings findings = {0};
		ac_engine_run(tu, &opt, &findings);
		ac_findings_sort(&findings);
		ac_findings_free(&findings);
		ac_tu_free(tu);
	}
	fuzz_check_blocks(before, "analyze");
	return 0;
}
