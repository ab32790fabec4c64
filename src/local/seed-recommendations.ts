import type { Store } from "../data/store";
import type { Priority, RecommendationStatus, SourceKind } from "../domain/recommendations";
import type { Role } from "../domain/roles";
import {
  createAction,
  recordActionProgress,
  updateActionStatus,
} from "../services/learning/actions";
import {
  createRecommendation,
  recordImpactEvidence,
  recordUnintendedConsequence,
  scheduleRevisit,
  transitionRecommendation,
} from "../services/learning/recommendations";
import { actingAs, type SeedRecords } from "./seed-notifications";
import { DEMO_VARIANT, type SeedVariant, seedClock } from "./seed-variant";
import { stableIds } from "./stable-id";

/** The path to each status (with the day, counted back from today, of each step). */
const PATHS: Record<RecommendationStatus, [RecommendationStatus, number][]> = {
  PROPOSED: [],
  ACCEPTED: [["ACCEPTED", 80]],
  IN_PROGRESS: [
    ["ACCEPTED", 80],
    ["IN_PROGRESS", 70],
  ],
  IMPLEMENTED: [
    ["ACCEPTED", 80],
    ["IN_PROGRESS", 70],
    ["IMPLEMENTED", 30],
  ],
  IMPACT_EVIDENCED: [
    ["ACCEPTED", 80],
    ["IN_PROGRESS", 70],
    ["IMPLEMENTED", 40],
    ["IMPACT_EVIDENCED", 10],
  ],
  CLOSED: [
    ["ACCEPTED", 80],
    ["IN_PROGRESS", 70],
    ["IMPLEMENTED", 40],
    ["IMPACT_EVIDENCED", 10],
    ["CLOSED", 5],
  ],
  REJECTED: [["REJECTED", 85]],
};

/**
 * Demo recommendations in every state, from every kind of learning, with actions that are
 * overdue, due soon, on track and done; evidence, a consequence and a revisit. Made through the
 * services, so the seed obeys the same rules as the API. A `variant` other than the demo's makes a
 * copy (the scale seed's): its own ids, dated back.
 */
export async function seedRecommendations(
  store: Store,
  seed: SeedRecords,
  variant: SeedVariant = DEMO_VARIANT,
): Promise<void> {
  const [a0, a1, a2, a3] = seed.agencies.map((a) => a.id);
  if (!a0 || !a1 || !a2 || !a3) return;
  const ids = stableIds(`${variant.namespace}recommendations:${seed.partnership.code}`);
  const { daysAgo, daysAhead, now } = seedClock(variant);
  const as = (role: Role, agencyId?: string) => actingAs(store, seed, ids, role, agencyId, now);
  const bu = () => as("BUSINESS_UNIT");
  const kinds: SourceKind[] = [
    "SERIOUS_CASE_REVIEW",
    "OTHER_REVIEW",
    "MULTI_AGENCY_AUDIT",
    "SINGLE_AGENCY_AUDIT",
    "SECTION_11_AUDIT",
    "NEAR_MISS",
    "NATIONAL_REVIEW_DIGEST",
    "LOCAL_CHALLENGE",
  ];
  const statuses = Object.keys(PATHS) as RecommendationStatus[];
  for (const [i, status] of statuses.entries()) {
    const kind = kinds[i % kinds.length] as SourceKind;
    const owner = [a0, a1, a2, a3][i % 4] as string;
    let r = await createRecommendation(bu(), {
      source: { kind, title: `Demo ${kind.toLowerCase().replace(/_/g, " ")} ${i + 1}` },
      text: `Demo recommendation ${i + 1} (${status.toLowerCase()})`,
      finding: "Information was not shared between agencies in time",
      owningAgencyId: owner,
      participatingAgencyIds: [a0, a1, a2, a3].filter((a) => a !== owner).slice(0, 2),
      priority: (["HIGH", "MEDIUM", "LOW"] as const)[i % 3] as Priority,
      madeOn: daysAgo(90),
      targetDate: i % 2 ? daysAgo(20) : daysAhead(40),
    });
    for (const [to, ago] of PATHS[status]) {
      if (to === "IMPACT_EVIDENCED")
        r = await recordImpactEvidence(bu(), r.id, {
          whatChanged: "Strategy meetings now include health in every case",
          howMeasured: "Multi-agency audit of 20 strategy meetings",
          before: "35% with health present",
          after: "90% with health present",
          verifiedBy: "Multi-agency audit group",
          verifiedOn: daysAgo(ago + 1),
        });
      r = await transitionRecommendation(bu(), r.id, r.version, {
        to,
        on: daysAgo(ago),
        reason: to === "REJECTED" ? "Already addressed by an earlier recommendation" : null,
      });
    }
    if (status === "IN_PROGRESS" || status === "ACCEPTED") {
      const due = [-10, 7, 30];
      for (const days of due) {
        const action = await createAction(bu(), r.id, {
          // The police own the overdue and due-soon ones, so the first demo agency has some.
          owningAgencyId: days < 30 ? a0 : owner,
          responsiblePerson: "Named safeguarding lead (demo)",
          description: `Demo action due ${days < 0 ? "in the past" : `in ${days} days`}`,
          dueDate: daysAhead(days),
        });
        if (days === 30)
          await recordActionProgress(as("AGENCY_LEAD", owner), action.id, {
            text: "Draft procedure circulated for comment",
            on: daysAgo(2),
            status: "IN_PROGRESS",
          });
      }
      const done = await createAction(bu(), r.id, {
        owningAgencyId: null,
        responsiblePerson: "Board business manager (demo)",
        description: "Brief the board on the learning",
        dueDate: daysAgo(5),
      });
      await updateActionStatus(bu(), done.id, 1, "COMPLETED", daysAgo(6));
    }
    if (status === "IMPLEMENTED") {
      r = await recordUnintendedConsequence(as("AGENCY_LEAD", owner), r.id, {
        description: "Strategy meetings now take longer to convene",
        observedOn: daysAgo(3),
      });
      await scheduleRevisit(bu(), r.id, r.version, daysAhead(60));
    }
  }
}
