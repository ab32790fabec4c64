import { log } from "../shared/logger";
import { startLocalStack } from "./server";

/** Entry point of `npm start`. Ctrl-C or SIGTERM stops everything it started. */
async function main() {
  // NODE_ENV=production: the API as AWS runs it (no introspection, suggestions or explorer).
  const production = process.env.NODE_ENV === "production";
  const stack = await startLocalStack({
    port: Number(process.env.PORT ?? 4000),
    dataDir: process.env.DATA_DIR,
    endpoint: process.env.DYNAMODB_ENDPOINT,
    production,
  });
  log("info", "ready", { url: stack.url, dynamodb: stack.endpoint, dynamodbPid: stack.dynamoPid });
  const explorer = production ? "" : `Explorer: open ${stack.url} in a browser\n`;
  process.stdout.write(
    `\nGraphQL at ${stack.url}\n${explorer}Token: npm run --silent token -- --role BUSINESS_UNIT\n\n`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("info", "stopping", { signal });
    await stack.stop();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void shutdown(signal));
  // If whatever started us (npm, tsx, a process manager) dies without passing a signal on, we
  // are re-parented: stop then too, so nothing is left serving the port or running java.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown("parent exited");
  }, 1000).unref();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
