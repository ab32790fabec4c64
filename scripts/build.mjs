#!/usr/bin/env node
/**
 * Bundles each Lambda handler in src/handlers/*.ts into dist/<name>/index.js (CommonJS, minified,
 * linked source map), and the board dashboard's static site into dist/dashboard/. Everything is bundled, the AWS SDK v3 included: the artifact needs no
 * node_modules and does not depend on the SDK version the Lambda runtime happens to ship.
 * Works offline; run by `npm run build`, `npm run package` and `npm run deploy`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { sourceMapLookup } from "./bundle/source-map-lookup.mjs";

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

/**
 * One copy of Apollo Server: the Lambda integration require()s `@apollo/server`, which would
 * otherwise bring the package's whole CommonJS build (about 50 KiB, evaluated at every cold
 * start) beside the ES module build the API imports. Its require() is given the ES module build.
 */
export const singleApolloServerPlugin = {
  name: "single-apollo-server",
  setup(b) {
    b.onResolve({ filter: /^@apollo\/server$/ }, (args) =>
      args.kind === "require-call"
        ? b.resolve(args.path, { kind: "import-statement", resolveDir: args.resolveDir })
        : undefined,
    );
  },
};

/**
 * `@apollo/utils.createhash` hashes with node's crypto when it can reach `module.require`, and
 * otherwise with sha.js (pure JavaScript, with its buffer polyfills). Inside a bundle it cannot,
 * so Apollo would hash every request's query text in JavaScript; here it always uses node's.
 */
export const nodeCreateHashPlugin = {
  name: "node-create-hash",
  setup(b) {
    b.onResolve({ filter: /^@apollo\/utils\.createhash$/ }, (args) => ({
      path: args.path,
      namespace: "node-create-hash",
    }));
    b.onLoad({ filter: /.*/, namespace: "node-create-hash" }, () => ({
      contents: `const { createHash } = require("node:crypto");
exports.createHash = (kind) => createHash(kind);`,
      loader: "js",
    }));
  },
};

/**
 * type-graphql checks, when it builds a schema, that the graphql package satisfies its peer
 * range, with semver (30 KiB, and its regular expressions compiled at every cold start). The
 * bundle's graphql is fixed when it is built: the check runs here, at build time, on the very
 * package the bundle holds, and a failure fails the build.
 */
export const graphqlVersionCheckPlugin = {
  name: "graphql-version-check",
  setup(b) {
    b.onLoad(
      { filter: /[\\/]type-graphql[\\/]build[\\/]esm[\\/]utils[\\/]graphql-version\.js$/ },
      async (args) => {
        const source = readFileSync(args.path, "utf8");
        const range = /graphQLPeerDependencyVersion = "([^"]+)"/.exec(source)?.[1];
        // graphql and semver as esbuild resolves them from type-graphql: the bundle's graphql.
        const resolve = async (path) =>
          (await b.resolve(path, { kind: "require-call", resolveDir: dirname(args.path) })).path;
        const { version } = JSON.parse(readFileSync(await resolve("graphql/package.json"), "utf8"));
        const semver = createRequire(import.meta.url)(await resolve("semver"));
        if (!range || !semver.satisfies(version, range))
          throw new Error(`graphql ${version} does not satisfy type-graphql's range ${range}`);
        return {
          contents: [
            `export const graphQLPeerDependencyVersion = ${JSON.stringify(range)};`,
            `// Checked when the bundle was built: graphql ${version} satisfies ${range}.`,
            "export function ensureInstalledCorrectGraphQLPackage() {}",
          ].join("\n"),
          loader: "js",
        };
      },
    );
  },
};

/**
 * graphql-js checks every failed `instanceof` of its own classes (isObjectType, isListType ... a
 * few for each field it builds, validates or resolves) for a second copy of graphql in another
 * realm, unless NODE_ENV is "production", which the functions do not set. The bundle holds exactly
 * one graphql (tests/infra/bundle.test.ts), so it is built with graphql's production check.
 */
export const graphqlProductionPlugin = {
  name: "graphql-production",
  setup(b) {
    b.onLoad({ filter: /[\\/]graphql[\\/]jsutils[\\/]instanceOf\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const production = source.replace(
        /const isProduction =[^;]*process\.env\.NODE_ENV === 'production';/,
        "const isProduction = true;",
      );
      if (production === source) throw new Error(`${args.path}: isProduction not found`);
      return { contents: production, loader: "js" };
    });
  },
};

/**
 * type-graphql, building each field of each object type, filters all the field resolvers (150) by
 * resolver class and then searches them for the field's: a cost of every cold start that grows
 * with the product of fields and resolvers. In the bundle, the filtered list is made once per
 * schema build and grouped by method name, and the field's is searched for among those of its
 * name, in the same order and by the same test, so the same one is found. The lines replaced
 * must be found exactly (a type-graphql upgrade that changes them fails the build), and
 * tests/infra/bundle.test.ts compares the built function's schema with the committed SDL.
 */
const FIELD_RESOLVER_LOOKUP = [
  "const { fieldResolvers } = this.metadataStorage;",
  'const filteredFieldResolversMetadata = fieldResolvers.filter(it => it.kind === "internal" || resolvers.includes(it.target));',
  "const fieldResolverMetadata = filteredFieldResolversMetadata.find(it => it.getObjectType() === field.target && it.methodName === field.name);",
];
const FIELD_RESOLVERS_BY_NAME = `
const fieldResolversByName = new WeakMap();
/** The field resolvers of \`resolvers\` (and internal ones) named \`name\`, in their order. */
export function fieldResolversNamed(fieldResolvers, resolvers, name) {
  let byResolvers = fieldResolversByName.get(fieldResolvers);
  if (!byResolvers) fieldResolversByName.set(fieldResolvers, (byResolvers = new WeakMap()));
  let byName = byResolvers.get(resolvers);
  if (!byName) {
    byName = new Map();
    for (const it of fieldResolvers.filter(it => it.kind === "internal" || resolvers.includes(it.target))) {
      const same = byName.get(it.methodName);
      if (same) same.push(it);
      else byName.set(it.methodName, [it]);
    }
    byResolvers.set(resolvers, byName);
  }
  return byName.get(name) ?? [];
}
`;

export const fieldResolverLookupPlugin = {
  name: "field-resolver-lookup",
  setup(b) {
    b.onLoad(
      { filter: /[\\/]type-graphql[\\/]build[\\/]esm[\\/]schema[\\/]schema-generator\.js$/ },
      (args) => {
        const source = readFileSync(args.path, "utf8");
        const lines = source.split("\n");
        const at = lines.findIndex((l) => l.trim() === FIELD_RESOLVER_LOOKUP[0]);
        if (at < 0 || FIELD_RESOLVER_LOOKUP.some((l, i) => lines[at + i]?.trim() !== l))
          throw new Error(`${args.path}: the field resolver lookup was not found`);
        lines.splice(
          at,
          FIELD_RESOLVER_LOOKUP.length,
          "const fieldResolverMetadata = fieldResolversNamed(this.metadataStorage.fieldResolvers, resolvers, field.name).find(it => it.getObjectType() === field.target);",
        );
        return { contents: `${lines.join("\n")}\n${FIELD_RESOLVERS_BY_NAME}`, loader: "js" };
      },
    );
  },
};

/**
 * `reflect-metadata` in the bundle is scripts/bundle/reflect-metadata.js: the same Reflect
 * functions without the package's registry of providers, which each of type-graphql's 2,000
 * lookups at every cold start walks (about 3 ms). tests/infra/bundle.test.ts holds it to the
 * package's behaviour.
 */
export const REFLECT_METADATA = join(root, "scripts", "bundle", "reflect-metadata.js");
export const reflectMetadataPlugin = {
  name: "reflect-metadata",
  setup(b) {
    b.onResolve({ filter: /^reflect-metadata$/ }, () => ({ path: REFLECT_METADATA }));
  },
};

/**
 * NODE_OPTIONS of every function (serverless.yml `provider.environment`; the template test keeps
 * them equal): stack traces mapped to the sources, and the request scope's AsyncLocalStorage
 * (src/shared/request-scope.ts) carried by V8's continuation data instead of async_hooks' promise
 * hooks, which otherwise run JavaScript for every promise of every request (the SDK's middleware
 * stack, graphql-js): about 0.5 ms of CPU of a 2.9 ms portal list. The default from Node 24.
 */
export const FUNCTION_NODE_OPTIONS = "--enable-source-maps --experimental-async-context-frame";

/** The function's memory (serverless.yml `provider.memorySize`; the template test keeps them equal). */
export const LAMBDA_MEMORY_MB = 1024;

/**
 * The flags AWS Lambda's Node.js runtime starts node with for a function of `memoryMb`: a tenth of
 * the memory for the young generation (half of it a semi-space), the rest for the old one.
 * V8 refuses a code cache made under other heap flags, so the cache is made under these, and the
 * benchmark measures under them.
 */
export function lambdaNodeArgs(memoryMb = LAMBDA_MEMORY_MB) {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    "--expose-gc",
    "--max-http-header-size=81920",
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

/** The node the project runs on (the npm `node` package `npm ci` installs), for the code cache. */
function projectNode() {
  const pinned = join(root, "node_modules", "node", "bin", "node");
  return existsSync(pinned) ? pinned : process.execPath;
}

/**
 * The GraphQL function's entry point: loads the bundle (`handler.js`) with the V8 code cache made
 * at build time (`handler.js.cache`), so a cold start deserialises compiled code instead of
 * compiling a megabyte of JavaScript. A cache V8 refuses (another V8 version or flags) or a
 * missing one only costs the normal compile; `LIF_CODE_CACHE` tells the cold-start log which.
 */
const CODE_CACHE_LOADER = `"use strict";
const { readFileSync } = require("node:fs");
const { wrap } = require("node:module");
const { dirname, join, relative, resolve } = require("node:path");
const { Script } = require("node:vm");
const file = join(__dirname, "handler.js");
let cachedData;
try {
  cachedData = readFileSync(\`\${file}.cache\`);
} catch {}
// The bundle is ASCII (the build checks): read as latin1, the same string without UTF-8 decoding.
const script = new Script(wrap(readFileSync(file, "latin1")), { filename: file, cachedData });
process.env.LIF_CODE_CACHE =
  cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "accepted";

// Node maps stack traces (--enable-source-maps) only for modules it loads itself: frames of the
// bundle are mapped here, with its source map read on the first stack trace that needs it
// (scripts/bundle/source-map-lookup.mjs: node's SourceMap class takes three times as long).
// The first line of the bundle is shifted right by the wrapper's head.
const offset = wrap("").lastIndexOf("\\n");
const sourceMapLookup = ${sourceMapLookup};
let find;
function original(frame) {
  if (frame.getFileName() !== file) return null;
  if (find === undefined) {
    try {
      find = sourceMapLookup(JSON.parse(readFileSync(\`\${file}.map\`, "utf8")));
    } catch {
      find = null;
    }
  }
  if (!find) return null;
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber() - (line === 1 ? offset : 0);
  const entry = find(line - 1, column - 1);
  if (!entry) return null;
  const source = relative(process.cwd(), resolve(dirname(file), entry.source));
  return \`\${source}:\${entry.line + 1}:\${entry.column + 1}\`;
}
Error.prepareStackTrace = (error, frames) =>
  [
    String(error),
    ...frames.map((frame) => {
      let at = null;
      try {
        at = original(frame);
      } catch {}
      if (!at) return \`    at \${frame}\`;
      const name = frame.getFunctionName() || frame.getMethodName();
      return \`    at \${frame.isAsync() ? "async " : ""}\${name ? \`\${name} (\${at})\` : at}\`;
    }),
  ].join("\\n");

const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, __dirname);
module.exports = mod.exports;
`;

/**
 * Makes the code cache: a fresh process (the project's node, Lambda's flags) loads the bundle,
 * answers a first request (so that what it compiled lazily is in the cache too) and writes the
 * cache V8 gives. Needs no AWS: the request is \`{ __typename }\`.
 */
const CODE_CACHE_MAKER = `"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { wrap } = require("node:module");
const { dirname } = require("node:path");
const { Script } = require("node:vm");
const file = process.argv[1];
const script = new Script(wrap(readFileSync(file, "latin1")), { filename: file });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, dirname(file));
const event = {
  version: "2.0", routeKey: "POST /graphql", rawPath: "/graphql", rawQueryString: "",
  headers: { "content-type": "application/json" }, isBase64Encoded: false,
  body: JSON.stringify({ query: "{ __typename }" }),
  requestContext: { http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "build" },
    requestId: "build", routeKey: "POST /graphql", stage: "$default", time: "", timeEpoch: 0,
    accountId: "", apiId: "", domainName: "", domainPrefix: "" },
};
mod.exports.handler(event, { awsRequestId: "build", getRemainingTimeInMillis: () => 25000 }).then((r) => {
  if (r.statusCode !== 200) throw new Error("first request failed: " + r.body);
  writeFileSync(file + ".cache", script.createCachedData());
});
`;

export function makeCodeCache(bundle) {
  // --predictable: V8 compiles on one thread in a fixed order, so the same bundle gives the same
  // cache bytes (the build stays deterministic); the cache is not tied to the flag (the runtime,
  // without it, accepts it: tests/infra/bundle.test.ts).
  const args = [...lambdaNodeArgs(), "--predictable", "-e", CODE_CACHE_MAKER, bundle];
  const res = spawnSync(projectNode(), args, {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
      AWS_REGION: "eu-west-2",
      AWS_ACCESS_KEY_ID: "build",
      AWS_SECRET_ACCESS_KEY: "build",
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
      JWT_ISSUER: "urn:build",
      JWT_AUDIENCE: "build",
      JWKS_JSON: '{"keys":[]}',
      CURSOR_KEY: "build-cursor-key-0123456789abcdef0123456789",
      LOG_LEVEL: "silent",
    },
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`code cache: ${res.stderr}`);
}

/** Handlers loaded through the code cache: the GraphQL API (a person waits on its cold start). */
const CODE_CACHED = new Set(["graphql"]);

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
    const cached = CODE_CACHED.has(name);
    const outfile = join(outDir, cached ? "handler.js" : "index.js");
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
      // Non-ASCII characters escaped (esbuild's default, stated): the loader reads it as latin1.
      charset: "ascii",
      logLevel: "warning",
      metafile: true,
      // Packages' ES module builds where they have one: esbuild then leaves out what is never
      // imported (graphql, the AWS SDK and smithy shrink by a third), which CommonJS cannot show.
      mainFields: ["module", "main"],
      // import() of node's own modules (the SDK's ES builds have some) becomes require(): a
      // script compiled with a code cache (below) has no loader for dynamic imports.
      supported: { "dynamic-import": false },
      plugins: [
        holidayTablePlugin,
        unusedModulesPlugin,
        singleApolloServerPlugin,
        nodeCreateHashPlugin,
        graphqlVersionCheckPlugin,
        graphqlProductionPlugin,
        fieldResolverLookupPlugin,
        reflectMetadataPlugin,
      ],
      // type-graphql imports class-validator lazily, only when validation is on; the API
      // validates in its own input limits and domain rules instead, so it is never loaded.
      external: ["class-validator"],
    });
    if (result.errors.length > 0) throw new Error(`esbuild failed for ${name}`);
    if (cached) {
      // esbuild escapes every character outside ASCII (its default charset), which lets the
      // loader read the bundle as latin1: a byte that is not ASCII would be read wrongly.
      const nonAscii = readFileSync(outfile).findIndex((byte) => byte > 0x7f);
      if (nonAscii >= 0) throw new Error(`${outfile} is not ASCII at byte ${nonAscii}`);
      writeFileSync(join(outDir, "index.js"), CODE_CACHE_LOADER);
      makeCodeCache(outfile);
    }
    const bytes = statSync(outfile).size;
    results.push({ name, file: outfile, bytes, inputs: Object.keys(result.metafile.inputs) });
    if (!quiet)
      process.stdout.write(
        `${name}: ${outfile.slice(root.length + 1)} ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)\n`,
      );
  }
  return results;
}

/**
 * The board dashboard's static site (src/dashboard/build.ts) into dist/dashboard/, for the S3
 * bucket behind CloudFront that serverless.yml declares; config.json is written at deploy
 * (scripts/dashboard-publish.mjs). Returns the files and their gzipped total.
 */
export async function buildDashboard({ quiet = false, outDir = join(distDir, "dashboard") } = {}) {
  // The page's build is TypeScript, shared with the local server: loaded through tsx. (Its
  // tsImport namespaces every module it loads, esbuild's path to its own binary included.)
  const { register } = await import("tsx/esm/api");
  const unregister = register();
  const { buildDashboardSite } = await import("../src/dashboard/build.ts").finally(unregister);
  const { files } = await buildDashboardSite(outDir);
  let gzipped = 0;
  for (const f of files.filter((f) => !f.endsWith(".txt")))
    gzipped += gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length;
  if (!quiet)
    process.stdout.write(
      `dashboard: ${outDir.slice(root.length + 1)}/ ${files.length} files, ${gzipped} bytes gzipped (${(gzipped / 1024).toFixed(1)} KiB)\n`,
    );
  return { dir: outDir, files, gzipped };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll()
    .then(() => buildDashboard())
    .catch((err) => {
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exit(1);
    });
}
