import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { build } from "esbuild";

/** The API and floor servers of the warm figures, each in its own process. */
export interface Served {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Bundles a bench server entry (the handler bundle itself stays a runtime require). */
export async function bundleServer(entry: string, outDir: string, root: string): Promise<string> {
  const outfile = join(outDir, `${entry.replace(/\W+/g, "-")}.js`);
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, "scripts", "bench", entry)],
    outfile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    logLevel: "warning",
  });
  return outfile;
}

export function serve(
  file: string,
  env: NodeJS.ProcessEnv,
  execArgv: readonly string[] = [],
): Promise<Served> {
  return new Promise((resolve, reject) => {
    // Logs go nowhere, as cheaply as Lambda's capture of stdout; errors reach the terminal.
    const child = fork(file, [], {
      env,
      execArgv: [...execArgv],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    const stop = () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", () => r());
        child.kill("SIGTERM");
      });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
    child.once("message", (m: { port: number }) =>
      resolve({ url: `http://127.0.0.1:${m.port}`, child, stop }),
    );
  });
}
