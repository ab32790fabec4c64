import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { OverdueSummary } from "../domain/overdue";
import { mapPage, type Page } from "../domain/pagination";
import { put, queryPage, transact } from "./common";
import { defineEntity } from "./entity";
import { entityPk } from "./keys";

const summaryPk = (partnershipId: string, agencyKey: string) =>
  entityPk(partnershipId, "OVERDUE_SUMMARY", agencyKey);
const dayPartition = (partnershipId: string, asOf: string) =>
  `${entityPk(partnershipId, "OVERDUE_SUMMARY", "DATE")}#${asOf}`;

/**
 * Overdue summaries: per agency (or BOARD) by day, and every agency's of one day on
 * byPartnershipType. Written whole, keyed by agency and day: running the job twice writes the
 * same items.
 */
export const OverdueSummaryEntity = defineEntity<OverdueSummary>()({
  type: "OVERDUE_SUMMARY",
  attributes: {
    partnershipId: "string",
    agencyKey: "string",
    asOf: "string",
    overdueActionCount: "number",
    overdueActions: "list",
    revisitDueCount: "number",
    revisitsDue: "list",
    lateContributionCount: "number",
    lateContributions: "list",
    lateMilestoneCount: "number",
    lateMilestones: "list",
    reviewPastTargetCount: "number",
    reviewsPastTarget: "list",
    reconsiderDueCount: "number",
    reconsidersDue: "list",
    auditDue: "list?",
  },
  keyFields: ["partnershipId", "agencyKey", "asOf"],
  key: (k) => ({ pk: summaryPk(k.partnershipId, k.agencyKey), sk: k.asOf }),
  indexes: {
    byPartnershipType: (s) => ({ pk: dayPartition(s.partnershipId, s.asOf), sk: s.agencyKey }),
  },
});

export class OverdueSummaryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Writes (or rewrites) the summaries, up to 100 per transaction. */
  async putAll(summaries: readonly OverdueSummary[]): Promise<void> {
    for (let i = 0; i < summaries.length; i += 100)
      await transact(
        this.doc,
        summaries.slice(i, i + 100).map((s) => put(this.table, OverdueSummaryEntity.item(s))),
      );
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
      partition: summaryPk(partnershipId, agencyKey),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => OverdueSummaryEntity.fromItem(i));
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
      index: "byPartnershipType",
      partition: dayPartition(partnershipId, asOf),
      first,
      after,
    });
    return mapPage(page, (i) => OverdueSummaryEntity.fromItem(i));
  }

  /** The latest day a summary was written for the partnership's board (one Query). */
  async latestDay(partnershipId: string, boardKey: string): Promise<string | null> {
    const page = await this.listForAgency(partnershipId, boardKey, 1);
    return page.edges[0]?.node.asOf ?? null;
  }
}
