import { execSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { measureRefusals } from "../bench-abuse";
import { measureRequests } from "../bench-requests";
import { buildFloorBundle, lambdaArgs, measureCold, requireAndServe, requireOnly } from "./cold";
import { CURSOR_KEY, functionEnv } from "./env";
import { measureFirstError } from "./first-error";
import { startFixture } from "./fixture";
import { closeAgent } from "./http";
import { bundleServer, serve } from "./servers";
import { type Row, ratio, table } from "./stats";
import { measureThroughput } from "./throughput";
import { measureWarm } from "./warm";

/**
 * `npm run bench`: the performance figures of issue 11, on the bundles the Lambda runs, each
 * beside its floor and as a ratio, printed and written to bench/results.json (git-ignored):
 *
 * 1. cold init of each handler (a fresh process loading the bundle; the GraphQL handler also
 *    answers a first request) beside a bundle holding only the DynamoDB clients;
 * 2. warm median and p95 of the reference operations, the bundle behind the local HTTP adapter
 *    with the function's environment, beside a minimal server issuing the same DynamoDB calls,
 *    with the DynamoDB request count of each;
 * 3. throughput of the portal's case list at concurrency 1, 10 and 50 (autocannon), beside the
 *    minimal server;
 * 4. the first masked error of a fresh process (source maps on and off);
 * 5. how long the abusive requests take to be refused, and DynamoDB requests per operation for a
 *    small and a large result.
 *
 * Runs are interleaved (API, floor, API, floor) so that noise hits both alike; no variable of
 * the shell reaches a measured process. BENCH_QUICK=1 runs fewer rounds (a smoke run).
 */
const ROOT = resolve(__dirname, "..", "..");
const QUICK = process.env.BENCH_QUICK === "1";
const COLD_RUNS = QUICK ? 3 : 15;
const WARM_RUNS = QUICK ? 20 : 200;
const THROUGHPUT = {
  levels: [1, 10, 50],
  seconds: QUICK ? 1 : 4,
  warmupSeconds: QUICK ? 1 : 3,
  firstWarmupSeconds: QUICK ? 1 : 12,
  rounds: QUICK ? 2 : 6,
};
/** Issue 11's goals; its throughput goal is set at concurrency 10 (the others are printed). */
const GOALS = { cold: 1.5, warm: 1.25, throughput: 0.8, throughputConcurrency: 10 };

const out = (s: string) => process.stdout.write(s);
const ms = (x: number) => x.toFixed(1);
const kib = (bytes: number) => (bytes / 1024).toFixed(0);
const meets = (ok: boolean) => (ok ? "yes" : "NO");

function build() {
  const res = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`build failed\n${res.stdout}\n${res.stderr}`);
}

function size(file: string) {
  const bytes = statSync(file).size;
  return { bytes, gzip: gzipSync(readFileSync(file)).length };
}

async function main() {
  const started = Date.now();
  // The recording of DynamoDB calls runs the API in this process.
  process.env.CURSOR_KEY ??= CURSOR_KEY;
  process.env.LOG_LEVEL ??= "silent";
  build();
  const tmp = mkdtempSync(join(tmpdir(), "lif-bench-"));
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    commit: execSync("git rev-parse --short HEAD", { cwd: ROOT, encoding: "utf8" }).trim(),
    node: process.version,
    quick: QUICK,
  };
  try {
    const floorBundle = await buildFloorBundle(tmp, ROOT);
    // Every function the build makes (graphql first), so that a new handler is measured too.
    const { handlerEntries } = await import("../build.mjs");
    const bundles = handlerEntries()
      .map(({ name }) => ({ name, file: join(ROOT, "dist", name, "index.js") }))
      .sort((a, b) => Number(b.name === "graphql") - Number(a.name === "graphql"));
    const graphqlDir = join(ROOT, "dist", "graphql");
    const sizes = [
      { label: "dist/graphql/handler.js", ...size(join(graphqlDir, "handler.js")) },
      { label: "dist/graphql/handler.js.cache", ...size(join(graphqlDir, "handler.js.cache")) },
      { label: "dist/graphql/handler.js.map", ...size(join(graphqlDir, "handler.js.map")) },
      ...bundles.slice(1).map((b) => ({ label: `dist/${b.name}/index.js`, ...size(b.file) })),
      { label: "floor: DynamoDB clients only", ...size(floorBundle) },
    ];
    results.sizes = sizes;
    out(
      table(
        "Bundle sizes",
        ["bundle", "KiB", "gzip KiB"],
        sizes.map((s) => ({ label: s.label, values: [kib(s.bytes), kib(s.gzip)] })),
      ),
    );

    // 1. Cold init, under the flags Lambda starts node with.
    const nodeArgs = await lambdaArgs();
    results.nodeArgs = nodeArgs;
    const graphqlFile = bundles[0]?.file as string;
    const graphqlBundle = join(ROOT, "dist", "graphql", "handler.js");
    // The loader with a cache V8 refuses (as another V8 version or other flags would make it).
    const refused = join(tmp, "refused");
    mkdirSync(refused);
    for (const f of ["index.js", "handler.js", "handler.js.map"])
      copyFileSync(join(ROOT, "dist", "graphql", f), join(refused, f));
    writeFileSync(join(refused, "handler.js.cache"), Buffer.alloc(4096, 7));
    const cold = measureCold(
      [
        { label: "floor: DynamoDB clients only", script: requireOnly(floorBundle) },
        {
          label: "graphql: load + first request (code cache)",
          script: requireAndServe(graphqlFile),
        },
        {
          label: "graphql: load + first request, no code cache",
          script: requireAndServe(graphqlBundle),
        },
        {
          label: "graphql: load + first request, cache refused",
          script: requireAndServe(join(refused, "index.js")),
        },
        { label: "graphql: load only (code cache)", script: requireOnly(graphqlFile) },
        ...bundles.slice(1).map((b) => ({ label: `${b.name}: load`, script: requireOnly(b.file) })),
      ],
      COLD_RUNS,
      ROOT,
      nodeArgs,
    );
    const floorCold = cold[0]?.medianMs as number;
    results.cold = cold.map((c) => ({ ...c, ratio: c.medianMs / floorCold }));
    out(
      table(
        `Cold init: fresh process, median of ${COLD_RUNS} interleaved runs (ms; function env and Lambda's node flags)`,
        ["target", "median", "p95", "ratio to floor"],
        cold.map((c) => ({
          label: c.label,
          values: [ms(c.medianMs), ms(c.p95Ms), ratio(c.medianMs, floorCold)],
        })),
      ),
    );
    const coldRatio = (cold[1]?.medianMs as number) / floorCold;

    // 2 and 3. Warm latency and throughput.
    const fixture = await startFixture();
    try {
      const recordings = join(tmp, "recordings.json");
      writeFileSync(recordings, JSON.stringify(fixture.recordings));
      const apiServer = await serve(
        await bundleServer("api-server.ts", tmp, ROOT),
        fixture.env({ HANDLER_BUNDLE: graphqlFile }),
        nodeArgs,
      );
      const floorServer = await serve(
        await bundleServer("floor-server.ts", tmp, ROOT),
        fixture.env({ RECORDINGS: recordings, NODE_OPTIONS: "" }),
        nodeArgs,
      );
      try {
        const warm = await measureWarm(fixture, apiServer, floorServer, WARM_RUNS);
        results.warm = warm.map((w) => ({ ...w, ratio: w.api.medianMs / w.floor.medianMs }));
        out(
          table(
            `Warm latency: ${WARM_RUNS} sequential requests each, interleaved (ms)`,
            [
              "operation",
              "DynamoDB requests",
              "API median",
              "API p95",
              "floor median",
              "floor p95",
              "ratio (median)",
              "ratio (p95)",
            ],
            warm.map(
              (w): Row => ({
                label: w.label,
                values: [
                  String(w.requests),
                  ms(w.api.medianMs),
                  ms(w.api.p95Ms),
                  ms(w.floor.medianMs),
                  ms(w.floor.p95Ms),
                  ratio(w.api.medianMs, w.floor.medianMs),
                  ratio(w.api.p95Ms, w.floor.p95Ms),
                ],
              }),
            ),
          ),
        );
        const portal = fixture.operations[0];
        if (!portal) throw new Error("no operations");
        const throughput = await measureThroughput(portal, apiServer, floorServer, THROUGHPUT);
        results.throughput = throughput.map((t) => ({ ...t, ratio: t.api / t.floor }));
        out(
          table(
            `Throughput: ${portal.label}; ${THROUGHPUT.firstWarmupSeconds} s of warm-up each at the first concurrency and ${THROUGHPUT.warmupSeconds} s at the others, then ${THROUGHPUT.rounds} rounds of ${THROUGHPUT.seconds} s runs, order swapped each round (requests/s: median of the runs, and every run)`,
            [
              "concurrency",
              "API",
              "floor",
              "ratio",
              "API runs",
              "floor runs",
              "API CPU ms/req (median)",
              "floor CPU ms/req (median)",
              "API errors",
            ],
            throughput.map((t) => ({
              label: String(t.connections),
              values: [
                t.api.toFixed(0),
                t.floor.toFixed(0),
                ratio(t.api, t.floor),
                t.samples.api.map((x) => x.toFixed(0)).join(" "),
                t.samples.floor.map((x) => x.toFixed(0)).join(" "),
                t.cpuMsPerRequest.api?.toFixed(2) ?? "n/a",
                t.cpuMsPerRequest.floor?.toFixed(2) ?? "n/a",
                String(t.apiErrors),
              ],
            })),
          ),
        );
        const worstWarm = Math.max(...warm.map((w) => w.api.medianMs / w.floor.medianMs));
        const ratios = throughput.map((t) => ({ c: t.connections, ratio: t.api / t.floor }));
        const goalLevel = ratios.find((t) => t.c === GOALS.throughputConcurrency);
        if (!goalLevel) throw new Error(`no throughput at ${GOALS.throughputConcurrency}`);
        const worst = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
        results.summary = {
          coldRatio,
          worstWarmRatio: worstWarm,
          throughputRatio: goalLevel.ratio,
          worstThroughputRatio: worst.ratio,
          worstThroughputConcurrency: worst.c,
        };
        out(
          table(
            "Against the goals of issue 11",
            ["figure", "measured", "goal", "met"],
            [
              {
                label: "cold init, graphql (load + first request) / floor",
                values: [ratio(coldRatio, 1), `<= ${GOALS.cold}x`, meets(coldRatio <= GOALS.cold)],
              },
              {
                label: "warm median, worst operation / its floor",
                values: [ratio(worstWarm, 1), `<= ${GOALS.warm}x`, meets(worstWarm <= GOALS.warm)],
              },
              {
                label: `throughput at concurrency ${GOALS.throughputConcurrency}, API / floor`,
                values: [
                  ratio(goalLevel.ratio, 1),
                  `>= ${GOALS.throughput}x`,
                  meets(goalLevel.ratio >= GOALS.throughput),
                ],
              },
              {
                label: `throughput, worst concurrency (${worst.c}), API / floor`,
                values: [ratio(worst.ratio, 1), "(none)", "-"],
              },
            ],
          ),
        );
      } finally {
        closeAgent();
        await apiServer.stop();
        await floorServer.stop();
      }

      // 4. The first masked error.
      const firstError = measureFirstError(
        fixture,
        [
          {
            label: "as deployed (the loader maps the bundle's frames)",
            bundle: graphqlFile,
            options: "--enable-source-maps",
          },
          {
            label: "bundle required directly, --enable-source-maps",
            bundle: graphqlBundle,
            options: "--enable-source-maps",
          },
          { label: "bundle required directly, no source maps", bundle: graphqlBundle, options: "" },
        ],
        QUICK ? 2 : 5,
        nodeArgs,
      );
      results.firstError = firstError;
      out(
        table(
          "First masked error in a fresh process (ms; median of runs)",
          ["how", "first error", "second"],
          firstError.map((f) => ({ label: f.label, values: [ms(f.firstMs), ms(f.secondMs)] })),
        ),
      );
    } finally {
      await fixture.stop();
    }

    // 5. Refusals and request counts.
    const refusals = measureRefusals(functionEnv({ NODE_OPTIONS: "", LOG_LEVEL: "silent" }));
    results.refusals = refusals;
    out(
      table(
        "Refusals of abusive requests by the built handler (anonymous; median of 5, ms)",
        ["request", "median ms", "status", "code"],
        refusals.map((r) => ({
          label: r.label,
          values: [r.medianMs.toFixed(1), String(r.status), r.code],
        })),
      ),
    );
    const requests = await measureRequests();
    results.requests = requests;
    out(
      table(
        "DynamoDB requests per operation, small and large result",
        ["operation", "small N", "requests", "large N", "requests"],
        requests.map((m) => ({
          label: m.label,
          values: [String(m.smallN), String(m.small), String(m.largeN), String(m.large)],
        })),
      ),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  mkdirSync(join(ROOT, "bench"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  out(`\nWrote bench/results.json (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});
