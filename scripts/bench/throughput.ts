import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { Operation } from "./fixture";
import type { Served } from "./servers";
import { median } from "./stats";

/**
 * Requests per second of one operation at each concurrency, the API beside the floor.
 *
 * At each concurrency both servers first run for `warmupSeconds`, uncounted: the first seconds
 * at a new concurrency are DynamoDB Local's (a JVM) and V8's compiling time, and would be
 * counted against whichever server ran first. The first concurrency gets `firstWarmupSeconds`:
 * after 3 s there, both servers were still getting faster from run to run, each in its own CPU
 * time per request (API 2.66 -> 2.15 ms over five 4 s runs, floor 1.65 -> 1.33), the API more
 * than the floor (measured in-process against DynamoDB Local, the handler's CPU per request was
 * still falling after 5,000 requests; the same DynamoDB calls alone settled after about 2,000).
 * 12 s takes most of that out, not all: the first counted run of each side is still often its
 * slowest, and what is left counts against the API. Then `rounds` pairs of runs (an even
 * number, so that each side runs first equally often), the order swapped each round (API,
 * floor; floor, API; ...), so that drift in the machine hits both alike; the figure of each
 * side is the median of its runs, and every run is kept in `samples`.
 */
export interface ThroughputResult {
  readonly connections: number;
  /** Median requests per second of the API's runs. */
  readonly api: number;
  /** Median requests per second of the floor's runs. */
  readonly floor: number;
  readonly samples: { readonly api: readonly number[]; readonly floor: readonly number[] };
  /**
   * CPU time (user + system) each server process spent per request answered, median of its
   * runs: where the two differ, not in waiting on DynamoDB. Null where /proc is not readable.
   */
  readonly cpuMsPerRequest: { readonly api: number | null; readonly floor: number | null };
  /** Non-2xx answers and socket errors of the API over every counted run. */
  readonly apiErrors: number;
}

export interface ThroughputPlan {
  readonly levels: readonly number[];
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly firstWarmupSeconds: number;
  readonly rounds: number;
}

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc's CPU times (100 on Linux unless `getconf` says otherwise). */
function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100;
  } catch {
    return 100;
  }
}

/** A process's CPU time so far (user + system, ms) from /proc; null where there is none. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which is in parentheses and may hold spaces).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticksPerSecond ??= clockTicks();
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Runs `load` and returns its result with the server's CPU time per request answered. */
async function withCpu(
  server: Served,
  load: () => Promise<autocannon.Result>,
): Promise<{ result: autocannon.Result; cpuPerRequest: number | null }> {
  const before = cpuMs(server.child.pid);
  const result = await load();
  const after = cpuMs(server.child.pid);
  const answered = result.requests.total;
  return {
    result,
    cpuPerRequest:
      before === null || after === null || !answered ? null : (after - before) / answered,
  };
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
  if (plan.rounds % 2 !== 0) throw new Error("rounds: an even number, each side first as often");
  const out: ThroughputResult[] = [];
  const body = JSON.stringify(op.body(0));
  const headers = { "content-type": "application/json", authorization: `Bearer ${op.token}` };
  const runApi = (c: number, s: number) =>
    run(`${api.url}${op.path ?? "/graphql"}`, body, headers, c, s);
  const runFloor = (c: number, s: number) => run(`${floor.url}/op/${op.name}`, "{}", {}, c, s);
  for (const [i, c] of plan.levels.entries()) {
    const warmup = i === 0 ? plan.firstWarmupSeconds : plan.warmupSeconds;
    await runApi(c, warmup);
    await runFloor(c, warmup);
    const apiRuns: number[] = [];
    const floorRuns: number[] = [];
    const apiCpu: number[] = [];
    const floorCpu: number[] = [];
    let apiErrors = 0;
    const measureApi = async () => {
      const { result, cpuPerRequest } = await withCpu(api, () => runApi(c, plan.seconds));
      apiRuns.push(result.requests.average);
      if (cpuPerRequest !== null) apiCpu.push(cpuPerRequest);
      apiErrors += result.non2xx + result.errors;
    };
    const measureFloor = async () => {
      const { result, cpuPerRequest } = await withCpu(floor, () => runFloor(c, plan.seconds));
      floorRuns.push(result.requests.average);
      if (cpuPerRequest !== null) floorCpu.push(cpuPerRequest);
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
      cpuMsPerRequest: {
        api: apiCpu.length ? median(apiCpu) : null,
        floor: floorCpu.length ? median(floorCpu) : null,
      },
      apiErrors,
    });
  }
  return out;
}
