import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { CONTEXT_SOURCE, EVENT_SOURCE, functionEnv } from "./env";
import { median, quantile } from "./stats";

/**
 * Cold init: the wall time of a fresh node process that loads a handler bundle and (for the
 * GraphQL handler) answers its first request, `{ __typename }`, beside the floor: a bundle that
 * only constructs the DynamoDB client and document client. Runs are interleaved (floor, API,
 * floor, API ...) after an unmeasured warm-up of each, so machine noise hits all alike.
 */
export interface ColdTarget {
  readonly label: string;
  readonly script: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** The flags Lambda starts node with (scripts/build.mjs), for every measured process. */
export async function lambdaArgs(): Promise<string[]> {
  const { lambdaNodeArgs } = await import("../build.mjs");
  return lambdaNodeArgs();
}

export interface ColdResult {
  readonly label: string;
  readonly samples: readonly number[];
  readonly medianMs: number;
  readonly p95Ms: number;
}

function once(t: ColdTarget, root: string, nodeArgs: readonly string[]): number {
  const start = performance.now();
  const res = spawnSync(process.execPath, [...nodeArgs, "-e", t.script], {
    cwd: root,
    env: t.env ?? functionEnv({ LOG_LEVEL: "silent" }),
    encoding: "utf8",
  });
  const ms = performance.now() - start;
  if (res.status !== 0) throw new Error(`${t.label}: init failed\n${res.stderr}`);
  return ms;
}

export function measureCold(
  targets: readonly ColdTarget[],
  runs: number,
  root: string,
  nodeArgs: readonly string[],
) {
  for (const t of targets) once(t, root, nodeArgs);
  const samples = targets.map(() => [] as number[]);
  for (let i = 0; i < runs; i++)
    for (const [j, t] of targets.entries()) samples[j]?.push(once(t, root, nodeArgs));
  return targets.map(
    (t, j): ColdResult => ({
      label: t.label,
      samples: samples[j] ?? [],
      medianMs: median(samples[j] ?? []),
      p95Ms: quantile(samples[j] ?? [], 0.95),
    }),
  );
}

/** Loading a bundle. */
export const requireOnly = (file: string) => `require(${JSON.stringify(file)});`;

/** Loading the GraphQL handler and answering a first request. */
export const requireAndServe = (file: string) =>
  `const { handler } = require(${JSON.stringify(file)});
   const event = ${EVENT_SOURCE};
   handler(event({ query: "{ __typename }" }, {}), ${CONTEXT_SOURCE}).then((r) => {
     if (r.statusCode !== 200) { console.error(r.body); process.exit(1); }
   });`;

/** The floor: a throwaway bundle that only constructs the DynamoDB clients, as the handlers do. */
export async function buildFloorBundle(dir: string, root: string): Promise<string> {
  const entry = join(dir, "sdk-only.ts");
  writeFileSync(
    entry,
    [
      'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
      'import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";',
      "const client = new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 3 });",
      "export const doc = DynamoDBDocumentClient.from(client, {",
      "  marshallOptions: { removeUndefinedValues: true },",
      "});",
      "",
    ].join("\n"),
  );
  const outfile = join(dir, "sdk-only", "index.js");
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    nodePaths: [join(root, "node_modules")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    // As scripts/build.mjs builds the handlers, without a source map: under the function's
    // --enable-source-maps node would read one at require, which the GraphQL function defers.
    mainFields: ["module", "main"],
    legalComments: "none",
    logLevel: "warning",
  });
  return outfile;
}
