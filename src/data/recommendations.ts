import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mapPage, type Page } from "../domain/pagination";
import {
  type Action,
  isOpenAction,
  OPEN_STATUSES,
  type Recommendation,
} from "../domain/recommendations";
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
  duePk,
  entityPk,
  kindPk,
  listPk,
  META,
  revisitPk,
  statusPk,
  toRecord,
} from "./keys";
import { INDEX } from "./tables";

/** The board's own work, where no agency owns it. */
export const BOARD = "BOARD";
const ownerKey = (agencyId: string | null) => agencyId ?? BOARD;

/** An action's id is `<recommendationId>:<actionId>`: its key lives in the recommendation's collection. */
export function splitActionId(id: string): { recommendationId: string; actionId: string } | null {
  const [recommendationId, actionId, ...rest] = id.split(":");
  return recommendationId && actionId && rest.length === 0 ? { recommendationId, actionId } : null;
}

export type SortRange = PageQuery["sort"];

export type RecommendationListFilter =
  | { readonly by: "ALL"; readonly sort?: SortRange }
  | { readonly by: "STATUS"; readonly status: string; readonly sort?: SortRange }
  | { readonly by: "KIND"; readonly kind: string; readonly sort?: SortRange }
  | { readonly by: "DUE"; readonly sort?: SortRange };

export type ActionListFilter = RecommendationListFilter;

/**
 * Recommendations and their actions. Item collection per recommendation
 * (pk = T#<p>#RECOMMENDATION#<r>): `META`, `AGENCY#<a>` involvement items (owner and participating
 * agencies) and `ACTION#<id>` actions, each action indexed on its own due date.
 */
export class RecommendationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private recKey(partnershipId: string, id: string, sk: string) {
    return { pk: entityPk(partnershipId, "RECOMMENDATION", id), sk };
  }

  private actionKey(partnershipId: string, actionId: string) {
    const parts = splitActionId(actionId);
    return parts
      ? this.recKey(partnershipId, parts.recommendationId, `ACTION#${parts.actionId}`)
      : null;
  }

  async getMany(
    partnershipId: string,
    ids: readonly string[],
  ): Promise<Map<string, Recommendation>> {
    return getRecords<Recommendation>(
      this.doc,
      this.table,
      ids.map((id) => this.recKey(partnershipId, id, META)),
    );
  }

  async getActions(partnershipId: string, ids: readonly string[]): Promise<Map<string, Action>> {
    const keys = ids.flatMap((id) => this.actionKey(partnershipId, id) ?? []);
    return getRecords<Action>(this.doc, this.table, keys);
  }

  /**
   * ALL: byPartnershipType `listPk = T#<p>#RECOMMENDATION`, by date made (range on `listSk`);
   * STATUS: byStatus; KIND: byKind (source kind); DUE: byDueDate, open ones by target date.
   */
  async list(
    partnershipId: string,
    filter: RecommendationListFilter,
    first: number,
    after?: string | null,
  ): Promise<Page<Recommendation>> {
    return mapPage(
      await queryPage(
        this.doc,
        this.listQuery(partnershipId, "RECOMMENDATION", filter, first, after),
      ),
      (i) => toRecord<Recommendation>(i),
    );
  }

  /** The same access patterns for actions (sorted by due date). */
  async listActions(
    partnershipId: string,
    filter: ActionListFilter,
    first: number,
    after?: string | null,
  ): Promise<Page<Action>> {
    return mapPage(
      await queryPage(this.doc, this.listQuery(partnershipId, "ACTION", filter, first, after)),
      (i) => toRecord<Action>(i),
    );
  }

  private listQuery(
    partnershipId: string,
    type: "RECOMMENDATION" | "ACTION",
    filter: RecommendationListFilter,
    first: number,
    after?: string | null,
  ): PageQuery {
    const base = { table: this.table, first, after };
    switch (filter.by) {
      case "ALL":
        return {
          ...base,
          index: INDEX.byPartnershipType,
          partitionAttribute: "listPk",
          partitionValue: listPk(partnershipId, type),
          sortAttribute: "listSk",
          sort: filter.sort,
        };
      case "STATUS":
        return {
          ...base,
          index: INDEX.byStatus,
          partitionAttribute: "statusPk",
          partitionValue: statusPk(partnershipId, type, filter.status),
          sortAttribute: "statusSk",
          sort: filter.sort,
        };
      case "KIND":
        return {
          ...base,
          index: INDEX.byKind,
          partitionAttribute: "kindPk",
          partitionValue: kindPk(partnershipId, type, filter.kind),
          sortAttribute: "kindSk",
          sort: filter.sort,
        };
      case "DUE":
        return {
          ...base,
          index: INDEX.byDueDate,
          partitionAttribute: "duePk",
          partitionValue: duePk(partnershipId, type),
          sortAttribute: "dueSk",
          sort: filter.sort,
        };
    }
  }

  /** byAgency `agencyPk = T#<p>#AGENCY#<a>#RECOMMENDATION`, by date made; returns ids. */
  async listIdsByAgency(
    partnershipId: string,
    agencyId: string,
    sort: SortRange,
    first: number,
    after?: string | null,
  ): Promise<Page<string>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byAgency,
      partitionAttribute: "agencyPk",
      partitionValue: agencyPk(partnershipId, agencyId, "RECOMMENDATION"),
      sortAttribute: "agencySk",
      sort,
      first,
      after,
    });
    return mapPage(page, (i) => String(i.recommendationId));
  }

  /** byAgency `agencyPk = T#<p>#AGENCY#<a|BOARD>#ACTION#<OPEN|CLOSED>`, by due date. */
  async listActionsByAgency(
    partnershipId: string,
    agencyId: string | null,
    open: boolean,
    sort: SortRange,
    first: number,
    after?: string | null,
  ): Promise<Page<Action>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byAgency,
      partitionAttribute: "agencyPk",
      partitionValue: this.actionAgencyPk(partnershipId, agencyId, open),
      sortAttribute: "agencySk",
      sort,
      first,
      after,
    });
    return mapPage(page, (i) => toRecord<Action>(i));
  }

  /** A recommendation's actions: Query pk = T#<p>#RECOMMENDATION#<r>, begins_with(sk, ACTION#). */
  async listActionsOf(
    partnershipId: string,
    recommendationId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<Action>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      partitionAttribute: "pk",
      partitionValue: entityPk(partnershipId, "RECOMMENDATION", recommendationId),
      sortAttribute: "sk",
      sort: { beginsWith: "ACTION#" },
      first,
      after,
    });
    return mapPage(page, (i) => toRecord<Action>(i));
  }

  /** byRevisitDate: recommendations whose revisit date is before `today` (every page). */
  async revisitsDueBefore(partnershipId: string, today: string): Promise<Recommendation[]> {
    return this.queryAll({
      IndexName: INDEX.byRevisitDate,
      KeyConditionExpression: "revisitPk = :p AND revisitSk < :t",
      ExpressionAttributeValues: { ":p": revisitPk(partnershipId, "RECOMMENDATION"), ":t": today },
    });
  }

  /** byDueDate: open actions due before `today` (every page). */
  async actionsDueBefore(partnershipId: string, today: string): Promise<Action[]> {
    return this.queryAll({
      IndexName: INDEX.byDueDate,
      KeyConditionExpression: "duePk = :p AND dueSk < :t",
      ExpressionAttributeValues: { ":p": duePk(partnershipId, "ACTION"), ":t": today },
    });
  }

  /** byPartnershipType: recommendations made between two dates inclusive (every page). */
  async madeBetween(partnershipId: string, from: string, to: string): Promise<Recommendation[]> {
    return this.queryAll({
      IndexName: INDEX.byPartnershipType,
      KeyConditionExpression: "listPk = :p AND listSk BETWEEN :f AND :t",
      ExpressionAttributeValues: {
        ":p": listPk(partnershipId, "RECOMMENDATION"),
        ":f": from,
        ":t": `${to}#~`,
      },
    });
  }

  private async queryAll<T>(q: {
    IndexName: string;
    KeyConditionExpression: string;
    ExpressionAttributeValues: Record<string, string>;
  }): Promise<T[]> {
    const out: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
        new QueryCommand({ TableName: this.table, ...q, ExclusiveStartKey: start }),
      );
      out.push(...(res.Items ?? []).map((i) => toRecord<T>(i)));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  private actionAgencyPk(partnershipId: string, agencyId: string | null, open: boolean) {
    return `${agencyPk(partnershipId, ownerKey(agencyId), "ACTION")}#${open ? "OPEN" : "CLOSED"}`;
  }

  private recommendationItem(r: Recommendation): Record<string, unknown> {
    const order = `${r.madeOn}#${r.id}`;
    const open = OPEN_STATUSES.includes(r.status);
    return {
      ...this.recKey(r.partnershipId, r.id, META),
      type: "RECOMMENDATION",
      ...r,
      listPk: listPk(r.partnershipId, "RECOMMENDATION"),
      listSk: order,
      statusPk: statusPk(r.partnershipId, "RECOMMENDATION", r.status),
      statusSk: order,
      kindPk: kindPk(r.partnershipId, "RECOMMENDATION", r.source.kind),
      kindSk: order,
      ...(open
        ? { duePk: duePk(r.partnershipId, "RECOMMENDATION"), dueSk: `${r.targetDate}#${r.id}` }
        : {}),
      ...(r.revisitOn
        ? {
            revisitPk: revisitPk(r.partnershipId, "RECOMMENDATION"),
            revisitSk: `${r.revisitOn}#${r.id}`,
          }
        : {}),
    };
  }

  private actionItem(a: Action): Record<string, unknown> {
    const order = `${a.dueDate}#${a.id}`;
    const open = isOpenAction(a);
    return {
      ...(this.actionKey(a.partnershipId, a.id) as { pk: string; sk: string }),
      type: "ACTION",
      ...a,
      listPk: listPk(a.partnershipId, "ACTION"),
      listSk: order,
      statusPk: statusPk(a.partnershipId, "ACTION", a.status),
      statusSk: order,
      kindPk: kindPk(a.partnershipId, "ACTION", a.sourceKind),
      kindSk: order,
      agencyPk: this.actionAgencyPk(a.partnershipId, a.owningAgencyId, open),
      agencySk: order,
      ...(open ? { duePk: duePk(a.partnershipId, "ACTION"), dueSk: order } : {}),
    };
  }

  /** Transaction items creating a recommendation and its involvement items. */
  createItems(r: Recommendation): TransactItem[] {
    const agencies = [
      ...new Set([...(r.owningAgencyId ? [r.owningAgencyId] : []), ...r.participatingAgencyIds]),
    ];
    return [
      putNew(this.table, this.recommendationItem(r)),
      ...agencies.map((a) =>
        involvementPut(
          this.table,
          {
            partnershipId: r.partnershipId,
            type: "RECOMMENDATION",
            id: r.id,
            idAttribute: "recommendationId",
          },
          a,
          `${r.madeOn}#${r.id}`,
        ),
      ),
    ];
  }

  /** Transaction item creating an action (the recommendation must exist). */
  createActionItems(a: Action): TransactItem[] {
    return [
      {
        ConditionCheck: {
          TableName: this.table,
          Key: this.recKey(a.partnershipId, a.recommendationId, META),
          ConditionExpression: "attribute_exists(pk)",
        },
      },
      putNew(this.table, this.actionItem(a)),
    ];
  }

  /** Replaces a recommendation guarded by `expectedVersion`. */
  async save(next: Recommendation, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, this.recommendationItem(next), expectedVersion)],
      0,
      { name: "Recommendation", id: next.id },
      expectedVersion,
    );
  }

  /** Replaces an action guarded by `expectedVersion`. */
  async saveAction(next: Action, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, this.actionItem(next), expectedVersion)],
      0,
      { name: "Action", id: next.id },
      expectedVersion,
    );
  }

  /**
   * Marks an action overdue the first time it is found past due; a second run the same or a
   * later day changes nothing. Returns whether it marked it now.
   */
  async markActionOverdue(a: Action, today: string): Promise<boolean> {
    return this.markOnce(
      this.actionKey(a.partnershipId, a.id) as Record<string, string>,
      "overdueSince",
      today,
    );
  }

  /** Marks a recommendation's revisit as overdue, once. */
  async markRevisitOverdue(r: Recommendation, today: string): Promise<boolean> {
    return this.markOnce(this.recKey(r.partnershipId, r.id, META), "revisitOverdueSince", today);
  }

  private async markOnce(
    key: Record<string, string>,
    attribute: string,
    today: string,
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          // Bumps the version so that an edit made from an earlier read conflicts instead of
          // silently dropping the mark.
          UpdateExpression: "SET #a = :t, #v = #v + :one",
          ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(#a) OR #a = :null)",
          ExpressionAttributeNames: { "#a": attribute, "#v": "version" },
          ExpressionAttributeValues: { ":t": today, ":null": null, ":one": 1 },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === "ConditionalCheckFailedException") return false;
      throw err;
    }
  }
}
