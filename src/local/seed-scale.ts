import type { Store } from "../data/store";
import { daysBetween } from "../domain/dates";
import { DEMO, demoCases, type SeedPartnership } from "./seed";
import { AUDIT_MEETING_DATES, seedAuditActivity } from "./seed-audits";
import { seedDigestWork } from "./seed-digest-work";
import { seedCatalogue } from "./seed-digests";
import { seedNotifications } from "./seed-notifications";
import { seedRecommendations } from "./seed-recommendations";
import { seedReviews } from "./seed-reviews";
import { type SeedVariant, seedClock } from "./seed-variant";
import { stableId } from "./stable-id";

/**
 * `npm run seed -- --scale N`: N copies of the demo partnership's activity added to it (same
 * tenant, same agencies and people), each made by the demo seed's own parts through the same
 * services, with ids of its own and dated back by its own number of days. Copy k is named
 * `scale:k:`, so a run makes only the copies that are not there yet: `--scale 10` twice makes
 * nothing the second time, and `--scale 10` after `--scale 5` makes copies 6 to 10.
 */

/** The span the copies' days back fall in: with the demo's 40 days, notifications span 24 months. */
export const SPREAD_DAYS = 690;
/** Recommendations and their actions stay around today (their due dates fall either side of it). */
export const RECOMMENDATION_SPREAD_DAYS = 60;

/**
 * Copy k's audit year is the demo's moved k days on (after the group's members joined, and its
 * latest date, a near miss in June 2026, still past). The group meets at most once a day, so
 * the copies' meetings need days of their own: moved 1 to N days, none falls on another's day
 * while N is below the shortest gap between the demo's meetings. That bounds N.
 */
export const MAX_SCALE =
  Math.min(
    ...AUDIT_MEETING_DATES.slice(1).map((d, i) => daysBetween(AUDIT_MEETING_DATES[i] as string, d)),
  ) - 1;

/** Copy k's namespace and days back: k times the golden ratio, so any N copies spread evenly. */
export function copyVariant(k: number): SeedVariant {
  const f = (k * 0.6180339887498949) % 1;
  return { namespace: `scale:${k}:`, daysBack: Math.floor(f * SPREAD_DAYS) };
}

/** What a repository method call that writes looks like (anything else only reads). */
const WRITES =
  /^(create|add|save|set|update|record|escalate|put|delete|claim|clear|sync|write|append|batchWrite|recommend)/;

/** The records a repository write created, by kind (none: it changed records that were there). */
export function createdBy(name: string, args: readonly unknown[]): string[] {
  const simple: Record<string, string> = {
    "cases.create": "cases",
    "notifications.create": "notifications",
    "notifications.addDissent": "dissents",
    "notifications.addAgencyView": "agencyViews",
    "recommendations.create": "recommendations",
    "recommendations.createAction": "actions",
    "reviews.create": "reviews",
    "reviews.recommendFromFinding": "recommendations",
    "reviewers.create": "reviewers",
    "contributions.create": "contributions",
    "audits.createMeeting": "auditMeetings",
    "audits.createExercise": "auditExercises",
    "audits.createAgencyAudit": "agencyAudits",
    "nearMisses.create": "nearMissReports",
    "nearMisses.escalate": "escalations",
    "nearMisses.createReflection": "reflections",
    "digestWork.addRelevance": "relevanceDecisions",
    "digestWork.createSession": "challengeSessions",
    "digestWork.addDissemination": "disseminations",
  };
  const kind = simple[name];
  if (kind) return [kind];
  if (name === "notifications.save") {
    // A decision (new when not read at a version) and the review it commissions (§18–21).
    const [, , , , , decision, review] = args as [
      unknown,
      unknown,
      unknown,
      unknown,
      unknown,
      { expectedVersion: number | null } | undefined,
      unknown,
    ];
    return [
      ...(decision && decision.expectedVersion === null ? ["reviewDecisions"] : []),
      ...(review ? ["reviews"] : []),
    ];
  }
  if (name === "reviews.save") {
    const write = (args[3] ?? {}) as {
      milestones?: { expectedVersion: number | null }[];
      findings?: { expectedVersion: number | null }[];
    };
    return [
      ...(write.milestones ?? []).filter((m) => m.expectedVersion === null).map(() => "milestones"),
      ...(write.findings ?? []).filter((f) => f.expectedVersion === null).map(() => "findings"),
    ];
  }
  if (name === "digestWork.addOutcome")
    return ["challengeOutcomes", ...(args[3] ? ["recommendations"] : [])];
  return [];
}

/**
 * The store, counting every write a repository completes (by `repository.method`): the seed
 * goes through the services, so this is how it learns what it wrote.
 */
export function countingStore(
  store: Store,
  onWrite: (name: string, args: readonly unknown[]) => void,
): Store {
  const wrapped = new Map<string, unknown>();
  return new Proxy(store, {
    get(target, prop, receiver) {
      const repo = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || repo === null || typeof repo !== "object") return repo;
      const known = wrapped.get(prop);
      if (known) return known;
      const proxy = new Proxy(repo, {
        get(r, m) {
          const v = Reflect.get(r, m);
          if (typeof v !== "function") return v;
          if (typeof m !== "string" || !WRITES.test(m)) return v.bind(r);
          return async (...args: unknown[]) => {
            const out = await v.apply(r, args);
            onWrite(`${prop}.${m}`, args);
            return out;
          };
        },
      });
      wrapped.set(prop, proxy);
      return proxy;
    },
  });
}

/** The seeded demo partnership a code names (the scale seed needs the demo's people). */
export function demoSeed(code: string): SeedPartnership | undefined {
  return DEMO.find((s) => s.partnership.code === code);
}

/** Whether copy k is in the store: all of it, none of it, or part (a run stopped inside it). */
export async function copyState(
  store: Store,
  seed: SeedPartnership,
  k: number,
): Promise<"done" | "absent" | "partial"> {
  const { namespace } = copyVariant(k);
  const pid = seed.partnership.id;
  // The copy's last record (its reflective practice session) and its first (its first case).
  const last = stableId(`${namespace}reflection:0:${seed.partnership.code}`);
  if ((await store.nearMisses.getReflections(pid, [last])).size) return "done";
  const [first] = copyCases(seed, k);
  if (first && (await store.cases.getMany(pid, [first.record.id])).size) return "partial";
  return "absent";
}

function copyCases(seed: SeedPartnership, k: number) {
  const variant = copyVariant(k);
  return demoCases(seed.partnership, seed.agencies, seed.cases.length, {
    namespace: variant.namespace,
    number: k,
    openedBy: seedClock(variant).now(),
  });
}

/** Makes copy k: its cases, then the demo's activity on them, the reflection (its marker) last. */
export async function makeCopy(store: Store, seed: SeedPartnership, k: number): Promise<void> {
  const variant = copyVariant(k);
  const cases = copyCases(seed, k);
  for (const c of cases) await store.cases.create(c.record, c.identity, null);
  const copy = { ...seed, cases };
  const decided = await seedNotifications(store, copy, variant);
  await seedRecommendations(store, copy, {
    ...variant,
    daysBack: variant.daysBack % RECOMMENDATION_SPREAD_DAYS,
  });
  await seedReviews(store, copy, decided, variant);
  await seedDigestWork(store, copy, variant);
  await seedAuditActivity(store, copy, { ...variant, daysBack: -k });
}

export interface ScaleRun {
  /** Copies made by this run, found already made, and found half made (left as they are). */
  readonly made: number[];
  readonly already: number[];
  readonly partial: number[];
  /** Records written by this run (created and changed). */
  readonly written: number;
  /** Records created by this run, by kind (see `createdBy`). */
  readonly created: Record<string, number>;
  readonly seconds: number;
  /** Whether it stopped early (asked to, before every copy was made). */
  readonly stopped: boolean;
}

/**
 * Makes copies 1..scale of the demo's activity that are not there yet, `concurrency` at a time
 * (each copy's records depend on each other, so a copy is made in order; copies are
 * independent). `progress` hears the records written and, once the first copy is made, how many
 * the run will write; `stopRequested` is asked before each copy is started.
 */
export async function seedScale(
  store: Store,
  seed: SeedPartnership,
  options: {
    scale: number;
    concurrency?: number;
    progress?: (done: number, total: number | null, startedAt: number) => void;
    stopRequested?: () => boolean;
  },
): Promise<ScaleRun> {
  if (options.scale > MAX_SCALE)
    throw new RangeError(`At most ${MAX_SCALE} copies (the audit group meets once a day at most)`);
  const startedAt = Date.now();
  await seedCatalogue(store);
  const copies = Array.from({ length: options.scale }, (_, i) => i + 1);
  const states = await Promise.all(copies.map((k) => copyState(store, seed, k)));
  const todo = copies.filter((_, i) => states[i] === "absent");
  const created: Record<string, number> = {};
  const made: number[] = [];
  let done = 0;
  let perCopy: number | null = null;
  const total = () => (perCopy === null ? null : perCopy * todo.length);
  let next = 0;
  let stopped = false;
  let failure: unknown = null;
  const worker = async () => {
    while (next < todo.length && failure === null) {
      if (options.stopRequested?.()) {
        stopped = true;
        return;
      }
      const k = todo[next++] as number;
      let ofCopy = 0;
      const counted = countingStore(store, (name, args) => {
        for (const kind of createdBy(name, args)) created[kind] = (created[kind] ?? 0) + 1;
        ofCopy++;
        done++;
        options.progress?.(done, total(), startedAt);
      });
      try {
        await makeCopy(counted, seed, k);
      } catch (err) {
        // The other workers finish the copies they are making, and start no more.
        failure ??= new CopyFailed(k, err);
        return;
      }
      perCopy ??= ofCopy;
      made.push(k);
      options.progress?.(done, total(), startedAt);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 2, todo.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure;
  return {
    made: made.sort((a, b) => a - b),
    already: copies.filter((_, i) => states[i] === "done"),
    partial: copies.filter((_, i) => states[i] === "partial"),
    written: done,
    created,
    seconds: (Date.now() - startedAt) / 1000,
    stopped,
  };
}

/** A copy that could not be made (it is left half made: `copyState` reports it as partial). */
export class CopyFailed extends Error {
  constructor(
    readonly copy: number,
    readonly reason: unknown,
  ) {
    super(`Copy ${copy} failed: ${(reason as Error)?.message ?? reason}`);
  }
}
