import { randomUUID } from "node:crypto";
import DataLoader from "dataloader";
import type { Caller } from "../auth/policy";
import type { Store } from "../data/store";
import type { Action, ProgressUpdate } from "../domain/actions";
import type {
  Attendance,
  ChallengeOutcome,
  ChallengeSession,
  DigestLocal,
  Dissemination,
  NationalReviewDigest,
  RelevanceDecision,
} from "../domain/digests";
import type { Agency, Case, CaseIdentity, Person } from "../domain/entities";
import type { ClockRecord, IncidentNotification } from "../domain/notifications";
import type {
  ImpactEvidence,
  Recommendation,
  Revisit,
  UnintendedConsequence,
} from "../domain/recommendations";
import type { AgencyView, Dissent, ReviewDecision } from "../domain/review-decisions";

/** Per-request DataLoaders: one BatchGetItem per kind of record per tick, not one GetItem per parent. */
export interface Loaders {
  readonly agencies: DataLoader<string, Agency | null>;
  readonly people: DataLoader<string, Person | null>;
  readonly cases: DataLoader<string, Case | null>;
  readonly notifications: DataLoader<string, IncidentNotification | null>;
  readonly decisions: DataLoader<string, ReviewDecision | null>;
  readonly recommendations: DataLoader<string, Recommendation | null>;
  readonly actions: DataLoader<string, Action | null>;
  /** §16: catalogue records (shared by every partnership). */
  readonly digests: DataLoader<string, NationalReviewDigest | null>;
  /** §16: the principal's partnership's record of each review, by review id. */
  readonly digestLocals: DataLoader<string, DigestLocal | null>;
  readonly challengeSessions: DataLoader<string, ChallengeSession | null>;
  readonly relevanceDecisions: DataLoader<DigestLocal, RelevanceDecision[], string>;
  readonly disseminations: DataLoader<DigestLocal, Dissemination[], string>;
  readonly attendance: DataLoader<ChallengeSession, Attendance[], string>;
  readonly challengeOutcomes: DataLoader<ChallengeSession, ChallengeOutcome[], string>;
  /** What accumulates under a record, by the record (read as its count stands). */
  readonly clockRecords: DataLoader<IncidentNotification, ClockRecord[], string>;
  readonly dissents: DataLoader<ReviewDecision, Dissent[], string>;
  readonly agencyViews: DataLoader<ReviewDecision, AgencyView[], string>;
  readonly evidence: DataLoader<Recommendation, ImpactEvidence[], string>;
  readonly consequences: DataLoader<Recommendation, UnintendedConsequence[], string>;
  readonly revisits: DataLoader<Recommendation, Revisit[], string>;
  /** A page of an action's progress updates, newest first. */
  readonly updates: DataLoader<UpdatesRead, ProgressUpdate[], string>;
  /** Identifying details; loading writes the access log first (see createLoaders). */
  readonly caseIdentities: DataLoader<IdentityRead, CaseIdentity | null, string>;
}

/** A page of an action's progress updates: `first` of them before update number `before`. */
export interface UpdatesRead {
  readonly action: Action;
  readonly first: number;
  readonly before?: number;
}

/**
 * A loader of the children of parents: all parents asked for in one tick are read together
 * (BatchGets of keys derived from their counts), keyed by the parent's id and its count.
 */
function childrenOf<P, T>(
  read: (parents: readonly P[]) => Promise<Map<string, T[]>>,
  idOf: (p: P) => string,
  window: (p: P) => string,
) {
  return new DataLoader<P, T[], string>(
    async (parents) => {
      const found = await read(parents);
      return parents.map((p) => found.get(idOf(p)) ?? []);
    },
    { cacheKeyFn: (p) => `${idOf(p)}#${window(p)}` },
  );
}

/** One read of a case's identifying details, with the operation that asked for it. */
export interface IdentityRead {
  readonly caseId: string;
  readonly operation: string;
}

const byIds =
  <T>(fetch: (ids: readonly string[]) => Promise<Map<string, T>>) =>
  async (ids: readonly string[]) => {
    const found = await fetch(ids);
    return ids.map((id) => found.get(id) ?? null);
  };

export function createLoaders(
  store: Store,
  principal: Caller,
  requestId: string,
  now: () => Date,
): Loaders {
  // An anonymous caller has no partnership: its loaders find nothing (public reads use none).
  const partnershipId = principal?.partnershipId ?? "";
  return {
    agencies: new DataLoader(byIds((ids) => store.agencies.getMany(partnershipId, ids))),
    people: new DataLoader(byIds((ids) => store.people.getMany(partnershipId, ids))),
    cases: new DataLoader(byIds((ids) => store.cases.getMany(partnershipId, ids))),
    notifications: new DataLoader(byIds((ids) => store.notifications.getMany(partnershipId, ids))),
    decisions: new DataLoader(byIds((ids) => store.notifications.getDecisions(partnershipId, ids))),
    recommendations: new DataLoader(
      byIds((ids) => store.recommendations.getMany(partnershipId, ids)),
    ),
    actions: new DataLoader(byIds((ids) => store.recommendations.getActions(partnershipId, ids))),
    digests: new DataLoader(byIds((ids) => store.catalogue.getMany(ids))),
    digestLocals: new DataLoader(byIds((ids) => store.digestWork.getLocals(partnershipId, ids))),
    challengeSessions: new DataLoader(
      byIds((ids) => store.digestWork.getSessions(partnershipId, ids)),
    ),
    relevanceDecisions: childrenOf(
      (ls) => store.digestWork.getRelevance(ls),
      (l) => l.digestId,
      (l) => `${l.relevanceCount}`,
    ),
    disseminations: childrenOf(
      (ls) => store.digestWork.getDisseminations(ls),
      (l) => l.digestId,
      (l) => `${l.disseminationCount}`,
    ),
    attendance: childrenOf(
      (ss) => store.digestWork.getAttendance(ss),
      (s) => s.id,
      (s) => `${s.attendanceCount}`,
    ),
    challengeOutcomes: childrenOf(
      (ss) => store.digestWork.getOutcomes(ss),
      (s) => s.id,
      (s) => `${s.outcomeCount}`,
    ),
    clockRecords: childrenOf(
      (ns) => store.notifications.getClockRecords(ns),
      (n) => n.id,
      (n) => `${n.clockRecordCount}`,
    ),
    dissents: childrenOf(
      (ds) => store.notifications.getDissents(ds),
      (d) => d.notificationId,
      (d) => `${d.dissentCount}`,
    ),
    agencyViews: childrenOf(
      (ds) => store.notifications.getAgencyViews(ds),
      (d) => d.notificationId,
      (d) => `${d.agencyViewCount}`,
    ),
    evidence: childrenOf(
      (rs) => store.recommendations.getChildren("evidence", rs),
      (r) => r.id,
      (r) => `${r.evidenceCount}`,
    ),
    consequences: childrenOf(
      (rs) => store.recommendations.getChildren("consequences", rs),
      (r) => r.id,
      (r) => `${r.consequenceCount}`,
    ),
    revisits: childrenOf(
      (rs) => store.recommendations.getChildren("revisits", rs),
      (r) => r.id,
      (r) => `${r.revisitCount}`,
    ),
    updates: childrenOf(
      (reads) => store.recommendations.getUpdates(reads),
      (r) => r.action.id,
      (r) => `${r.action.updateCount}#${r.first}#${r.before ?? ""}`,
    ),
    caseIdentities: new DataLoader(
      async (reads: readonly IdentityRead[]) => {
        if (!principal) throw new Error("identity read without a principal");
        const at = now().toISOString();
        // Log first: if the log cannot be written, no details are returned.
        await store.accessLog.record(
          reads.map((r) => ({
            id: randomUUID(),
            partnershipId,
            caseId: r.caseId,
            subject: principal.subject,
            agencyId: principal.agencyId,
            roles: [...principal.roles],
            operation: r.operation,
            requestId,
            at,
          })),
        );
        const found = await store.cases.getIdentities(
          partnershipId,
          reads.map((r) => r.caseId),
        );
        return reads.map((r) => found.get(r.caseId) ?? null);
      },
      { cacheKeyFn: (r) => r.caseId },
    ),
  };
}
