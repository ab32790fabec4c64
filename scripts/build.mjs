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

/**
 * The bank holidays of England and Wales as a table. src/domain/bank-holidays.ts computes them
 * with date-holidays (its rules, astronomy and time-zone data: about a third of the bundle); this
 * plugin runs that very module here, at build time, for every year a date of the API can have,
 * and bundles the table it gives instead, so the rules stay exactly the library's.
 */
export const holidayTablePlugin = {
  name: "bank-holiday-table",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]domain[\\/]bank-holidays\.ts$/ }, async (args) => {
      const compiled = await build({
        entryPoints: [args.path],
        bundle: true,
        platform: "node",
        format: "cjs",
        write: false,
        logLevel: "error",
      });
      const mod = { exports: {} };
      new Function("module", "exports", "require", compiled.outputFiles[0].text)(
        mod,
        mod.exports,
        createRequire(args.path),
      );
      const { weekdayBankHolidays, BANK_HOLIDAY_YEARS } = mod.exports;
      const table = {};
      for (let y = BANK_HOLIDAY_YEARS.from; y <= BANK_HOLIDAY_YEARS.to; y++)
        table[y] = weekdayBankHolidays(y)
          .map((d) => d.slice(5))
          .join(",");
      return {
        contents: [
          `export const BANK_HOLIDAY_YEARS = ${JSON.stringify(BANK_HOLIDAY_YEARS)};`,
          `const TABLE = ${JSON.stringify(table)};`,
          "export function weekdayBankHolidays(year) {",
          "  const days = TABLE[year];",
          '  return days ? days.split(",").map((md) => year + "-" + md) : [];',
          "}",
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

/**
 * Code the API never runs, left out of the bundles (every other module is the package's own):
 * Apollo's plugins that src/graphql/server.ts installs disabled (usage reporting with its
 * protobuf encoder, inline tracing, cache control, the default landing page) or that need an
 * Apollo Studio key (schema reporting), and `@graphql-tools/schema` (Apollo builds a schema from
 * type definitions with it; this API gives Apollo a built schema). Anything that reaches a stub
 * fails loudly, naming it; tests/infra/bundle.test.ts runs the built handler.
 */
export const UNUSED_MODULES = [
  /^@apollo\/usage-reporting-protobuf$/,
  /^@graphql-tools\/schema$/,
  /[\\/]plugin[\\/](usageReporting|inlineTrace|cacheControl|schemaReporting)[\\/]index\.js$/,
  /[\\/]plugin[\\/]landingPage[\\/]default[\\/]index\.js$/,
];

export const unusedModulesPlugin = {
  name: "unused-modules",
  setup(b) {
    b.onResolve({ filter: /usage-reporting-protobuf|graphql-tools|plugin[\\/]/ }, (args) =>
      UNUSED_MODULES.some((re) => re.test(args.path))
        ? { path: args.path, namespace: "unused-module" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "unused-module" }, (args) => ({
      contents: `const name = ${JSON.stringify(args.path)};
const fail = () => { throw new Error(name + " is not part of this build (scripts/build.mjs)"); };
// Any name, called or constructed, fails; also through esbuild's ES module interop, which reads
// names from a copy whose prototype is the stub.
const stub = new Proxy(function () {}, {
  get: (_, key) => (key === "__esModule" ? true : stub),
  getPrototypeOf: () => stub,
  apply: fail,
  construct: fail,
});
module.exports = stub;`,
      loader: "js",
    }));
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
      // Packages' ES module builds where they have one: esbuild then leaves out what is never
      // imported (graphql, the AWS SDK and smithy shrink by a third), which CommonJS cannot show.
      mainFields: ["module", "main"],
      plugins: [holidayTablePlugin, unusedModulesPlugin],
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
