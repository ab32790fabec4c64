import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { measureRefusals } from "./bench-abuse";
import { measureRequests } from "./bench-requests";

/**
 * `npm run bench`: builds the Lambda bundles, then prints
 *   1. the GraphQL handler bundle's size;
 *   2. its cold init (median wall time of `node -e "require(bundle)"`) beside a bundle holding
 *      only the DynamoDB SDK clients, i.e. the floor any handler using the SDK pays;
 *   3. DynamoDB requests per GraphQL operation, for a small and a large result set.
 */

const ROOT = resolve(__dirname, "..");
const GRAPHQL_BUNDLE = join(ROOT, "dist", "graphql", "index.js");
export const COLD_INIT_RUNS = 5;

/** Environment under which the handler's module init succeeds without AWS or a JWKS endpoint. */
export const BENCH_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_OPTIONS: "",
  AWS_REGION: "eu-west-2",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
  RECORDS_TABLE: "bench-records",
  ACCESS_LOG_TABLE: "bench-access-log",
  JWT_ISSUER: "x",
  JWT_AUDIENCE: "y",
  JWKS_JSON: '{"keys":[]}',
  CURSOR_KEY: "bench-cursor-key-0123456789abcdef0123456789",
  LOG_LEVEL: "silent",
};

export interface BenchRow {
  readonly label: string;
  readonly values: readonly string[];
}

// ---- build and size ----

function runBuild(): void {
  const res = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`build failed\n${res.stdout}\n${res.stderr}`);
}

export function bundleSize(file: string) {
  const bytes = statSync(file).size;
  return { bytes, kib: bytes / 1024, gzipKib: gzipSync(readFileSync(file)).length / 1024 };
}

/** A throwaway bundle that only constructs the DynamoDB client and document client. */
async function buildSdkOnlyBundle(dir: string): Promise<string> {
  const entry = join(dir, "sdk-only.ts");
  writeFileSync(
    entry,
    [
      'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
      'import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";',
      "const client = new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 4 });",
      "export const doc = DynamoDBDocumentClient.from(client, {",
      "  marshallOptions: { removeUndefinedValues: true },",
      "});",
      "",
    ].join("\n"),
  );
  const outfile = join(dir, "sdk-only", "index.js");
  // Same options as scripts/build.mjs, resolving packages from this repo's node_modules.
  await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    nodePaths: [join(ROOT, "node_modules")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  return outfile;
}

// ---- cold init ----

export interface ColdInitTarget {
  readonly label: string;
  /** Module to require; undefined measures bare `node -e ""` (process start only). */
  readonly file?: string;
  readonly nodeArgs?: readonly string[];
}

/** Wall time of one fresh `node -e "require(file)"` process, in ms. */
function coldInitOnce(target: ColdInitTarget): number {
  const script = target.file ? `require(${JSON.stringify(target.file)})` : "";
  const start = performance.now();
  const res = spawnSync(process.execPath, [...(target.nodeArgs ?? []), "-e", script], {
    cwd: ROOT,
    env: BENCH_ENV,
    encoding: "utf8",
  });
  const ms = performance.now() - start;
  if (res.status !== 0) throw new Error(`${target.label}: module init failed\n${res.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Median cold init of each target over `runs` runs, after one unmeasured warm-up run each (so
 * the page cache is equally warm). Runs are interleaved so drift hits all targets alike.
 */
export function measureColdInit(targets: readonly ColdInitTarget[], runs = COLD_INIT_RUNS) {
  for (const t of targets) coldInitOnce(t);
  const samples = targets.map(() => [] as number[]);
  for (let i = 0; i < runs; i++)
    for (const [j, t] of targets.entries()) samples[j]!.push(coldInitOnce(t));
  return targets.map((t, j) => ({ ...t, samples: samples[j]!, medianMs: median(samples[j]!) }));
}

// ---- DynamoDB request counts ----

/** DynamoDB requests per GraphQL operation for a small and a large result (scripts/bench-requests.ts). */
export async function dynamoRequestFigures(): Promise<{
  headers: readonly string[];
  rows: BenchRow[];
}> {
  const measured = await measureRequests();
  return {
    headers: ["operation", "small N", "requests", "large N", "requests"],
    rows: measured.map((m) => ({
      label: m.label,
      values: [String(m.smallN), String(m.small), String(m.largeN), String(m.large)],
    })),
  };
}

// ---- output ----

export function printTable(title: string, headers: readonly string[], rows: readonly BenchRow[]) {
  const lines = [headers, ...rows.map((r) => [r.label, ...r.values])];
  const widths = headers.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? "").length)));
  const fmt = (l: readonly string[]) =>
    l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  process.stdout.write(
    `\n${title}\n${fmt(headers)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`,
  );
  for (const l of lines.slice(1)) process.stdout.write(`${fmt(l)}\n`);
}

async function main() {
  runBuild();
  const tmp = mkdtempSync(join(tmpdir(), "lif-bench-"));
  try {
    const sdkOnly = await buildSdkOnlyBundle(tmp);
    const graphql = bundleSize(GRAPHQL_BUNDLE);
    const sdk = bundleSize(sdkOnly);
    printTable(
      "Bundle size",
      ["bundle", "bytes", "KiB", "gzip KiB"],
      [
        { label: "dist/graphql/index.js", g: graphql },
        { label: "SDK clients only (throwaway)", g: sdk },
      ].map(({ label, g }) => ({
        label,
        values: [String(g.bytes), g.kib.toFixed(1), g.gzipKib.toFixed(1)],
      })),
    );

    const results = measureColdInit([
      { label: "node -e '' (process start only)" },
      { label: "SDK clients only (throwaway)", file: sdkOnly },
      { label: "dist/graphql/index.js", file: GRAPHQL_BUNDLE },
      {
        label: "dist/graphql/index.js --enable-source-maps",
        file: GRAPHQL_BUNDLE,
        nodeArgs: ["--enable-source-maps"],
      },
    ]);
    const base = results[0]!.medianMs;
    printTable(
      `Cold init: median of ${COLD_INIT_RUNS} fresh processes (wall time, ms)`,
      ["module", "median", "over bare node", "runs"],
      results.map((r) => ({
        label: r.label,
        values: [
          r.medianMs.toFixed(0),
          r.file ? `+${(r.medianMs - base).toFixed(0)}` : "",
          r.samples.map((s) => s.toFixed(0)).join(" "),
        ],
      })),
    );

    printTable(
      "Refusals of abusive requests by the built handler (anonymous; median of 5, ms)",
      ["request", "median ms", "status", "code"],
      measureRefusals(BENCH_ENV).map((r) => ({
        label: r.label,
        values: [r.medianMs.toFixed(1), String(r.status), r.code],
      })),
    );

    const requests = await dynamoRequestFigures();
    if (requests.rows.length > 0)
      printTable("DynamoDB requests per operation", requests.headers, requests.rows);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  main().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
