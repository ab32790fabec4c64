import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { build } from "esbuild";

/**
 * Bundles the local explorer (GraphiQL, React and Monaco's workers) with esbuild into a cache
 * folder keyed by a hash of the lockfile and the explorer's own sources, so that only the first
 * `npm start` after an install or a change pays for it. Local only: nothing here is reachable
 * from src/handlers, and the Lambda bundles never contain it (tests/infra/bundle.test.ts).
 */
const root = resolve(__dirname, "../../..");
const clientDir = join(__dirname, "client");
const require = createRequire(join(root, "package.json"));

export interface ExplorerBundle {
  /** The folder holding main.js, main.css, the workers and the editor's font. */
  readonly dir: string;
  /** The hash naming the folder (and the URL path the assets are served under). */
  readonly hash: string;
  /** Whether this call built it (false: it was in the cache). */
  readonly built: boolean;
  readonly ms: number;
}

/** The hash of everything the bundle is made from. */
export function explorerHash(): string {
  const h = createHash("sha256");
  h.update(readFileSync(join(root, "package-lock.json")));
  for (const dir of [__dirname, clientDir])
    for (const f of readdirSync(dir).sort())
      if (/\.(ts|tsx|json)$/.test(f)) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest("hex").slice(0, 16);
}

/** node_modules/.cache (as other tools use it), or the system's temporary folder. */
function cacheRoot(): string {
  const preferred = join(root, "node_modules", ".cache", "lif-explorer");
  try {
    mkdirSync(preferred, { recursive: true });
    return preferred;
  } catch {
    return join(tmpdir(), "lif-explorer");
  }
}

const pending = new Map<string, Promise<ExplorerBundle>>();

/** The explorer bundle: from the cache, or built now (once per process, whoever asks). */
export async function explorerBundle(): Promise<ExplorerBundle> {
  const hash = explorerHash();
  let p = pending.get(hash);
  if (!p) {
    p = buildInto(hash);
    pending.set(hash, p);
    p.catch(() => pending.delete(hash));
  }
  return p;
}

async function buildInto(hash: string): Promise<ExplorerBundle> {
  const started = Date.now();
  const cache = cacheRoot();
  const dir = join(cache, hash);
  if (existsSync(join(dir, "main.js")))
    return { dir, hash, built: false, ms: Date.now() - started };
  // Built beside the final folder and renamed into place, so that two processes building at
  // once (two `npm start`s, parallel tests) never serve a half-written bundle.
  const tmp = join(cache, `.${hash}-${randomUUID()}`);
  try {
    const pkg = (name: string) => dirname(require.resolve(`${name}/package.json`));
    await build({
      absWorkingDir: root,
      entryPoints: {
        main: join(clientDir, "main.tsx"),
        "editor.worker": join(pkg("monaco-editor"), "esm/vs/editor/editor.worker.js"),
        "json.worker": join(pkg("monaco-editor"), "esm/vs/language/json/json.worker.js"),
        "graphql.worker": join(pkg("monaco-graphql"), "esm/graphql.worker.js"),
      },
      outdir: tmp,
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "es2022",
      minify: true,
      jsx: "automatic",
      tsconfig: join(clientDir, "tsconfig.json"),
      define: { "process.env.NODE_ENV": '"production"' },
      loader: { ".ttf": "file", ".woff": "file", ".woff2": "file", ".svg": "dataurl" },
      assetNames: "[name]-[hash]",
      // Subscriptions over WebSocket are not used: the toolkit loads graphql-ws only for them.
      external: ["graphql-ws"],
      legalComments: "linked",
      logLevel: "error",
    });
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another process finished first: its bundle is the same.
      if (!existsSync(join(dir, "main.js"))) throw err;
    }
    return { dir, hash, built: true, ms: Date.now() - started };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
