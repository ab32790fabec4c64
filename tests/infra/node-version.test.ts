import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One supported Node major everywhere: the one Lambda runs (nodejs22.x). These machines ship an
 * older Node, so the project pins 22 as the npm `node` package: `npm ci` installs it and every
 * `npm run` script, this suite included, runs on it.
 */
const root = resolve(__dirname, "../..");
const read = (f: string) => readFileSync(resolve(root, f), "utf8");

describe("the Node major", () => {
  it("is 22 for the suite, the pinned node package, engines, the Lambda runtime and the bundle target", () => {
    expect(process.versions.node.split(".")[0]).toBe("22");
    const pkg = JSON.parse(read("package.json"));
    expect(pkg.devDependencies.node).toMatch(/^22\./);
    expect(pkg.engines.node).toBe(">=22.12 <23");
    expect(read("serverless.yml")).toMatch(/runtime: nodejs22\.x/);
    expect(read("scripts/build.mjs")).toMatch(/target: "node22"/);
  });
});
