import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
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

describe("the Lambda bundles", () => {
  it("carry nothing of the local explorer: no GraphiQL, React, Monaco nor src/local", async () => {
    const { buildAll } = await import("../../scripts/build.mjs");
    const bundles = await buildAll({ quiet: true, outDir: join(out, "dist") });
    expect(bundles.map((b) => b.name)).toEqual(["graphql", "lists", "overdue"]);
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
    const { buildAll } = await import("../../scripts/build.mjs");
    const dist = join(out, "served");
    const bundles = await buildAll({ quiet: true, outDir: dist });
    for (const b of bundles) {
      const unused = b.inputs.filter((i) =>
        /node_modules\/(class-validator|@apollo\/usage-reporting-protobuf|@graphql-tools|date-holidays|date-holidays-parser|astronomia|moment|moment-timezone)\//.test(
          i,
        ),
      );
      expect(unused, b.name).toEqual([]);
    }
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
