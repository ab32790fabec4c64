import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

/** One keep-alive connection's worth of sequential requests, timed from send to last byte. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ ms: number; status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            ms: performance.now() - start,
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export const closeAgent = () => agent.destroy();
