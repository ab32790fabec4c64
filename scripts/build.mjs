#!/usr/bin/env node
/**
 * Bundles each Lambda handler in src/handlers/*.ts into dist/<name>/index.js (CommonJS, minified,
 * linked source map). Everything is bundled, the AWS SDK v3 included: the artifact needs no
 * node_modules and does not depend on the SDK version the Lambda runtime happens to ship.
 * Works offline; run by `npm run build`, `npm run package` and `npm run deploy`.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const handlersDir = join(root, "src", "handlers");
const distDir = join(root, "dist");

/** Countries whose holiday rules the API needs: GB (England and Wales bank holidays). */
const HOLIDAY_COUNTRIES = ["GB"];

/**
 * date-holidays ships every country's rules (1.5 MB minified), which more than doubled the
 * handler's cold init. This plugin loads the package's own data at build time and bundles only
 * the countries above, so the rules stay exactly the package's and never go stale by hand.
 */
export const holidayDataPlugin = {
  name: "holiday-data",
  setup(b) {
    b.onLoad({ filter: /[\\/]date-holidays[\\/](lib|src)[\\/]data\.c?js$/ }, (args) => {
      const require = createRequire(args.path);
      const { data } = require(require.resolve("date-holidays/data"));
      const holidays = Object.fromEntries(HOLIDAY_COUNTRIES.map((c) => [c, data.holidays[c]]));
      const subset = JSON.stringify({ ...data, holidays });
      const esm = args.path.endsWith(".js") && args.path.includes(`${"src"}`);
      return {
        contents: esm ? `export const data = ${subset};` : `exports.data = ${subset};`,
        loader: "js",
      };
    });
  },
};

/** Time zones the holiday rules of those countries use (moment-timezone ships them all: 700 KB). */
const TIME_ZONES = ["Europe/London", "Etc/UTC"];

/** Loads only TIME_ZONES into moment-timezone, from the package's own packed data. */
export const timeZoneDataPlugin = {
  name: "time-zone-data",
  setup(b) {
    b.onLoad({ filter: /[\\/]moment-timezone[\\/]index\.js$/ }, (args) => {
      const require = createRequire(args.path);
      const packed = require("./data/packed/latest.json");
      const keep = (entry) => TIME_ZONES.includes(entry.split("|")[0]);
      const subset = {
        version: packed.version,
        zones: packed.zones.filter(keep),
        links: packed.links.filter(keep),
        countries: (packed.countries ?? []).filter((c) =>
          c
            .split("|")
            .slice(1)
            .some((z) => z.split(" ").some((x) => TIME_ZONES.includes(x))),
        ),
      };
      return {
        contents: `var moment = module.exports = require("./moment-timezone");\nmoment.tz.load(${JSON.stringify(subset)});`,
        loader: "js",
        resolveDir: dirname(args.path),
      };
    });
  },
};

/** The handler entry points: one bundle (and one Lambda artifact) per file. */
export function handlerEntries() {
  return readdirSync(handlersDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .sort()
    .map((f) => ({ name: basename(f, ".ts"), entry: join(handlersDir, f) }));
}

/**
 * Builds every handler (into dist/, or `outDir`); returns `{ name, file, bytes, inputs }` per
 * bundle, `inputs` being the files esbuild put in it (relative to the repository).
 */
export async function buildAll({ quiet = false, outDir: baseDir = distDir } = {}) {
  const results = [];
  for (const { name, entry } of handlerEntries()) {
    const outDir = join(baseDir, name);
    rmSync(outDir, { recursive: true, force: true });
    const outfile = join(outDir, "index.js");
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      target: "node22",
      format: "cjs",
      minify: true,
      // A separate index.js.map, linked by a sourceMappingURL comment so that
      // NODE_OPTIONS=--enable-source-maps (serverless.yml) finds it. ("external" would write the
      // file without the comment, and Node would never load it.) Stack traces need only the
      // mappings: leaving out the sources' text keeps the map small and quick to parse at init.
      sourcemap: "linked",
      sourcesContent: false,
      tsconfig: join(root, "tsconfig.json"),
      // GraphQL type names are explicit in the schema code, so mangled class names are harmless.
      keepNames: false,
      legalComments: "none",
      logLevel: "warning",
      metafile: true,
      plugins: [holidayDataPlugin, timeZoneDataPlugin],
      // type-graphql imports class-validator lazily, only when validation is on; the API
      // validates in its own input limits and domain rules instead, so it is never loaded.
      external: ["class-validator"],
    });
    if (result.errors.length > 0) throw new Error(`esbuild failed for ${name}`);
    const bytes = statSync(outfile).size;
    results.push({ name, file: outfile, bytes, inputs: Object.keys(result.metafile.inputs) });
    if (!quiet)
      process.stdout.write(
        `${name}: ${outfile.slice(root.length + 1)} ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)\n`,
      );
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
