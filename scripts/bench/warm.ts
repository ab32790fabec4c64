import type { Fixture } from "./fixture";
import { post } from "./http";
import type { Served } from "./servers";
import { median, quantile } from "./stats";

/**
 * Warm latency of each reference operation: the API (the Lambda's bundle behind the local HTTP
 * adapter) beside the floor (the same DynamoDB calls from a minimal server), one request at a
 * time, interleaved API, floor, API, floor, after a warm-up of each.
 */
export interface WarmResult {
  readonly name: string;
  readonly label: string;
  readonly requests: number;
  readonly api: { readonly medianMs: number; readonly p95Ms: number };
  readonly floor: { readonly medianMs: number; readonly p95Ms: number };
}

export async function measureWarm(
  fixture: Fixture,
  api: Served,
  floor: Served,
  runs: number,
  warmup = 30,
): Promise<WarmResult[]> {
  const out: WarmResult[] = [];
  for (const op of fixture.operations) {
    const recording = fixture.recordings.find((r) => r.name === op.name);
    const apiOnce = async (i: number) => {
      const res = await post(`${api.url}${op.path ?? "/graphql"}`, JSON.stringify(op.body(i)), {
        authorization: `Bearer ${op.token}`,
      });
      if (res.status !== 200 || res.text.includes('"errors"'))
        throw new Error(`${op.name}: ${res.status} ${res.text.slice(0, 300)}`);
      return res.ms;
    };
    const floorOnce = async () => {
      const res = await post(`${floor.url}/op/${op.name}`, "{}");
      if (res.status !== 200) throw new Error(`floor ${op.name}: ${res.status} ${res.text}`);
      return res.ms;
    };
    for (let i = 0; i < warmup; i++) {
      await apiOnce(1_000_000 + i);
      await floorOnce();
    }
    const a: number[] = [];
    const f: number[] = [];
    for (let i = 0; i < runs; i++) {
      a.push(await apiOnce(i));
      f.push(await floorOnce());
    }
    out.push({
      name: op.name,
      label: op.label,
      requests: recording?.requests ?? 0,
      api: { medianMs: median(a), p95Ms: quantile(a, 0.95) },
      floor: { medianMs: median(f), p95Ms: quantile(f, 0.95) },
    });
  }
  return out;
}
