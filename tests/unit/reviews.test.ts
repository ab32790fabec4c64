import { describe, expect, it } from "vitest";
import { type Contribution, newContribution, submit } from "../../src/domain/contributions";
import { ConflictError } from "../../src/domain/errors";
import {
  attachRecords,
  type ConsentRecord,
  checkSwap,
  consentedAgencies,
  consentWithdrawnOn,
  type FamilyContact,
  newConsent,
  planShares,
} from "../../src/domain/family";
import { newFinding } from "../../src/domain/findings";
import { publish, reconsiderDueSince, withdraw, withhold } from "../../src/domain/publication";
import { appoint, type Reviewer } from "../../src/domain/reviewers";
import {
  addMonths,
  changeCases,
  commissionReview,
  familyRegime,
  type Review,
  reviewFromDecision,
  reviewOverdueSince,
  transitionReview,
} from "../../src/domain/reviews";
import { fieldOf } from "../helpers/errors";

const TODAY = "2026-11-28";
const rec = { by: "u", at: "2026-11-28T10:00:00.000Z", today: TODAY };

function review(over: Partial<Review> = {}): Review {
  return {
    ...commissionReview(
      {
        kind: "LEARNING_REVIEW",
        ground: "POTENTIAL_FOR_LEARNING",
        title: "Thematic review",
        caseIds: ["c1"],
        participatingAgencyIds: ["a0", "a1", "a2"],
        commissionedOn: "2026-06-01",
        targetDate: "2026-12-01",
      },
      "r",
      "p",
      rec,
    ),
    ...over,
  };
}

const scr = (over: Partial<Review> = {}) =>
  review({ kind: "SERIOUS_CASE_REVIEW", ground: null, ...over });

const reviewer = (over: Partial<Reviewer> = {}): Reviewer => ({
  id: "rv",
  partnershipId: "p",
  name: "Pat Reviewer",
  kind: "INDEPENDENT",
  agencyId: null,
  personId: null,
  trainingCount: 1,
  trainedUntil: "2027-06-01",
  version: 2,
  createdAt: rec.at,
  updatedAt: rec.at,
  ...over,
});

const contact = (over: Partial<FamilyContact> = {}): FamilyContact => ({
  id: "fc",
  caseId: "c1",
  familyMember: "Mother",
  on: "2026-07-01",
  method: "VISIT",
  outcome: "Purpose explained",
  purposeExplained: true,
  recordedBy: "u",
  recordedAt: rec.at,
  ...over,
});

const consent = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: "cr",
  caseId: "c1",
  familyMember: "Mother",
  status: "GIVEN",
  agencyIds: ["a0", "a1"],
  on: "2026-07-02",
  note: null,
  recordedBy: "u",
  recordedAt: rec.at,
  ...over,
});

describe("reviews", () => {
  it("§18–20: an SCR is targeted six months from the Chair's decision", () => {
    const r = reviewFromDecision(
      {
        id: "n",
        partnershipId: "p",
        caseIds: ["c1"],
        concernedAgencyIds: ["a0", "a1", "a0"],
        pseudonym: "Child ABCDEF",
      },
      { outcome: "SERIOUS_CASE_REVIEW", otherReview: null },
      "r",
      { ...rec, today: "2026-08-31" },
    );
    expect(r).toMatchObject({
      kind: "SERIOUS_CASE_REVIEW",
      ground: null,
      targetDate: "2027-02-28",
      participatingAgencyIds: ["a0", "a1"],
      title: "Serious case review: Child ABCDEF",
    });
    expect(addMonths("2026-05-31", 6)).toBe("2026-11-30");
  });

  it("§24: another review names its ground; a near-miss review is held on §24 I; an SCR only by decision", () => {
    expect(
      fieldOf(() =>
        commissionReview(
          { ...review(), kind: "NEAR_MISS_REVIEW", ground: "STRATEGIC_BUSINESS_PLAN" } as never,
          "r",
          "p",
          rec,
        ),
      ),
    ).toBe("input.ground");
    expect(
      fieldOf(() =>
        commissionReview({ ...review(), kind: "SERIOUS_CASE_REVIEW" } as never, "r", "p", rec),
      ),
    ).toBe("input.kind");
  });

  it("§25: SCRs and near-miss reviews follow §26–29; other reviews §30–32", () => {
    expect(familyRegime(scr())).toBe("STATUTORY");
    expect(
      familyRegime(
        review({ kind: "NEAR_MISS_REVIEW", ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD" }),
      ),
    ).toBe("STATUTORY");
    expect(
      familyRegime(
        review({ kind: "OTHER_INDEPENDENT_REVIEW", ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD" }),
      ),
    ).toBe("STATUTORY");
    expect(familyRegime(review())).toBe("CONSENT");
    expect(
      familyRegime(review({ kind: "STRATEGIC_REVIEW", ground: "STRATEGIC_BUSINESS_PLAN" })),
    ).toBe("CONSENT");
  });

  it("§21, §33: enforces the lifecycle, dated in order (publication by its own rules)", () => {
    const r = review({ status: "IN_PROGRESS", statusOn: "2026-07-01", findingCount: 1 });
    const facts = { casesWithoutFamilyContact: [], findings: 1 };
    expect(fieldOf(() => transitionReview(r, { to: "ACCEPTED", on: TODAY }, facts, "e", rec))).toBe(
      "input.to",
    );
    expect(
      fieldOf(() => transitionReview(r, { to: "PUBLISHED", on: TODAY }, facts, "e", rec)),
    ).toBe("input.to");
    expect(
      fieldOf(() => transitionReview(r, { to: "DRAFT_REPORT", on: "2026-06-30" }, facts, "e", rec)),
    ).toBe("input.on");
    expect(
      transitionReview(r, { to: "DRAFT_REPORT", on: TODAY }, facts, "e", rec).change,
    ).toMatchObject({
      status: "DRAFT_REPORT",
      statusOn: TODAY,
      eventCount: 1,
    });
  });

  it("§27: an SCR's draft report waits until the family's involvement was sought for each case", () => {
    const r = scr({ status: "IN_PROGRESS", statusOn: "2026-07-01" });
    expect(() =>
      transitionReview(
        r,
        { to: "DRAFT_REPORT", on: TODAY },
        { casesWithoutFamilyContact: ["c1"], findings: 2 },
        "e",
        rec,
      ),
    ).toThrow(/§27/);
  });

  it("§18–20: is overdue from its target (six months for an SCR), or from a milestone's lateness, whichever first", () => {
    const r = review({ status: "IN_PROGRESS", targetDate: "2026-11-20" });
    const m = { id: "r:1", dueDate: "2026-11-10", completedOn: null } as never;
    expect(reviewOverdueSince(r, [m], TODAY)).toBe("2026-11-11");
    expect(reviewOverdueSince(r, [], TODAY)).toBe("2026-11-21");
    expect(
      reviewOverdueSince(review({ status: "ACCEPTED", targetDate: "2026-11-20" }), [m], TODAY),
    ).toBeNull();
  });
});

describe("§23: reviewers", () => {
  const facts = (over = {}) => ({
    reviewer: reviewer(),
    person: null,
    caseAgencyIds: ["a0", "a1"],
    ...over,
  });

  it("§23: one lead reviewer; a second appointment is a conflict, not a silent replacement", () => {
    expect(
      appoint(scr(), { role: "LEAD_REVIEWER" }, facts(), rec).change.leadReviewerId,
    ).toBeTruthy();
    expect(() =>
      appoint(scr({ leadReviewerId: "reviewer-1" }), { role: "LEAD_REVIEWER" }, facts(), rec),
    ).toThrow(ConflictError);
  });

  it("§23: only a reviewer with current training reviews an SCR", () => {
    const expired = reviewer({ trainedUntil: "2026-11-27" });
    expect(() =>
      appoint(scr(), { role: "LEAD_REVIEWER" }, facts({ reviewer: expired }), rec),
    ).toThrow(/§23.*no current training.*expired 2026-11-27/);
    expect(() =>
      appoint(
        scr(),
        { role: "CO_REVIEWER" },
        facts({ reviewer: reviewer({ trainedUntil: null }) }),
        rec,
      ),
    ).toThrow(/none recorded/);
    // Training expiring today is still current; other reviews ask for no training.
    expect(
      appoint(
        scr(),
        { role: "LEAD_REVIEWER" },
        facts({ reviewer: reviewer({ trainedUntil: TODAY }) }),
        rec,
      ).change.leadReviewerId,
    ).toBe("rv");
    expect(
      appoint(review(), { role: "LEAD_REVIEWER" }, facts({ reviewer: expired }), rec).member.role,
    ).toBe("LEAD_REVIEWER");
  });

  it("§23: a reviewer employed by an agency involved in a case under review is not independent of it", () => {
    const employed = reviewer({ kind: "MEMBER_AGENCY", agencyId: "a1" });
    expect(() =>
      appoint(scr(), { role: "LEAD_REVIEWER" }, facts({ reviewer: employed }), rec),
    ).toThrow(/§23: not independent/);
    expect(() =>
      appoint(scr(), { role: "PANEL_CHAIR" }, facts({ reviewer: employed }), rec),
    ).toThrow(/§23/);
    // An agency's representative sits on the panel.
    const member = appoint(
      scr(),
      { role: "PANEL_MEMBER" },
      facts({ reviewer: null, person: { id: "pp", agencyId: "a1" } }),
      rec,
    );
    expect(member.member).toMatchObject({ role: "PANEL_MEMBER", personId: "pp", agencyId: "a1" });
    expect(member.change.reviewerAgencyIds).toEqual([]);
  });
});

describe("§28: contributions", () => {
  const asked = (): Contribution =>
    newContribution(
      review({ status: "IN_PROGRESS" }),
      { agencyId: "a1", kind: "CHRONOLOGY", request: "Chronology", dueDate: "2026-12-10" },
      rec,
    );

  it("§28: are asked of participating agencies, while the review is under way", () => {
    expect(
      fieldOf(() =>
        newContribution(
          review(),
          { agencyId: "a9", kind: "CHRONOLOGY", request: "x", dueDate: "2026-12-10" },
          rec,
        ),
      ),
    ).toBe("input.agencyId");
    expect(() =>
      newContribution(
        review({ status: "ACCEPTED" }),
        { agencyId: "a1", kind: "CHRONOLOGY", request: "x", dueDate: "2026-12-10" },
        rec,
      ),
    ).toThrow(ConflictError);
    expect(asked()).toMatchObject({ id: "r:1", status: "REQUESTED", agencyId: "a1" });
  });

  it("§28: an answer is given while one is owed", () => {
    const k = asked();
    const { change } = submit(k, { content: "Chronology" }, "s", rec);
    expect(change.status).toBe("SUBMITTED");
    expect(() => submit({ ...k, ...change }, { content: "Again" }, "s2", rec)).toThrow(
      ConflictError,
    );
    expect(
      fieldOf(() => submit(k, { content: "c", documentUrl: "http://insecure.example" }, "s", rec)),
    ).toBe("input.documentUrl");
  });
});

describe("§26–32: families", () => {
  it("§28: SCRs and near-miss reviews record no consent: the review never waits on the family", () => {
    expect(() => newConsent(scr(), consent(), [contact()], [], "x", rec)).toThrow(/§26–28/);
    // §28: records are attached without consent.
    expect(
      attachRecords(
        scr({ status: "IN_PROGRESS" }),
        { caseId: "c1", agencyId: "a0", description: "GP notes" },
        ["a0"],
        [],
        "x",
        rec,
      ).basis,
    ).toBe("STATUTORY");
  });

  it("§30: consent is informed: the family member was told the review's purpose first", () => {
    expect(
      fieldOf(() =>
        newConsent(review(), consent(), [contact({ purposeExplained: false })], [], "x", rec),
      ),
    ).toBe("input.familyMember");
    expect(
      newConsent(review(), consent(), [contact({ familyMember: " mother " })], [], "x", rec).status,
    ).toBe("GIVEN");
    expect(
      fieldOf(() =>
        newConsent(review(), consent({ status: "WITHDRAWN" }), [contact()], [], "x", rec),
      ),
    ).toBe("input.status");
  });

  it("§30–32: each family member's consent counts: the agencies all agreed to, while none refused or withdrew", () => {
    expect(consentedAgencies([], "c1")).toEqual([]);
    const mother = consent();
    const father = consent({ id: "f", familyMember: "Father", agencyIds: ["a1", "a2"] });
    expect(consentedAgencies([mother, father], "c1")).toEqual(["a1"]);
    const withdrawn = consent({ id: "w", status: "WITHDRAWN", agencyIds: [], on: "2026-08-01" });
    expect(consentedAgencies([mother, father, withdrawn], "c1")).toEqual([]);
    expect(consentWithdrawnOn([mother, father, withdrawn], "c1")).toBe("2026-08-01");
  });

  it("§30: another review attaches a case's records only with consent covering the agency", () => {
    const r = review({ status: "IN_PROGRESS" });
    const input = { caseId: "c1", agencyId: "a0", description: "Social care file" };
    expect(() => attachRecords(r, input, ["a0", "a1"], [], "x", rec)).toThrow(/§30/);
    expect(() =>
      attachRecords(r, { ...input, agencyId: "a2" }, ["a0", "a1", "a2"], [consent()], "x", rec),
    ).toThrow(/§30/);
    expect(attachRecords(r, input, ["a0", "a1"], [consent()], "x", rec).basis).toBe("CONSENT");
  });

  it("§31: a case without consent is swapped for an alternative, its history kept; never an SCR's", () => {
    const r = review({ status: "IN_PROGRESS" });
    expect(() => checkSwap(r, "c1", [consent()])).toThrow(/§31/);
    expect(() => checkSwap(r, "c1", [])).not.toThrow();
    expect(() => checkSwap(scr(), "c1", [])).toThrow(/§26–28/);
    expect(changeCases(r, "c2", "c1", "input.alternativeCaseId")).toEqual({
      caseIds: ["c2"],
      caseChangeCount: 1,
    });
  });

  it("§29: an SCR's information goes to every participating agency, and no other", () => {
    const r = scr({ status: "ACCEPTED", participatingAgencyIds: ["a0", "a1"] });
    const k = { id: "r:1", status: "ACCEPTED", caseId: null } as Contribution;
    const plans = planShares(r, [{ id: "c1", agencyIds: ["a0", "a1", "a3"] }], [k], [], []);
    expect(plans).toEqual([
      { agencyId: "a0", caseIds: ["c1"], contributionIds: ["r:1"] },
      { agencyId: "a1", caseIds: ["c1"], contributionIds: ["r:1"] },
    ]);
    expect(() => planShares(scr({ status: "IN_PROGRESS" }), [], [], [], [])).toThrow(ConflictError);
  });

  it("§32: another review's information goes to the agencies working with the family, as far as each agreed", () => {
    const r = review({ status: "ACCEPTED" });
    const k = { id: "r:1", status: "ACCEPTED", caseId: "c1" } as Contribution;
    const cases = [{ id: "c1", agencyIds: ["a0", "a1", "a3"] }];
    expect(planShares(r, cases, [k], [], [])).toEqual([]);
    expect(planShares(r, cases, [k], [consent()], [])).toEqual([
      { agencyId: "a0", caseIds: ["c1"], contributionIds: ["r:1"] },
      { agencyId: "a1", caseIds: ["c1"], contributionIds: ["r:1"] },
    ]);
  });
});

describe("§5–6: findings", () => {
  it("§5–6: say why, as a pattern of the system, while the review is in progress", () => {
    const input = {
      title: "t",
      whatHappened: "w",
      systemicPattern: " ",
      evidence: "e",
      questionsForBoard: "q",
    };
    expect(fieldOf(() => newFinding(review({ status: "IN_PROGRESS" }), input, rec))).toBe(
      "input.systemicPattern",
    );
    expect(() => newFinding(review(), { ...input, systemicPattern: "p" }, rec)).toThrow(
      ConflictError,
    );
  });
});

describe("§33–34: publication", () => {
  const accepted = (over: Partial<Review> = {}) =>
    scr({ status: "ACCEPTED", statusOn: "2026-11-01", ...over });
  const input = {
    publishedOn: TODAY,
    reportUrl: "https://www.lutonshirescp.example.org/scr/child-k.pdf",
    title: "Serious case review: Child K",
    summary: "What we learned",
    actionStatement: "Agencies will...",
  };

  it("§33: an SCR is published in full with the agencies' action statement, on the board's website (§38)", () => {
    expect(
      fieldOf(() =>
        publish(
          accepted(),
          { ...input, actionStatement: null },
          "https://www.lutonshirescp.example.org",
          "e",
          rec,
        ),
      ),
    ).toBe("input.actionStatement");
    expect(
      fieldOf(() =>
        publish(
          accepted(),
          { ...input, reportUrl: "https://elsewhere.example.com/x.pdf" },
          "https://www.lutonshirescp.example.org",
          "e",
          rec,
        ),
      ),
    ).toBe("input.reportUrl");
    expect(
      publish(accepted(), input, "https://www.lutonshirescp.example.org", "e", rec).published,
    ).toMatchObject({ title: input.title, withdrawnOn: null });
    // §34: another review publishes a summary of its learning, with no statement needed.
    expect(
      publish(
        review({ status: "ACCEPTED", statusOn: "2026-11-01" }),
        { ...input, actionStatement: null },
        null,
        "e",
        rec,
      ).change.status,
    ).toBe("PUBLISHED");
  });

  it("§33: what is published never names a case by its pseudonym, and says something visible", () => {
    const site = "https://www.lutonshirescp.example.org";
    for (const field of ["title", "summary", "actionStatement"] as const)
      expect(
        fieldOf(() =>
          publish(
            accepted(),
            { ...input, [field]: "Learning from Child bnkfe9's case" },
            site,
            "e",
            rec,
            ["Child BNKFE9"],
          ),
        ),
      ).toBe(`input.${field}`);
    expect(
      fieldOf(() => publish(accepted(), { ...input, summary: "\u200b\u200d " }, site, "e", rec)),
    ).toBe("input.summary");
    expect(publish(accepted(), input, site, "e", rec, ["Child BNKFE9"]).change.status).toBe(
      "PUBLISHED",
    );
  });

  it("§33: the twelve months run from the day a backdated publication was recorded", () => {
    const site = "https://www.lutonshirescp.example.org";
    const old = { ...rec, today: "2020-01-10" };
    const at = (today: string) => ({ ...rec, today });
    const backdated = accepted({ statusOn: "2020-01-01" });
    const published = {
      ...backdated,
      ...publish(backdated, { ...input, publishedOn: "2020-01-05" }, site, "e", at(TODAY)).change,
    };
    // Published "2020-01-05" but recorded today: withdrawing today needs a legal reason.
    expect(fieldOf(() => withdraw(published, { on: TODAY, reason: "Old" }, "e", at(TODAY)))).toBe(
      "input.legalReason",
    );
    expect(
      fieldOf(() =>
        withdraw(published, { on: TODAY, reason: "Old", legalReason: "\u200b" }, "e", at(TODAY)),
      ),
    ).toBe("input.legalReason");
    // Recorded when it was published: past twelve months, no legal reason is needed.
    const timely = {
      ...backdated,
      ...publish(backdated, { ...input, publishedOn: "2020-01-05" }, site, "e", old).change,
    };
    expect(withdraw(timely, { on: TODAY, reason: "Old" }, "e", at(TODAY)).change.status).toBe(
      "PUBLICATION_WITHHELD",
    );
  });

  it("§33: withheld only for a recorded legal reason; a delay is reconsidered on its date", () => {
    expect(
      fieldOf(() =>
        withhold(accepted(), { decision: "DELAY", legalReason: "Trial", on: TODAY }, "e", rec),
      ),
    ).toBe("input.reconsiderOn");
    expect(
      fieldOf(() =>
        withhold(accepted(), { decision: "DO_NOT_PUBLISH", legalReason: " ", on: TODAY }, "e", rec),
      ),
    ).toBe("input.legalReason");
    const delayed = {
      ...accepted(),
      ...withhold(
        accepted(),
        { decision: "DELAY", legalReason: "Trial", reconsiderOn: "2027-03-01", on: TODAY },
        "e",
        rec,
      ).change,
    };
    expect(reconsiderDueSince(delayed, "2027-03-01")).toBeNull();
    expect(reconsiderDueSince(delayed, "2027-03-02")).toBe("2027-03-02");
  });

  it("§33: stays public for twelve months: an earlier withdrawal needs a legal reason, and is recorded", () => {
    const before = accepted({ statusOn: "2026-01-02" });
    const published = {
      ...before,
      // Recorded on the day it was published.
      ...publish(before, { ...input, publishedOn: "2026-01-10" }, null, "e", {
        ...rec,
        today: "2026-01-10",
      }).change,
    };
    expect(fieldOf(() => withdraw(published, { on: TODAY, reason: "Asked to" }, "e", rec))).toBe(
      "input.legalReason",
    );
    const early = withdraw(
      published,
      { on: TODAY, reason: "Asked to", legalReason: "Court order" },
      "e",
      rec,
    );
    expect(early.published.withdrawnOn).toBe(TODAY);
    expect(early.change.publication?.publishedOn).toBe("2026-01-10");
    expect(
      withdraw(published, { on: "2027-01-10", reason: "Superseded" }, "e", {
        ...rec,
        today: "2027-01-10",
      }).event.reason,
    ).toMatch(/Withdrawn/);
  });
});
