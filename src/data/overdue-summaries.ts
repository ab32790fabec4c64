import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { mapPage, type Page } from "../domain/pagination";
import { queryPage } from "./common";
import { entityPk, toRecord } from "./keys";
import { INDEX } from "./tables";

/** What the overdue job found for one agency (or the board) on one day. */
export interface OverdueSummary {
  readonly partnershipId: string;
  /** An agency id, or `BOARD` for work the board owns. */
  readonly agencyKey: string;
  readonly asOf: string;
  readonly overdueActionCount: number;
  /** Up to 100 of them, most overdue first. */
  readonly overdueActions: readonly { readonly id: string; readonly dueDate: string }[];
  readonly revisitDueCount: number;
  readonly revisitsDue: readonly { readonly id: string; readonly revisitOn: string }[];
}

const datePartition = (partnershipId: string, asOf: string) =>
  `${entityPk(partnershipId, "OVERDUE_SUMMARY", "DATE")}#${asOf}`;

/**
 * Overdue summaries: pk = T#<p>#OVERDUE_SUMMARY#<agency|BOARD>, sk = <asOf>; and by day for the
 * board on byPartnershipType (`listPk = T#<p>#OVERDUE_SUMMARY#DATE#<asOf>`, `listSk = <agency>`).
 * Written whole, keyed by agency and day: running the job twice writes the same items.
 */
export class OverdueSummaryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putAll(summaries: readonly OverdueSummary[]): Promise<void> {
    for (let i = 0; i < summaries.length; i += 100) {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: summaries.slice(i, i + 100).map((s) => ({
            Put: {
              TableName: this.table,
              Item: {
                pk: entityPk(s.partnershipId, "OVERDUE_SUMMARY", s.agencyKey),
                sk: s.asOf,
                type: "OVERDUE_SUMMARY",
                listPk: datePartition(s.partnershipId, s.asOf),
                listSk: s.agencyKey,
                ...s,
              },
            },
          })),
        }),
      );
    }
  }

  /** One agency's summaries, newest first. */
  async listForAgency(
    partnershipId: string,
    agencyKey: string,
    first: number,
    after?: string | null,
  ): Promise<Page<OverdueSummary>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      partitionAttribute: "pk",
      partitionValue: entityPk(partnershipId, "OVERDUE_SUMMARY", agencyKey),
      sortAttribute: "sk",
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => toRecord<OverdueSummary>(i));
  }

  /** Every agency's summary of one day. */
  async listForDay(
    partnershipId: string,
    asOf: string,
    first: number,
    after?: string | null,
  ): Promise<Page<OverdueSummary>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byPartnershipType,
      partitionAttribute: "listPk",
      partitionValue: datePartition(partnershipId, asOf),
      sortAttribute: "listSk",
      first,
      after,
    });
    return mapPage(page, (i) => toRecord<OverdueSummary>(i));
  }

  /** The latest day a summary was written for the partnership's board (one Query). */
  async latestDay(partnershipId: string): Promise<string | null> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": entityPk(partnershipId, "OVERDUE_SUMMARY", "BOARD") },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return (res.Items?.[0]?.asOf as string | undefined) ?? null;
  }
}
