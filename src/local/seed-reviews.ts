import type { Store } from "../data/store";
import type { OtherReviewGround } from "../domain/review-decisions";
import type { Review, ReviewKind } from "../domain/reviews";
import type { ServiceContext } from "../services/context";
import { transitionRecommendation } from "../services/learning/recommendations";
import {
  requestContribution,
  reviewContribution,
  submitContribution,
} from "../services/reviews/contributions";
import {
  attachCaseRecords,
  recordConsent,
  recordFamilyContact,
  shareReviewInformation,
  swapReviewCase,
} from "../services/reviews/family";
import { addFinding, recommendFromFinding } from "../services/reviews/findings";
import {
  appointPanelMember,
  createReviewer,
  recordReviewerTraining,
} from "../services/reviews/panel";
import {
  publishReview,
  withdrawPublication,
  withholdPublication,
} from "../services/reviews/publication";
import {
  addMilestone,
  commissionReviewOn,
  getReview,
  transitionReview,
  updateMilestone,
} from "../services/reviews/reviews";
import { actingAs, type DecidedReviews, type SeedRecords } from "./seed-notifications";
import { DEMO_VARIANT, type SeedVariant, seedClock } from "./seed-variant";
import { stableIds } from "./stable-id";

const FINDINGS = [
  {
    title: "Health were left out of strategy discussions",
    whatHappened: "The hospital was not invited to two of the three strategy discussions.",
    systemicPattern:
      "The referral form has no field for health involvement, and the out-of-hours team uses a different form: who to invite depends on who takes the call.",
    evidence: "Minutes of the strategy discussions; the practitioner learning event.",
    questionsForBoard:
      "How will the board know that health are invited to every strategy discussion?",
  },
  {
    title: "Escalation relied on individuals",
    whatHappened: "Concerns raised by the school were not escalated for six weeks.",
    systemicPattern:
      "The escalation policy names no time limit and no deputy, so it works only when the named manager is at work.",
    evidence: "The school's chronology; interviews with the designated safeguarding lead.",
    questionsForBoard:
      "Should the escalation policy set a time limit that agencies report against?",
  },
];

/**
 * Demo reviews at every stage (commissioned, in progress, draft report, accepted, published,
 * publication withheld, closed), with a reviewer pool, milestones (one late), contributions
 * (owed, answered, accepted), families' involvement and consent, findings and the recommendations
 * made from them, and one published SCR. Made through the services, so the seed obeys the same
 * rules as the API; board-commissioned reviews are dated in the past, so some are overdue. A
 * `variant` other than the demo's makes a copy (the scale seed's): its own ids, dated back.
 */
export async function seedReviews(
  store: Store,
  seed: SeedRecords,
  decided: DecidedReviews | null,
  variant: SeedVariant = DEMO_VARIANT,
): Promise<void> {
  const [a0, a1, a2, a3, a4] = seed.agencies.map((a) => a.id);
  const caseIds = seed.cases.map((c) => c.record.id);
  if (!decided || !a0 || !a1 || !a2 || !a3 || !a4 || caseIds.length < 12) return;
  const ids = stableIds(`${variant.namespace}reviews:${seed.partnership.code}`);
  const { daysAgo, daysAhead, now } = seedClock(variant);
  const bu = () => actingAs(store, seed, ids, "BUSINESS_UNIT", undefined, now);
  const chair = () => actingAs(store, seed, ids, "INDEPENDENT_CHAIR", undefined, now);
  const website = seed.partnership.website ?? "https://www.example.org";
  const reviewerPerson = seed.people.find((p) => p.roles.includes("REVIEWER"))?.id ?? null;

  // §23: the pool: an independent reviewer (the demo REVIEWER signs in as them), another
  // independent one, and one from the police whose training has expired.
  const trained = async (name: string, personId: string | null, agencyId: string | null) => {
    const r = await createReviewer(bu(), {
      name,
      kind: agencyId ? "MEMBER_AGENCY" : "INDEPENDENT",
      agencyId,
      personId,
    });
    await recordReviewerTraining(bu(), r.id, {
      course: "SCIE Learning Together: systems approach to case reviews",
      completedOn: daysAgo(agencyId ? 1200 : 200),
      expiresOn: agencyId ? daysAgo(100) : daysAhead(900),
    });
    return r.id;
  };
  const lead = await trained("Dr Sam Demo (independent reviewer)", reviewerPerson, null);
  const second = await trained("Alex Sample (independent reviewer)", null, null);
  await trained("DI Jo Example (police reviewer)", null, a0);

  const appoint = (id: string, reviewerId: string, role: "LEAD_REVIEWER" | "CO_REVIEWER") =>
    appointPanelMember(bu(), id, { role, reviewerId });
  const step = async (ctx: ServiceContext, id: string, to: Review["status"], on: string) => {
    const r = await getReview(bu(), id);
    return transitionReview(ctx, id, r.version, {
      to,
      on,
      reason: to === "IN_PROGRESS" && r.status === "DRAFT_REPORT" ? "More work" : null,
    });
  };
  const contact = (id: string, caseId: string, on: string, familyMember = "Mother") =>
    recordFamilyContact(bu(), id, {
      caseId,
      familyMember,
      on,
      method: "VISIT",
      outcome: "Told about the review and invited to give their view",
      purposeExplained: true,
    });
  const answered = async (id: string, agencyId: string, caseId: string | null) => {
    const k = await requestContribution(bu(), id, {
      agencyId,
      kind: "CHRONOLOGY",
      caseId,
      request: "A chronology of your agency's involvement with the family",
      dueDate: daysAhead(1),
    });
    await submitContribution(actingAs(store, seed, ids, "AGENCY_LEAD", agencyId, now), k.id, {
      content: "Chronology of involvement (demo)",
      documentUrl: null,
    });
    await reviewContribution(bu(), k.id, 2, { outcome: "ACCEPTED" });
  };
  const findings = async (id: string, count: number) => {
    const out = [];
    for (const f of FINDINGS.slice(0, count)) out.push(await addFinding(bu(), id, f));
    return out;
  };
  const commission = (
    kind: ReviewKind,
    ground: OtherReviewGround,
    title: string,
    cases: readonly string[],
    agencies: readonly string[],
    ago: number,
    target: string,
  ) =>
    commissionReviewOn(bu(), {
      kind,
      ground,
      title,
      method: "SCIE Learning Together",
      termsOfReference: "How agencies worked together, and why (§5–6)",
      caseIds: cases,
      participatingAgencyIds: agencies,
      commissionedOn: daysAgo(ago),
      targetDate: target,
    });

  // 1. The category III SCR, all the way to publication (§33): the published SCR.
  const review1 = async () => {
    const id = decided.scr;
    await appoint(id, lead, "LEAD_REVIEWER");
    await addMilestone(bu(), id, { name: "Terms of reference agreed", dueDate: daysAhead(14) });
    await addMilestone(bu(), id, { name: "Practitioner learning event", dueDate: daysAhead(60) });
    await step(bu(), id, "IN_PROGRESS", daysAgo(0));
    const r = await getReview(bu(), id);
    for (const agencyId of r.participatingAgencyIds.slice(0, 2)) await answered(id, agencyId, null);
    for (const caseId of r.caseIds) await contact(id, caseId, daysAgo(0));
    const [f] = await findings(id, 2);
    await step(bu(), id, "DRAFT_REPORT", daysAgo(0));
    await step(chair(), id, "ACCEPTED", daysAgo(0));
    if (f) {
      const rec = await recommendFromFinding(bu(), f.id, {
        text: "Add a health field to the strategy discussion referral form, in and out of hours",
        owningAgencyId: r.participatingAgencyIds[0] ?? null,
        priority: "HIGH",
        madeOn: daysAgo(0),
        targetDate: daysAhead(90),
      });
      await transitionRecommendation(bu(), rec.id, rec.version, { to: "ACCEPTED", on: daysAgo(0) });
    }
    await shareReviewInformation(bu(), id, (await getReview(bu(), id)).version);
    await publishReview(chair(), id, (await getReview(bu(), id)).version, {
      publishedOn: daysAgo(0),
      reportUrl: `${website}/learning/scr-child-t.pdf`,
      title: "Serious case review: Child T",
      summary:
        "Child T died in a Tier 4 unit. Health were not invited to strategy discussions, and concerns were not escalated in time; the review explains why, as patterns of the system.",
      actionStatement:
        "Children's social care will invite health to every strategy discussion from January; every agency will report escalations older than ten days to the board each quarter.",
    });
  };
  // 2. The category IV SCR, under way: a co-reviewer, a contribution owed, a milestone done.
  const review2 = async () => {
    const id = decided.discretionaryScr;
    await appoint(id, second, "LEAD_REVIEWER");
    const r = await addMilestone(bu(), id, { name: "Chronologies in", dueDate: daysAhead(21) });
    await addMilestone(bu(), id, { name: "Draft report", dueDate: daysAhead(120) });
    await updateMilestone(bu(), `${r.id}:1`, 1, { dueDate: daysAhead(28) });
    await step(bu(), id, "IN_PROGRESS", daysAgo(0));
    const [agency] = r.participatingAgencyIds;
    if (agency)
      await requestContribution(bu(), id, {
        agencyId: agency,
        kind: "AGENCY_REPORT",
        caseId: null,
        request: "Your agency's report on its involvement and what it has learnt",
        dueDate: daysAhead(21),
      });
  };
  // 3. The review below the threshold stays commissioned (§24 I): decided today, not started.
  // 4. A thematic learning review (§24 II, §30–31), past its target and with a milestone late:
  //    one family consented, the other did not and their case was swapped for an alternative.
  const review4 = async () => {
    const r = await commission(
      "LEARNING_REVIEW",
      "POTENTIAL_FOR_LEARNING",
      "Thematic review: neglect of adolescents",
      [caseIds[6] as string, caseIds[7] as string],
      [a0, a1, a2, a3, a4],
      150,
      daysAgo(10),
    );
    await appoint(r.id, second, "LEAD_REVIEWER");
    await addMilestone(bu(), r.id, { name: "Case selection agreed", dueDate: daysAgo(120) });
    await addMilestone(bu(), r.id, { name: "Family conversations", dueDate: daysAgo(30) });
    await updateMilestone(bu(), `${r.id}:1`, 1, { completedOn: daysAgo(118) });
    await step(bu(), r.id, "IN_PROGRESS", daysAgo(118));
    await contact(r.id, caseIds[6] as string, daysAgo(100));
    await recordConsent(bu(), r.id, {
      caseId: caseIds[6] as string,
      familyMember: "Mother",
      status: "GIVEN",
      agencyIds: seed.cases[6]?.record.agencyIds ?? [],
      on: daysAgo(95),
      note: "Agreed to share records and to meet the reviewer",
    });
    const sixAgency = seed.cases[6]?.record.agencyIds[0];
    if (sixAgency)
      await attachCaseRecords(bu(), r.id, {
        caseId: caseIds[6] as string,
        agencyId: sixAgency,
        description: "Case summary and chronology, 2024-2026",
      });
    await contact(r.id, caseIds[7] as string, daysAgo(90));
    await recordConsent(bu(), r.id, {
      caseId: caseIds[7] as string,
      familyMember: "Mother",
      status: "REFUSED",
      on: daysAgo(80),
      note: "Did not want the family's records shared",
    });
    const swapped = await getReview(bu(), r.id);
    await swapReviewCase(bu(), r.id, swapped.version, {
      caseId: caseIds[7] as string,
      alternativeCaseId: caseIds[8] as string,
      reason: "§31: the family did not consent; a case with the same theme instead",
    });
  };
  // 5. A strategic review of cases (§24 III) at draft report, with its findings.
  const review5 = async () => {
    const r = await commission(
      "STRATEGIC_REVIEW",
      "STRATEGIC_BUSINESS_PLAN",
      "Audit of cases: early help step-down",
      [caseIds[9] as string],
      [a0, a3],
      200,
      daysAhead(30),
    );
    await step(bu(), r.id, "IN_PROGRESS", daysAgo(190));
    await findings(r.id, 2);
    await step(bu(), r.id, "DRAFT_REPORT", daysAgo(20));
  };
  // 6. A near-miss review (§24 I) accepted, its publication delayed for a legal reason (§33);
  //    the date to reconsider has passed, so the overdue job lists it.
  const review6 = async () => {
    const r = await commission(
      "NEAR_MISS_REVIEW",
      "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
      "Near-miss review: missed bruising in a non-mobile baby",
      [caseIds[10] as string],
      seed.cases[10]?.record.agencyIds ?? [a0],
      300,
      daysAgo(100),
    );
    await step(bu(), r.id, "IN_PROGRESS", daysAgo(290));
    await contact(r.id, caseIds[10] as string, daysAgo(280));
    await findings(r.id, 1);
    await step(bu(), r.id, "DRAFT_REPORT", daysAgo(150));
    await step(chair(), r.id, "ACCEPTED", daysAgo(120));
    const accepted = await getReview(bu(), r.id);
    await withholdPublication(chair(), r.id, accepted.version, {
      decision: "DELAY",
      legalReason: "Criminal proceedings against a parent are under way",
      reconsiderOn: daysAgo(5),
      on: daysAgo(110),
    });
  };
  // 7. An independent review (§24 II) accepted, its recommendations made; not yet published.
  const review7 = async () => {
    const r = await commission(
      "OTHER_INDEPENDENT_REVIEW",
      "POTENTIAL_FOR_LEARNING",
      "Independent review: a child missing from education",
      [caseIds[11] as string],
      seed.cases[11]?.record.agencyIds ?? [a4],
      250,
      daysAgo(60),
    );
    await step(bu(), r.id, "IN_PROGRESS", daysAgo(240));
    const [f] = await findings(r.id, 1);
    await step(bu(), r.id, "DRAFT_REPORT", daysAgo(90));
    await step(chair(), r.id, "ACCEPTED", daysAgo(70));
    if (f)
      await recommendFromFinding(bu(), f.id, {
        text: "Make the escalation policy set a ten-day limit that agencies report against",
        owningAgencyId: null,
        priority: "MEDIUM",
        madeOn: daysAgo(70),
        targetDate: daysAhead(20),
      });
  };
  // 8. A learning review (§24 IV) published last year and closed; a second publication of the
  //    same learning was withdrawn early for a legal reason (every withdrawal recorded).
  const review8 = async () => {
    const r = await commission(
      "LEARNING_REVIEW",
      "NEW_AREAS_OF_VULNERABILITY",
      "Learning review: online exploitation of younger children",
      [],
      [a0, a3, a4],
      500,
      daysAgo(300),
    );
    await step(bu(), r.id, "IN_PROGRESS", daysAgo(490));
    await findings(r.id, 1);
    await step(bu(), r.id, "DRAFT_REPORT", daysAgo(420));
    await step(chair(), r.id, "ACCEPTED", daysAgo(400));
    let next = await publishReview(chair(), r.id, (await getReview(bu(), r.id)).version, {
      publishedOn: daysAgo(390),
      reportUrl: `${website}/learning/online-exploitation.pdf`,
      title: "Learning review: online exploitation of younger children",
      summary:
        "Younger children were groomed through games' chat functions; agencies' guidance assumed older children and social media.",
      actionStatement: null,
    });
    next = await withdrawPublication(chair(), r.id, next.version, {
      on: daysAgo(380),
      reason: "A name was legible in an appendix",
      legalReason: "Data protection: a third party could be identified",
      reconsiderOn: daysAgo(375),
    });
    next = await publishReview(chair(), r.id, next.version, {
      publishedOn: daysAgo(370),
      reportUrl: `${website}/learning/online-exploitation-v2.pdf`,
      title: "Learning review: online exploitation of younger children",
      summary:
        "Younger children were groomed through games' chat functions; agencies' guidance assumed older children and social media.",
      actionStatement: null,
    });
    await step(bu(), r.id, "CLOSED", daysAgo(10));
  };

  // One after another: the records' ids come from one sequence, in the order they are made.
  for (const make of [review1, review2, review4, review5, review6, review7, review8]) await make();
}
