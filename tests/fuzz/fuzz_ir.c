/*
 * fuzz_ir: the IR file reader (ir_file.c) on arbitrary bytes, as alloccheck
 * merge reads a result directory. First the header, results and link data
 * alone (what merge reads of every file); then with the IR, and when the
 * reader accepts it, the IR checked against cfg.h's invariants
 * (ac_cfg_verify asserts them in this build) and analysed by the engine as
 * a program of its own: a file the reader accepts must never crash the
 * analysis. Whatever it returns must be freed by the caller's calls alone.
 */
#include "fuzz_input.h"

#include "engine.h"
#include "ir_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long before = ac_mem_live_blocks();
	for (int with_ir = 0; with_ir < 2; with_ir++) {
		char *text = ac_malloc(size + 1); /* the reader unescapes in place */
		memcpy(text, data, size);
		text[size] = '\0';
		AcJobResult res = {0};
		AcIrInfo info;
		AcTu *tu = NULL;
		char buf[256];
		const char *why = NULL;
		int rc = ac_ir_read(text, size, &res, &info, with_ir ? &tu : NULL, buf, sizeof buf, &why);
		if ((rc == 0) == (why != NULL) || (rc < 0 && tu) || (rc == 0 && with_ir && !tu))
			abort();
		if (tu) {
			for (size_t f = 0; f < tu->nfuncs; f++)
				ac_cfg_verify(&tu->funcs[f]);
			AcEngineOptions opt;
			ac_engine_defaults(&opt);
			opt.step_budget = 20000; /* a bound on what one input may cost */
			AcFindings out = {0};
			ac_engine_run(tu, &opt, &out);
			ac_findings_free(&out);
		}
		ac_ir_tu_free(tu);
		ac_findings_free(&res.findings);
		ac_link_data_free(&res.link);
		ac_free(text);
	}
	if (ac_mem_live_blocks() != before)
		abort(); /* a block of ours outlived the input */
	return 0;
}
