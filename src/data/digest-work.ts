import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type {
  Attendance,
  ChallengeOutcome,
  ChallengeSession,
  DigestLocal,
  Dissemination,
  DisseminationMethod,
  MethodTally,
  RelevanceDecision,
} from "../domain/digests";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import type { Recommendation } from "../domain/recommendations";
import { getMany } from "./batch";
import { defineChildren, seqSk, seqWindow } from "./children";
import { putNew, queryPage, type TransactItem, transactVersioned, versionedPut } from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { dated, entityPk, kindPk, META } from "./keys";
import { recommendationPuts } from "./recommendations";

/**
 * §16, §38: a partnership's own work on the national reviews, all under its tenant prefix: its
 * record of each review it has worked on (`T#<p>#DIGEST#<d>`: the current relevance decision and
 * counts, with relevance decisions and dissemination events numbered in its collection), its
 * challenge sessions (`T#<p>#CHALLENGE#<s>`, with attendance and outcomes numbered in theirs),
 * and the year's dissemination tallies for the annual report.
 */
export const DigestLocalEntity = defineEntity<DigestLocal>()({
  type: "DIGEST_LOCAL",
  attributes: {
    partnershipId: "string",
    digestId: "string",
    relevant: "boolean?",
    relevanceCount: "number",
    sessionCount: "number",
    disseminationCount: "number",
    tallies: "list",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "digestId"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "DIGEST", k.digestId), sk: META }),
});

const localPk = (partnershipId: string, digestId: string) =>
  entityPk(partnershipId, "DIGEST", digestId);

export const Relevance = defineChildren<RelevanceDecision>({
  type: "RELEVANCE_DECISION",
  attributes: {
    id: "string",
    relevant: "boolean",
    reason: "string",
    decidedBy: "string",
    decidedOn: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: localPk(k.partnershipId, k.parentId), sk: seqSk("RELEVANCE", k.seq) }),
});

const Disseminations = defineChildren<Dissemination>({
  type: "DISSEMINATION",
  attributes: {
    id: "string",
    method: "string",
    audience: "string",
    on: "string",
    reach: "number",
    note: "string?",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: localPk(k.partnershipId, k.parentId), sk: seqSk("DISSEMINATION", k.seq) }),
});

export const ChallengeSessionEntity = defineEntity<ChallengeSession>()({
  type: "CHALLENGE_SESSION",
  attributes: {
    id: "string",
    partnershipId: "string",
    digestId: "string",
    heldOn: "string",
    servicesTested: "list",
    attendanceCount: "number",
    outcomeCount: "number",
    gapCount: "number",
    recordedBy: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "CHALLENGE", k.id), sk: META }),
  indexes: {
    // A review's sessions, by date held.
    byKind: (s) => ({
      pk: kindPk(s.partnershipId, "CHALLENGE", s.digestId),
      sk: dated(s.heldOn, s.id),
    }),
  },
});

const sessionPk = (partnershipId: string, id: string) => entityPk(partnershipId, "CHALLENGE", id);

const AttendanceItems = defineChildren<Attendance>({
  type: "ATTENDANCE",
  attributes: { id: "string", agencyId: "string" },
  key: (k) => ({ pk: sessionPk(k.partnershipId, k.parentId), sk: seqSk("ATTENDANCE", k.seq) }),
});

const Outcomes = defineChildren<ChallengeOutcome>({
  type: "CHALLENGE_OUTCOME",
  attributes: {
    id: "string",
    finding: "string",
    outcome: "string",
    evidence: "string?",
    gap: "string?",
    recommendationId: "string?",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: sessionPk(k.partnershipId, k.parentId), sk: seqSk("OUTCOME", k.seq) }),
});

/** A year's tally of one method (`T#<p>#DISSEMINATION_YEAR#<yyyy>`, `METHOD#<m>`), added to. */
const yearKey = (partnershipId: string, year: number, method: DisseminationMethod) => ({
  pk: entityPk(partnershipId, "DISSEMINATION_YEAR", String(year)),
  sk: `METHOD#${method}`,
});

export class DigestWorkRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The partnership's records of these reviews (absent where it has recorded nothing). */
  getLocals(partnershipId: string, digestIds: readonly string[]) {
    return getMany(
      this.doc,
      this.table,
      DigestLocalEntity,
      digestIds.map((digestId) => ({ partnershipId, digestId })),
      (l) => l.digestId,
    );
  }

  /** The write of a partnership's record of a review: created at version 1, then versioned. */
  private localWrite(next: DigestLocal, expectedVersion: number): TransactItem {
    const item = DigestLocalEntity.item(next);
    // The first write creates it; one written meanwhile fails here as a stale version (its
    // old image returned), so the caller reads it again and retries.
    return expectedVersion === 0
      ? {
          Put: {
            TableName: this.table,
            Item: item,
            ConditionExpression: "attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          },
        }
      : versionedPut(this.table, item, expectedVersion);
  }

  /** Relevance decisions of each record, oldest first (one BatchGet for all of them). */
  getRelevance(locals: readonly DigestLocal[]) {
    return Relevance.read(
      this.doc,
      this.table,
      locals.map((l) => ({
        partnershipId: l.partnershipId,
        parentId: l.digestId,
        seqs: seqWindow(l.relevanceCount),
      })),
    );
  }

  /** Dissemination events of each record, oldest first (one BatchGet for all of them). */
  getDisseminations(locals: readonly DigestLocal[]) {
    return Disseminations.read(
      this.doc,
      this.table,
      locals.map((l) => ({
        partnershipId: l.partnershipId,
        parentId: l.digestId,
        seqs: seqWindow(l.disseminationCount),
      })),
    );
  }

  /** Saves the record counting one more decision, with the decision, in one transaction. */
  async addRelevance(next: DigestLocal, expectedVersion: number, decision: RelevanceDecision) {
    await transactVersioned(
      this.doc,
      [
        this.localWrite(next, expectedVersion),
        Relevance.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.digestId, seq: next.relevanceCount },
          decision,
        ),
      ],
      { name: "NationalReviewDigest", id: next.digestId },
      expectedVersion,
    );
  }

  /**
   * Saves the record counting one more dissemination event, with the event and the year's tally
   * of its method, in one transaction (at most once per idempotency key).
   */
  addDissemination(
    next: DigestLocal,
    expectedVersion: number,
    event: Dissemination,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    const year = Number(event.on.slice(0, 4));
    return createOnce(
      this.doc,
      this.table,
      claim,
      event.id,
      [
        this.localWrite(next, expectedVersion),
        Disseminations.put(
          this.table,
          {
            partnershipId: next.partnershipId,
            parentId: next.digestId,
            seq: next.disseminationCount,
          },
          event,
        ),
        {
          Update: {
            TableName: this.table,
            Key: yearKey(next.partnershipId, year, event.method),
            UpdateExpression:
              "SET #type = :type, #method = :method, #year = :year ADD events :one, reach :reach",
            ExpressionAttributeNames: { "#type": "type", "#method": "method", "#year": "year" },
            ExpressionAttributeValues: {
              ":type": "DISSEMINATION_TALLY",
              ":method": event.method,
              ":year": year,
              ":one": 1,
              ":reach": event.reach,
            },
          },
        },
      ],
      { name: "NationalReviewDigest", id: next.digestId, expectedVersion },
    );
  }

  /** A year's dissemination tallies, by method (one Query of at most four items). */
  async yearTallies(partnershipId: string, year: number): Promise<MethodTally[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: {
          ":p": yearKey(partnershipId, year, "BRIEFING").pk,
        },
      }),
    );
    return (res.Items ?? []).map((i) => ({
      method: String(i.method) as DisseminationMethod,
      events: Number(i.events),
      reach: Number(i.reach),
    }));
  }

  /** Sessions by ids (BatchGet). */
  getSessions(partnershipId: string, ids: readonly string[]) {
    return getMany(
      this.doc,
      this.table,
      ChallengeSessionEntity,
      ids.map((id) => ({ partnershipId, id })),
      (s) => s.id,
    );
  }

  /** One page of a review's sessions, newest first. */
  async listSessions(
    partnershipId: string,
    digestId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<ChallengeSession>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byKind",
      partition: kindPk(partnershipId, "CHALLENGE", digestId),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => ChallengeSessionEntity.fromItem(i));
  }

  /**
   * Creates a session with its attendance, the review's record counting it, in one transaction
   * (at most once per idempotency key; the record's version guards the count).
   */
  createSession(
    session: ChallengeSession,
    agencyIds: readonly string[],
    nextLocal: DigestLocal,
    expectedLocalVersion: number,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(
      this.doc,
      this.table,
      claim,
      session.id,
      [
        this.localWrite(nextLocal, expectedLocalVersion),
        putNew(this.table, ChallengeSessionEntity.item(session)),
        ...agencyIds.map((agencyId, i) =>
          AttendanceItems.put(
            this.table,
            { partnershipId: session.partnershipId, parentId: session.id, seq: i + 1 },
            { id: `${session.id}:${i + 1}`, agencyId },
          ),
        ),
      ],
      {
        name: "NationalReviewDigest",
        id: nextLocal.digestId,
        expectedVersion: expectedLocalVersion,
      },
    );
  }

  /** Agencies present at each session (one BatchGet for all of them). */
  getAttendance(sessions: readonly ChallengeSession[]) {
    return AttendanceItems.read(
      this.doc,
      this.table,
      sessions.map((s) => ({
        partnershipId: s.partnershipId,
        parentId: s.id,
        seqs: seqWindow(s.attendanceCount),
      })),
    );
  }

  /** Outcomes of each session, oldest first (one BatchGet for all of them). */
  getOutcomes(sessions: readonly ChallengeSession[]) {
    return Outcomes.read(
      this.doc,
      this.table,
      sessions.map((s) => ({
        partnershipId: s.partnershipId,
        parentId: s.id,
        seqs: seqWindow(s.outcomeCount),
      })),
    );
  }

  /**
   * Saves a session counting one more outcome, with the outcome and (for a gap) the
   * recommendation it made, in one transaction guarded by the session's version, at most once
   * per idempotency key.
   */
  addOutcome(
    next: ChallengeSession,
    expectedVersion: number,
    outcome: ChallengeOutcome,
    recommendation: Recommendation | null,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(
      this.doc,
      this.table,
      claim,
      next.id,
      [
        versionedPut(this.table, ChallengeSessionEntity.item(next), expectedVersion),
        Outcomes.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.id, seq: next.outcomeCount },
          outcome,
        ),
        ...(recommendation ? recommendationPuts(this.table, recommendation) : []),
      ],
      { name: "ChallengeSession", id: next.id, expectedVersion },
    );
  }
}
