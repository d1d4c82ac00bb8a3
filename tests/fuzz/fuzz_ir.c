/*
 * fuzz_ir: the IR file reader (ir_file.c) on arbitrary bytes, as alloccheck
 * merge reads a result directory. First the header, results and link data
 * alone (what merge reads of every file); then with the IR, and when the
 * reader accepts it, the IR checked against cfg.h's invariants
 * (ac_cfg_verify asserts them in this build) and analysed by the engine as
 * a program of its own, taking the walks the file holds (walks.h) where
 * their digests match: a file the reader accepts must never crash the
 * analysis. Whatever it returns must be freed by the caller's calls alone.
 */
#include "fuzz_input.h"

#include "engine.h"
#include "family.h"
#include "ir_file.h"
#include "program.h"
#include "walks.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	ac_families_builtin(); /* built once and kept: before the first block count */
	return 0;
}

/* Reads the input as an IR file, with the IR when tu is not NULL; checks
 * that the answer is consistent, and analyses the IR it accepts, with its
 * walks. */
static void read_one(int rc, AcJobResult *res, AcTu *tu, AcTuWalks *walks, const char *why)
{
	if ((rc == 0) == (why != NULL) || (rc < 0 && tu))
		abort();
	if (tu) {
		for (size_t f = 0; f < tu->nfuncs; f++)
			ac_cfg_verify(&tu->funcs[f]);
		AcEngineOptions opt;
		ac_engine_defaults(&opt);
		opt.step_budget = 20000; /* a bound on what one input may cost */
		opt.tu_timeout = 0;
		AcProgram p;
		AcTu *tus[1] = {tu};
		ac_program_init(&p, tus, 1, ac_families_builtin());
		p.tu_only = true;
		ac_program_link(&p);
		AcFindings out = {0};
		AcBudget b = {0};
		AcTuWalks made = {0};
		const AcTuWalks *in[1] = {walks};
		AcProgramResult r = {.findings = &out, .budget = &b, .walks_in = in, .walks_out = &made};
		ac_engine_run_program(&p, &opt, 1, &r);
		ac_program_free(&p);
		ac_walks_free(&made);
		ac_findings_free(&out);
	}
	ac_walks_free(walks);
	ac_ir_tu_free(tu);
	ac_findings_free(&res->findings);
	ac_link_data_free(&res->link);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long before = ac_mem_live_blocks();
	/* What merge reads of every file: from memory (the reader unescapes in place). */
	char *text = ac_malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	AcJobResult res = {0};
	AcIrInfo info;
	char buf[256];
	const char *why = NULL;
	int rc = ac_ir_read(text, size, &res, &info, NULL, NULL, buf, sizeof buf, &why);
	read_one(rc, &res, NULL, NULL, why); /* after the call: arguments are evaluated in any order */
	ac_free(text);
	/* What it reads of a file it analyses again: from the file, with the IR. */
	const char *path = fuzz_write_input(AC_IR_SUFFIX, data, size);
	AcTu *tu = NULL;
	AcTuWalks walks = {0};
	res = (AcJobResult){0};
	why = NULL;
	rc = ac_ir_load(path, &res, &info, &tu, &walks, buf, sizeof buf, &why);
	if (rc == 0 && !tu)
		abort();
	read_one(rc, &res, tu, &walks, why);
	fuzz_check_blocks(before, "fuzz_ir");
	return 0;
}
