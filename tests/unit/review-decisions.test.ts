import { describe, expect, it } from "vitest";
import { ConflictError } from "../../src/domain/errors";
import type { Category } from "../../src/domain/notifications";
import {
  checkDecision,
  type DecisionInput,
  decisionState,
  type ReviewDecision,
  SECTION_20_FACTORS,
} from "../../src/domain/review-decisions";
import { fieldOf } from "../helpers/errors";

const stamp = { recordedBy: "u", recordedAt: "2026-05-01T00:00:00Z" };

function record(category: Category, over: Partial<ReviewDecision> = {}): ReviewDecision {
  return {
    notificationId: "n",
    partnershipId: "p",
    category,
    subgroupRecommendation: { recommendation: "SERIOUS_CASE_REVIEW", rationale: "r", ...stamp },
    agencyViewCount: 0,
    dissentCount: 0,
    decision: null,
    version: 2,
    createdAt: stamp.recordedAt,
    updatedAt: stamp.recordedAt,
    ...over,
  };
}

const allFactors = Object.fromEntries(SECTION_20_FACTORS.map((f) => [f, `assessed ${f}`]));

describe("the review decision", () => {
  it("§18: needs the SCR subgroup's recommendation first", () => {
    const d = record("II", { subgroupRecommendation: null });
    expect(decisionState(d)).toBe("AWAITING_RECOMMENDATION");
    expect(
      fieldOf(() => checkDecision(d, [], { outcome: "SERIOUS_CASE_REVIEW", reasons: "r" })),
    ).toBe("input.outcome");
  });

  it("§18: always carries written reasons", () => {
    expect(
      fieldOf(() =>
        checkDecision(record("II"), [], { outcome: "SERIOUS_CASE_REVIEW", reasons: "  " }),
      ),
    ).toBe("input.reasons");
  });

  it("§18: is refused until every dissenting view has reached the Chair", () => {
    const d = record("II", { dissentCount: 1 });
    const dissents = [{ id: "d1", view: "No SCR needed", ...stamp }];
    expect(
      fieldOf(() => checkDecision(d, dissents, { outcome: "SERIOUS_CASE_REVIEW", reasons: "r" })),
    ).toBe("input.dissentsConsidered");
    const ok = checkDecision(d, dissents, {
      outcome: "SERIOUS_CASE_REVIEW",
      reasons: "r",
      dissentsConsidered: ["d1"],
    });
    expect(ok.dissentsConsidered).toEqual(["d1"]);
  });

  it.each(["I", "II", "III"] as const)(
    "§19: refuses anything but an SCR for category %s",
    (category) => {
      for (const outcome of ["NO_REVIEW", "OTHER_REVIEW"] as const)
        expect(
          fieldOf(() =>
            checkDecision(record(category), [], {
              outcome,
              reasons: "r",
              otherReview: { ground: "POTENTIAL_FOR_LEARNING", method: "Learning event" },
            }),
          ),
        ).toBe("input.outcome");
      expect(
        checkDecision(record(category), [], { outcome: "SERIOUS_CASE_REVIEW", reasons: "r" })
          .outcome,
      ).toBe("SERIOUS_CASE_REVIEW");
    },
  );

  it("§20: refuses a category IV decision that leaves out any of the five factors", () => {
    for (const missing of SECTION_20_FACTORS) {
      const input: DecisionInput = {
        outcome: "NO_REVIEW",
        reasons: "r",
        causeForConcernAboutWorkingTogether: false,
        section20: { ...allFactors, [missing]: " " },
      };
      expect(fieldOf(() => checkDecision(record("IV"), [], input))).toBe(
        `input.section20.${missing}`,
      );
    }
  });

  it("§20: requires an SCR for category IV when agencies' working together gives cause for concern", () => {
    const base = { reasons: "r", section20: allFactors, causeForConcernAboutWorkingTogether: true };
    expect(fieldOf(() => checkDecision(record("IV"), [], { ...base, outcome: "NO_REVIEW" }))).toBe(
      "input.outcome",
    );
    expect(
      checkDecision(record("IV"), [], { ...base, outcome: "SERIOUS_CASE_REVIEW" }).section20,
    ).toEqual(allFactors);
  });

  it("§21/§24: another review names its method and §24 ground; only an OTHER_REVIEW commissions one", () => {
    const base = {
      reasons: "r",
      section20: allFactors,
      causeForConcernAboutWorkingTogether: false,
    };
    expect(
      fieldOf(() => checkDecision(record("IV"), [], { ...base, outcome: "OTHER_REVIEW" })),
    ).toBe("input.otherReview");
    const d = checkDecision(record("IV"), [], {
      ...base,
      outcome: "OTHER_REVIEW",
      otherReview: {
        ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
        method: "Multi-agency learning review",
      },
    });
    expect(d.otherReview).toEqual({
      ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
      method: "Multi-agency learning review",
      kind: null,
    });
    expect(
      fieldOf(() =>
        checkDecision(record("IV"), [], {
          ...base,
          outcome: "NO_REVIEW",
          otherReview: { ground: "POTENTIAL_FOR_LEARNING", method: "m" },
        }),
      ),
    ).toBe("input.otherReview");
  });

  it("is taken once: a second decision is a conflict", () => {
    const decided = record("II", {
      decision: {
        outcome: "SERIOUS_CASE_REVIEW",
        reasons: "r",
        causeForConcernAboutWorkingTogether: null,
        section20: null,
        otherReview: null,
        dissentsConsidered: [],
        reviewId: null,
        ...stamp,
      },
    });
    expect(decisionState(decided)).toBe("DECIDED");
    expect(() =>
      checkDecision(decided, [], { outcome: "SERIOUS_CASE_REVIEW", reasons: "r" }),
    ).toThrow(ConflictError);
  });
});
