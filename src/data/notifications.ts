import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DateRange } from "../domain/dates";
import type { Case } from "../domain/entities";
import { UnreachableCaseError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import {
  type Category,
  type ClockRecord,
  type IncidentNotification,
  type NotificationStatus,
  nextDueDate,
} from "../domain/notifications";
import { mapPage, type Page } from "../domain/pagination";
import type { AgencyView, Dissent, ReviewDecision } from "../domain/review-decisions";
import type { Review } from "../domain/reviews";
import { getMany } from "./batch";
import { CaseRepository } from "./cases";
import { type ChildRead, defineChildren, seqSk, seqWindow } from "./children";
import {
  dateRangeKeys,
  failedInLast,
  type PageQuery,
  put,
  putNew,
  queryAll,
  queryPage,
  RelatedRecordChanged,
  remove,
  type TransactItem,
  transact,
  transactVersioned,
  versionCheck,
  versionedPut,
} from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import {
  type Involved,
  InvolvementEntity,
  involvementChanges,
  involvementPuts,
} from "./involvement";
import { agencyPk, dated, duePk, entityPk, kindPk, listPk, META, statusPk } from "./keys";
import { reviewCreateItems } from "./reviews";

/** The most actions one TransactWriteItems call takes. */
const TRANSACTION_LIMIT = 100;

/**
 * Incident notifications and their review decision records. Item collection per notification
 * (pk = T#<p>#NOTIFICATION#<n>): `META` (the notification), `DECISION` (created on submission),
 * and `AGENCY#<a>` involvement items (the notifier's only while a draft; every agency's once
 * submitted), listed per agency by `<status>#<createdAt>#<n>`.
 */
export const NotificationEntity = defineEntity<IncidentNotification>()({
  type: "NOTIFICATION",
  attributes: {
    id: "string",
    partnershipId: "string",
    notifyingAgencyId: "string",
    status: "string",
    category: "string?",
    submittedAt: "string?",
    createdBy: "string",
    nationalPanelNotifiedOn: "string?",
    rapidReviewCompletedOn: "string?",
    clockRecordCount: "number",
    outcome: "string?",
    deathCircumstance: "string?",
    abuseOrNeglect: "string?",
    detainedUnderMentalHealthAct: "boolean?",
    criteria: "list",
    incidentDate: "string?",
    awareDate: "string?",
    involvedAgencyIds: "list",
    caseIds: "list",
    summary: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "NOTIFICATION", k.id), sk: META }),
  indexes: {
    byStatus: (n) => ({
      pk: statusPk(n.partnershipId, "NOTIFICATION", n.status),
      sk: dated(n.createdAt, n.id),
    }),
    // The board's lists hold submitted notifications only: a draft is its notifier's.
    byPartnershipType: (n) =>
      n.status === "DRAFT"
        ? null
        : { pk: listPk(n.partnershipId, "NOTIFICATION"), sk: dated(n.createdAt, n.id) },
    byKind: (n) =>
      n.status === "DRAFT" || !n.category
        ? null
        : { pk: kindPk(n.partnershipId, "NOTIFICATION", n.category), sk: dated(n.createdAt, n.id) },
    // Sparse: on the list while a clock is open, by its earliest open due date.
    byDueDate: (n) => {
      const due = nextDueDate(n);
      return due ? { pk: duePk(n.partnershipId, "NOTIFICATION"), sk: dated(due, n.id) } : null;
    },
  },
});

export const ReviewDecisionEntity = defineEntity<ReviewDecision>()({
  type: "DECISION",
  attributes: {
    notificationId: "string",
    partnershipId: "string",
    category: "string",
    subgroupRecommendation: "map?",
    dissentCount: "number",
    agencyViewCount: "number",
    decision: "map?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "notificationId"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "NOTIFICATION", k.notificationId), sk: "DECISION" }),
});

const decisionPk = (partnershipId: string, notificationId: string) =>
  entityPk(partnershipId, "NOTIFICATION", notificationId);

/** §18: dissenting views, numbered in the notification's collection (`DISSENT#<n>`). */
const Dissents = defineChildren<Dissent>({
  type: "DISSENT",
  attributes: { id: "string", view: "string", recordedBy: "string", recordedAt: "string" },
  key: (k) => ({ pk: decisionPk(k.partnershipId, k.parentId), sk: seqSk("DISSENT", k.seq) }),
});

/** When each clock was met, corrections included, numbered in the collection (`CLOCK#<n>`). */
const ClockRecords = defineChildren<ClockRecord>({
  type: "CLOCK_RECORD",
  attributes: {
    id: "string",
    clock: "string",
    on: "string",
    previousOn: "string?",
    reason: "string?",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: decisionPk(k.partnershipId, k.parentId), sk: seqSk("CLOCK", k.seq) }),
});

/** §18: agency views, numbered in the notification's collection (`VIEW#<n>`). */
const AgencyViews = defineChildren<AgencyView>({
  type: "AGENCY_VIEW",
  attributes: {
    agencyId: "string",
    view: "string",
    supportsSeriousCaseReview: "boolean?",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({ pk: decisionPk(k.partnershipId, k.parentId), sk: seqSk("VIEW", k.seq) }),
});

const everyChild = (
  decisions: readonly ReviewDecision[],
  count: (d: ReviewDecision) => number,
): ChildRead[] =>
  decisions.map((d) => ({
    partnershipId: d.partnershipId,
    parentId: d.notificationId,
    seqs: seqWindow(count(d)),
  }));

/**
 * A notification's link to a case it covers, in the case's item collection
 * (`NOTIFICATION#<n>`): the notifications of a case are one strongly consistent Query, so a
 * change of the case's agencies finds every notification submitted before it.
 */
const CaseLinkEntity = defineEntity<{
  partnershipId: string;
  notificationId: string;
  caseId: string;
}>()({
  type: "NOTIFICATION_CASE",
  attributes: { partnershipId: "string", notificationId: "string", caseId: "string" },
  keyFields: ["partnershipId", "notificationId", "caseId"],
  key: (k) => ({
    pk: entityPk(k.partnershipId, "CASE", k.caseId),
    sk: `${CASE_LINK_PREFIX}${k.notificationId}`,
  }),
});

const CASE_LINK_PREFIX = "NOTIFICATION#";

/** Checks that the cases a write was computed from are still as read (last in a transaction). */
const caseChecks = (table: string, cases: readonly Case[]) =>
  cases.map((c) => versionCheck(table, CaseRepository.key(c), c.version));

/** A cancelled write whose case checks failed: the cases changed; read them again. */
function casesChanged(err: unknown, cases: readonly Case[]): unknown {
  return failedInLast(err, cases.length) ? new RelatedRecordChanged("A case it covers") : err;
}

function caseLinkChanges(
  table: string,
  n: IncidentNotification,
  before: readonly string[],
  after: readonly string[],
): TransactItem[] {
  const link = (caseId: string) => ({
    partnershipId: n.partnershipId,
    notificationId: n.id,
    caseId,
  });
  return [
    ...after
      .filter((c) => !before.includes(c))
      .map((c) => put(table, CaseLinkEntity.item(link(c)))),
    ...before
      .filter((c) => !after.includes(c))
      .map((c) => remove(table, CaseLinkEntity.key(link(c)))),
  ];
}

/**
 * The transaction items that move a notification's place on agencies' lists (`before` and
 * `after` are the agencies it is listed for): used when its status changes, and when a case it
 * covers changes agencies.
 */
export function notificationListChanges(
  table: string,
  n: IncidentNotification,
  before: readonly string[],
  after: readonly string[],
  rewrite = false,
): TransactItem[] {
  return involvementChanges(table, involved(n), before, after, rewrite);
}

const involved = (n: IncidentNotification): Involved => ({
  partnershipId: n.partnershipId,
  recordType: "NOTIFICATION",
  recordId: n.id,
  order: `${n.status}#${dated(n.createdAt, n.id)}`,
});

/** How the board lists notifications: all submitted, by status, or by category. */
export type NotificationListFilter =
  | { readonly by: "ALL" }
  | { readonly by: "STATUS"; readonly status: NotificationStatus }
  | { readonly by: "CATEGORY"; readonly category: Category };

export class NotificationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Notifications by ids (BatchGet). */
  getMany(
    partnershipId: string,
    ids: readonly string[],
  ): Promise<Map<string, IncidentNotification>> {
    return getMany(
      this.doc,
      this.table,
      NotificationEntity,
      ids.map((id) => ({ partnershipId, id })),
      (n) => n.id,
    );
  }

  /** Decision records by notification ids (BatchGet). */
  getDecisions(
    partnershipId: string,
    ids: readonly string[],
  ): Promise<Map<string, ReviewDecision>> {
    return getMany(
      this.doc,
      this.table,
      ReviewDecisionEntity,
      ids.map((notificationId) => ({ partnershipId, notificationId })),
      (d) => d.notificationId,
    );
  }

  /** One page of the partnership's notifications, newest first. */
  async list(
    partnershipId: string,
    filter: NotificationListFilter,
    first: number,
    after?: string | null,
  ): Promise<Page<IncidentNotification>> {
    const base = { table: this.table, first, after, newestFirst: true };
    const query: PageQuery = (() => {
      switch (filter.by) {
        case "ALL":
          return {
            ...base,
            index: "byPartnershipType",
            partition: listPk(partnershipId, "NOTIFICATION"),
          };
        case "STATUS":
          return {
            ...base,
            index: "byStatus",
            partition: statusPk(partnershipId, "NOTIFICATION", filter.status),
          };
        case "CATEGORY":
          return {
            ...base,
            index: "byKind",
            partition: kindPk(partnershipId, "NOTIFICATION", filter.category),
          };
        default:
          throw new UnreachableCaseError(filter);
      }
    })();
    return mapPage(await queryPage(this.doc, query), (i) => NotificationEntity.fromItem(i));
  }

  /** Notifications with an open clock whose earliest due date is in the range, soonest first. */
  async listByDeadline(
    partnershipId: string,
    due: DateRange,
    first: number,
    after?: string | null,
  ): Promise<Page<IncidentNotification>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byDueDate",
      partition: duePk(partnershipId, "NOTIFICATION"),
      range: dateRangeKeys(due),
      first,
      after,
    });
    return mapPage(page, (i) => NotificationEntity.fromItem(i));
  }

  /** Ids of one agency's notifications, optionally in one status, newest first. */
  async listIdsByAgency(
    partnershipId: string,
    agencyId: string,
    status: NotificationStatus | null,
    first: number,
    after?: string | null,
  ): Promise<Page<string>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: agencyPk(partnershipId, agencyId, "NOTIFICATION"),
      range: status ? { beginsWith: `${status}#` } : undefined,
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => InvolvementEntity.fromItem(i).recordId);
  }

  /** Ids of the notifications that cover a case (strongly consistent; scheduled or after a write). */
  async listIdsByCase(partnershipId: string, caseId: string): Promise<string[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      partition: entityPk(partnershipId, "CASE", caseId),
      range: { beginsWith: CASE_LINK_PREFIX },
      consistent: true,
    });
    return items.map((i) => CaseLinkEntity.fromItem(i).notificationId);
  }

  /**
   * Lists a notification for exactly the agencies `target` (§18), as computed from `n` and its
   * `cases` as read: the involvement items are compared with what is stored and only the
   * differences written, guarded by the notification's and the cases' versions (a
   * RelatedRecordChanged if any moved on: read again and retry). Returns the items written.
   */
  async syncLists(
    n: IncidentNotification,
    cases: readonly Case[],
    target: readonly string[],
  ): Promise<number> {
    const record = involved(n);
    const stored = (
      await queryAll(this.doc, {
        table: this.table,
        partition: decisionPk(n.partnershipId, n.id),
        range: { beginsWith: "AGENCY#" },
        consistent: true,
      })
    ).map((i) => InvolvementEntity.fromItem(i));
    const want = new Set(target);
    const changes: TransactItem[] = [
      ...involvementPuts(
        this.table,
        record,
        target.filter((a) => !stored.some((i) => i.agencyId === a && i.order === record.order)),
      ),
      ...stored
        .filter((i) => !want.has(i.agencyId))
        .map((i) => remove(this.table, InvolvementEntity.key(i))),
    ];
    const guards = [
      versionCheck(this.table, NotificationEntity.key(n), n.version),
      ...caseChecks(this.table, cases),
    ];
    const room = TRANSACTION_LIMIT - guards.length;
    for (let i = 0; i < changes.length; i += room) {
      try {
        await transact(this.doc, [...changes.slice(i, i + room), ...guards]);
      } catch (err) {
        if (failedInLast(err, guards.length))
          throw new RelatedRecordChanged("The notification or a case it covers");
        throw err;
      }
    }
    return changes.length;
  }

  /**
   * Creates a notification (a draft, or submitted with its decision record), listed for the
   * agencies given and linked to its cases, at most once per idempotency key.
   */
  async create(
    n: IncidentNotification,
    listed: readonly string[],
    decision: ReviewDecision | null,
    claim: IdempotencyClaim | null,
    cases: readonly Case[],
  ): Promise<CreateOutcome> {
    try {
      return await createOnce(this.doc, this.table, claim, n.id, [
        putNew(this.table, NotificationEntity.item(n)),
        ...involvementPuts(this.table, involved(n), listed),
        ...caseLinkChanges(this.table, n, [], n.caseIds),
        ...(decision ? [putNew(this.table, ReviewDecisionEntity.item(decision))] : []),
        ...caseChecks(this.table, cases),
      ]);
    } catch (err) {
      throw casesChanged(err, cases);
    }
  }

  /**
   * Replaces a notification read at `expectedVersion` with `next`, moving it between agencies'
   * lists (`listed`: before and after) and its case links, optionally creating
   * (expectedVersion null) or replacing its decision record, and creating the review a decision
   * commissions (§18–21), all in one transaction.
   */
  async save(
    previous: IncidentNotification,
    next: IncidentNotification,
    expectedVersion: number,
    listed: { readonly before: readonly string[]; readonly after: readonly string[] },
    cases: readonly Case[],
    decision?: { readonly record: ReviewDecision; readonly expectedVersion: number | null },
    review?: Review,
  ): Promise<void> {
    const items: TransactItem[] = [
      versionedPut(this.table, NotificationEntity.item(next), expectedVersion),
      ...notificationListChanges(
        this.table,
        next,
        listed.before,
        listed.after,
        previous.status !== next.status,
      ),
      ...caseLinkChanges(this.table, next, previous.caseIds, next.caseIds),
    ];
    if (decision) items.push(this.decisionPut(decision.record, decision.expectedVersion));
    if (review) items.push(...reviewCreateItems(this.table, review));
    items.push(...caseChecks(this.table, cases));
    // A stale notification is the caller's CONFLICT; a case changed meanwhile is retried above.
    await transactVersioned(
      this.doc,
      items,
      { name: "IncidentNotification", id: next.id },
      expectedVersion,
      { count: cases.length, what: "A case it covers" },
    );
  }

  /**
   * Saves a notification that counts one more clock record (its clock date set), with the
   * record, in one transaction guarded by the version it was read at.
   */
  async recordClock(next: IncidentNotification, expectedVersion: number, record: ClockRecord) {
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, NotificationEntity.item(next), expectedVersion),
        ClockRecords.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.id, seq: next.clockRecordCount },
          record,
        ),
      ],
      { name: "IncidentNotification", id: next.id },
      expectedVersion,
    );
  }

  /** The clock records of each notification, oldest first (one BatchGet for all of them). */
  async getClockRecords(
    notifications: readonly IncidentNotification[],
  ): Promise<Map<string, ClockRecord[]>> {
    return ClockRecords.read(
      this.doc,
      this.table,
      notifications.map((n) => ({
        partnershipId: n.partnershipId,
        parentId: n.id,
        seqs: seqWindow(n.clockRecordCount),
      })),
    );
  }

  /** The dissents of each decision, oldest first (one BatchGet for all of them). */
  async getDissents(decisions: readonly ReviewDecision[]): Promise<Map<string, Dissent[]>> {
    return Dissents.read(
      this.doc,
      this.table,
      everyChild(decisions, (d) => d.dissentCount),
    );
  }

  /** The agency views of each decision, oldest first (one BatchGet for all of them). */
  async getAgencyViews(decisions: readonly ReviewDecision[]): Promise<Map<string, AgencyView[]>> {
    return AgencyViews.read(
      this.doc,
      this.table,
      everyChild(decisions, (d) => d.agencyViewCount),
    );
  }

  /** Saves a decision that counts one more dissent, with the dissent, in one transaction. */
  async addDissent(next: ReviewDecision, expectedVersion: number, dissent: Dissent) {
    await this.saveWithChild(next, expectedVersion, [
      Dissents.put(this.table, this.childKey(next, next.dissentCount), dissent),
    ]);
  }

  /** Saves a decision that counts one more agency view, with the view, in one transaction. */
  async addAgencyView(next: ReviewDecision, expectedVersion: number, view: AgencyView) {
    await this.saveWithChild(next, expectedVersion, [
      AgencyViews.put(this.table, this.childKey(next, next.agencyViewCount), view),
    ]);
  }

  private childKey(d: ReviewDecision, seq: number) {
    return { partnershipId: d.partnershipId, parentId: d.notificationId, seq };
  }

  private async saveWithChild(
    next: ReviewDecision,
    expectedVersion: number,
    items: TransactItem[],
  ) {
    await transactVersioned(
      this.doc,
      [this.decisionPut(next, expectedVersion), ...items],
      { name: "ReviewDecision", id: next.notificationId },
      expectedVersion,
    );
  }

  /** Replaces a decision record guarded by its version. */
  async saveDecision(d: ReviewDecision, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [this.decisionPut(d, expectedVersion)],
      { name: "ReviewDecision", id: d.notificationId },
      expectedVersion,
    );
  }

  private decisionPut(d: ReviewDecision, expectedVersion: number | null): TransactItem {
    const item = ReviewDecisionEntity.item(d);
    return expectedVersion === null
      ? putNew(this.table, item)
      : versionedPut(this.table, item, expectedVersion);
  }
}
