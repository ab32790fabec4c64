import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { runDigestsImport } from "../src/cli/digests-import";
import { createDocumentClient } from "../src/data/client";
import { Store } from "../src/data/store";
import type { DigestInput } from "../src/domain/digests";
import { startDynamoDbLocal } from "../src/local/dynamodb-local";
import { catalogueEditor, demoCatalogue } from "../src/local/seed-digests";
import { ensureTables } from "../src/local/tables";
import { ensureDefaultThemes, searchDigests } from "../src/services/digests/catalogue";
import { createLoaders } from "../src/services/loaders";
import { inRequestScope } from "../src/shared/request-scope";

/**
 * `npx tsx scripts/bench-digests.ts`: DynamoDB requests and median latency of catalogue searches
 * on catalogues of 40 and 4,000 reviews (DynamoDB Local, in memory), and the import's rate in
 * rows per second. Timings are printed, not asserted.
 */
const SEARCHES: Record<string, string | null>[] = [
  { words: "neglect" },
  { words: "neglected home visits" },
  { themes: "domestic-abuse" },
  { words: "information", themes: "information-sharing" },
  {},
];

function catalogue(n: number): DigestInput[] {
  const base = demoCatalogue();
  return Array.from({ length: n }, (_, i) => {
    const d = base[i % base.length] as DigestInput;
    return { ...d, ref: `bench-${n}-${i}`, title: `${d.title} (${i})` };
  });
}

async function main() {
  const dynamo = await startDynamoDbLocal();
  try {
    for (const n of [40, 4000]) {
      const tables = {
        records: `bench-digests-${n}`,
        accessLog: `bench-digests-log-${n}`,
        aggregates: `bench-digests-agg-${n}`,
      };
      const raw = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: "eu-west-2",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      });
      await ensureTables(raw, tables);
      raw.destroy();
      const store = new Store(createDocumentClient({ endpoint: dynamo.endpoint }), tables);
      await ensureDefaultThemes(catalogueEditor(store));
      const rows = catalogue(n).map((fields, i) => ({ line: i + 1, fields: { ...fields } }));
      const report = await runDigestsImport(store, rows as never);
      console.log(
        `catalogue of ${n}: import ${report.created} created at ${report.rowsPerSecond} rows/s`,
      );
      const reader = catalogueEditor(store);
      for (const s of SEARCHES) {
        const input = { words: s.words ?? null, themes: s.themes ? [s.themes] : null };
        const times: number[] = [];
        let requests = 0;
        let total = 0;
        for (let run = 0; run < 30; run++) {
          await inRequestScope(`bench-${run}`, async (scope) => {
            const ctx = {
              ...reader,
              loaders: createLoaders(store, reader.principal, "b", reader.now),
            };
            const t0 = performance.now();
            const page = await searchDigests(ctx, input, "RELEVANCE", 20, null);
            times.push(performance.now() - t0);
            requests = scope.dynamoRequests;
            total = page.totalCount;
          });
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)] ?? 0;
        console.log(
          `  search ${JSON.stringify(s)}: ${total} matches, ${requests} DynamoDB requests, median ${median.toFixed(1)} ms`,
        );
      }
    }
  } finally {
    await dynamo.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
