import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  agenciesOf,
  type IncidentNotification,
  type NotificationStatus,
  nextDueDate,
} from "../domain/notifications";
import { mapPage, type Page } from "../domain/pagination";
import type { ReviewDecision } from "../domain/review-decisions";
import { getRecords } from "./batch";
import {
  involvementPut,
  type PageQuery,
  putNew,
  queryPage,
  type TransactItem,
  transactVersioned,
  versionedPut,
} from "./common";
import {
  agencyPk,
  DECISION,
  duePk,
  entityPk,
  involvementSk,
  kindPk,
  listPk,
  META,
  statusPk,
  toRecord,
} from "./keys";
import { INDEX } from "./tables";

type Filter =
  | { readonly by: "ALL" }
  | { readonly by: "STATUS"; readonly status: NotificationStatus }
  | { readonly by: "CATEGORY"; readonly category: string }
  | { readonly by: "DUE"; readonly sort: PageQuery["sort"] };

/**
 * Incident notifications and their review decision records. Item collection per notification
 * (pk = T#<p>#NOTIFICATION#<n>): `META` (the notification), `DECISION` (created on submission),
 * and `AGENCY#<a>` involvement items (the notifier's only while a draft; every agency's once
 * submitted), indexed byAgency with `agencySk = <status>#<createdAt>#<n>`.
 */
export class NotificationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private key(partnershipId: string, id: string, sk: string) {
    return { pk: entityPk(partnershipId, "NOTIFICATION", id), sk };
  }

  /** BatchGet META items. */
  async getMany(
    partnershipId: string,
    ids: readonly string[],
  ): Promise<Map<string, IncidentNotification>> {
    return getRecords<IncidentNotification>(
      this.doc,
      this.table,
      ids.map((id) => this.key(partnershipId, id, META)),
    );
  }

  /** BatchGet DECISION items by notification id. */
  async getDecisions(
    partnershipId: string,
    ids: readonly string[],
  ): Promise<Map<string, ReviewDecision>> {
    return getRecords<ReviewDecision>(
      this.doc,
      this.table,
      ids.map((id) => this.key(partnershipId, id, DECISION)),
      "notificationId",
    );
  }

  /**
   * One page of the partnership's notifications:
   * ALL: byPartnershipType `listPk = T#<p>#NOTIFICATION` (submitted ones), newest first;
   * STATUS: byStatus `statusPk = T#<p>#NOTIFICATION#STATUS#<s>`, newest first;
   * CATEGORY: byKind `kindPk = T#<p>#NOTIFICATION#KIND#<c>`, newest first;
   * DUE: byDueDate `duePk = T#<p>#NOTIFICATION#DUE` with a range on `dueSk`, soonest first.
   */
  async list(
    partnershipId: string,
    filter: Filter,
    first: number,
    after?: string | null,
  ): Promise<Page<IncidentNotification>> {
    const base = { table: this.table, first, after };
    const query: PageQuery = (() => {
      switch (filter.by) {
        case "ALL":
          return {
            ...base,
            index: INDEX.byPartnershipType,
            partitionAttribute: "listPk",
            partitionValue: listPk(partnershipId, "NOTIFICATION"),
            sortAttribute: "listSk",
            newestFirst: true,
          };
        case "STATUS":
          return {
            ...base,
            index: INDEX.byStatus,
            partitionAttribute: "statusPk",
            partitionValue: statusPk(partnershipId, "NOTIFICATION", filter.status),
            sortAttribute: "statusSk",
            newestFirst: true,
          };
        case "CATEGORY":
          return {
            ...base,
            index: INDEX.byKind,
            partitionAttribute: "kindPk",
            partitionValue: kindPk(partnershipId, "NOTIFICATION", filter.category),
            sortAttribute: "kindSk",
            newestFirst: true,
          };
        case "DUE":
          return {
            ...base,
            index: INDEX.byDueDate,
            partitionAttribute: "duePk",
            partitionValue: duePk(partnershipId, "NOTIFICATION"),
            sortAttribute: "dueSk",
            sort: filter.sort,
          };
      }
    })();
    return mapPage(await queryPage(this.doc, query), (i) => toRecord<IncidentNotification>(i));
  }

  /** byAgency: `agencyPk = T#<p>#AGENCY#<a>#NOTIFICATION`, optionally one status; returns ids. */
  async listIdsByAgency(
    partnershipId: string,
    agencyId: string,
    status: NotificationStatus | null,
    first: number,
    after?: string | null,
  ): Promise<Page<string>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byAgency,
      partitionAttribute: "agencyPk",
      partitionValue: agencyPk(partnershipId, agencyId, "NOTIFICATION"),
      sortAttribute: "agencySk",
      sort: status ? { beginsWith: `${status}#` } : undefined,
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => String(i.notificationId));
  }

  /** The META item with the index attributes its status and clocks call for. */
  private metaItem(n: IncidentNotification): Record<string, unknown> {
    const order = `${n.createdAt}#${n.id}`;
    const due = nextDueDate(n);
    return {
      ...this.key(n.partnershipId, n.id, META),
      type: "NOTIFICATION",
      ...n,
      statusPk: statusPk(n.partnershipId, "NOTIFICATION", n.status),
      statusSk: order,
      ...(n.status !== "DRAFT"
        ? { listPk: listPk(n.partnershipId, "NOTIFICATION"), listSk: order }
        : {}),
      ...(n.status !== "DRAFT" && n.category
        ? { kindPk: kindPk(n.partnershipId, "NOTIFICATION", n.category), kindSk: order }
        : {}),
      ...(due ? { duePk: duePk(n.partnershipId, "NOTIFICATION"), dueSk: `${due}#${n.id}` } : {}),
    };
  }

  /** Involvement items: the notifier's only for a draft, every agency's once submitted. */
  private involvementItems(n: IncidentNotification): TransactItem[] {
    const agencies = n.status === "DRAFT" ? [n.notifyingAgencyId] : agenciesOf(n);
    return agencies.map((a) =>
      involvementPut(
        this.table,
        {
          partnershipId: n.partnershipId,
          type: "NOTIFICATION",
          id: n.id,
          idAttribute: "notificationId",
        },
        a,
        `${n.status}#${n.createdAt}#${n.id}`,
      ),
    );
  }

  /** Transaction items creating a new (draft or submitted) notification. */
  createItems(n: IncidentNotification): TransactItem[] {
    return [putNew(this.table, this.metaItem(n)), ...this.involvementItems(n)];
  }

  /**
   * Replaces a notification (already bumped to `expectedVersion + 1` by the caller), rewriting
   * its involvement items when its status changed, and optionally creating or replacing its
   * decision record, all in one transaction guarded by the notification's version.
   */
  async save(
    previous: IncidentNotification,
    next: IncidentNotification,
    decision?: { record: ReviewDecision; expectedVersion: number | null },
  ): Promise<void> {
    const items: TransactItem[] = [versionedPut(this.table, this.metaItem(next), previous.version)];
    const listed = (n: IncidentNotification) =>
      n.status === "DRAFT" ? [n.notifyingAgencyId] : agenciesOf(n);
    const keep = new Set(listed(next));
    const before = listed(previous);
    if (
      previous.status !== next.status ||
      before.some((a) => !keep.has(a)) ||
      keep.size !== before.length
    ) {
      items.push(...this.involvementItems(next));
      for (const a of before)
        if (!keep.has(a))
          items.push({
            Delete: {
              TableName: this.table,
              Key: this.key(next.partnershipId, next.id, involvementSk(a)),
            },
          });
    }
    if (decision) items.push(this.decisionPut(decision.record, decision.expectedVersion));
    await transactVersioned(
      this.doc,
      items,
      0,
      { name: "IncidentNotification", id: next.id },
      previous.version,
    );
  }

  /** Transaction items creating a decision record (with a notification submitted at once). */
  decisionCreateItems(d: ReviewDecision): TransactItem[] {
    return [this.decisionPut(d, null)];
  }

  private decisionPut(d: ReviewDecision, expectedVersion: number | null): TransactItem {
    const Item = {
      ...this.key(d.partnershipId, d.notificationId, DECISION),
      type: "DECISION",
      ...d,
    };
    if (expectedVersion === null) return putNew(this.table, Item);
    return versionedPut(this.table, Item, expectedVersion);
  }

  /** Replaces a decision record guarded by its version. */
  async saveDecision(d: ReviewDecision, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [this.decisionPut(d, expectedVersion)],
      0,
      { name: "ReviewDecision", id: d.notificationId },
      expectedVersion,
    );
  }
}
