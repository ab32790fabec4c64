import autocannon from "autocannon";
import type { Operation } from "./fixture";
import type { Served } from "./servers";
import { median } from "./stats";

/**
 * Requests per second of one operation at each concurrency, the API beside the floor.
 *
 * At each concurrency both servers first run for `warmupSeconds`, uncounted: the first seconds
 * at a new concurrency are DynamoDB Local's (a JVM) and V8's compiling time, and would be
 * counted against whichever server ran first. Then `rounds` pairs of runs, the order swapped
 * each round (API, floor; floor, API; ...), so that drift in the machine hits both alike; the
 * figure of each side is the median of its runs, and every run is kept in `samples`.
 */
export interface ThroughputResult {
  readonly connections: number;
  /** Median requests per second of the API's runs. */
  readonly api: number;
  /** Median requests per second of the floor's runs. */
  readonly floor: number;
  readonly samples: { readonly api: readonly number[]; readonly floor: readonly number[] };
  /** Non-2xx answers and socket errors of the API over every counted run. */
  readonly apiErrors: number;
}

export interface ThroughputPlan {
  readonly levels: readonly number[];
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
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
  plan: ThroughputPlan,
): Promise<ThroughputResult[]> {
  const out: ThroughputResult[] = [];
  const body = JSON.stringify(op.body(0));
  const headers = { "content-type": "application/json", authorization: `Bearer ${op.token}` };
  const runApi = (c: number, s: number) =>
    run(`${api.url}${op.path ?? "/graphql"}`, body, headers, c, s);
  const runFloor = (c: number, s: number) => run(`${floor.url}/op/${op.name}`, "{}", {}, c, s);
  for (const c of plan.levels) {
    await runApi(c, plan.warmupSeconds);
    await runFloor(c, plan.warmupSeconds);
    const apiRuns: number[] = [];
    const floorRuns: number[] = [];
    let apiErrors = 0;
    const measureApi = async () => {
      const a = await runApi(c, plan.seconds);
      apiRuns.push(a.requests.average);
      apiErrors += a.non2xx + a.errors;
    };
    const measureFloor = async () => {
      floorRuns.push((await runFloor(c, plan.seconds)).requests.average);
    };
    for (let round = 0; round < plan.rounds; round++) {
      const pair = round % 2 === 0 ? [measureApi, measureFloor] : [measureFloor, measureApi];
      for (const measure of pair) await measure();
    }
    out.push({
      connections: c,
      api: median(apiRuns),
      floor: median(floorRuns),
      samples: { api: apiRuns, floor: floorRuns },
      apiErrors,
    });
  }
  return out;
}
