import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseCsv, parseJson } from "../../src/cli/digests-import";
import { digestIdOf } from "../../src/services/digests/catalogue";
import { type TestApi, testApi } from "../helpers/harness";

/** `npm run digests:import` as a user runs it, against the tests' DynamoDB Local. */
const root = resolve(__dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const dir = mkdtempSync(join(tmpdir(), "lif-digests-"));
let api: TestApi;

afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  api = await testApi();
});

function run(file: string, ...args: string[]) {
  const res = spawnSync(tsx, ["src/cli/digests-import.ts", file, ...args], {
    cwd: root,
    env: { ...process.env, DYNAMODB_ENDPOINT: inject("dynamoEndpoint"), LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const HEADER =
  "ref,title,publishingArea,publishedOn,ageGroup,summary,keyLearning,recommendations,themes";

describe("npm run digests:import", () => {
  it("imports a CSV file's good rows, reports a malformed row by its line, and a second run creates nothing", async () => {
    const tag = randomUUID().slice(0, 8);
    const csv = [
      HEADER,
      `cli-${tag}-1,"Child R: a long, slow decline",Northmere,2016-04-01,AGE_5_TO_10,"Neglect over years.\nSeen by many.",Chronology matters,"Use a tool | Visit unannounced",neglect`,
      `cli-${tag}-2,Child S,,2031-01-01,,Future review,Learning,,neglect`,
      `cli-${tag}-3,Child T,Eastbrook,2018-02-01,,Summary,Learning,,domestic-abuse | information-sharing`,
    ].join("\n");
    const file = join(dir, "reviews.csv");
    writeFileSync(file, csv);

    const first = run(file);
    expect(first.status, first.stderr).toBe(3);
    // The second record starts on line 4 (the first's quoted summary spans lines 2-3).
    expect(first.stderr).toContain("line 4: publishedOn: The date is in the future");
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });

    const again = run(file);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    writeFileSync(file, csv.replace("Child T,", "Child T (revised),"));
    const changed = run(file);
    expect(JSON.parse(changed.stdout)).toMatchObject({ created: 0, updated: 1, unchanged: 1 });

    const editor = await (await import("../helpers/harness")).newTenant(api);
    const read = await api.gql<{ nationalReviewDigest: { title: string; summary: string } }>(
      await editor.token("CATALOGUE_EDITOR"),
      `query($id: ID!) { nationalReviewDigest(id: $id) { title summary recommendations } }`,
      { id: digestIdOf(`cli-${tag}-1`) },
    );
    expect(read.data?.nationalReviewDigest).toMatchObject({
      title: "Child R: a long, slow decline",
      summary: "Neglect over years.\nSeen by many.",
      recommendations: ["Use a tool", "Visit unannounced"],
    });
  });

  it("imports JSON, reporting a row of the wrong shape by the line it starts on, with a progress bar when asked", () => {
    const tag = randomUUID().slice(0, 8);
    const row = (n: number) => ({
      ref: `json-${tag}-${n}`,
      title: `Child ${n}`,
      publishedOn: "2015-05-05",
      summary: "Summary",
      keyLearning: "Learning",
      themes: ["neglect"],
    });
    const text = `[\n${JSON.stringify(row(1))},\n${JSON.stringify({ ...row(2), title: 42 })},\n${JSON.stringify(row(3))}\n]\n`;
    const file = join(dir, "reviews.json");
    writeFileSync(file, text);
    const res = run(file, "--progress");
    expect(res.status).toBe(3);
    expect(res.stderr).toContain("line 3: title: Text");
    expect(res.stderr).toMatch(/\] 2\/2 rows, \d+ rows\/s, 0 s left/);
    expect(JSON.parse(res.stdout)).toMatchObject({ created: 2 });
  });

  it("refuses an unreadable file with the usage (exit 2), importing nothing", () => {
    const res = run(join(dir, "missing.csv"));
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("npm run digests:import");
  });

  it("reads quoted CSV fields and JSON lines exactly", () => {
    expect(parseCsv('ref,title\n"a","b ""c"", d"\n').map((r) => r.fields)).toEqual([
      { ref: "a", title: 'b "c", d' },
    ]);
    expect(parseJson('[\n {"ref": "x"},\n\n {"ref": "y, ]"}\n]').map((r) => r.line)).toEqual([
      2, 4,
    ]);
  });
});
