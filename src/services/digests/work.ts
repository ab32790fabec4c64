import { authorize, can } from "../../auth/policy";
import {
  type Attendance,
  type ChallengeOutcome,
  type ChallengeSession,
  checkYear,
  DISSEMINATION_METHODS,
  type DigestLocal,
  type Dissemination,
  type DisseminationInput,
  type DisseminationYear,
  decideRelevance,
  emptyLocal,
  type NationalReviewDigest,
  newDissemination,
  newOutcome,
  newSession,
  type OutcomeInput,
  type RelevanceDecision,
  type SessionInput,
} from "../../domain/digests";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { type Page, pageSize } from "../../domain/pagination";
import {
  newRecommendation,
  type Priority,
  type Recommendation,
} from "../../domain/recommendations";
import { requireAgencies } from "../agencies";
import type { AuthedContext, ServiceContext } from "../context";
import { authed, idempotencyClaim, newId, recording, retryOnConflict } from "../shared";
import { getDigest } from "./catalogue";

/** The partnership's record of a review (an empty one until something is recorded). */
async function localOf(c: AuthedContext, digest: NationalReviewDigest): Promise<DigestLocal> {
  const found = await c.loaders.digestLocals.load(digest.id);
  return found ?? emptyLocal(c.principal.partnershipId, digest.id, c.now().toISOString());
}

function bumped(c: AuthedContext, l: DigestLocal, change: Partial<DigestLocal>): DigestLocal {
  return { ...l, ...change, version: l.version + 1, updatedAt: c.now().toISOString() };
}

/**
 * §16: the caller's partnership's record of a review; null for a caller who belongs to none
 * (a catalogue editor) or may not read it.
 */
export async function localWorkOf(
  ctx: ServiceContext,
  digest: NationalReviewDigest,
): Promise<DigestLocal | null> {
  const c = authed(ctx);
  if (!can(c.principal, "digestWork:read")) return null;
  return localOf(c, digest);
}

/** §16: the SCR group's decision on whether a review is relevant locally, and why. */
export async function recordRelevance(
  ctx: ServiceContext,
  input: { digestId: string; relevant: boolean; reason: string; decidedOn: string },
): Promise<NationalReviewDigest> {
  const c = authed(ctx);
  authorize(c.principal, "digest:decideRelevance");
  const digest = await getDigest(c, input.digestId);
  const id = newId(c);
  await retryOnConflict(async () => {
    c.loaders.digestLocals.clear(digest.id);
    const local = await localOf(c, digest);
    const { change, decision } = decideRelevance(local, input, digest, id, recording(c));
    await c.store.digestWork.addRelevance(bumped(c, local, change), local.version, decision);
  });
  c.loaders.digestLocals.clear(digest.id);
  return digest;
}

/** §16: a partnership's relevance decisions on a review, oldest first. */
export function relevanceDecisionsOf(
  ctx: ServiceContext,
  l: DigestLocal,
): Promise<RelevanceDecision[]> {
  return authed(ctx).loaders.relevanceDecisions.load(l);
}

/** §16, §38: how a review's findings were spread, oldest first. */
export function disseminationsOf(ctx: ServiceContext, l: DigestLocal): Promise<Dissemination[]> {
  return authed(ctx).loaders.disseminations.load(l);
}

/** §16: a challenge session, with the agencies present. */
export async function holdChallengeSession(
  ctx: ServiceContext,
  input: SessionInput,
  idempotencyKey?: string | null,
): Promise<ChallengeSession> {
  const c = authed(ctx);
  authorize(c.principal, "challenge:record");
  const claim = idempotencyClaim(c, "holdChallengeSession", idempotencyKey, input);
  const digest = await getDigest(c, input.digestId);
  await requireAgencies(c, input.agencyIdsPresent, { list: "input.agencyIdsPresent" });
  const id = newId(c);
  const outcome = await retryOnConflict(async () => {
    c.loaders.digestLocals.clear(digest.id);
    const local = await localOf(c, digest);
    const session = newSession(input, digest, local, id, c.principal.partnershipId, recording(c));
    const next = bumped(c, local, { sessionCount: local.sessionCount + 1 });
    const created = await c.store.digestWork.createSession(
      session,
      input.agencyIdsPresent,
      next,
      local.version,
      claim,
    );
    return { created, session };
  });
  c.loaders.digestLocals.clear(digest.id);
  if (outcome.created.created) return outcome.session;
  return getSession(c, outcome.created.id);
}

/** §16: one of the partnership's challenge sessions. */
export async function getSession(ctx: ServiceContext, id: string): Promise<ChallengeSession> {
  const c = authed(ctx);
  authorize(c.principal, "digestWork:read");
  const s = await c.loaders.challengeSessions.load(id);
  if (!s) throw new NotFoundError("ChallengeSession", id);
  return s;
}

/** §16: a review's challenge sessions in the caller's partnership, newest first. */
export async function listSessions(
  ctx: ServiceContext,
  digestId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<ChallengeSession>> {
  const c = authed(ctx);
  authorize(c.principal, "digestWork:read");
  const size = pageSize(first);
  await getDigest(c, digestId);
  return c.store.digestWork.listSessions(c.principal.partnershipId, digestId, size, after);
}

/** §16: the agencies present at a session. */
export function attendanceOf(ctx: ServiceContext, s: ChallengeSession): Promise<Attendance[]> {
  return authed(ctx).loaders.sessionAttendance.load(s);
}

/** §16: the findings tested at a session, oldest first. */
export function outcomesOf(ctx: ServiceContext, s: ChallengeSession): Promise<ChallengeOutcome[]> {
  return authed(ctx).loaders.challengeOutcomes.load(s);
}

/** The recommendation a gap makes (§35), as the session records it. */
export interface GapRecommendationInput {
  readonly text: string;
  readonly owningAgencyId?: string | null;
  readonly priority: Priority;
  readonly targetDate: string;
}

export interface ChallengeOutcomeInput extends OutcomeInput {
  readonly recommendation?: GapRecommendationInput | null;
}

/**
 * §16: one finding tested at a session. A gap makes a recommendation through the tracking every
 * other learning uses (source LOCAL_CHALLENGE, the session's agencies participating), written in
 * the same transaction as the outcome, so that §37's effectiveness counts this learning.
 */
export async function recordChallengeOutcome(
  ctx: ServiceContext,
  sessionId: string,
  expectedVersion: number,
  input: ChallengeOutcomeInput,
  idempotencyKey?: string | null,
): Promise<ChallengeSession> {
  const c = authed(ctx);
  authorize(c.principal, "challenge:record");
  const claim = idempotencyClaim(c, "recordChallengeOutcome", idempotencyKey, {
    sessionId,
    expectedVersion,
    input,
  });
  const session = await getSession(c, sessionId);
  const digest = await getDigest(c, session.digestId);
  const rec = recording(c);
  let recommendation: Recommendation | null = null;
  if (input.outcome === "GAP_FOUND") {
    const r = input.recommendation;
    if (!r)
      throw new ValidationError("input.recommendation", "A gap makes a recommendation: give it");
    authorize(c.principal, "recommendation:create");
    const attendance = await c.loaders.sessionAttendance.load(session);
    recommendation = asGapField(() =>
      newRecommendation(
        {
          source: {
            kind: "LOCAL_CHALLENGE",
            activityId: session.id,
            title: `Challenge session on ${digest.title}`.slice(0, 500),
          },
          text: r.text,
          finding: input.finding,
          owningAgencyId: r.owningAgencyId ?? null,
          participatingAgencyIds: attendance.map((a) => a.agencyId),
          priority: r.priority,
          madeOn: rec.today,
          targetDate: r.targetDate,
        },
        newId(c),
        c.principal.partnershipId,
        rec,
      ),
    );
    if (recommendation.owningAgencyId)
      await requireAgencies(
        c,
        [recommendation.owningAgencyId],
        "input.recommendation.owningAgencyId",
      );
  } else if (input.recommendation)
    throw new ValidationError("input.recommendation", "An assured finding makes no recommendation");
  const { change, outcome } = newOutcome(session, input, newId(c), recommendation?.id ?? null, rec);
  const next: ChallengeSession = {
    ...session,
    ...change,
    version: expectedVersion + 1,
    updatedAt: rec.at,
  };
  const written = await c.store.digestWork.addOutcome(
    next,
    expectedVersion,
    outcome,
    recommendation,
    claim,
  );
  c.loaders.challengeSessions.clear(sessionId);
  return written.created ? next : getSession(c, sessionId);
}

/** Errors of the recommendation a gap makes, on the fields of `input.recommendation` they came from. */
function asGapField<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    if (err instanceof ValidationError && err.field !== "input.finding")
      throw new ValidationError(err.field.replace(/^input/, "input.recommendation"), err.message);
    throw err;
  }
}

/** §16, §38: how a review's findings were spread, to whom, when and with what reach. */
export async function recordDissemination(
  ctx: ServiceContext,
  digestId: string,
  input: DisseminationInput,
  idempotencyKey?: string | null,
): Promise<NationalReviewDigest> {
  const c = authed(ctx);
  authorize(c.principal, "dissemination:record");
  const claim = idempotencyClaim(c, "recordDissemination", idempotencyKey, { digestId, input });
  const digest = await getDigest(c, digestId);
  const id = newId(c);
  await retryOnConflict(async () => {
    c.loaders.digestLocals.clear(digest.id);
    const local = await localOf(c, digest);
    const { change, event } = newDissemination(local, digest, input, id, recording(c));
    await c.store.digestWork.addDissemination(
      bumped(c, local, change),
      local.version,
      event,
      claim,
    );
  });
  c.loaders.digestLocals.clear(digest.id);
  return digest;
}

/** §34, §38: the year's dissemination of national reviews, by method, for the annual report. */
export async function disseminationYear(
  ctx: ServiceContext,
  year: number,
): Promise<DisseminationYear> {
  const c = authed(ctx);
  authorize(c.principal, "dissemination:readSummary");
  checkYear(year, "year", recording(c).today);
  const tallies = await c.store.digestWork.yearTallies(c.principal.partnershipId, year);
  return {
    year,
    tallies: DISSEMINATION_METHODS.flatMap((m) => tallies.filter((t) => t.method === m)),
  };
}
