/*
 * filter: suppressions, then baselines, on the sorted findings (filter.h).
 * The baseline is written after inline suppressions, so it records exactly
 * what the report would show without --baseline.
 */
#include "filter.h"

#include "baseline.h"
#include "suppress.h"

int ac_filter_findings(const AcCli *cli, AcFindings *fs)
{
	size_t unused = 0;
	if (!cli->no_inline_suppressions) {
		AcSuppressOptions so = {
			.files = cli->paths.v,
			.nfiles = cli->paths.n,
			.report_unused = cli->report_unused_suppressions,
		};
		unused = ac_suppress_apply(fs, &so);
	}
	if (cli->write_baseline && ac_baseline_write(cli->write_baseline, fs) < 0)
		return -1;
	if (cli->baseline && ac_baseline_filter(cli->baseline, fs) < 0)
		return -1;
	return unused > 0;
}
