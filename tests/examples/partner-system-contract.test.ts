import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { validate } from "@graphql-inspector/core";
import { buildSchema, Source } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import config, { OUTPUT } from "../../examples/partner-system/codegen";

/**
 * The partner-system example is built on the committed SDL only: its operations must stay valid
 * against schema/schema.graphql (graphql-inspector, with the API's own limits), and the types
 * generated from them (examples/partner-system/src/generated/, committed) must be what codegen
 * makes of the schema now. A schema change that breaks the example fails here, or in
 * `npm run typecheck` once the types are regenerated.
 */
const root = resolve(__dirname, "../..");
const example = join(root, "examples/partner-system");
const schemaPath = join(root, "schema/schema.graphql");
const sdl = readFileSync(schemaPath, "utf8");
const operations = readdirSync(join(example, "operations"))
  .filter((f) => f.endsWith(".graphql"))
  .map((f) => new Source(readFileSync(join(example, "operations", f), "utf8"), f));

/** The API's validation limits (docs/errors.md, GRAPHQL_VALIDATION_FAILED and _PARSE_FAILED). */
const LIMITS = { maxDepth: 10, maxAliasCount: 30, maxDirectiveCount: 20, maxTokenCount: 5000 };

const scratch = mkdtempSync(join(tmpdir(), "partner-contract-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Codegen's output for the example's operations against a schema file. */
async function generated(schema = schemaPath) {
  // Typed `FileOutput[] | any` (watch mode): this is no watch.
  const files: { filename: string; content: string }[] = await generate(
    { ...config, schema, cwd: example },
    false,
  );
  expect(files.map((f) => relative(root, f.filename))).toEqual([relative(root, OUTPUT)]);
  return files[0]?.content ?? "";
}

describe("the partner-system example's contract", () => {
  it("has operations, each valid against the committed SDL, within the API's limits, using nothing deprecated", () => {
    expect(operations.map((s) => s.name).sort()).toEqual([
      "agency-cases.graphql",
      "notification-decision.graphql",
      "submit-incident-notification.graphql",
    ]);
    const invalid = validate(buildSchema(sdl), operations, { ...LIMITS, strictDeprecated: true });
    expect(
      invalid.map((d) => ({
        source: d.source.name,
        errors: d.errors.map((e) => e.message),
        deprecated: d.deprecated.map((e) => e.message),
      })),
    ).toEqual([]);
  });

  it("has its generated types up to date with the schema (npm run codegen:example regenerates them)", async () => {
    const committed = readFileSync(OUTPUT, "utf8");
    expect(
      (await generated()) === committed,
      "examples/partner-system/src/generated/graphql.ts is stale: run `npm run codegen:example` and commit it",
    ).toBe(true);
  });

  it("fails on a schema change that breaks it: a field it reads removed, or a type it uses changed", async () => {
    // The field with its description (the only field of that name: on IncidentNotification).
    const field = /\n {2}"""[^"]*"""\n {2}viewerCanReadDecision: Boolean!\n/g;
    expect(sdl.match(field)).toHaveLength(1);
    const removed = sdl.replace(field, "\n");
    const invalid = validate(buildSchema(removed), operations, LIMITS);
    expect(invalid.map((d) => d.source.name)).toEqual(["notification-decision.graphql"]);
    expect(invalid[0]?.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Cannot query field "viewerCanReadDecision" on type "IncidentNotification"/,
      ),
    ]);
    const removedFile = join(scratch, "removed.graphql");
    writeFileSync(removedFile, removed);
    await expect(generated(removedFile)).rejects.toThrow(/viewerCanReadDecision/);

    // Still valid, but not the same contract: the generated types change, so the committed ones
    // are stale (and, once regenerated, the client's `outcome: "SERIOUS_HARM"` fails to compile).
    const renamed = sdl.replace(/^ {2}SERIOUS_HARM$/m, "  HARM");
    expect(renamed).not.toBe(sdl);
    expect(validate(buildSchema(renamed), operations, LIMITS)).toEqual([]);
    const renamedFile = join(scratch, "renamed.graphql");
    writeFileSync(renamedFile, renamed);
    const regenerated = await generated(renamedFile);
    expect(regenerated).not.toBe(readFileSync(OUTPUT, "utf8"));
    expect(regenerated).toMatch(/\| 'HARM'/);
  });
});
