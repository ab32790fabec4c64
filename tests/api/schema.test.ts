import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { getNamedType, getNullableType, isListType } from "graphql";
import { describe, expect, it } from "vitest";
import { getSchema } from "../../src/graphql/schema";
import { printSchemaSdl } from "../../src/graphql/sdl";

describe("the committed schema", () => {
  it("is exactly what the code emits (run `npm run schema` and commit the change)", () => {
    const committed = readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(printSchemaSdl()).toBe(committed);
  });

  it("makes every list a cursor connection with first/after", () => {
    const fields = Object.values(getSchema().getQueryType()?.getFields() ?? {});
    const connections = fields.filter((f) => getNamedType(f.type).name.endsWith("Connection"));
    expect(connections.map((f) => f.name).sort()).toEqual([
      "accessLog",
      "actions",
      "agencies",
      "agencyAudits",
      "annualReport",
      "auditExercises",
      "auditGroupMeetings",
      "businessPriorities",
      "cases",
      "catalogueOffers",
      "challengeSessions",
      "contributionRequests",
      "escalations",
      "nationalReviewDigests",
      "nearMissReports",
      "notifications",
      "overdueSummaries",
      "partnerSystems",
      "people",
      "publishedLearning",
      "recommendations",
      "reflections",
      "reviewers",
      "reviews",
      "section11Standards",
    ]);
    for (const f of connections)
      expect(
        f.args.map((a) => a.name),
        f.name,
      ).toEqual(expect.arrayContaining(["first", "after"]));
    for (const f of fields) expect(isListType(getNullableType(f.type)), f.name).toBe(false);
  });
});
