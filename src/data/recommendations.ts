import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type Action, type ActionStatus, isOpenAction } from "../domain/actions";
import type { DateRange } from "../domain/dates";
import { UnreachableCaseError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import { ownerKey } from "../domain/overdue";
import { mapPage, type Page } from "../domain/pagination";
import {
  OPEN_STATUSES,
  type Recommendation,
  type RecommendationStatus,
  recommendationAgencies,
  type SourceKind,
} from "../domain/recommendations";
import { getMany } from "./batch";
import {
  dateRangeKeys,
  mustExist,
  type PageQuery,
  putNew,
  queryAll,
  queryPage,
  transactVersioned,
  versionedPut,
} from "./common";
import { defineEntity, type TableKey } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { InvolvementEntity, involvementPuts } from "./involvement";
import {
  agencyPk,
  dated,
  duePk,
  type EntityType,
  entityPk,
  kindPk,
  listPk,
  META,
  revisitPk,
  statusPk,
} from "./keys";

/**
 * Recommendations and their actions. Item collection per recommendation
 * (pk = T#<p>#RECOMMENDATION#<r>): `META`, `AGENCY#<a>` involvement items (owner and participating
 * agencies) and `ACTION#<id>` actions, each action indexed on its own due date.
 */
export const RecommendationEntity = defineEntity<Recommendation>()({
  type: "RECOMMENDATION",
  attributes: {
    id: "string",
    partnershipId: "string",
    source: "map",
    text: "string",
    finding: "string",
    owningAgencyId: "string?",
    participatingAgencyIds: "list",
    priority: "string",
    madeOn: "string",
    targetDate: "string",
    status: "string",
    rejectionReason: "string?",
    implementedOn: "string?",
    closedOn: "string?",
    closedWithoutEvidence: "map?",
    evidence: "list",
    unintendedConsequences: "list",
    revisitOn: "string?",
    revisits: "list",
    revisitOverdueSince: "string?",
    history: "list",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "RECOMMENDATION", k.id), sk: META }),
  indexes: {
    byPartnershipType: (r) => ({
      pk: listPk(r.partnershipId, "RECOMMENDATION"),
      sk: dated(r.madeOn, r.id),
    }),
    byStatus: (r) => ({
      pk: statusPk(r.partnershipId, "RECOMMENDATION", r.status),
      sk: dated(r.madeOn, r.id),
    }),
    byKind: (r) => ({
      pk: kindPk(r.partnershipId, "RECOMMENDATION", r.source.kind),
      sk: dated(r.madeOn, r.id),
    }),
    // Sparse: open recommendations, by target date.
    byDueDate: (r) =>
      OPEN_STATUSES.includes(r.status)
        ? { pk: duePk(r.partnershipId, "RECOMMENDATION"), sk: dated(r.targetDate, r.id) }
        : null,
    byRevisitDate: (r) =>
      r.revisitOn
        ? { pk: revisitPk(r.partnershipId, "RECOMMENDATION"), sk: dated(r.revisitOn, r.id) }
        : null,
  },
});

/** An action's id is `<recommendationId>:<actionId>`: its key lives in the recommendation's collection. */
function splitActionId(id: string): { recommendationId: string; actionId: string } | null {
  const [recommendationId, actionId, ...rest] = id.split(":");
  return recommendationId && actionId && rest.length === 0 ? { recommendationId, actionId } : null;
}

/** An action's list on its owner's byAgency partition: open and closed ones apart. */
const actionAgencyPk = (partnershipId: string, agencyId: string | null, open: boolean) =>
  `${agencyPk(partnershipId, ownerKey(agencyId), "ACTION")}#${open ? "OPEN" : "CLOSED"}`;

export const ActionEntity = defineEntity<Action>()({
  type: "ACTION",
  attributes: {
    id: "string",
    partnershipId: "string",
    recommendationId: "string",
    sourceKind: "string",
    owningAgencyId: "string?",
    responsiblePerson: "string",
    description: "string",
    dueDate: "string",
    status: "string",
    completedOn: "string?",
    updates: "list",
    overdueSince: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => {
    const parts = splitActionId(k.id);
    if (!parts) throw new Error(`Not an action id: ${k.id}`);
    return {
      pk: entityPk(k.partnershipId, "RECOMMENDATION", parts.recommendationId),
      sk: `ACTION#${parts.actionId}`,
    };
  },
  indexes: {
    byPartnershipType: (a) => ({
      pk: listPk(a.partnershipId, "ACTION"),
      sk: dated(a.dueDate, a.id),
    }),
    byStatus: (a) => ({
      pk: statusPk(a.partnershipId, "ACTION", a.status),
      sk: dated(a.dueDate, a.id),
    }),
    byKind: (a) => ({
      pk: kindPk(a.partnershipId, "ACTION", a.sourceKind),
      sk: dated(a.dueDate, a.id),
    }),
    byAgency: (a) => ({
      pk: actionAgencyPk(a.partnershipId, a.owningAgencyId, isOpenAction(a)),
      sk: dated(a.dueDate, a.id),
    }),
    // Sparse: open actions, by due date (the overdue job's and RAG filters' index).
    byDueDate: (a) =>
      isOpenAction(a) ? { pk: duePk(a.partnershipId, "ACTION"), sk: dated(a.dueDate, a.id) } : null,
  },
});

/** How the board lists recommendations or actions: each is one index. */
export type LearningListFilter<S extends string> =
  /** All, by date made (recommendations) or due (actions), optionally in a range. */
  | { readonly by: "ALL"; readonly range?: DateRange }
  | { readonly by: "STATUS"; readonly status: S; readonly range?: DateRange }
  | { readonly by: "KIND"; readonly kind: SourceKind; readonly range?: DateRange }
  /** Open ones by target (due) date, in a range. */
  | { readonly by: "DUE"; readonly range?: DateRange };

export class RecommendationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Recommendations by ids (BatchGet). */
  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Recommendation>> {
    return getMany(
      this.doc,
      this.table,
      RecommendationEntity,
      ids.map((id) => ({ partnershipId, id })),
      (r) => r.id,
    );
  }

  /** Actions by ids (BatchGet); an id not of an action's shape names no action. */
  getActions(partnershipId: string, ids: readonly string[]): Promise<Map<string, Action>> {
    return getMany(
      this.doc,
      this.table,
      ActionEntity,
      ids.filter((id) => splitActionId(id) !== null).map((id) => ({ partnershipId, id })),
      (a) => a.id,
    );
  }

  /** One page of recommendations (by date made, or target date for DUE). */
  async list(
    partnershipId: string,
    filter: LearningListFilter<RecommendationStatus>,
    first: number,
    after?: string | null,
  ): Promise<Page<Recommendation>> {
    const page = await queryPage(
      this.doc,
      this.listQuery(partnershipId, "RECOMMENDATION", filter, first, after),
    );
    return mapPage(page, (i) => RecommendationEntity.fromItem(i));
  }

  /** One page of actions, by due date. */
  async listActions(
    partnershipId: string,
    filter: LearningListFilter<ActionStatus>,
    first: number,
    after?: string | null,
  ): Promise<Page<Action>> {
    const page = await queryPage(
      this.doc,
      this.listQuery(partnershipId, "ACTION", filter, first, after),
    );
    return mapPage(page, (i) => ActionEntity.fromItem(i));
  }

  private listQuery(
    partnershipId: string,
    type: EntityType,
    filter: LearningListFilter<string>,
    first: number,
    after?: string | null,
  ): PageQuery {
    const base = { table: this.table, first, after, range: dateRangeKeys(filter.range) };
    switch (filter.by) {
      case "ALL":
        return { ...base, index: "byPartnershipType", partition: listPk(partnershipId, type) };
      case "STATUS":
        return {
          ...base,
          index: "byStatus",
          partition: statusPk(partnershipId, type, filter.status),
        };
      case "KIND":
        return { ...base, index: "byKind", partition: kindPk(partnershipId, type, filter.kind) };
      case "DUE":
        return { ...base, index: "byDueDate", partition: duePk(partnershipId, type) };
      default:
        throw new UnreachableCaseError(filter);
    }
  }

  /** Ids of the recommendations an agency owns or took part in, by date made. */
  async listIdsByAgency(
    partnershipId: string,
    agencyId: string,
    made: DateRange | undefined,
    first: number,
    after?: string | null,
  ): Promise<Page<string>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: agencyPk(partnershipId, agencyId, "RECOMMENDATION"),
      range: dateRangeKeys(made),
      first,
      after,
    });
    return mapPage(page, (i) => InvolvementEntity.fromItem(i).recordId);
  }

  /** The open (or done) actions an agency (or, with null, the board) owns, by due date. */
  async listActionsByAgency(
    partnershipId: string,
    agencyId: string | null,
    open: boolean,
    due: DateRange | undefined,
    first: number,
    after?: string | null,
  ): Promise<Page<Action>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: actionAgencyPk(partnershipId, agencyId, open),
      range: dateRangeKeys(due),
      first,
      after,
    });
    return mapPage(page, (i) => ActionEntity.fromItem(i));
  }

  /** A recommendation's actions. */
  async listActionsOf(
    partnershipId: string,
    recommendationId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<Action>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      partition: RecommendationEntity.key({ partnershipId, id: recommendationId }).pk,
      range: { beginsWith: "ACTION#" },
      first,
      after,
    });
    return mapPage(page, (i) => ActionEntity.fromItem(i));
  }

  /** Recommendations whose revisit date is before `today` (every page: the overdue job). */
  async revisitsDueBefore(partnershipId: string, today: string): Promise<Recommendation[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byRevisitDate",
      partition: revisitPk(partnershipId, "RECOMMENDATION"),
      range: { lt: today },
    });
    return items.map((i) => RecommendationEntity.fromItem(i));
  }

  /** Open actions due before `today` (every page: the overdue job). */
  async actionsDueBefore(partnershipId: string, today: string): Promise<Action[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byDueDate",
      partition: duePk(partnershipId, "ACTION"),
      range: { lt: today },
    });
    return items.map((i) => ActionEntity.fromItem(i));
  }

  /** Recommendations made in a period (every page; callers bound the period). */
  async madeIn(partnershipId: string, period: DateRange): Promise<Recommendation[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(partnershipId, "RECOMMENDATION"),
      range: dateRangeKeys(period),
    });
    return items.map((i) => RecommendationEntity.fromItem(i));
  }

  /** Creates a recommendation with its involvement items, at most once per key. */
  create(r: Recommendation, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, r.id, [
      putNew(this.table, RecommendationEntity.item(r)),
      ...involvementPuts(
        this.table,
        {
          partnershipId: r.partnershipId,
          recordType: "RECOMMENDATION",
          recordId: r.id,
          order: dated(r.madeOn, r.id),
        },
        recommendationAgencies(r),
      ),
    ]);
  }

  /** Creates an action (its recommendation must exist), at most once per key. */
  createAction(a: Action, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, a.id, [
      mustExist(
        this.table,
        RecommendationEntity.key({ partnershipId: a.partnershipId, id: a.recommendationId }),
      ),
      putNew(this.table, ActionEntity.item(a)),
    ]);
  }

  /** Replaces a recommendation guarded by `expectedVersion`. */
  async save(next: Recommendation, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, RecommendationEntity.item(next), expectedVersion)],
      { name: "Recommendation", id: next.id },
      expectedVersion,
    );
  }

  /** Replaces an action guarded by `expectedVersion`. */
  async saveAction(next: Action, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, ActionEntity.item(next), expectedVersion)],
      { name: "Action", id: next.id },
      expectedVersion,
    );
  }

  /**
   * Marks an action overdue the first time it is found past due; a second run the same or a
   * later day changes nothing. Returns whether it marked it now.
   */
  markActionOverdue(a: Action, today: string): Promise<boolean> {
    return this.markOnce(ActionEntity.key(a), "overdueSince", today);
  }

  /** Marks a recommendation's revisit as overdue, once. */
  markRevisitOverdue(r: Recommendation, today: string): Promise<boolean> {
    return this.markOnce(RecommendationEntity.key(r), "revisitOverdueSince", today);
  }

  private async markOnce(key: TableKey, attribute: string, today: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { ...key },
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
