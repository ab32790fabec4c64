import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type Action,
  type ActionStatus,
  isOpenAction,
  type ProgressUpdate,
} from "../domain/actions";
import type { DateRange } from "../domain/dates";
import { UnreachableCaseError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import { ownerKey } from "../domain/overdue";
import { mapPage, type Page } from "../domain/pagination";
import {
  type ImpactEvidence,
  OPEN_STATUSES,
  type Recommendation,
  type RecommendationStatus,
  type Revisit,
  recommendationAgencies,
  type SourceKind,
  type UnintendedConsequence,
} from "../domain/recommendations";
import { getMany } from "./batch";
import { type Children, defineChildren, seqSk, seqWindow } from "./children";
import {
  dateRangeKeys,
  type PageQuery,
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
 * agencies), `ACTION#<id>` actions, each action indexed on its own due date, and the numbered
 * children (`EVIDENCE#`, `CONSEQUENCE#`, `REVISIT#`, `PROGRESS#<id>#`). Every kind of item has
 * its own first sort-key segment, and no segment is another's prefix: a Query of one kind
 * (`begins_with(sk, ACTION#)`) reads that kind only.
 */
export const RecommendationEntity = defineEntity<Recommendation>()({
  type: "RECOMMENDATION",
  attributes: {
    id: "string",
    partnershipId: "string",
    source: "map",
    text: "string",
    finding: "string",
    findingId: "string?",
    owningAgencyId: "string?",
    participatingAgencyIds: "list",
    priority: "string",
    businessPriorityId: "string?",
    madeOn: "string",
    targetDate: "string",
    status: "string",
    rejectionReason: "string?",
    implementedOn: "string?",
    closedOn: "string?",
    closedWithoutEvidence: "map?",
    evidenceCount: "number",
    consequenceCount: "number",
    actionCount: "number",
    revisitOn: "string?",
    revisitCount: "number",
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

/**
 * An action's list on its owner's byAgency partition: open ones together (by due date, for RAG
 * ranges), completed and cancelled ones each apart (so BLUE, done, is exactly the completed).
 */
type ActionShelf = "OPEN" | "COMPLETED" | "CANCELLED";
const actionAgencyPk = (partnershipId: string, agencyId: string | null, shelf: ActionShelf) =>
  `${agencyPk(partnershipId, ownerKey(agencyId), "ACTION")}#${shelf}`;
const shelfOf = (a: Action): ActionShelf =>
  isOpenAction(a) ? "OPEN" : a.status === "COMPLETED" ? "COMPLETED" : "CANCELLED";

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
    updateCount: "number",
    recommendationAcceptedOn: "string",
    statusOn: "string?",
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
      pk: actionAgencyPk(a.partnershipId, a.owningAgencyId, shelfOf(a)),
      sk: dated(a.dueDate, a.id),
    }),
    // Sparse: open actions, by due date (the overdue job's and RAG filters' index).
    byDueDate: (a) =>
      isOpenAction(a) ? { pk: duePk(a.partnershipId, "ACTION"), sk: dated(a.dueDate, a.id) } : null,
  },
});

const recommendationPk = (partnershipId: string, id: string) =>
  entityPk(partnershipId, "RECOMMENDATION", id);

/** §35: evidence of impact, numbered in the recommendation's collection. */
const Evidence = defineChildren<ImpactEvidence>({
  type: "EVIDENCE",
  attributes: {
    id: "string",
    whatChanged: "string",
    howMeasured: "string",
    before: "string?",
    after: "string?",
    verifiedBy: "string",
    verifiedOn: "string",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: recommendationPk(k.partnershipId, k.parentId), sk: seqSk("EVIDENCE", k.seq) }),
});

/** §36: unintended consequences, numbered in the recommendation's collection. */
const Consequences = defineChildren<UnintendedConsequence>({
  type: "CONSEQUENCE",
  attributes: {
    id: "string",
    description: "string",
    observedOn: "string",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({
    pk: recommendationPk(k.partnershipId, k.parentId),
    sk: seqSk("CONSEQUENCE", k.seq),
  }),
});

/** §36: revisits of the learning, numbered in the recommendation's collection. */
const Revisits = defineChildren<Revisit>({
  type: "REVISIT",
  attributes: {
    id: "string",
    dueOn: "string",
    outcome: "string",
    note: "string",
    decidedBy: "string",
    decidedOn: "string",
  },
  key: (k) => ({ pk: recommendationPk(k.partnershipId, k.parentId), sk: seqSk("REVISIT", k.seq) }),
});

/**
 * Progress updates of an action, numbered in the recommendation's collection under their own
 * prefix (`PROGRESS#<a>#<n>`). Not under `ACTION#<a>#...`: the actions of a recommendation are
 * read by `begins_with(sk, ACTION#)`, which must match actions alone, so that a page of them is
 * a full page and a cursor is an action's key.
 */
const Updates = defineChildren<ProgressUpdate>({
  type: "PROGRESS_UPDATE",
  attributes: { id: "string", on: "string", text: "string", by: "string", at: "string" },
  key: (k) => {
    const parts = splitActionId(k.parentId);
    if (!parts) throw new Error(`Not an action id: ${k.parentId}`);
    return {
      pk: recommendationPk(k.partnershipId, parts.recommendationId),
      sk: seqSk(`PROGRESS#${parts.actionId}`, k.seq),
    };
  },
});

/** What accumulates under a recommendation, and which of its counts numbers it. */
const RECOMMENDATION_CHILDREN = {
  evidence: { list: Evidence, count: (r: Recommendation) => r.evidenceCount },
  consequences: { list: Consequences, count: (r: Recommendation) => r.consequenceCount },
  revisits: { list: Revisits, count: (r: Recommendation) => r.revisitCount },
} as const;
export type RecommendationChild = keyof typeof RECOMMENDATION_CHILDREN;
type ChildOf<K extends RecommendationChild> =
  (typeof RECOMMENDATION_CHILDREN)[K]["list"] extends Children<infer T> ? T : never;

/**
 * The transaction items that create a recommendation with its involvement items (also written
 * with the record a recommendation comes from, such as a challenge session's gap).
 */
export function recommendationPuts(table: string, r: Recommendation): TransactItem[] {
  return [
    putNew(table, RecommendationEntity.item(r)),
    ...involvementPuts(
      table,
      {
        partnershipId: r.partnershipId,
        recordType: "RECOMMENDATION",
        recordId: r.id,
        order: dated(r.madeOn, r.id),
      },
      recommendationAgencies(r),
    ),
  ];
}

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

  /** The open (or completed) actions an agency (or, with null, the board) owns, by due date. */
  async listActionsByAgency(
    partnershipId: string,
    agencyId: string | null,
    shelf: ActionShelf,
    due: DateRange | undefined,
    first: number,
    after?: string | null,
  ): Promise<Page<Action>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: actionAgencyPk(partnershipId, agencyId, shelf),
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
    return createOnce(this.doc, this.table, claim, r.id, recommendationPuts(this.table, r));
  }

  /**
   * Creates an action, at most once per key, with its recommendation counting one more (saved
   * from the version it was read at: a recommendation closed meanwhile is not given an action).
   */
  createAction(
    a: Action,
    recommendation: Recommendation,
    expectedVersion: number,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(
      this.doc,
      this.table,
      claim,
      a.id,
      [
        versionedPut(this.table, RecommendationEntity.item(recommendation), expectedVersion),
        putNew(this.table, ActionEntity.item(a)),
      ],
      { name: "Recommendation", id: recommendation.id, expectedVersion },
    );
  }

  /** A recommendation's open actions (strongly consistent; at most MAX_ACTIONS are read). */
  async countOpenActions(partnershipId: string, recommendationId: string): Promise<number> {
    const items = await queryAll(this.doc, {
      table: this.table,
      partition: RecommendationEntity.key({ partnershipId, id: recommendationId }).pk,
      range: { beginsWith: "ACTION#" },
      consistent: true,
    });
    return items
      .map((i) => ActionEntity.fromItem(i))
      .filter((a) => a.status !== "COMPLETED" && a.status !== "CANCELLED").length;
  }

  /** Every child of one kind of each recommendation, oldest first (BatchGets for all of them). */
  async getChildren<K extends RecommendationChild>(
    kind: K,
    recs: readonly Recommendation[],
  ): Promise<Map<string, ChildOf<K>[]>> {
    const { list, count } = RECOMMENDATION_CHILDREN[kind];
    const reads = recs.map((r) => ({
      partnershipId: r.partnershipId,
      parentId: r.id,
      seqs: seqWindow(count(r)),
    }));
    return (list as unknown as Children<ChildOf<K>>).read(this.doc, this.table, reads);
  }

  /**
   * Saves a recommendation that counts one more child of a kind, with the child, in one
   * transaction guarded by the version it was read at.
   */
  async addChild<K extends RecommendationChild>(
    kind: K,
    next: Recommendation,
    expectedVersion: number,
    child: ChildOf<K>,
  ): Promise<void> {
    const { list, count } = RECOMMENDATION_CHILDREN[kind];
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, RecommendationEntity.item(next), expectedVersion),
        (list as unknown as Children<ChildOf<K>>).put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.id, seq: count(next) },
          child,
        ),
      ],
      { name: "Recommendation", id: next.id },
      expectedVersion,
    );
  }

  /**
   * A page of an action's progress updates, newest first: `first` of them before update number
   * `before` (all the newest without it). One BatchGet for every action asked about.
   */
  async getUpdates(
    reads: readonly { action: Action; first: number; before?: number }[],
  ): Promise<Map<string, ProgressUpdate[]>> {
    return Updates.read(
      this.doc,
      this.table,
      reads.map((r) => ({
        partnershipId: r.action.partnershipId,
        parentId: r.action.id,
        seqs: seqWindow(r.action.updateCount, r.first, r.before),
      })),
    );
  }

  /**
   * Saves an action that counts one more progress update, with the update, in one transaction
   * guarded by the version it was read at, at most once per idempotency key.
   */
  addUpdate(
    next: Action,
    expectedVersion: number,
    update: ProgressUpdate,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(
      this.doc,
      this.table,
      claim,
      next.id,
      [
        versionedPut(this.table, ActionEntity.item(next), expectedVersion),
        Updates.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.id, seq: next.updateCount },
          update,
        ),
      ],
      { name: "Action", id: next.id, expectedVersion },
    );
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
}
