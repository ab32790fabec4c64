import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONTEXT_SOURCE, EVENT_SOURCE } from "./env";
import type { Fixture } from "./fixture";
import { median } from "./stats";

/**
 * The first masked error in a fresh process: a request whose DynamoDB call fails (a table that
 * does not exist) is answered INTERNAL_SERVER_ERROR and its error logged with its stack. With
 * `--enable-source-maps` (as serverless.yml sets), the first stack trace makes node read the
 * bundle's source map. Figures: that first error, and the same request answered a second time.
 */
export interface FirstErrorResult {
  readonly label: string;
  readonly firstMs: number;
  readonly secondMs: number;
}

const script = (bundle: string, token: string, out: string) => `
const { performance } = require("node:perf_hooks");
const { writeFileSync } = require("node:fs");
const { handler } = require(${JSON.stringify(bundle)});
const event = ${EVENT_SOURCE};
const body = { query: "{ cases(first: 1) { edges { node { id } } } }" };
(async () => {
  const times = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const r = await handler(event(body, { authorization: "Bearer ${token}" }), ${CONTEXT_SOURCE});
    times.push(performance.now() - t0);
    if (!String(r.body).includes("INTERNAL_SERVER_ERROR")) { console.error(r.body); process.exit(1); }
  }
  writeFileSync(${JSON.stringify(out)}, JSON.stringify(times));
})();`;

export function measureFirstError(
  fixture: Fixture,
  variants: readonly { label: string; bundle: string; options: string }[],
  runs: number,
  nodeArgs: readonly string[],
): FirstErrorResult[] {
  const token = fixture.operations[0]?.token as string;
  const dir = mkdtempSync(join(tmpdir(), "lif-first-error-"));
  try {
    const first = variants.map((): number[] => []);
    const second = variants.map((): number[] => []);
    // Interleaved (each variant in turn, run after run), as the cold figures are: DynamoDB Local
    // warms up as the runs go on, and would favour whichever variant ran last.
    for (let i = 0; i < runs; i++)
      variants.forEach(({ label, bundle, options }, v) => {
        const out = join(dir, `${i}-${v}.json`);
        const res = spawnSync(process.execPath, [...nodeArgs, "-e", script(bundle, token, out)], {
          env: fixture.env({ NODE_OPTIONS: options, RECORDS_TABLE: "missing-table" }),
          stdio: ["ignore", "ignore", "pipe"],
          encoding: "utf8",
        });
        if (res.status !== 0) throw new Error(`first error (${label}): ${res.stderr}`);
        const [a, b] = JSON.parse(readFileSync(out, "utf8")) as [number, number];
        first[v]?.push(a);
        second[v]?.push(b);
      });
    return variants.map(({ label }, v) => ({
      label,
      firstMs: median(first[v] ?? []),
      secondMs: median(second[v] ?? []),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
