import autocannon from "autocannon";
import type { Operation } from "./fixture";
import type { Served } from "./servers";

/**
 * Requests per second of one operation at a given concurrency, for `seconds`, the API beside
 * the floor, interleaved (API, floor at each concurrency).
 */
export interface ThroughputResult {
  readonly connections: number;
  readonly api: number;
  readonly floor: number;
  readonly apiErrors: number;
}

function run(url: string, body: string, headers: Record<string, string>, c: number, s: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      { url, method: "POST", body, headers, connections: c, duration: s, timeout: 10 },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

export async function measureThroughput(
  op: Operation,
  api: Served,
  floor: Served,
  levels: readonly number[],
  seconds: number,
): Promise<ThroughputResult[]> {
  const out: ThroughputResult[] = [];
  const body = JSON.stringify(op.body(0));
  for (const c of levels) {
    const a = await run(
      `${api.url}/graphql`,
      body,
      { "content-type": "application/json", authorization: `Bearer ${op.token}` },
      c,
      seconds,
    );
    const f = await run(`${floor.url}/op/${op.name}`, "{}", {}, c, seconds);
    out.push({
      connections: c,
      api: a.requests.average,
      floor: f.requests.average,
      apiErrors: a.non2xx + a.errors,
    });
  }
  return out;
}
