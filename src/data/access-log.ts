import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { AccessLogEntry } from "../domain/entities";
import { mapPage, type Page } from "../domain/pagination";
import { queryPage } from "./common";
import { accessCasePk, accessSubjectPk, toRecord } from "./keys";
import { INDEX } from "./tables";

const MAX_ITEMS_PER_TRANSACTION = 100;

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
    for (let i = 0; i < entries.length; i += MAX_ITEMS_PER_TRANSACTION) {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: entries.slice(i, i + MAX_ITEMS_PER_TRANSACTION).map((e) => ({
            Put: {
              TableName: this.table,
              Item: {
                pk: accessCasePk(e.partnershipId, e.caseId),
                sk: `${e.at}#${e.id}`,
                subjectPk: accessSubjectPk(e.partnershipId, e.subject),
                ...e,
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          })),
        }),
      );
    }
  }

  /** By case: pk = T#<p>#CASE#<c>, newest first. */
  async listByCase(
    partnershipId: string,
    caseId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<AccessLogEntry>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      partitionAttribute: "pk",
      partitionValue: accessCasePk(partnershipId, caseId),
      sortAttribute: "sk",
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => toRecord<AccessLogEntry>(i));
  }

  /** accessBySubject: subjectPk = T#<p>#SUBJECT#<s>, newest first. */
  async listBySubject(
    partnershipId: string,
    subject: string,
    first: number,
    after?: string | null,
  ): Promise<Page<AccessLogEntry>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.accessBySubject,
      partitionAttribute: "subjectPk",
      partitionValue: accessSubjectPk(partnershipId, subject),
      sortAttribute: "sk",
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => toRecord<AccessLogEntry>(i));
  }
}
