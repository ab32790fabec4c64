import { describe, expect, it } from "vitest";
import {
  checkCaseAgencies,
  checkCaseIdentity,
  isValidNhsNumber,
  pseudonymFor,
} from "../../src/domain/cases";
import { ValidationError } from "../../src/domain/errors";
import { pageSize } from "../../src/domain/pagination";

describe("case pseudonyms", () => {
  it("are derived from the id alone, stable, and free of ambiguous characters", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(pseudonymFor(id)).toBe(pseudonymFor(id));
    expect(pseudonymFor(id)).toMatch(/^Child [A-HJ-NP-Z2-9]{6}$/);
    expect(pseudonymFor("7c9e6679-7425-40de-944b-e07fc1f90ae7")).not.toBe(pseudonymFor(id));
  });
});

describe("NHS numbers", () => {
  it("accept a number whose modulus 11 check digit is right and refuse others", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659A9")).toBe(false);
  });
});

describe("case rules", () => {
  it("refuse a case with no agency or an agency named twice", () => {
    expect(() => checkCaseAgencies([], "f")).toThrow(ValidationError);
    expect(() => checkCaseAgencies(["a", "a"], "f")).toThrow(/more than once/);
    expect(checkCaseAgencies(["a", "b"], "f")).toEqual(["a", "b"]);
  });

  it("normalise identifying details and name the failing field", () => {
    const ok = checkCaseIdentity(
      {
        childName: "  Ann Example ",
        dateOfBirth: null,
        address: " ",
        nhsNumber: "943 476 5919",
        familyMembers: [],
      },
      "input.identity",
      "2026-11-26",
    );
    expect(ok).toMatchObject({ childName: "Ann Example", address: null, nhsNumber: "9434765919" });
    try {
      checkCaseIdentity(
        {
          childName: "A",
          dateOfBirth: null,
          address: null,
          nhsNumber: null,
          familyMembers: [{ name: " ", relationship: "Father" }],
        },
        "input.identity",
        "2026-11-26",
      );
      expect.unreachable();
    } catch (err) {
      expect((err as ValidationError).field).toBe("input.identity.familyMembers.0");
    }
  });
});

describe("page sizes", () => {
  it("default to 20 and refuse anything outside 1..100", () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(0)).toThrow(ValidationError);
    expect(() => pageSize(101)).toThrow(ValidationError);
  });
});
