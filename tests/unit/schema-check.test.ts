import { describe, expect, it } from "vitest";
import { checkSchema, coordinate, unreleasedSection } from "../../scripts/schema-check-lib";

const RELEASED = `
  type Query { case(id: ID!): Case!, cases(first: Int): [Case!]! }
  type Case { id: ID!, pseudonym: String! }
`;
const CURRENT = `
  type Query { case(id: ID!): Case, cases(first: Int, after: String): [Case!]! }
  type Case { id: ID!, pseudonym: String!, status: String }
`;

describe("the breaking-change check", () => {
  it("lists breaking, dangerous and safe changes by coordinate", async () => {
    const check = await checkSchema(RELEASED, CURRENT, "");
    expect(check.breaking.map(coordinate)).toEqual(["Query.case"]);
    expect(check.dangerous.map(coordinate)).toEqual(["Query.cases.after"]);
    expect(check.safe.map(coordinate)).toEqual(["Case.status"]);
  });

  it("fails a breaking change the unreleased section does not record, and passes one it does", async () => {
    const unrecorded = await checkSchema(RELEASED, CURRENT, "# Changelog\n\n## Unreleased\n\n");
    expect(unrecorded.unrecorded.map(coordinate)).toEqual(["Query.case"]);
    const recorded = await checkSchema(
      RELEASED,
      CURRENT,
      "# Changelog\n\n## Unreleased\n\n- `Query.case` is nullable.\n\n## 1.0.0\n",
    );
    expect(recorded.unrecorded).toEqual([]);
  });

  it("does not count a change recorded under a released version", async () => {
    const changelog = "## Unreleased\n\nNothing yet.\n\n## 1.0.0\n\n- `Query.case` is nullable.\n";
    expect(unreleasedSection(changelog)).toBe("\nNothing yet.\n\n");
    const check = await checkSchema(RELEASED, CURRENT, changelog);
    expect(check.unrecorded.map(coordinate)).toEqual(["Query.case"]);
  });
});
