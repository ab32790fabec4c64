import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../src/data/client";
import { DEMO, seedPartnership } from "../../src/local/seed";
import { StreamPoller } from "../../src/local/stream-poller";
import { createTables, ownTableNames, testApi } from "../helpers/harness";

/** `npm run aggregates:rebuild` as an operator runs it, on tables of its own. */
const root = resolve(__dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const tables = ownTableNames("rebuild");
const partnershipId = DEMO[1]?.partnership.id as string;

function run(...args: string[]) {
  const res = spawnSync(tsx, ["src/cli/aggregates-rebuild.ts", ...args], {
    cwd: root,
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
      RECORDS_TABLE: tables.records,
      ACCESS_LOG_TABLE: tables.accessLog,
      AGGREGATES_TABLE: tables.aggregates,
      LOG_LEVEL: "silent",
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(async () => {
  await createTables(tables, { stream: true });
  const api = await testApi({ tables });
  const demo = DEMO[1];
  if (!demo) throw new Error("no demo");
  await seedPartnership(api.store, demo);
  const poller = new StreamPoller(inject("dynamoEndpoint"), tables.records, api.store);
  await poller.drain();
  await poller.stop();
}, 120_000);

describe("npm run aggregates:rebuild", () => {
  it("finds nothing to correct when the stream kept up", () => {
    const clean = run("--dry-run", "--no-progress");
    expect(clean.status, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ differences: [], bucketsCorrected: 0 });
    expect(JSON.parse(clean.stdout).recordsCounted).toBeGreaterThan(10);
  });

  it("corrects a drifted counter and says which, with a progress bar; then finds nothing again", async () => {
    const doc = createDocumentClient({ endpoint: inject("dynamoEndpoint") });
    await doc.send(
      new PutCommand({
        TableName: tables.aggregates,
        Item: {
          pk: `T#${partnershipId}#DASH#ALL`,
          sk: "2019-01",
          type: "DASHBOARD_BUCKET",
          partnershipId,
          scope: "ALL",
          month: "2019-01",
          "n|II": 3,
        },
      }),
    );
    doc.destroy();
    const dry = run("--dry-run", "--no-progress");
    expect(dry.status).toBe(4);
    expect(dry.stderr).toContain(`differs: partnership ${partnershipId} ALL 2019-01 n|II: 3 -> 0`);
    const fix = run("--progress");
    expect(fix.status, fix.stderr).toBe(4);
    expect(fix.stderr).toContain(
      `corrected: partnership ${partnershipId} ALL 2019-01 n|II: 3 -> 0`,
    );
    // The progress bar: records read, rate and time left, ending on its total.
    expect(fix.stderr).toMatch(/\] (\d+)\/\1 records, \d+ records\/s, 0 s left/);
    expect(JSON.parse(fix.stdout)).toMatchObject({ bucketsCorrected: 1 });
    const after = run("--no-progress");
    expect(after.status, after.stderr).toBe(0);
  });
});
