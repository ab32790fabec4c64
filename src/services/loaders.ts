import { randomUUID } from "node:crypto";
import DataLoader from "dataloader";
import type { Caller } from "../auth/policy";
import type { ReviewChild, ReviewChildOf, Store } from "../data/store";
import type { Action, ProgressUpdate } from "../domain/actions";
import type {
  AgencyAudit,
  Attendance,
  AuditEntry,
  AuditExercise,
  AuditFinding,
  AuditGroupMeeting,
  BusinessPriority,
  CaseReviewed,
  ExerciseCase,
  Section11Standard,
  StandardRating,
} from "../domain/audits";
import type { Contribution, Submission } from "../domain/contributions";
import type {
  ChallengeOutcome,
  ChallengeSession,
  DigestLocal,
  Dissemination,
  NationalReviewDigest,
  RelevanceDecision,
  Attendance as SessionAttendance,
} from "../domain/digests";
import type { Agency, Case, CaseIdentity, Person } from "../domain/entities";
import type { Finding } from "../domain/findings";
import type { Escalation, NearMissReport, Reflection } from "../domain/near-misses";
import type { ClockRecord, IncidentNotification } from "../domain/notifications";
import type {
  ImpactEvidence,
  Recommendation,
  Revisit,
  UnintendedConsequence,
} from "../domain/recommendations";
import type { AgencyView, Dissent, ReviewDecision } from "../domain/review-decisions";
import type { Reviewer, TrainingRecord } from "../domain/reviewers";
import type { Milestone, Review } from "../domain/reviews";

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
  readonly sessionAttendance: DataLoader<ChallengeSession, SessionAttendance[], string>;
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
  readonly priorities: DataLoader<string, BusinessPriority | null>;
  readonly meetings: DataLoader<string, AuditGroupMeeting | null>;
  readonly exercises: DataLoader<string, AuditExercise | null>;
  readonly agencyAudits: DataLoader<string, AgencyAudit | null>;
  readonly standards: DataLoader<string, Section11Standard | null>;
  readonly nearMisses: DataLoader<string, NearMissReport | null>;
  readonly escalations: DataLoader<string, Escalation | null>;
  readonly reflections: DataLoader<string, Reflection | null>;
  readonly attendance: DataLoader<AuditGroupMeeting, Attendance[], string>;
  readonly casesReviewed: DataLoader<AuditGroupMeeting, CaseReviewed[], string>;
  readonly exerciseCases: DataLoader<AuditExercise, ExerciseCase[], string>;
  readonly exerciseFindings: DataLoader<AuditExercise, AuditFinding[], string>;
  readonly auditEntries: DataLoader<AgencyAudit, AuditEntry[], string>;
  readonly ratings: DataLoader<AgencyAudit, StandardRating[], string>;
  /** Identifying details; loading writes the access log first (see createLoaders). */
  readonly caseIdentities: DataLoader<IdentityRead, CaseIdentity | null, string>;
  readonly reviews: DataLoader<string, Review | null>;
  readonly reviewers: DataLoader<string, Reviewer | null>;
  readonly contributions: DataLoader<string, Contribution | null>;
  readonly milestones: DataLoader<string, Milestone | null>;
  readonly findings: DataLoader<string, Finding | null>;
  /** What a review holds, by the review (read as its counts stand). */
  readonly milestonesOf: DataLoader<Review, Milestone[], string>;
  readonly findingsOf: DataLoader<Review, Finding[], string>;
  readonly contributionsOf: DataLoader<Review, Contribution[], string>;
  readonly reviewChildren: {
    readonly [K in ReviewChild]: DataLoader<Review, ReviewChildOf<K>[], string>;
  };
  readonly trainings: DataLoader<Reviewer, TrainingRecord[], string>;
  readonly submissions: DataLoader<Contribution, Submission[], string>;
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

/** Counts of a review that number what it holds (a loader's cache key moves with them). */
const reviewCounts = (r: Review) =>
  [
    r.version,
    r.milestoneCount,
    r.findingCount,
    r.contributionCount,
    r.eventCount,
    r.caseChangeCount,
    r.panelCount,
    r.familyContactCount,
    r.consentCount,
    r.attachmentCount,
    r.shareCount,
  ].join(".");

const REVIEW_CHILD_KINDS: readonly ReviewChild[] = [
  "events",
  "caseChanges",
  "panel",
  "familyContacts",
  "consents",
  "attachments",
  "shares",
];

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
    sessionAttendance: childrenOf(
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
    reviews: new DataLoader(byIds((ids) => store.reviews.getMany(partnershipId, ids))),
    reviewers: new DataLoader(byIds((ids) => store.reviewers.getMany(partnershipId, ids))),
    contributions: new DataLoader(byIds((ids) => store.contributions.getMany(partnershipId, ids))),
    milestones: new DataLoader(byIds((ids) => store.reviews.milestonesById(partnershipId, ids))),
    findings: new DataLoader(byIds((ids) => store.reviews.findingsById(partnershipId, ids))),
    milestonesOf: childrenOf(
      (rs) => store.reviews.getMilestones(rs),
      (r) => r.id,
      reviewCounts,
    ),
    findingsOf: childrenOf(
      (rs) => store.reviews.getFindings(rs),
      (r) => r.id,
      reviewCounts,
    ),
    contributionsOf: childrenOf(
      (rs) => store.contributions.ofReviews(rs),
      (r) => r.id,
      reviewCounts,
    ),
    reviewChildren: Object.fromEntries(
      REVIEW_CHILD_KINDS.map((kind) => [
        kind,
        childrenOf(
          (rs: readonly Review[]) => store.reviews.getChildren(kind, rs),
          (r) => r.id,
          reviewCounts,
        ),
      ]),
    ) as unknown as Loaders["reviewChildren"],
    trainings: childrenOf(
      (rs) => store.reviewers.getTrainings(rs),
      (r) => r.id,
      (r) => `${r.trainingCount}`,
    ),
    submissions: childrenOf(
      (ks) => store.contributions.getSubmissions(ks),
      (k) => k.id,
      (k) => `${k.submissionCount}`,
    ),
    priorities: new DataLoader(byIds((ids) => store.audits.getPriorities(partnershipId, ids))),
    meetings: new DataLoader(byIds((ids) => store.audits.getMeetings(partnershipId, ids))),
    exercises: new DataLoader(byIds((ids) => store.audits.getExercises(partnershipId, ids))),
    agencyAudits: new DataLoader(byIds((ids) => store.audits.getAgencyAudits(partnershipId, ids))),
    standards: new DataLoader(byIds((ids) => store.audits.getStandards(partnershipId, ids))),
    nearMisses: new DataLoader(byIds((ids) => store.nearMisses.getMany(partnershipId, ids))),
    escalations: new DataLoader(
      byIds((ids) => store.nearMisses.getEscalations(partnershipId, ids)),
    ),
    reflections: new DataLoader(
      byIds((ids) => store.nearMisses.getReflections(partnershipId, ids)),
    ),
    attendance: childrenOf(
      (ms) => store.audits.attendance(ms),
      (m) => m.id,
      (m) => `${m.attendanceCount}`,
    ),
    casesReviewed: childrenOf(
      (ms) => store.audits.casesReviewed(ms),
      (m) => m.id,
      (m) => `${m.caseReviewedCount}`,
    ),
    exerciseCases: childrenOf(
      (es) => store.audits.exerciseCases(es),
      (e) => e.id,
      (e) => `${e.caseCount}`,
    ),
    exerciseFindings: childrenOf(
      (es) => store.audits.exerciseFindings(es),
      (e) => e.id,
      (e) => `${e.findingCount}`,
    ),
    auditEntries: childrenOf(
      (as) => store.audits.entries(as),
      (a) => a.id,
      (a) => `${a.entryCount}`,
    ),
    ratings: childrenOf(
      (as) => store.audits.ratings(as),
      (a) => a.id,
      (a) => `${a.ratingCount}`,
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
