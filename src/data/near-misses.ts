import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { IdempotencyClaim } from "../domain/idempotency";
import type {
  Escalation,
  EscalationStatus,
  NearMissReport,
  Reflection,
  ReportCount,
} from "../domain/near-misses";
import { mapPage, type Page } from "../domain/pagination";
import { UnavailableError } from "../shared/faults";
import { getMany } from "./batch";
import {
  cancellationReasons,
  putNew,
  queryAll,
  queryPage,
  type TransactItem,
  transactVersioned,
  versionedPut,
} from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { InvolvementEntity, involvementPuts } from "./involvement";
import { agencyPk, dated, entityPk, listPk, META, statusPk } from "./keys";
import { RECORD_INDEXES } from "./tables";

/**
 * Near-miss, concern and good-practice reports, their escalations to the board, the board's
 * monthly counts, and reflective practice. A report sits only on its agency's list: nothing
 * lists reports across agencies, and the board reads counts.
 */

/** How often a report's write is sent again after losing to a concurrent one on its count. */
const MAX_ATTEMPTS = 6;

export const ReportEntity = defineEntity<NearMissReport>()({
  type: "NEAR_MISS",
  attributes: {
    id: "string",
    partnershipId: "string",
    agencyId: "string",
    kind: "string",
    occurredOn: "string",
    reportedOn: "string",
    summary: "string",
    anonymous: "boolean",
    reporterId: "string?",
    receiptHash: "string",
    status: "string",
    withinArrangements: "boolean?",
    response: "string?",
    learningUsed: "string?",
    respondedOn: "string?",
    escalationId: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "NEAR_MISS", k.id), sk: META }),
  indexes: {
    byAgency: (r) => ({
      pk: agencyPk(r.partnershipId, r.agencyId, "NEAR_MISS"),
      sk: dated(r.reportedOn, r.id),
    }),
  },
});

export const EscalationEntity = defineEntity<Escalation>()({
  type: "ESCALATION",
  attributes: {
    id: "string",
    partnershipId: "string",
    agencyId: "string",
    reportId: "string",
    kind: "string",
    summary: "string",
    reason: "string",
    escalatedOn: "string",
    status: "string",
    boardNote: "string?",
    decidedOn: "string?",
    reviewId: "string?",
    businessPriorityId: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "ESCALATION", k.id), sk: META }),
  indexes: {
    byPartnershipType: (e) => ({
      pk: listPk(e.partnershipId, "ESCALATION"),
      sk: dated(e.escalatedOn, e.id),
    }),
    byAgency: (e) => ({
      pk: agencyPk(e.partnershipId, e.agencyId, "ESCALATION"),
      sk: dated(e.escalatedOn, e.id),
    }),
    byStatus: (e) => ({
      pk: statusPk(e.partnershipId, "ESCALATION", e.status),
      sk: dated(e.escalatedOn, e.id),
    }),
  },
});

export const CountEntity = defineEntity<ReportCount & { partnershipId: string }>()({
  type: "NEAR_MISS_COUNT",
  attributes: {
    partnershipId: "string",
    month: "string",
    agencyId: "string",
    kind: "string",
    count: "number",
  },
  keyFields: ["partnershipId", "month", "agencyId", "kind"],
  key: (k) => ({
    pk: entityPk(k.partnershipId, "NEAR_MISS_COUNT", k.month),
    sk: `${k.agencyId}#${k.kind}`,
  }),
  indexes: {
    byPartnershipType: (c) => ({
      pk: listPk(c.partnershipId, "NEAR_MISS_COUNT"),
      sk: `${c.month}#${c.agencyId}#${c.kind}`,
    }),
  },
});

export const ReflectionEntity = defineEntity<Reflection>()({
  type: "REFLECTION",
  attributes: {
    id: "string",
    partnershipId: "string",
    kind: "string",
    theme: "string",
    heldOn: "string",
    agencyIds: "list",
    learned: "string",
    goodPractice: "string?",
    recordedBy: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "REFLECTION", k.id), sk: META }),
  indexes: {
    byPartnershipType: (r) => ({
      pk: listPk(r.partnershipId, "REFLECTION"),
      sk: dated(r.heldOn, r.id),
    }),
  },
});

/** The transaction item counting one more report of a kind from an agency in a month. */
function countOneMore(table: string, r: NearMissReport): TransactItem {
  const month = r.reportedOn.slice(0, 7);
  const c = { partnershipId: r.partnershipId, month, agencyId: r.agencyId, kind: r.kind, count: 0 };
  const item = CountEntity.item(c);
  const idx = RECORD_INDEXES.byPartnershipType;
  return {
    Update: {
      TableName: table,
      Key: CountEntity.key(c),
      UpdateExpression:
        "SET #type = :type, partnershipId = :p, #month = :m, agencyId = :a, #kind = :k, #lp = :lp, #ls = :ls ADD #count :one",
      ExpressionAttributeNames: {
        "#type": "type",
        "#month": "month",
        "#kind": "kind",
        "#count": "count",
        "#lp": idx.pk,
        "#ls": idx.sk,
      },
      ExpressionAttributeValues: {
        ":type": item.type,
        ":p": c.partnershipId,
        ":m": month,
        ":a": c.agencyId,
        ":k": c.kind,
        ":lp": item[idx.pk],
        ":ls": item[idx.sk],
        ":one": 1,
      },
    },
  };
}

export class NearMissRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Creates a report and counts it for the board, in one transaction, at most once per key.
   * Reports of one agency and kind in one month share their count: a transaction that lost to
   * a concurrent one on it wrote nothing and is sent again (then SERVICE_UNAVAILABLE, never the
   * caller's mistake).
   */
  async create(r: NearMissReport, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await createOnce(this.doc, this.table, claim, r.id, [
          putNew(this.table, ReportEntity.item(r)),
          countOneMore(this.table, r),
        ]);
      } catch (err) {
        if (!cancellationReasons(err)?.includes("TransactionConflict")) throw err;
        if (attempt >= MAX_ATTEMPTS)
          throw new UnavailableError("Reports are being counted concurrently; retry", {
            cause: err,
          });
        await new Promise((done) => setTimeout(done, Math.random() * 20 * 2 ** attempt));
      }
    }
  }

  getMany(pid: string, ids: readonly string[]): Promise<Map<string, NearMissReport>> {
    return getMany(
      this.doc,
      this.table,
      ReportEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (r) => r.id,
    );
  }

  /** One agency's reports, newest first. */
  async listByAgency(
    pid: string,
    agencyId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<NearMissReport>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: agencyPk(pid, agencyId, "NEAR_MISS"),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => ReportEntity.fromItem(i));
  }

  async save(next: NearMissReport, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, ReportEntity.item(next), expectedVersion)],
      { name: "Report", id: next.id },
      expectedVersion,
    );
  }

  /** Saves the escalated report with its new escalation, in one transaction. */
  async escalate(next: NearMissReport, expectedVersion: number, e: Escalation): Promise<void> {
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, ReportEntity.item(next), expectedVersion),
        putNew(this.table, EscalationEntity.item(e)),
      ],
      { name: "Report", id: next.id },
      expectedVersion,
    );
  }

  getEscalations(pid: string, ids: readonly string[]): Promise<Map<string, Escalation>> {
    return getMany(
      this.doc,
      this.table,
      EscalationEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (e) => e.id,
    );
  }

  /** Escalations, newest first: every agency's, one agency's, or those in one status. */
  async listEscalations(
    pid: string,
    by: { agencyId?: string | null; status?: EscalationStatus | null },
    first: number,
    after?: string | null,
  ): Promise<Page<Escalation>> {
    const partition = by.agencyId
      ? { index: "byAgency" as const, partition: agencyPk(pid, by.agencyId, "ESCALATION") }
      : by.status
        ? { index: "byStatus" as const, partition: statusPk(pid, "ESCALATION", by.status) }
        : { index: "byPartnershipType" as const, partition: listPk(pid, "ESCALATION") };
    const page = await queryPage(this.doc, {
      table: this.table,
      ...partition,
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => EscalationEntity.fromItem(i));
  }

  async saveEscalation(next: Escalation, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, EscalationEntity.item(next), expectedVersion)],
      { name: "Escalation", id: next.id },
      expectedVersion,
    );
  }

  /**
   * Counts by month, agency and kind for the months `from`..`to` (YYYY-MM; callers bound the
   * range to a year: at most months x agencies x kinds small items).
   */
  async counts(pid: string, from: string, to: string): Promise<ReportCount[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(pid, "NEAR_MISS_COUNT"),
      range: { between: [from, `${to}#~`] },
    });
    return items.map((i) => {
      const { partnershipId: _, ...count } = CountEntity.fromItem(i);
      return count;
    });
  }

  // Reflective practice ----------------------------------------------------------------------

  createReflection(r: Reflection, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, r.id, [
      putNew(this.table, ReflectionEntity.item(r)),
      ...involvementPuts(
        this.table,
        {
          partnershipId: r.partnershipId,
          recordType: "REFLECTION",
          recordId: r.id,
          order: dated(r.heldOn, r.id),
        },
        r.agencyIds,
      ),
    ]);
  }

  getReflections(pid: string, ids: readonly string[]): Promise<Map<string, Reflection>> {
    return getMany(
      this.doc,
      this.table,
      ReflectionEntity,
      ids.map((id) => ({ partnershipId: pid, id })),
      (r) => r.id,
    );
  }

  async listReflections(pid: string, first: number, after?: string | null) {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(pid, "REFLECTION"),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => ReflectionEntity.fromItem(i));
  }

  /** Ids of the reflections an agency took part in, newest first. */
  async listReflectionIdsByAgency(
    pid: string,
    agencyId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<string>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: agencyPk(pid, agencyId, "REFLECTION"),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => InvolvementEntity.fromItem(i).recordId);
  }
}
