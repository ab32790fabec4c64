import { randomUUID } from "node:crypto";
import type { Store } from "../data/store";
import { addDays, englishDate } from "../domain/dates";
import type { Agency, Case, Partnership, Person } from "../domain/entities";
import { type Category, NATIONAL_PANEL_WORKING_DAYS } from "../domain/notifications";
import type { Principal, Role } from "../domain/roles";
import { addWorkingDays } from "../domain/working-days";
import type { ServiceContext } from "../services/context";
import { createLoaders } from "../services/loaders";
import {
  createNotification,
  recordClockMet,
  updateNotificationDraft,
} from "../services/notifications";
import {
  decideReview,
  recordAgencyView,
  recordDissent,
  recordSubgroupRecommendation,
} from "../services/review-decisions";
import { DEMO_VARIANT, type SeedVariant, seedClock } from "./seed-variant";
import { stableIds } from "./stable-id";

/** The parts of a seed partnership the notifications need. */
export interface SeedRecords {
  readonly partnership: Partnership;
  readonly agencies: readonly Agency[];
  readonly people: readonly Person[];
  readonly cases: readonly { readonly record: Case }[];
}

/**
 * A service context acting as the seeded user with `role` (and agency, for agency roles), whose
 * new records take their ids from `newId`.
 */
export function actingAs(
  store: Store,
  seed: SeedRecords,
  newId: () => string,
  role: Role,
  agencyId?: string,
  now: () => Date = () => new Date(),
): ServiceContext {
  const person = seed.people.find(
    (p) => p.roles.includes(role) && (agencyId === undefined || p.agencyId === agencyId),
  );
  if (!person) throw new Error(`seed has no ${role}`);
  const principal: Principal = {
    subject: person.id,
    partnershipId: seed.partnership.id,
    agencyId: person.agencyId,
    roles: [role],
    isMachine: role === "PARTNER_SYSTEM",
  };
  const requestId = `seed-${randomUUID()}`;
  return {
    principal,
    store,
    requestId,
    now,
    loaders: createLoaders(store, principal, requestId, now),
    newId,
  };
}

/** The reviews the Chair's demo decisions commissioned (§18–21). */
export interface DecidedReviews {
  /** The category III SCR (§19). */
  readonly scr: string;
  /** The category IV SCR (§20). */
  readonly discretionaryScr: string;
  /** The category IV review below the threshold (§21, §24 I). */
  readonly belowThreshold: string;
}

export const daysAgo = (n: number) => englishDate(new Date(Date.now() - n * 86_400_000));

const CRITERIA: Record<Category, Record<string, unknown>> = {
  I: {
    outcome: "DEATH",
    abuseOrNeglect: "KNOWN",
    deathCircumstance: "NOT_YET_KNOWN",
    criteria: [
      {
        criterion: "DEATH_ABUSE_OR_NEGLECT_KNOWN_OR_SUSPECTED",
        reason: "Child on a child protection plan for neglect",
      },
    ],
  },
  II: {
    outcome: "DEATH",
    deathCircumstance: "SUSPECTED_SUICIDE",
    criteria: [
      {
        criterion: "DEATH_IN_SECURE_CHILDRENS_HOME",
        reason: "Resident of a secure children's home",
      },
    ],
  },
  III: {
    outcome: "DEATH",
    deathCircumstance: "SELF_HARM",
    detainedUnderMentalHealthAct: false,
    criteria: [
      {
        criterion: "DEATH_IN_TIER4_PSYCHIATRIC_PROVISION",
        reason: "Informal inpatient at a Tier 4 unit",
      },
    ],
  },
  IV: {
    outcome: "SERIOUS_HARM",
    abuseOrNeglect: "SUSPECTED",
    criteria: [
      {
        criterion: "POTENTIALLY_LIFE_THREATENING_INJURY",
        reason: "Non-accidental head injury to an infant",
      },
    ],
  },
};

const FACTORS = {
  natureOfHarm: "Serious, potentially life-threatening injury",
  evidenceOfConcernAboutServices: "Some concern about information sharing",
  publicConfidence: "Local media interest is low",
  likelihoodOfAdditionalLearning: "Learning overlaps with a recent SCR",
  otherMethodsWouldAchieveLearning: "A multi-agency learning review would achieve it",
};

/** The latest date of becoming aware whose 5-working-day clock falls due on the next working day. */
function awareForDueSoon(today: string): string {
  const due = addWorkingDays(today, 1);
  let aware = today;
  while (addWorkingDays(aware, NATIONAL_PANEL_WORKING_DAYS) > due) aware = addDays(aware, -1);
  return aware;
}

/**
 * Demo notifications of every category, with review decisions in every state, made through the
 * services (so the seed obeys the same rules as the API). Returns the reviews the decisions
 * commissioned (§18–21), or null when the seed is too small for them. A `variant` other than the
 * demo's makes a copy (the scale seed's): its own ids, dated back.
 */
export async function seedNotifications(
  store: Store,
  seed: SeedRecords,
  variant: SeedVariant = DEMO_VARIANT,
): Promise<DecidedReviews | null> {
  const [a0, a1, a2, a3] = seed.agencies.map((a) => a.id);
  const caseIds = seed.cases.map((c) => c.record.id);
  if (!a0 || !a1 || !a2 || !a3 || caseIds.length < 6) return null;
  const ids = stableIds(`${variant.namespace}notifications:${seed.partnership.code}`);
  const clock = seedClock(variant);
  const daysAgo = clock.daysAgo;
  const as = (role: Role, agencyId?: string) =>
    actingAs(store, seed, ids, role, agencyId, clock.now);
  const bu = () => as("BUSINESS_UNIT");
  const submit = async (
    category: Category,
    aware: number | string,
    caseId: string,
    involved: string[],
  ) =>
    createNotification(
      bu(),
      {
        ...CRITERIA[category],
        notifyingAgencyId: a0,
        involvedAgencyIds: involved,
        caseIds: [caseId],
        incidentDate: typeof aware === "number" ? daysAgo(aware + 1) : addDays(aware, -1),
        awareDate: typeof aware === "number" ? daysAgo(aware) : aware,
        summary: `Demo category ${category} notification (fictional)`,
      } as never,
      { submit: true },
    );
  const recommend = (
    id: string,
    version: number,
    recommendation: "SERIOUS_CASE_REVIEW" | "OTHER_REVIEW" | "NO_REVIEW",
  ) =>
    recordSubgroupRecommendation(as("SCR_SUBGROUP"), id, version, {
      recommendation,
      rationale: "Subgroup discussion (demo)",
    });
  const chair = () => as("INDEPENDENT_CHAIR");

  // Category I, awaiting the subgroup's recommendation; its national panel clock due on the next
  // working day, so that it is DUE_SOON whatever day `npm start` runs.
  await submit("I", awareForDueSoon(daysAgo(0)), caseIds[0] as string, [a3]);

  // Category II, recommended, with a dissent and an agency view: awaiting the Chair.
  const two = await submit("II", 1, caseIds[1] as string, [a1]);
  await recommend(two.id, 1, "SERIOUS_CASE_REVIEW");
  await recordDissent(as("SCR_SUBGROUP"), two.id, "A thematic review would add more");
  await recordAgencyView(as("AGENCY_LEAD", a1), two.id, {
    view: "We support a serious case review",
    supportsSeriousCaseReview: true,
  });

  // Category III, decided: SCR (§19); national panel notified on time.
  const three = await submit("III", 20, caseIds[2] as string, [a2]);
  const r3 = await recommend(three.id, 1, "SERIOUS_CASE_REVIEW");
  const d3 = await decideReview(chair(), three.id, r3.version, {
    outcome: "SERIOUS_CASE_REVIEW",
    reasons: "Death in Tier 4 provision: an SCR is required (§19).",
  });

  // Category IV, decided three ways (§20, §21/§24).
  const fourA = await submit("IV", 30, caseIds[3] as string, [a1, a2]);
  const r4a = await recommend(fourA.id, 1, "SERIOUS_CASE_REVIEW");
  const d4a = await decideReview(chair(), fourA.id, r4a.version, {
    outcome: "SERIOUS_CASE_REVIEW",
    reasons: "Cause for concern about how agencies worked together.",
    causeForConcernAboutWorkingTogether: true,
    section20: FACTORS,
  });
  const fourB = await submit("IV", 25, caseIds[4] as string, [a3]);
  const r4b = await recommend(fourB.id, 1, "OTHER_REVIEW");
  const d4b = await decideReview(chair(), fourB.id, r4b.version, {
    outcome: "OTHER_REVIEW",
    reasons: "Threshold not met; learning is still likely.",
    causeForConcernAboutWorkingTogether: false,
    section20: FACTORS,
    otherReview: {
      ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
      method: "Multi-agency learning review",
    },
  });
  const fourC = await submit("IV", 40, caseIds[5] as string, [a2]);
  const r4c = await recommend(fourC.id, 1, "NO_REVIEW");
  await decideReview(chair(), fourC.id, r4c.version, {
    outcome: "NO_REVIEW",
    reasons: "Agencies worked well together; single-agency learning in hand.",
    causeForConcernAboutWorkingTogether: false,
    section20: FACTORS,
  });

  // Clocks met for the older ones: the national panel on time, rapid reviews done (one late).
  for (const [n, aware, rapid] of [
    [three, 20, null],
    [fourA, 30, 12],
    [fourB, 25, 16],
    [fourC, 40, 20],
  ] as const) {
    const met = await recordClockMet(
      bu(),
      n.id,
      2,
      "NATIONAL_PANEL_NOTIFICATION",
      daysAgo(aware - 2),
    );
    if (rapid !== null)
      await recordClockMet(bu(), n.id, met.version, "RAPID_REVIEW", daysAgo(aware - rapid));
  }

  // A draft the police started and will finish later.
  const draft = await createNotification(
    as("PRACTITIONER", a0),
    { summary: "Started on the portal; to be completed", outcome: "SERIOUS_HARM" } as never,
    { submit: false },
  );
  await updateNotificationDraft(as("PRACTITIONER", a0), draft.id, 1, {
    awareDate: daysAgo(0),
  });
  const [scr, discretionaryScr, belowThreshold] = [d3, d4a, d4b].map((d) => d.decision?.reviewId);
  return scr && discretionaryScr && belowThreshold
    ? { scr, discretionaryScr, belowThreshold }
    : null;
}
