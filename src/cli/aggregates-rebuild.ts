import { parseArgs } from "node:util";
import type { Store } from "../data/store";
import { type RebuildReport, rebuildAggregates } from "../services/dashboard";
import { storeFromEnv, UsageError } from "./partnership-create";
import { type Progress, progressBar } from "./progress";

const USAGE = `npm run aggregates:rebuild -- [--dry-run] [--progress | --no-progress]

Recounts the board dashboard's counters (§37) from the source records, writes back every counter
that differs, and reports each difference it corrected (stdout, JSON). --dry-run reports without
writing. Reads the whole records table: run it while writes are quiet (after a restore, after a
failed stream record, or to check). A progress bar (rate, time left) is shown on stderr when it is
a terminal, or with --progress.

Where: as npm run partnership:create (the running npm start, DYNAMODB_ENDPOINT, or the AWS
stage's tables: RECORDS_TABLE, ACCESS_LOG_TABLE and AGGREGATES_TABLE). Exit: 0 nothing to correct;
4 differences found (corrected unless --dry-run); 2 usage; 1 a fault (run again).`;

/** The rebuild with a progress bar over the records read (its total: the table's item count). */
export async function runAggregatesRebuild(
  store: Store,
  options: { dryRun?: boolean; progress?: Progress } = {},
): Promise<RebuildReport & { seconds: number }> {
  const startedAt = Date.now();
  const estimate = options.progress ? await store.aggregates.approximateRecordCount() : 0;
  const report = await rebuildAggregates(store, {
    dryRun: options.dryRun,
    progress: (scanned, phase) =>
      options.progress?.(
        scanned,
        phase === "done" ? scanned : Math.max(estimate, scanned + 1),
        startedAt,
      ),
  });
  return { ...report, seconds: Math.round((Date.now() - startedAt) / 100) / 10 };
}

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean" },
      progress: { type: "boolean" },
      "no-progress": { type: "boolean" },
    },
  });
  if (positionals.length) throw new UsageError(`Unexpected: ${positionals.join(" ")}`);
  if (process.env.USER_POOL_ID && !process.env.AGGREGATES_TABLE)
    throw new UsageError("In AWS, set AGGREGATES_TABLE too (the stage's aggregates table)");
  const { store, target } = storeFromEnv();
  const show = values["no-progress"] ? false : (values.progress ?? process.stderr.isTTY === true);
  const report = await runAggregatesRebuild(store, {
    dryRun: values["dry-run"],
    progress: show ? progressBar((s) => process.stderr.write(s), "records") : undefined,
  });
  for (const d of report.differences)
    process.stderr.write(
      `${values["dry-run"] ? "differs" : "corrected"}: partnership ${d.partnershipId} ${d.scope} ${d.month} ${d.counter}: ${d.stored} -> ${d.recounted}\n`,
    );
  for (const b of report.bucketsTooLarge)
    process.stderr.write(
      `too large to write back: partnership ${b.partnershipId} ${b.scope} ${b.month}\n`,
    );
  if (report.uncounted)
    process.stderr.write(`${report.uncounted} records are counted as uncounted on the dashboard\n`);
  for (const u of report.unreadable)
    process.stderr.write(`not counted (unreadable): ${u.pk} ${u.sk}: ${u.problem}\n`);
  process.stderr.write(
    `${target}: ${report.recordsScanned} records read, ${report.recordsCounted} counted, ${report.bucketsChecked} buckets checked, ${report.bucketsCorrected} ${values["dry-run"] ? "differ" : "corrected"}, ${report.ledgersCorrected} ledgers ${values["dry-run"] ? "differ" : "corrected"} (${report.seconds} s)\n`,
  );
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (report.differences.length || report.ledgersCorrected) process.exitCode = 4;
}

if (process.argv[1]?.endsWith("aggregates-rebuild.ts"))
  main().catch((err) => {
    const usage = err instanceof UsageError ? `\n\n${USAGE}` : "";
    process.stderr.write(`${(err as Error).message}${usage}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  });
