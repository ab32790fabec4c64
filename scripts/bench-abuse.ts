import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * How long the built Lambda handler takes to refuse each abusive request of issue 8 (median of a
 * few runs each, in one fresh process so nothing is cached between kinds). Anonymous requests:
 * they are refused before any token or database is needed.
 */
const ROOT = resolve(__dirname, "..");

const SCRIPT = `
const { handler } = require(${JSON.stringify(resolve(ROOT, "dist/graphql/index.js"))});
const ctx = { awsRequestId: "bench", getRemainingTimeInMillis: () => 25000 };
const event = (body) => ({
  version: "2.0", routeKey: "POST /graphql", rawPath: "/graphql", rawQueryString: "",
  headers: { "content-type": "application/json" }, body, isBase64Encoded: false,
  requestContext: { http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" }, requestId: "bench", routeKey: "POST /graphql", stage: "$default", time: "", timeEpoch: 0, accountId: "", apiId: "", domainName: "", domainPrefix: "" },
});
const chain = (n) => "query { ...F0 } " + Array.from({ length: n }, (_, i) => "fragment F" + i + " on Query { ...F" + (i + 1) + " ...F" + (i + 1) + " }").join(" ") + " fragment F" + n + " on Query { __typename }";
const cases = {
  "fragment chain, 24 levels": JSON.stringify({ query: chain(24) }),
  "500 aliases": JSON.stringify({ query: "{ " + Array.from({ length: 500 }, (_, i) => "a" + i + ": publicPartnership(code: \\"x\\") { name }").join(" ") + " }" }),
  "40 aliases (under the token limit)": JSON.stringify({ query: "{ " + Array.from({ length: 40 }, (_, i) => "a" + i + ": publicPartnership(code: \\"x\\") { name }").join(" ") + " }" }),
  "depth 20": JSON.stringify({ query: "{ " + "notifications { edges { node { ".repeat(7) + "id" + " } } }".repeat(7) + " }" }),
  "10 MB body": JSON.stringify({ query: "{ __typename }", variables: { x: "x".repeat(10000000) } }),
  "a string of almost 1 MB": JSON.stringify({ query: "query($c: String!) { publicPartnership(code: $c) { name } }", variables: { c: "x".repeat(999000) } }),
};
(async () => {
  await handler(event(JSON.stringify({ query: "{ __typename }" })), ctx);
  const out = {};
  for (const [label, body] of Object.entries(cases)) {
    const times = [];
    let status = 0, code = "";
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await handler(event(body), ctx);
      times.push(performance.now() - t0);
      status = res.statusCode;
      try { code = JSON.parse(res.body).errors?.[0]?.extensions?.code ?? "none"; } catch { code = "?"; }
    }
    times.sort((a, b) => a - b);
    out[label] = { medianMs: times[2], status, code };
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

export interface Refusal {
  readonly label: string;
  readonly medianMs: number;
  readonly status: number;
  readonly code: string;
}

/** Times the refusals in a fresh process running the built bundle (run `npm run build` first). */
export function measureRefusals(env: NodeJS.ProcessEnv): Refusal[] {
  const res = spawnSync(process.execPath, ["-e", SCRIPT], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`refusal bench failed\n${res.stderr}`);
  const parsed = JSON.parse(res.stdout) as Record<string, Omit<Refusal, "label">>;
  return Object.entries(parsed).map(([label, r]) => ({ label, ...r }));
}
