import { describe, expect, it } from "vitest";
import { type Action, actionRag, checkActionStatus, newAction } from "../../src/domain/actions";
import { effectiveness } from "../../src/domain/effectiveness";
import { rag } from "../../src/domain/rag";
import {
  type Recommendation,
  type RecommendationStatus,
  transition,
} from "../../src/domain/recommendations";
import { fieldOf } from "../helpers/errors";

const TODAY = "2026-12-31";

function rec(over: Partial<Recommendation> = {}): Recommendation {
  return {
    id: "r",
    partnershipId: "p",
    source: { kind: "SERIOUS_CASE_REVIEW", activityId: null, title: "SCR Child K" },
    text: "t",
    finding: "f",
    findingId: null,
    owningAgencyId: "a",
    participatingAgencyIds: [],
    priority: "HIGH",
    businessPriorityId: null,
    madeOn: "2026-01-01",
    targetDate: "2026-03-01",
    status: "PROPOSED",
    rejectionReason: null,
    implementedOn: null,
    closedOn: null,
    closedWithoutEvidence: null,
    evidenceCount: 0,
    consequenceCount: 0,
    actionCount: 0,
    revisitOn: null,
    revisitCount: 0,
    history: [],
    version: 1,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...over,
  };
}

describe("the recommendation lifecycle (§35)", () => {
  it("follows proposed -> accepted -> in progress -> implemented -> impact evidenced -> closed", () => {
    let r = rec();
    const path: RecommendationStatus[] = ["ACCEPTED", "IN_PROGRESS", "IMPLEMENTED"];
    for (const to of path) r = { ...r, ...transition(r, { to, on: "2026-02-01" }, "u", TODAY) };
    expect(r.implementedOn).toBe("2026-02-01");
    r = { ...r, evidenceCount: 1 };
    r = { ...r, ...transition(r, { to: "IMPACT_EVIDENCED", on: "2026-04-01" }, "u", TODAY) };
    r = { ...r, ...transition(r, { to: "CLOSED", on: "2026-04-02" }, "u", TODAY) };
    expect(r.status).toBe("CLOSED");
    expect(r.history.map((h) => h.to)).toEqual([...path, "IMPACT_EVIDENCED", "CLOSED"]);
  });

  it("refuses a forbidden transition naming the allowed ones", () => {
    expect(() => transition(rec(), { to: "IMPLEMENTED", on: "2026-02-01" }, "u", TODAY)).toThrow(
      /PROPOSED recommendation cannot become IMPLEMENTED; allowed: ACCEPTED, REJECTED/,
    );
    expect(
      fieldOf(() =>
        transition(rec({ status: "CLOSED" }), { to: "ACCEPTED", on: "2026-02-01" }, "u", TODAY),
      ),
    ).toBe("input.to");
  });

  it("rejects only with a reason", () => {
    expect(fieldOf(() => transition(rec(), { to: "REJECTED", on: "2026-01-05" }, "u", TODAY))).toBe(
      "input.reason",
    );
    expect(
      transition(rec(), { to: "REJECTED", on: "2026-01-05", reason: "Duplicates R3" }, "u", TODAY)
        .rejectionReason,
    ).toBe("Duplicates R3");
  });

  it("refuses to close without impact evidence unless the board decides so with a reason", () => {
    const implemented = rec({ status: "IMPLEMENTED", implementedOn: "2026-02-01" });
    expect(
      fieldOf(() => transition(implemented, { to: "CLOSED", on: "2026-03-01" }, "u", TODAY)),
    ).toBe("input.to");
    expect(
      fieldOf(() =>
        transition(
          implemented,
          { to: "CLOSED", on: "2026-03-01", closeWithoutEvidence: true },
          "u",
          TODAY,
        ),
      ),
    ).toBe("input.reason");
    const closed = transition(
      implemented,
      {
        to: "CLOSED",
        on: "2026-03-01",
        closeWithoutEvidence: true,
        reason: "Service decommissioned",
      },
      "chair",
      TODAY,
    );
    expect(closed.closedWithoutEvidence).toEqual({
      reason: "Service decommissioned",
      decidedBy: "chair",
    });
    expect(
      fieldOf(() =>
        transition(implemented, { to: "IMPACT_EVIDENCED", on: "2026-03-01" }, "u", TODAY),
      ),
    ).toBe("input.to");
  });
});

describe("RAG ratings, derived at the day boundaries", () => {
  it("is RED after the due date, AMBER from 14 days before it to the day itself, GREEN before, BLUE when done", () => {
    expect(rag(false, "2026-06-15", "2026-06-16")).toBe("RED");
    expect(rag(false, "2026-06-15", "2026-06-15")).toBe("AMBER");
    expect(rag(false, "2026-06-15", "2026-06-01")).toBe("AMBER");
    expect(rag(false, "2026-06-15", "2026-05-31")).toBe("GREEN");
    expect(rag(true, "2026-06-15", "2026-07-01")).toBe("BLUE");
    const action = { status: "CANCELLED", dueDate: "2026-06-15" } as Action;
    expect(actionRag(action, "2026-07-01")).toBeNull();
  });
});

describe("effectiveness of learning (§37)", () => {
  it("§37: gives counts, on-time and evidenced shares and the median days to implementation per kind", () => {
    const recs = [
      rec({
        id: "1",
        madeOn: "2026-01-01",
        targetDate: "2026-03-01",
        status: "CLOSED",
        implementedOn: "2026-02-20",
        evidenceCount: 1,
      }),
      rec({
        id: "2",
        madeOn: "2026-01-10",
        targetDate: "2026-02-10",
        status: "IMPLEMENTED",
        implementedOn: "2026-03-12",
      }),
      rec({ id: "3", madeOn: "2026-02-01", status: "IN_PROGRESS" }),
      rec({ id: "4", status: "REJECTED" }),
      rec({
        id: "5",
        source: { kind: "MULTI_AGENCY_AUDIT", activityId: null, title: "Audit" },
        madeOn: "2026-01-01",
        targetDate: "2026-01-31",
        status: "IMPACT_EVIDENCED",
        implementedOn: "2026-01-31",
        evidenceCount: 1,
      }),
    ];
    // On 15 February recommendation 3 (target 1 March) is neither on time nor late yet.
    const rows = effectiveness(recs, "2026-02-15");
    expect(rows.find((r) => r.sourceKind === "SERIOUS_CASE_REVIEW")).toEqual({
      sourceKind: "SERIOUS_CASE_REVIEW",
      recommendations: 3,
      onTime: 1,
      late: 1,
      notYetDue: 1,
      implementedOnTimeShare: 1 / 2,
      evidencedImpactShare: 1 / 3,
      medianDaysToImplementation: 55.5,
    });
    expect(rows.find((r) => r.sourceKind === "MULTI_AGENCY_AUDIT")).toMatchObject({
      recommendations: 1,
      implementedOnTimeShare: 1,
      evidencedImpactShare: 1,
      medianDaysToImplementation: 30,
    });
    // §37: once its target date has passed unimplemented, it is late.
    expect(
      effectiveness(recs, "2026-03-02").find((r) => r.sourceKind === "SERIOUS_CASE_REVIEW"),
    ).toMatchObject({ onTime: 1, late: 2, notYetDue: 0, implementedOnTimeShare: 1 / 3 });
    expect(rows.find((r) => r.sourceKind === "NEAR_MISS")).toEqual({
      sourceKind: "NEAR_MISS",
      recommendations: 0,
      onTime: 0,
      late: 0,
      notYetDue: 0,
      implementedOnTimeShare: null,
      evidencedImpactShare: null,
      medianDaysToImplementation: null,
    });
  });
});

describe("lifecycle dates (§35)", () => {
  const accepted = rec({
    status: "ACCEPTED",
    history: [
      { from: null, to: "PROPOSED", on: "2026-01-01", by: "u" },
      { from: "PROPOSED", to: "ACCEPTED", on: "2026-01-20", by: "u" },
    ],
  });

  it("§35: each lifecycle date is on or after the last step and not in the future", () => {
    expect(
      fieldOf(() => transition(accepted, { to: "IN_PROGRESS", on: "2026-01-19" }, "u", TODAY)),
    ).toBe("input.on");
    expect(
      fieldOf(() => transition(accepted, { to: "IN_PROGRESS", on: "2027-01-01" }, "u", TODAY)),
    ).toBe("input.on");
    expect(transition(accepted, { to: "IN_PROGRESS", on: "2026-01-20" }, "u", TODAY).status).toBe(
      "IN_PROGRESS",
    );
  });

  it("§35: an implemented recommendation is closed by a board decision, even with evidence recorded", () => {
    const implemented = rec({ status: "IMPLEMENTED", evidenceCount: 2 });
    expect(
      fieldOf(() => transition(implemented, { to: "CLOSED", on: "2026-03-01" }, "u", TODAY)),
    ).toBe("input.to");
    const evidenced = rec({ status: "IMPACT_EVIDENCED", evidenceCount: 2 });
    expect(transition(evidenced, { to: "CLOSED", on: "2026-03-01" }, "u", TODAY).closedOn).toBe(
      "2026-03-01",
    );
  });

  const recording = { by: "u", at: "2026-02-01T00:00:00Z", today: "2026-06-01" };
  const input = { responsiblePerson: "p", description: "d", dueDate: "2026-03-01" };

  it("§35: actions are added only to an accepted recommendation, due on or after its acceptance", () => {
    expect(fieldOf(() => newAction(rec(), input, "a", recording))).toBe("input.recommendationId");
    expect(
      fieldOf(() => newAction(accepted, { ...input, dueDate: "2026-01-19" }, "a", recording)),
    ).toBe("input.dueDate");
    expect(newAction(accepted, input, "a", recording).recommendationAcceptedOn).toBe("2026-01-20");
  });

  it("§35: an action's completion is dated on or after its last step, never 1990", () => {
    const a = newAction(accepted, input, "a", recording);
    expect(fieldOf(() => checkActionStatus(a, "COMPLETED", "1990-01-01", "2026-06-01"))).toBe(
      "input.on",
    );
    expect(fieldOf(() => checkActionStatus(a, "COMPLETED", "2026-01-10", "2026-06-01"))).toBe(
      "input.on",
    );
    const started = { ...a, ...checkActionStatus(a, "IN_PROGRESS", "2026-02-10", "2026-06-01") };
    expect(fieldOf(() => checkActionStatus(started, "COMPLETED", "2026-02-09", "2026-06-01"))).toBe(
      "input.on",
    );
    expect(checkActionStatus(started, "COMPLETED", "2026-02-10", "2026-06-01").completedOn).toBe(
      "2026-02-10",
    );
  });
});
