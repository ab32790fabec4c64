import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import fc from "fast-check";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BANK_HOLIDAY_YEARS } from "../../src/domain/bank-holidays";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../../src/domain/working-days";
import { newTenant, TEST_AUDIENCE, TEST_ISSUER, testApi } from "../helpers/harness";
import { type LambdaHandler, lambdaFetch } from "../helpers/lambda-fetch";

const root = resolve(__dirname, "../..");
const out = mkdtempSync(join(tmpdir(), "lif-bundle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every date of the years, as YYYY-MM-DD. */
function days(from: number, to: number): string[] {
  const list: string[] = [];
  for (
    let d = new Date(Date.UTC(from, 0, 1));
    d.getUTCFullYear() <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    list.push(d.toISOString().slice(0, 10));
  return list;
}

describe("the Lambda bundle's bank holiday table", () => {
  it("gives exactly the working days that date-holidays gives, on every day of 1900-2199", async () => {
    const { holidayTablePlugin } = await import("../../scripts/build.mjs");
    const outfile = join(out, "working-days.js");
    await build({
      absWorkingDir: root,
      entryPoints: [join(root, "src/domain/working-days.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      minify: true,
      metafile: true,
      logLevel: "error",
      plugins: [holidayTablePlugin],
    }).then((r) => {
      // The table replaces the library: none of it is in the bundle.
      expect(
        Object.keys(r.metafile.inputs).filter((i) => /date-holidays|moment|astronomia/.test(i)),
      ).toEqual([]);
    });
    const bundled = createRequire(__filename)(outfile) as {
      isWorkingDay: typeof isWorkingDay;
      addWorkingDays: typeof addWorkingDays;
      workingDaysBetween: typeof workingDaysBetween;
    };
    const all = days(BANK_HOLIDAY_YEARS.from, BANK_HOLIDAY_YEARS.to);
    const differing = all.filter((d) => bundled.isWorkingDay(d) !== isWorkingDay(d));
    expect(differing).toEqual([]);
    // Not vacuous: the 2014-2040 bank holidays on weekdays alone are more than 8 a year.
    expect(
      days(2014, 2040).filter(
        (d) => !bundled.isWorkingDay(d) && ![0, 6].includes(new Date(d).getUTCDay()),
      ).length,
    ).toBeGreaterThan(27 * 8 - 1);
    expect(bundled.addWorkingDays("2026-12-23", 5)).toBe("2027-01-04");
    expect(bundled.workingDaysBetween("1999-12-24", "2199-12-31")).toBe(
      workingDaysBetween("1999-12-24", "2199-12-31"),
    );
  });
});

/** The bundles as `npm run build` makes them, built once for this file. */
let building: ReturnType<typeof buildOnce> | undefined;
async function buildOnce() {
  const { buildAll } = await import("../../scripts/build.mjs");
  return buildAll({ quiet: true, outDir: join(out, "dist") });
}
const built = () => {
  building ??= buildOnce();
  return building;
};

/** Runs the built GraphQL function's loader in a fresh node, as Lambda starts it. */
async function runLoader(dir: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const { lambdaNodeArgs, FUNCTION_NODE_OPTIONS } = await import("../../scripts/build.mjs");
  const script = `
    const { handler } = require(${JSON.stringify(join(dir, "index.js"))});
    const body = JSON.stringify({ query: process.env.QUERY || "{ __typename }" });
    handler({ version: "2.0", routeKey: "POST /graphql", rawPath: "/graphql", rawQueryString: "",
      headers: { "content-type": "application/json" }, body, isBase64Encoded: false,
      requestContext: { http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "1", userAgent: "t" },
        requestId: "t", routeKey: "POST /graphql", stage: "$default", time: "", timeEpoch: 0,
        accountId: "", apiId: "", domainName: "", domainPrefix: "" } },
      { awsRequestId: "t", getRemainingTimeInMillis: () => 25000 })
      .then((r) => process.stderr.write("RESULT " + JSON.stringify({ status: r.statusCode, cache: process.env.LIF_CODE_CACHE }) + "\\n"));`;
  const res = spawnSync(process.execPath, [...lambdaNodeArgs(), "-e", script], {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
      AWS_REGION: "eu-west-2",
      AWS_ACCESS_KEY_ID: "t",
      AWS_SECRET_ACCESS_KEY: "t",
      JWT_ISSUER: "x",
      JWT_AUDIENCE: "y",
      JWKS_JSON: '{"keys":[]}',
      CURSOR_KEY: "test-cursor-key-0123456789abcdef0123456789",
      LOG_LEVEL: "silent",
      ...extraEnv,
    },
    encoding: "utf8",
  });
  const line = res.stderr.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(res.stderr);
  return {
    ...(JSON.parse(line.slice(7)) as { status: number; cache: string }),
    logs: `${res.stdout}\n${res.stderr}`,
  };
}

/** The environment that makes the loader's first request fail: its DynamoDB cannot be reached. */
const UNREACHABLE_DYNAMODB = {
  LOG_LEVEL: "info",
  DYNAMODB_ENDPOINT: "http://127.0.0.1:9",
  DYNAMODB_MAX_ATTEMPTS: "1",
  QUERY: '{ publicPartnership(code: "x1") { name } }',
};

/** The stack trace of the first logged line that has one. */
function loggedStack(logs: string): string {
  return (
    logs
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { stack?: string })
      .find((e) => e.stack)?.stack ?? ""
  );
}

describe("the GraphQL function's code cache", () => {
  it("is taken by node as the build made it, and a refused or missing cache only means a normal compile", async () => {
    await built();
    const dir = join(out, "dist", "graphql");
    expect(await runLoader(dir)).toMatchObject({ status: 200, cache: "accepted" });
    // The loader reads the bundle as latin1: it must be ASCII, as the build checks.
    expect(readFileSync(join(dir, "handler.js")).findIndex((byte) => byte > 0x7f)).toBe(-1);
    const refused = join(out, "refused");
    const missing = join(out, "missing");
    for (const d of [refused, missing]) {
      mkdirSync(d);
      for (const f of ["index.js", "handler.js", "handler.js.map"])
        copyFileSync(join(dir, f), join(d, f));
    }
    writeFileSync(join(refused, "handler.js.cache"), Buffer.alloc(4096, 7));
    expect(await runLoader(refused)).toMatchObject({ status: 200, cache: "rejected" });
    expect(await runLoader(missing)).toMatchObject({ status: 200, cache: "missing" });
  });

  it("is made the same, byte for byte, when made again (the build is deterministic)", async () => {
    await built();
    const { makeCodeCache } = await import("../../scripts/build.mjs");
    const bundle = join(out, "dist", "graphql", "handler.js");
    const made = readFileSync(`${bundle}.cache`);
    expect(made.length).toBeGreaterThan(1_000_000);
    // Made again in place (the cache names the file it was made from).
    makeCodeCache(bundle);
    expect(readFileSync(`${bundle}.cache`).equals(made)).toBe(true);
  });

  it("logs stack traces mapped to the sources, as --enable-source-maps would", async () => {
    await built();
    const res = await runLoader(join(out, "dist", "graphql"), UNREACHABLE_DYNAMODB);
    const stack = loggedStack(res.logs);
    // The frame that made the error, at its line of the source.
    const thrownAt =
      readFileSync(join(root, "src/data/client.ts"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("throw new UnavailableError(`DynamoDB unavailable")) + 1;
    expect(thrownAt).toBeGreaterThan(0);
    expect(stack).toContain(`src/data/client.ts:${thrownAt}:`);
    expect(stack).not.toContain("handler.js:");
  });
});

describe("the GraphQL function's loader, with a damaged source map", () => {
  it("still answers, and logs the error with its frames unmapped", async () => {
    await built();
    const dir = join(out, "dist", "graphql");
    const real = JSON.parse(readFileSync(join(dir, "handler.js.map"), "utf8"));
    const damaged: Record<string, string | null> = {
      missing: null,
      empty: "",
      truncated: readFileSync(join(dir, "handler.js.map"), "utf8").slice(0, 4000),
      "not JSON": "not json",
      "invalid characters": JSON.stringify({ ...real, mappings: `!${real.mappings}` }),
      "no sources": JSON.stringify({ ...real, sources: undefined }),
      "sources not strings": JSON.stringify({
        ...real,
        sources: real.sources.map((_: string, i: number) => i),
      }),
    };
    for (const [name, text] of Object.entries(damaged)) {
      const d = join(out, `damaged-${name.replace(/\W/g, "-")}`);
      mkdirSync(d);
      for (const f of ["index.js", "handler.js", "handler.js.cache"])
        copyFileSync(join(dir, f), join(d, f));
      if (text !== null) writeFileSync(join(d, "handler.js.map"), text);
      const res = await runLoader(d, UNREACHABLE_DYNAMODB);
      const stack = loggedStack(res.logs);
      expect({
        name,
        status: res.status,
        unmapped: stack.includes(`${join(d, "handler.js")}:`),
      }).toEqual({ name, status: 503, unmapped: true });
    }
  });
});

/** Base64 VLQ, as source maps encode each field of a mapping. */
function vlq(n: number): string {
  const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = "";
  do {
    let d = v & 31;
    v >>>= 5;
    if (v > 0) d |= 32;
    out += digits[d];
  } while (v > 0);
  return out;
}

describe("the GraphQL function's source map lookup (its loader's)", () => {
  const entryOf = (map: SourceMap, line: number, column: number) => {
    const e = map.findEntry(line, column) as { originalSource?: string } & Record<string, number>;
    return e.originalSource === undefined
      ? null
      : { source: e.originalSource, line: e.originalLine, column: e.originalColumn };
  };

  it("finds what node's SourceMap finds, across the built bundle", async () => {
    await built();
    const { sourceMapLookup } = await import("../../scripts/bundle/source-map-lookup.mjs");
    const file = join(out, "dist", "graphql", "handler.js");
    const raw = JSON.parse(readFileSync(`${file}.map`, "utf8"));
    const find = sourceMapLookup(raw);
    const node = new SourceMap(raw);
    const lines = readFileSync(file, "latin1").split("\n");
    let mapped = 0;
    const differing: string[] = [];
    for (let line = 0; line <= lines.length; line++)
      for (let column = 0; column <= (lines[line]?.length ?? 10); column += 11) {
        const ours = find(line, column);
        if (ours) mapped++;
        const theirs = entryOf(node, line, column);
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) differing.push(`${line}:${column}`);
      }
    expect(differing.slice(0, 10)).toEqual([]);
    // Not vacuous: most of the bundle maps to a source.
    expect(mapped).toBeGreaterThan(50_000);
  });

  it("finds what node's SourceMap finds in maps of every shape: unmapped spans, empty lines, negative steps", async () => {
    const { sourceMapLookup } = await import("../../scripts/bundle/source-map-lookup.mjs");
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.record({
              step: fc.integer({ min: 0, max: 40 }),
              mapped: fc.boolean(),
              source: fc.integer({ min: -1, max: 1 }),
              line: fc.integer({ min: -30, max: 30 }),
              column: fc.integer({ min: -300, max: 300 }),
            }),
            { maxLength: 6 },
          ),
          { maxLength: 6 },
        ),
        (lines) => {
          let source = 0;
          const mappings = lines
            .map((segments) =>
              segments
                .map((s, i) => {
                  // The first mapping of a line restarts its column at 0 (steps stay positive).
                  const step = i === 0 ? s.step : s.step + 1;
                  if (!s.mapped) return vlq(step);
                  const next = Math.min(Math.max(source + s.source, 0), 2);
                  const fields = [step, next - source, s.line, s.column];
                  source = next;
                  return fields.map(vlq).join("");
                })
                .join(","),
            )
            .concat(
              // Ends on a whole mapping, as esbuild's maps do: node's parser reads a one-field
              // mapping at the very end as a whole one (its look at the next character finds no
              // separator), where the lookup reads it as the format says, as unmapped.
              "AAAA",
            )
            .join(";");
          const raw = {
            version: 3,
            file: "x.js",
            sourceRoot: "",
            sources: ["a.ts", "b.ts", "c.ts"],
            sourcesContent: [],
            names: [],
            mappings,
          };
          const find = sourceMapLookup(raw);
          const node = new SourceMap(raw);
          for (let line = 0; line <= lines.length; line++)
            for (let column = 0; column < 260; column += 3)
              expect(find(line, column)).toEqual(entryOf(node, line, column));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the Lambda bundles", () => {
  it("carry nothing of the local explorer: no GraphiQL, React, Monaco nor src/local", async () => {
    const bundles = await built();
    expect(bundles.map((b) => b.name)).toEqual([
      "aggregator",
      "graphql",
      "lists",
      "overdue",
      "pre-token",
    ]);
    for (const b of bundles) {
      // The inputs are real: the bundle is made of the handler and the API's own layers.
      expect(b.inputs).toContain(`src/handlers/${b.name}.ts`);
      const local = b.inputs.filter(
        (i) =>
          i.startsWith("src/local/") ||
          /node_modules\/(graphiql|@graphiql|react|react-dom|monaco-editor|monaco-graphql|playwright-core)\//.test(
            i,
          ),
      );
      expect(local, b.name).toEqual([]);
      const text = readFileSync(b.file, "utf8");
      expect(text).not.toMatch(/graphiql/i);
      expect(text).not.toContain("/dev/token");
    }
  });

  it("leave out the code the API never runs, and the GraphQL bundle still serves real requests", async () => {
    const bundles = await built();
    for (const b of bundles) {
      const unused = b.inputs.filter((i) =>
        /node_modules\/(class-validator|@apollo\/usage-reporting-protobuf|@graphql-tools|date-holidays|date-holidays-parser|astronomia|moment|moment-timezone)\//.test(
          i,
        ),
      );
      expect(unused, b.name).toEqual([]);
    }
    const graphql = bundles.find((b) => b.name === "graphql");
    // One Apollo Server (its ES module build; the Lambda integration's require() of it too), one
    // graphql, Apollo's hashes by node's crypto (no sha.js), type-graphql's version check made
    // at build time (no semver), Reflect metadata without the package (no reflect-metadata).
    expect(
      graphql?.inputs.filter((i) => i.includes("@apollo/server/dist/esm/")).length,
    ).toBeGreaterThan(10);
    expect(
      graphql?.inputs.filter((i) =>
        /@apollo\/server\/dist\/cjs\/|node_modules\/(sha\.js|semver|reflect-metadata)\/|node_modules\/graphql\/.*\.js$|node_modules\/.+\/node_modules\/graphql\//.test(
          i,
        ),
      ),
    ).toEqual([]);
    const graphqlBundle = bundles.find((b) => b.name === "graphql")?.file as string;
    // The built handler, as Lambda loads it, against the suite's DynamoDB Local.
    const api = await testApi();
    const t = await newTenant(api, { cases: 2 });
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWKS_JSON: JSON.stringify({ keys: [api.keys.trusted.publicJwk] }),
      LOCAL_DEV: "false",
    });
    const { handler } = createRequire(__filename)(graphqlBundle) as { handler: LambdaHandler };
    const { fetch } = lambdaFetch(handler);
    const res = await fetch("https://api.example.org/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await t.token("INDEPENDENT_CHAIR")}`,
      },
      body: JSON.stringify({
        query:
          "{ cases(first: 5) { edges { node { id agencies { name } } } } notifications(first: 5) { edges { node { id } } } }",
      }),
    });
    const body = (await res.json()) as { data?: { cases: { edges: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.cases.edges).toHaveLength(2);
  });

  it("fail loudly, naming the module, if code left out is ever reached", async () => {
    const { unusedModulesPlugin } = await import("../../scripts/build.mjs");
    const entry = join(out, "reach-unused.ts");
    writeFileSync(
      entry,
      'import { makeExecutableSchema } from "@graphql-tools/schema";\nexport const make = () => makeExecutableSchema({ typeDefs: "type Query { a: Int }" });\n',
    );
    const outfile = join(out, "reach-unused.js");
    await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      logLevel: "error",
      plugins: [unusedModulesPlugin],
    });
    const { make } = createRequire(__filename)(outfile) as { make: () => unknown };
    expect(make).toThrow("@graphql-tools/schema is not part of this build");
  });
});

describe("the build's replacements of library code", () => {
  async function bundle(name: string, source: string, plugins: unknown[]) {
    const entry = join(out, `${name}.ts`);
    writeFileSync(entry, source);
    const outfile = join(out, `${name}.js`);
    await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      mainFields: ["module", "main"],
      logLevel: "error",
      nodePaths: [join(root, "node_modules")],
      external: ["class-validator"],
      plugins: plugins as never,
    });
    return createRequire(__filename)(outfile);
  }

  it("hash with node's crypto, as Apollo does outside a bundle", async () => {
    const { nodeCreateHashPlugin } = await import("../../scripts/build.mjs");
    const { hash } = await bundle(
      "create-hash",
      'import { createHash } from "@apollo/utils.createhash";\nexport const hash = (s: string) => createHash("sha256").update(s).digest("hex");\n',
      [nodeCreateHashPlugin],
    );
    const { createHash } = await import("node:crypto");
    expect(hash("{ __typename }")).toBe(
      createHash("sha256").update("{ __typename }").digest("hex"),
    );
  });

  it("take graphql's production instanceof: a look-alike of another realm is not its type", async () => {
    const { graphqlProductionPlugin } = await import("../../scripts/build.mjs");
    const source =
      'import { isObjectType } from "graphql";\nexport const check = (v: unknown) => isObjectType(v);\n';
    const lookAlike = { [Symbol.toStringTag]: "GraphQLObjectType" };
    const production = await bundle("instanceof-production", source, [graphqlProductionPlugin]);
    expect(production.check(lookAlike)).toBe(false);
    // Without the plugin, graphql's development check throws on it (so the test can tell).
    const development = await bundle("instanceof-development", source, []);
    expect(() => development.check(lookAlike)).toThrow("another module or realm");
  });

  it("fail the build when the bundled graphql does not satisfy type-graphql's peer range", async () => {
    const { graphqlVersionCheckPlugin } = await import("../../scripts/build.mjs");
    // A type-graphql whose range the installed graphql does not meet.
    const fake = join(out, "fake", "node_modules", "type-graphql", "build", "esm", "utils");
    mkdirSync(fake, { recursive: true });
    writeFileSync(
      join(fake, "graphql-version.js"),
      'export const graphQLPeerDependencyVersion = "^99.0.0";\nexport function ensureInstalledCorrectGraphQLPackage() {}\n',
    );
    await expect(
      bundle(
        "graphql-version",
        `import { ensureInstalledCorrectGraphQLPackage } from ${JSON.stringify(join(fake, "graphql-version.js"))};\nensureInstalledCorrectGraphQLPackage();\n`,
        [graphqlVersionCheckPlugin],
      ),
    ).rejects.toThrow(/does not satisfy type-graphql's range \^99\.0\.0/);
    // The real one passes, and its check is gone from the bundle with semver.
    const ok = await bundle(
      "graphql-version-ok",
      `import { ensureInstalledCorrectGraphQLPackage } from ${JSON.stringify(join(root, "node_modules/type-graphql/build/esm/utils/graphql-version.js"))};\nexport const check = ensureInstalledCorrectGraphQLPackage;\n`,
      [graphqlVersionCheckPlugin],
    );
    expect(ok.check()).toBeUndefined();
  });
  it("find each field's resolver among those of its name as type-graphql finds it among all", async () => {
    const { fieldResolverLookupPlugin } = await import("../../scripts/build.mjs");
    const generator = join(root, "node_modules/type-graphql/build/esm/schema/schema-generator.js");
    const { compare } = await bundle(
      "field-resolver-lookup",
      `import "reflect-metadata";
import { getMetadataStorage } from "type-graphql";
import { fieldResolversNamed } from ${JSON.stringify(generator)};
import { getSchema, RESOLVERS } from ${JSON.stringify(join(root, "src/graphql/schema"))};
export function compare() {
  getSchema();
  // A copy built as each schema build builds it.
  const storage: any = (getMetadataStorage() as any).clone();
  storage.build({ resolvers: RESOLVERS });
  const resolvers = [...RESOLVERS];
  const differing: string[] = [];
  let found = 0;
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes])
    for (const field of type.fields) {
      const original = storage.fieldResolvers
        .filter((it: any) => it.kind === "internal" || resolvers.includes(it.target))
        .find((it: any) => it.getObjectType() === field.target && it.methodName === field.name);
      const named = fieldResolversNamed(storage.fieldResolvers, resolvers, field.name).find(
        (it: any) => it.getObjectType() === field.target,
      );
      if (named !== original) differing.push(type.name + "." + field.name);
      if (original) found++;
    }
  return { found, differing };
}
`,
      [fieldResolverLookupPlugin],
    );
    const { found, differing } = compare();
    expect(differing).toEqual([]);
    // Not vacuous: the API's field resolvers are found for over a hundred fields.
    expect(found).toBeGreaterThan(100);
  });
  it("give Reflect's metadata functions the reflect-metadata package's answers", async () => {
    const { REFLECT_METADATA } = await import("../../scripts/build.mjs");
    const exercise = `
      const R = Reflect;
      class Base {}
      class Derived extends Base {}
      const out = [];
      const key = Symbol.for("k");
      R.defineMetadata("a", 1, Base.prototype, "x");
      R.defineMetadata("b", 2, Base.prototype);
      R.defineMetadata(key, 3, Derived.prototype, "x");
      R.metadata("design:type", String)(Derived.prototype, "y");
      R.decorate([R.metadata("c", 4)], Derived);
      for (const t of [Base.prototype, Derived.prototype, Derived, new Derived()])
        for (const p of [undefined, "x", "y", "z"])
          out.push([
            R.getMetadata("a", t, p), R.getOwnMetadata("a", t, p), R.hasMetadata("a", t, p),
            R.hasOwnMetadata("a", t, p), R.getMetadata("b", t, p), R.getMetadata(key, t, p) ?? null,
            String(R.getMetadata("design:type", t, p)), R.getMetadata("c", t, p),
            R.getMetadataKeys(t, p).map(String), R.getOwnMetadataKeys(t, p).map(String),
          ]);
      out.push(R.deleteMetadata("a", Base.prototype, "x"), R.deleteMetadata("a", Base.prototype, "x"));
      out.push(R.hasMetadata("a", Derived.prototype, "x"));
      for (const bad of [undefined, 1, "s"]) {
        try { R.getMetadata("a", bad); out.push("no error"); } catch (e) { out.push(e.constructor.name); }
      }
      process.stdout.write(JSON.stringify(out));`;
    const run = (module: string) => {
      const res = spawnSync(
        process.execPath,
        ["-e", `require(${JSON.stringify(module)});${exercise}`],
        {
          cwd: root,
          encoding: "utf8",
        },
      );
      if (res.status !== 0) throw new Error(res.stderr);
      return JSON.parse(res.stdout) as unknown[];
    };
    const expected = run("reflect-metadata");
    expect(run(REFLECT_METADATA)).toEqual(expected);
    // Not vacuous: the lookups found metadata up the prototype chain.
    expect(JSON.stringify(expected)).toContain('"function String() { [native code] }"');
  });
});
