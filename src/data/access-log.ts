import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AccessLogEntry } from "../domain/entities";
import { mapPage, type Page } from "../domain/pagination";
import { putNew, queryPage, transact } from "./common";
import { defineEntity } from "./entity";
import { accessCasePk, accessSubjectPk, dated } from "./keys";

const MAX_ITEMS_PER_TRANSACTION = 100;

/** One read of identifying details: by case (table key), and by who read (index). */
export const AccessLogEntity = defineEntity<AccessLogEntry>()({
  type: "ACCESS",
  attributes: {
    id: "string",
    partnershipId: "string",
    caseId: "string",
    subject: "string",
    agencyId: "string?",
    roles: "list",
    operation: "string",
    requestId: "string",
    at: "string",
  },
  keyFields: ["partnershipId", "caseId", "at", "id"],
  key: (k) => ({ pk: accessCasePk(k.partnershipId, k.caseId), sk: dated(k.at, k.id) }),
  indexes: {
    accessBySubject: (e) => ({
      pk: accessSubjectPk(e.partnershipId, e.subject),
      sk: dated(e.at, e.id),
    }),
  },
});

/** Append-only log of reads of identifying details (its own table: own retention and IAM). */
export class AccessLogRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Writes the entries before the details are read. All entries of a page go in one
   * TransactWriteItems call (up to 100), so logging costs one request per page, not per case.
   */
  async record(entries: readonly AccessLogEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += MAX_ITEMS_PER_TRANSACTION)
      await transact(
        this.doc,
        entries
          .slice(i, i + MAX_ITEMS_PER_TRANSACTION)
          .map((e) => putNew(this.table, AccessLogEntity.item(e))),
      );
  }

  /** One case's reads, newest first. */
  async listByCase(
    partnershipId: string,
    caseId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<AccessLogEntry>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      partition: accessCasePk(partnershipId, caseId),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => AccessLogEntity.fromItem(i));
  }

  /** One person's reads, newest first. */
  async listBySubject(
    partnershipId: string,
    subject: string,
    first: number,
    after?: string | null,
  ): Promise<Page<AccessLogEntry>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "accessBySubject",
      partition: accessSubjectPk(partnershipId, subject),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => AccessLogEntity.fromItem(i));
  }
}
