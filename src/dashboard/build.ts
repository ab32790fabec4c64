import { createHash, randomUUID } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { build } from "esbuild";
import type { DashboardConfig } from "./config";

/**
 * Builds the board dashboard page: its script (with uPlot) and its styles, bundled and minified
 * by esbuild, named by their content's hash, and the HTML that loads them. Two uses:
 * `npm run build` writes the static site into dist/dashboard/ (scripts/build.mjs), and
 * `npm start` serves a bundle kept in a cache folder (src/local/dashboard.ts). Nothing here is
 * reachable from src/handlers.
 */
const root = resolve(__dirname, "../..");
const clientDir = join(__dirname, "client");

export interface DashboardAssets {
  /** The folder holding the files. */
  readonly dir: string;
  /** File names (in `dir`) of the script and the styles. */
  readonly js: string;
  readonly css: string;
  /** Every file of the bundle (licences included), by name. */
  readonly files: readonly string[];
}

/** The hash of everything the page is made from. */
export function dashboardHash(): string {
  const h = createHash("sha256");
  h.update(readFileSync(join(root, "package-lock.json")));
  for (const dir of [__dirname, clientDir])
    for (const f of readdirSync(dir).sort())
      if (/\.(ts|css|json)$/.test(f)) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest("hex").slice(0, 16);
}

/** Bundles the page's script and styles into `outDir`. */
export async function buildDashboardAssets(outDir: string): Promise<DashboardAssets> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: join(clientDir, "main.ts") },
    outdir: outDir,
    entryNames: "[name]-[hash]",
    bundle: true,
    platform: "browser",
    format: "iife",
    target: ["es2022", "chrome109", "firefox115", "safari16"],
    minify: true,
    tsconfig: join(clientDir, "tsconfig.json"),
    // uPlot's notice is a plain comment, which esbuild drops: kept as the bundle's banner.
    banner: { js: `/*! ${uplotNotice()} */`, css: `/*! ${uplotNotice()} */` },
    legalComments: "eof",
    metafile: true,
    logLevel: "error",
  });
  const files = Object.keys(result.metafile.outputs).map((f) => basename(f));
  const js = files.find((f) => /^main-\w+\.js$/.test(f));
  const css = files.find((f) => /^main-\w+\.css$/.test(f));
  if (!js || !css) throw new Error(`the dashboard build made no script or styles: ${files}`);
  return { dir: outDir, js, css, files };
}

/** uPlot's copyright and licence, as its package states them. */
function uplotNotice(): string {
  const pkg = JSON.parse(readFileSync(join(root, "node_modules/uplot/package.json"), "utf8")) as {
    version: string;
    license: string;
  };
  return `uPlot ${pkg.version} (c) Leon Sorokin, ${pkg.license} licence, https://github.com/leeoniya/uPlot`;
}

const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The page. `assets` prefixes the script's and styles' names ("assets/" beside the page, or an
 * absolute path); `config` is embedded when given, else the page reads `config.json` beside it.
 */
export function dashboardPage(options: {
  assets: string;
  js: string;
  css: string;
  config?: DashboardConfig;
}): string {
  const { assets, js, css, config } = options;
  const embedded = config
    ? `<script id="dashboard-config" type="application/json">${json(config)}</script>\n`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Board dashboard: Safeguarding Learning &amp; Improvement</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets}${css}">
${embedded}<script src="${assets}${js}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the figures</a>
<header class="top">
<div><h1>Board dashboard</h1><p class="who" id="who"></p></div>
<button type="button" id="sign-out" hidden>Sign out</button>
</header>
<form class="controls" id="controls" aria-label="Choose the figures" hidden>
<fieldset>
<legend>Period</legend>
<div class="field"><label for="from">First month</label><input type="month" id="from" name="from" required pattern="\\d{4}-\\d{2}" placeholder="YYYY-MM"></div>
<div class="field"><label for="to">Last month</label><input type="month" id="to" name="to" required pattern="\\d{4}-\\d{2}" placeholder="YYYY-MM"></div>
</fieldset>
<div class="field"><label for="agency">Agency</label><select id="agency" name="agency"></select></div>
<button type="submit" id="show">Show figures</button>
<div class="exports" role="group" aria-label="Export the figures">
<button type="button" class="secondary" id="export-csv">Download CSV</button>
<button type="button" class="secondary" id="export-json">Download JSON</button>
</div>
</form>
<main id="main" tabindex="-1">
<section id="sign-in" aria-labelledby="sign-in-title" hidden>
<h2 id="sign-in-title">Sign in</h2>
<form id="sign-in-form"><div id="sign-in-fields"></div><button type="submit" id="sign-in-button">Sign in</button></form>
</section>
<p id="status" role="status"></p>
<div id="error" role="alert"></div>
<div id="dashboard"></div>
<noscript>The dashboard needs JavaScript.</noscript>
</main>
</body>
</html>
`;
}

/**
 * The static site for S3 and CloudFront (dist/dashboard/ by default): index.html, and the
 * script and styles under assets/ (their names change with their content, so they can be
 * cached for a year). config.json is not part of the build: it is written at deploy from the
 * stack's outputs (scripts/dashboard-publish.mjs).
 */
export async function buildDashboardSite(outDir: string): Promise<{ files: string[] }> {
  rmSync(outDir, { recursive: true, force: true });
  const assets = await buildDashboardAssets(join(outDir, "assets"));
  writeFileSync(
    join(outDir, "index.html"),
    dashboardPage({ assets: "assets/", js: assets.js, css: assets.css }),
  );
  return { files: ["index.html", ...assets.files.map((f) => `assets/${f}`)] };
}

/** node_modules/.cache (as other tools use it), or the system's temporary folder. */
function cacheRoot(): string {
  const preferred = join(root, "node_modules", ".cache", "lif-dashboard");
  try {
    mkdirSync(preferred, { recursive: true });
    return preferred;
  } catch {
    return join(tmpdir(), "lif-dashboard");
  }
}

const pending = new Map<string, Promise<DashboardAssets>>();

/** The page's bundle for the local server: from the cache, or built now (once per process). */
export function dashboardBundle(): Promise<DashboardAssets> {
  const hash = dashboardHash();
  let p = pending.get(hash);
  if (!p) {
    p = cachedBuild(hash);
    pending.set(hash, p);
    p.catch(() => pending.delete(hash));
  }
  return p;
}

async function cachedBuild(hash: string): Promise<DashboardAssets> {
  const cache = cacheRoot();
  const dir = join(cache, hash);
  const manifest = join(dir, "manifest.json");
  if (existsSync(manifest))
    return { ...(JSON.parse(readFileSync(manifest, "utf8")) as DashboardAssets), dir };
  // Built beside the final folder and renamed into place: two processes building at once
  // never serve a half-written bundle.
  const tmp = join(cache, `.${hash}-${randomUUID()}`);
  try {
    const assets = await buildDashboardAssets(tmp);
    writeFileSync(join(tmp, "manifest.json"), JSON.stringify({ ...assets, dir: undefined }));
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if (!existsSync(manifest)) throw err;
    }
    return { ...assets, dir };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
