import type { Store } from "../data/store";
import { digestIdOf } from "../services/digests/catalogue";
import {
  holdChallengeSession,
  recordChallengeOutcome,
  recordDissemination,
  recordRelevance,
} from "../services/digests/work";
import { demoCatalogue } from "./seed-digests";
import { actingAs, type SeedRecords } from "./seed-notifications";
import type { SeedVariant } from "./seed-variant";
import { seedClock } from "./seed-variant";
import { stableId, stableIds } from "./stable-id";

/**
 * §16: the SCR group's work on national reviews of the demo catalogue: four relevance decisions
 * (three relevant), a challenge session on one of the relevant reviews testing two of its
 * findings (one assured, one gap, which makes a recommendation), and the review's dissemination.
 * The demo catalogue (`seedCatalogue`) must be in the store. Made through the services, so the
 * seed obeys the same rules as the API; which reviews a variant takes depends on its namespace.
 */
export async function seedDigestWork(
  store: Store,
  seed: SeedRecords,
  variant: SeedVariant,
): Promise<void> {
  const [a0, a1, a3] = [0, 1, 3].map((i) => seed.agencies[i]?.id);
  if (!a0 || !a1 || !a3) return;
  const code = seed.partnership.code;
  const ids = stableIds(`${variant.namespace}digest-work:${code}`);
  const { daysAgo, daysAhead, now } = seedClock(variant);
  const subgroup = () => actingAs(store, seed, ids, "SCR_SUBGROUP", undefined, now);
  const bu = () => actingAs(store, seed, ids, "BUSINESS_UNIT", undefined, now);
  // Reviews published well before the variant's today, from a place of the catalogue its
  // namespace picks (so that copies spread over the catalogue).
  const published = demoCatalogue().filter((d) => d.publishedOn < daysAgo(120));
  const from = Number.parseInt(stableId(`${variant.namespace}${code}`).slice(0, 8), 16);
  const picked = [0, 1, 2, 3].map(
    (i) => published[(from + i) % published.length] as (typeof published)[number],
  );
  for (const [i, d] of picked.entries())
    await recordRelevance(subgroup(), {
      digestId: digestIdOf(d.ref),
      relevant: i < 3,
      reason:
        i < 3
          ? "Local services share the pattern this review found"
          : "The services this review concerns are commissioned differently here",
      decidedOn: daysAgo(100 - i * 10),
    });
  const [tested] = picked;
  if (!tested) return;
  const digestId = digestIdOf(tested.ref);
  const session = await holdChallengeSession(bu(), {
    digestId,
    heldOn: daysAgo(45),
    servicesTested: ["Front door (children's social care)", "Early help"],
    agencyIdsPresent: [a0, a1, a3],
  });
  const [first, second] = tested.recommendations ?? [];
  const assured = await recordChallengeOutcome(bu(), session.id, session.version, {
    finding: first ?? tested.keyLearning,
    outcome: "ASSURED",
    evidence: "A dip sample of ten recent cases showed the practice in place",
  });
  await recordChallengeOutcome(bu(), session.id, assured.version, {
    finding: second ?? tested.keyLearning,
    outcome: "GAP_FOUND",
    gap: "Practice depends on who is on duty; nothing checks it",
    recommendation: {
      text: "Add the practice to the front door's procedure and audit it each quarter",
      owningAgencyId: a3,
      priority: "MEDIUM",
      targetDate: daysAhead(90),
    },
  });
  await recordDissemination(bu(), digestId, {
    method: "BRIEFING",
    audience: "Front-door managers of every agency",
    on: daysAgo(30),
    reach: 40,
  });
}
