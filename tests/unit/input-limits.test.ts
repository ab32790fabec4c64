import "reflect-metadata";
import { getNamedType, getNullableType, isInputObjectType, isListType } from "graphql";
import { describe, expect, it } from "vitest";
import { declaredLimits } from "../../src/graphql/common/input-limits";
import { getSchema } from "../../src/graphql/schema";

/** Every input field of the API's schema, with the limits the boundary (guard.ts) applies. */
function inputFields() {
  const fields: { path: string; kind: "text" | "list"; limit: unknown }[] = [];
  for (const type of Object.values(getSchema().getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith("__")) continue;
    for (const f of Object.values(type.getFields())) {
      const limits = { ...f.extensions, ...declaredLimits(type.name, f.name) };
      const t = getNullableType(f.type);
      if (isListType(t))
        fields.push({ path: `${type.name}.${f.name}`, kind: "list", limit: limits.maxItems });
      else if (getNamedType(t).name === "String")
        fields.push({ path: `${type.name}.${f.name}`, kind: "text", limit: limits.maxLength });
    }
  }
  return fields;
}

describe("input limits", () => {
  it("give every text and list input field its own declared maximum, inherited fields included", () => {
    const fields = inputFields();
    // The inputs that extend a shared base carry its fields and must carry its limits too.
    expect(fields.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        "UpdateNotificationDraftInput.summary",
        "UpdateNotificationDraftInput.criteria",
        "NotificationInput.caseIds",
      ]),
    );
    const undeclared = fields.filter((f) => typeof f.limit !== "number").map((f) => f.path);
    expect(undeclared).toEqual([]);
  });

  it("keeps a base class's limits on each input that extends it", () => {
    for (const name of ["NotificationInput", "UpdateNotificationDraftInput"]) {
      expect(declaredLimits(name, "criteria")).toEqual({ maxItems: 9 });
      expect(declaredLimits(name, "summary")).toEqual({ maxLength: 10_000 });
    }
  });
});
