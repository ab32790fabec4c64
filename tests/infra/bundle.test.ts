import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay } from "../../src/domain/working-days";

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

describe("the Lambda bundle's trimmed holiday and time-zone data", () => {
  it("gives exactly the working days that the full date-holidays data gives, 2014-2040", async () => {
    const { holidayDataPlugin, timeZoneDataPlugin } = await import("../../scripts/build.mjs");
    const outfile = join(out, "working-days.js");
    await build({
      absWorkingDir: root,
      entryPoints: [join(root, "src/domain/working-days.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      minify: true,
      logLevel: "error",
      plugins: [holidayDataPlugin, timeZoneDataPlugin],
    });
    const bundled = createRequire(__filename)(outfile) as {
      isWorkingDay: typeof isWorkingDay;
      addWorkingDays: typeof addWorkingDays;
    };
    const all = days(2014, 2040);
    const differing = all.filter((d) => bundled.isWorkingDay(d) !== isWorkingDay(d));
    expect(differing).toEqual([]);
    expect(
      all.filter((d) => !bundled.isWorkingDay(d) && ![0, 6].includes(new Date(d).getUTCDay()))
        .length,
    ).toBeGreaterThan(27 * 8 - 1);
    expect(bundled.addWorkingDays("2026-12-23", 5)).toBe("2027-01-04");
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
});
