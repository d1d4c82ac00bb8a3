/*
 * fuzz_config: the configuration loader (config.c) on arbitrary JSON, as
 * --config FILE reaches it from a parsed command line: ac_config_load, then
 * ac_config_apply into the command line, then both freed, the order main()
 * uses.
 */
#include "fuzz_input.h"

#include "cli.h"
#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long before = ac_mem_live_blocks();
	const char *path = fuzz_write_input(".json", data, size);
	char *argv[] = {"alloccheck", "--config", (char *)path, "--exclude", "cli-glob", "--enable", "leak", "src.c", NULL};
	AcCli cli;
	if (ac_cli_parse(&cli, (int)(sizeof argv / sizeof *argv) - 1, argv) < 0)
		abort(); /* a fixed, valid command line */
	AcConfig cfg;
	if (ac_config_load(&cfg, &cli) == 0)
		ac_config_apply(&cfg, &cli);
	ac_cli_free(&cli);
	ac_config_free(&cfg);
	fuzz_check_blocks(before, "config");
	return 0;
}
