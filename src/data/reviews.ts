import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { DateRange } from "../domain/dates";
import { ValidationError } from "../domain/errors";
import type {
  ConsentRecord,
  FamilyContact,
  InformationShare,
  RecordsAttachment,
} from "../domain/family";
import type { Finding } from "../domain/findings";
import type { IdempotencyClaim } from "../domain/idempotency";
import type { Escalation } from "../domain/near-misses";
import { mapPage, type Page } from "../domain/pagination";
import type { PublishedLearning } from "../domain/publication";
import type { Recommendation } from "../domain/recommendations";
import type { PanelMember } from "../domain/reviewers";
import {
  ACTIVE_REVIEW_STATUSES,
  type CaseChange,
  type Milestone,
  numberedId,
  type Review,
  type ReviewEvent,
  type ReviewKind,
  type ReviewStatus,
  splitNumberedId,
} from "../domain/reviews";
import { getMany } from "./batch";
import { type Children, defineChildren, seqSk, seqWindow } from "./children";
import {
  dateRangeKeys,
  put,
  putNew,
  queryAll,
  queryPage,
  queryUpTo,
  type TransactItem,
  transactVersioned,
  versionedPut,
} from "./common";
import { decodeCursor, encodeCursor, type Key } from "./cursor";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import {
  type Involved,
  InvolvementEntity,
  involvementChanges,
  involvementPuts,
} from "./involvement";
import {
  agencyPk,
  dated,
  duePk,
  entityPk,
  kindPk,
  listPk,
  META,
  revisitPk,
  statusPk,
} from "./keys";
import { EscalationEntity } from "./near-misses";
import { RecommendationEntity } from "./recommendations";
import { indexAttributes } from "./tables";

/**
 * Reviews (§21–34). Item collection per review (pk = T#<p>#REVIEW#<r>): `META` (the review),
 * `AGENCY#<a>` involvement items (its participating and informed agencies, and `PANEL:<person>`
 * for the people on its panel), `MILESTONE#<n>`, `FINDING#<n>`, `CONTRIBUTION#<n>` (see
 * contributions.ts), what accumulates (`EVENT#<n>`, `CASE_CHANGE#<n>`, `PANEL#<n>`,
 * `FAMILY_CONTACT#<n>`, `CONSENT#<n>`, `ATTACHMENT#<n>`, `SHARE#<n>`), and `PUBLICATION`, the
 * public projection of what was published (the only item the public route reads).
 */
export const ReviewEntity = defineEntity<Review>()({
  type: "REVIEW",
  attributes: {
    id: "string",
    partnershipId: "string",
    kind: "string",
    ground: "string?",
    title: "string",
    method: "string?",
    termsOfReference: "string?",
    notificationId: "string?",
    escalationId: "string?",
    businessPriorityId: "string?",
    commissionedOn: "string",
    targetDate: "string",
    status: "string",
    statusOn: "string",
    caseIds: "list",
    participatingAgencyIds: "list",
    informedAgencyIds: "list",
    leadReviewerId: "string?",
    leadReviewerPersonId: "string?",
    panelPersonIds: "list",
    reviewerAgencyIds: "list",
    milestoneCount: "number",
    panelCount: "number",
    contributionCount: "number",
    findingCount: "number",
    familyContactCount: "number",
    consentCount: "number",
    attachmentCount: "number",
    caseChangeCount: "number",
    shareCount: "number",
    eventCount: "number",
    publication: "map?",
    withholding: "map?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: reviewPk(k.partnershipId, k.id), sk: META }),
  indexes: {
    byPartnershipType: (r) => ({
      pk: listPk(r.partnershipId, "REVIEW"),
      sk: dated(r.commissionedOn, r.id),
    }),
    byStatus: (r) => ({
      pk: statusPk(r.partnershipId, "REVIEW", r.status),
      sk: dated(r.commissionedOn, r.id),
    }),
    byKind: (r) => ({
      pk: kindPk(r.partnershipId, "REVIEW", r.kind),
      sk: dated(r.commissionedOn, r.id),
    }),
    // Sparse: reviews under way, by target date (past it, they are overdue).
    byDueDate: (r) =>
      ACTIVE_REVIEW_STATUSES.includes(r.status)
        ? { pk: duePk(r.partnershipId, "REVIEW"), sk: dated(r.targetDate, r.id) }
        : null,
    // Sparse: §33 delayed publications, by the date the board reconsiders.
    byRevisitDate: (r) =>
      r.status === "PUBLICATION_WITHHELD" && r.withholding?.reconsiderOn
        ? {
            pk: revisitPk(r.partnershipId, "REVIEW"),
            sk: dated(r.withholding.reconsiderOn, r.id),
          }
        : null,
  },
});

function reviewPk(partnershipId: string, reviewId: string) {
  return entityPk(partnershipId, "REVIEW", reviewId);
}

/** The most keys one BatchGetItem call takes. */
const BATCH_GET_KEYS = 100;

/** The table key of a record numbered under a review (`<prefix>#<n>`), from its id `<r>:<n>`. */
export function numberedKey(partnershipId: string, id: string, prefix: string) {
  const parts = splitNumberedId(id);
  if (!parts) throw new Error(`Not a numbered id: ${id}`);
  return { pk: reviewPk(partnershipId, parts.reviewId), sk: seqSk(prefix, parts.seq) };
}

/** Where a review's milestones sort among all the partnership's (with their review's list order). */
const milestoneOrder = (m: Pick<Milestone, "reviewCommissionedOn" | "reviewId">) =>
  dated(m.reviewCommissionedOn, m.reviewId);

export const MilestoneEntity = defineEntity<Milestone>()({
  type: "REVIEW_MILESTONE",
  attributes: {
    id: "string",
    partnershipId: "string",
    reviewId: "string",
    seq: "number",
    reviewCommissionedOn: "string",
    name: "string",
    dueDate: "string",
    completedOn: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => numberedKey(k.partnershipId, k.id, "MILESTONE"),
  indexes: {
    // In the order of their reviews on the board's list: a page of reviews' milestones is one range.
    byPartnershipType: (m) => ({
      pk: listPk(m.partnershipId, "REVIEW_MILESTONE"),
      sk: `${milestoneOrder(m)}#${String(m.seq).padStart(5, "0")}`,
    }),
    // Sparse: milestones not completed, by due date (the overdue job's).
    byDueDate: (m) =>
      m.completedOn
        ? null
        : { pk: duePk(m.partnershipId, "REVIEW_MILESTONE"), sk: dated(m.dueDate, m.id) },
  },
});

export const FindingEntity = defineEntity<Finding>()({
  type: "FINDING",
  attributes: {
    id: "string",
    partnershipId: "string",
    reviewId: "string",
    seq: "number",
    title: "string",
    whatHappened: "string",
    systemicPattern: "string",
    evidence: "string",
    questionsForBoard: "string",
    recommendationIds: "list",
    recordedBy: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => numberedKey(k.partnershipId, k.id, "FINDING"),
});

type StoredPublished = PublishedLearning & { readonly searchText: string };

/**
 * The public projection of a publication (§33–34): written when a review is published, kept
 * (with the date) when it is withdrawn. Listed for the public while live only.
 */
const PublishedEntity = defineEntity<StoredPublished>()({
  type: "PUBLISHED_LEARNING",
  attributes: {
    id: "string",
    partnershipId: "string",
    kind: "string",
    title: "string",
    summary: "string",
    actionStatement: "string?",
    reportUrl: "string",
    publishedOn: "string",
    withdrawnOn: "string?",
    searchText: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: reviewPk(k.partnershipId, k.id), sk: "PUBLICATION" }),
  indexes: {
    byPartnershipType: (p) =>
      p.withdrawnOn
        ? null
        : { pk: listPk(p.partnershipId, "PUBLISHED_LEARNING"), sk: dated(p.publishedOn, p.id) },
    byKind: (p) =>
      p.withdrawnOn
        ? null
        : {
            pk: kindPk(p.partnershipId, "PUBLISHED_LEARNING", p.kind),
            sk: dated(p.publishedOn, p.id),
          },
  },
});

const searchTextOf = (p: PublishedLearning) =>
  [p.title, p.summary, p.actionStatement ?? ""].join("\n").toLowerCase();

/** §29: a review whose information is held on a case's record (in the case's collection). */
export interface CaseReviewLink {
  readonly partnershipId: string;
  readonly caseId: string;
  readonly reviewId: string;
  readonly sharedOn: string;
}

const CASE_LINK_PREFIX = "REVIEW#";

const CaseReviewLinkEntity = defineEntity<CaseReviewLink>()({
  type: "CASE_REVIEW",
  attributes: {
    partnershipId: "string",
    caseId: "string",
    reviewId: "string",
    sharedOn: "string",
  },
  keyFields: ["partnershipId", "caseId", "reviewId"],
  key: (k) => ({
    pk: entityPk(k.partnershipId, "CASE", k.caseId),
    sk: `${CASE_LINK_PREFIX}${k.reviewId}`,
  }),
});

const child = <T extends object>(
  type: string,
  prefix: string,
  attributes: Parameters<typeof defineChildren<T>>[0]["attributes"],
) =>
  defineChildren<T>({
    type,
    attributes,
    key: (k) => ({ pk: reviewPk(k.partnershipId, k.parentId), sk: seqSk(prefix, k.seq) }),
  });

/** What accumulates under a review, each numbered in its collection and counted on it. */
const REVIEW_CHILDREN = {
  events: {
    list: child<ReviewEvent>("REVIEW_EVENT", "EVENT", {
      id: "string",
      from: "string?",
      to: "string",
      on: "string",
      by: "string",
      reason: "string?",
    }),
    count: (r: Review) => r.eventCount,
  },
  caseChanges: {
    list: child<CaseChange>("REVIEW_CASE_CHANGE", "CASE_CHANGE", {
      id: "string",
      caseId: "string",
      replacesCaseId: "string?",
      reason: "string",
      on: "string",
      by: "string",
    }),
    count: (r: Review) => r.caseChangeCount,
  },
  panel: {
    list: child<PanelMember>("PANEL_MEMBER", "PANEL", {
      id: "string",
      role: "string",
      reviewerId: "string?",
      personId: "string?",
      agencyId: "string?",
      appointedOn: "string",
      appointedBy: "string",
    }),
    count: (r: Review) => r.panelCount,
  },
  familyContacts: {
    list: child<FamilyContact>("FAMILY_CONTACT", "FAMILY_CONTACT", {
      id: "string",
      caseId: "string",
      familyMember: "string",
      on: "string",
      method: "string",
      outcome: "string",
      purposeExplained: "boolean",
      recordedBy: "string",
      recordedAt: "string",
    }),
    count: (r: Review) => r.familyContactCount,
  },
  consents: {
    list: child<ConsentRecord>("CONSENT", "CONSENT", {
      id: "string",
      caseId: "string",
      familyMember: "string",
      status: "string",
      agencyIds: "list",
      on: "string",
      note: "string?",
      recordedBy: "string",
      recordedAt: "string",
    }),
    count: (r: Review) => r.consentCount,
  },
  attachments: {
    list: child<RecordsAttachment>("RECORDS_ATTACHMENT", "ATTACHMENT", {
      id: "string",
      caseId: "string",
      agencyId: "string",
      description: "string",
      attachedOn: "string",
      attachedBy: "string",
      basis: "string",
    }),
    count: (r: Review) => r.attachmentCount,
  },
  shares: {
    list: child<InformationShare>("INFORMATION_SHARE", "SHARE", {
      id: "string",
      agencyId: "string",
      caseIds: "list",
      contributionIds: "list",
      basis: "string",
      sharedOn: "string",
      sharedBy: "string",
    }),
    count: (r: Review) => r.shareCount,
  },
} as const;
export type ReviewChild = keyof typeof REVIEW_CHILDREN;
export type ReviewChildOf<K extends ReviewChild> =
  (typeof REVIEW_CHILDREN)[K]["list"] extends Children<infer T> ? T : never;

/** The key a panel member's person is listed under on the byAgency index (their reviews). */
const panelKey = (personId: string) => `PANEL:${personId}`;

/** Who a review is listed for: its agencies (participating and informed) and its panel's people. */
const listedFor = (r: Review) => [
  ...new Set([
    ...r.participatingAgencyIds,
    ...r.informedAgencyIds,
    ...r.panelPersonIds.map(panelKey),
  ]),
];

const involved = (r: Review): Involved => ({
  partnershipId: r.partnershipId,
  recordType: "REVIEW",
  recordId: r.id,
  order: dated(r.commissionedOn, r.id),
});

/** The items that create a review (also written inside the Chair's decision, §18–21). */
export function reviewCreateItems(table: string, r: Review): TransactItem[] {
  return [
    putNew(table, ReviewEntity.item(r)),
    ...involvementPuts(table, involved(r), listedFor(r)),
  ];
}

/** How the board lists reviews: all, by status or by kind (newest commissioned first). */
export type ReviewListFilter =
  | { readonly by: "ALL" }
  | { readonly by: "STATUS"; readonly status: ReviewStatus }
  | { readonly by: "KIND"; readonly kind: ReviewKind };

/** Children added with a review's change: each numbered after the review's count before it. */
export type ChildAdditions = { readonly [K in ReviewChild]?: readonly ReviewChildOf<K>[] };

/** What a review's change writes besides the review. */
export interface ReviewWrite {
  readonly add?: ChildAdditions;
  /** The public projection (on publication or withdrawal). */
  readonly published?: PublishedLearning;
  /** §29: the cases whose records now hold the review's information. */
  readonly caseLinks?: readonly CaseReviewLink[];
  /** Milestones written (new or changed), each guarded by its version read (null: new). */
  readonly milestones?: readonly {
    readonly milestone: Milestone;
    readonly expectedVersion: number | null;
  }[];
  /** Findings written, each guarded by its version read (null: new). */
  readonly findings?: readonly {
    readonly finding: Finding;
    readonly expectedVersion: number | null;
  }[];
}

export class ReviewRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Reviews by ids (BatchGet). */
  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Review>> {
    return getMany(
      this.doc,
      this.table,
      ReviewEntity,
      ids.map((id) => ({ partnershipId, id })),
      (r) => r.id,
    );
  }

  /** One page of the partnership's reviews, newest commissioned first. */
  async list(
    partnershipId: string,
    filter: ReviewListFilter,
    first: number,
    after?: string | null,
  ): Promise<Page<Review>> {
    const base = { table: this.table, first, after, newestFirst: true } as const;
    const query =
      filter.by === "STATUS"
        ? {
            ...base,
            index: "byStatus" as const,
            partition: statusPk(partnershipId, "REVIEW", filter.status),
          }
        : filter.by === "KIND"
          ? {
              ...base,
              index: "byKind" as const,
              partition: kindPk(partnershipId, "REVIEW", filter.kind),
            }
          : {
              ...base,
              index: "byPartnershipType" as const,
              partition: listPk(partnershipId, "REVIEW"),
            };
    return mapPage(await queryPage(this.doc, query), (i) => ReviewEntity.fromItem(i));
  }

  /** Ids of the reviews an agency takes part in or was informed by, newest first. */
  listIdsByAgency(partnershipId: string, agencyId: string, first: number, after?: string | null) {
    return this.idsOn(agencyPk(partnershipId, agencyId, "REVIEW"), first, after);
  }

  /** Ids of the reviews a person sits on the panel of, newest first. */
  listIdsByPanelPerson(
    partnershipId: string,
    personId: string,
    first: number,
    after?: string | null,
  ) {
    return this.idsOn(agencyPk(partnershipId, panelKey(personId), "REVIEW"), first, after);
  }

  private async idsOn(partition: string, first: number, after?: string | null) {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition,
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => InvolvementEntity.fromItem(i).recordId);
  }

  /**
   * Creates a review with its involvement items, at most once per idempotency key; with the
   * escalation it answers (§24 I) saved in the same transaction, guarded by the version read.
   */
  create(
    r: Review,
    claim: IdempotencyClaim | null,
    escalation?: { readonly next: Escalation; readonly expectedVersion: number },
  ): Promise<CreateOutcome> {
    if (!escalation)
      return createOnce(this.doc, this.table, claim, r.id, reviewCreateItems(this.table, r));
    const { next, expectedVersion } = escalation;
    return createOnce(
      this.doc,
      this.table,
      claim,
      r.id,
      [
        versionedPut(this.table, EscalationEntity.item(next), expectedVersion),
        ...reviewCreateItems(this.table, r),
      ],
      { name: "Escalation", id: next.id, expectedVersion },
    );
  }

  /**
   * Saves a review read at `expectedVersion` as `next`, with what the change adds (children
   * numbered after `previous`'s counts, milestones, findings, the public
   * projection, case links) and its moves on agencies' lists, in one transaction, at most once
   * per idempotency key. A stale review is NotFound or Conflict.
   */
  save(
    previous: Review,
    next: Review,
    expectedVersion: number,
    write: ReviewWrite = {},
    claim: IdempotencyClaim | null = null,
    /** The record the key's first request created (the review itself by default). */
    resultId: string = next.id,
  ): Promise<CreateOutcome> {
    const t = this.table;
    const items: TransactItem[] = [
      versionedPut(t, ReviewEntity.item(next), expectedVersion),
      ...involvementChanges(t, involved(next), listedFor(previous), listedFor(next), false),
    ];
    for (const [kind, added] of Object.entries(write.add ?? {}) as [ReviewChild, object[]][]) {
      const { list, count } = REVIEW_CHILDREN[kind];
      added.forEach((value, i) => {
        const key = {
          partnershipId: next.partnershipId,
          parentId: next.id,
          seq: count(previous) + i + 1,
        };
        items.push((list as unknown as Children<object>).put(t, key, value));
      });
    }
    for (const { milestone, expectedVersion: v } of write.milestones ?? [])
      items.push(
        v === null
          ? putNew(t, MilestoneEntity.item(milestone))
          : versionedPut(t, MilestoneEntity.item(milestone), v),
      );
    for (const { finding, expectedVersion: v } of write.findings ?? [])
      items.push(
        v === null
          ? putNew(t, FindingEntity.item(finding))
          : versionedPut(t, FindingEntity.item(finding), v),
      );
    if (write.published)
      items.push(
        put(
          t,
          PublishedEntity.item({ ...write.published, searchText: searchTextOf(write.published) }),
        ),
      );
    for (const link of write.caseLinks ?? []) items.push(put(t, CaseReviewLinkEntity.item(link)));
    return createOnce(this.doc, t, claim, resultId, items, {
      name: "Review",
      id: next.id,
      expectedVersion,
    });
  }

  /** Every child of one kind of each review, oldest first (BatchGets for all of them). */
  getChildren<K extends ReviewChild>(
    kind: K,
    reviews: readonly Review[],
  ): Promise<Map<string, ReviewChildOf<K>[]>> {
    const { list, count } = REVIEW_CHILDREN[kind];
    return (list as unknown as Children<ReviewChildOf<K>>).read(
      this.doc,
      this.table,
      reviews.map((r) => ({
        partnershipId: r.partnershipId,
        parentId: r.id,
        seqs: seqWindow(count(r)),
      })),
    );
  }

  /**
   * The milestones of each review (their keys known from the counts). Up to 100 are one BatchGet.
   * More are read as the one range of the milestone list that holds those reviews' (one Query
   * for as many items as they have): a page of the board's list of all reviews is contiguous
   * there, so the Chair's list costs the same for 5 and 50 reviews. Any not in that range (a page
   * of a filtered list has other reviews between its own) are then read by key. Either way the
   * work is bounded by the page asked for, not by the partnership's reviews.
   */
  async getMilestones(reviews: readonly Review[]): Promise<Map<string, Milestone[]>> {
    const out = new Map<string, Milestone[]>(reviews.map((r) => [r.id, []]));
    const wanted = new Set(
      reviews.flatMap((r) => seqWindow(r.milestoneCount).map((seq) => numberedId(r.id, seq))),
    );
    const partnershipId = reviews[0]?.partnershipId;
    if (wanted.size === 0 || !partnershipId) return out;
    const found = new Map<string, Milestone>();
    if (wanted.size > BATCH_GET_KEYS) {
      const orders = reviews
        .map((r) => milestoneOrder({ reviewCommissionedOn: r.commissionedOn, reviewId: r.id }))
        .sort();
      const items = await queryUpTo(
        this.doc,
        {
          table: this.table,
          index: "byPartnershipType",
          partition: listPk(partnershipId, "REVIEW_MILESTONE"),
          range: { between: [orders[0] as string, `${orders.at(-1)}#~`] },
        },
        wanted.size,
      );
      for (const m of items.map((i) => MilestoneEntity.fromItem(i)))
        if (wanted.has(m.id)) found.set(m.id, m);
    }
    const missing = [...wanted].filter((id) => !found.has(id));
    if (missing.length)
      for (const [id, m] of await this.milestonesById(partnershipId, missing)) found.set(id, m);
    for (const m of [...found.values()].sort((a, b) => a.seq - b.seq)) out.get(m.reviewId)?.push(m);
    return out;
  }

  /** Milestones by ids (BatchGet); an id not of a numbered record names none. */
  milestonesById(partnershipId: string, ids: readonly string[]): Promise<Map<string, Milestone>> {
    return getMany(
      this.doc,
      this.table,
      MilestoneEntity,
      ids.filter((id) => splitNumberedId(id)).map((id) => ({ partnershipId, id })),
      (m) => m.id,
    );
  }

  /** Findings of each review, oldest first (BatchGets of keys derived from the counts). */
  async getFindings(reviews: readonly Review[]): Promise<Map<string, Finding[]>> {
    const ids = reviews.flatMap((r) => seqWindow(r.findingCount).map((seq) => `${r.id}:${seq}`));
    const found = await this.findingsById(reviews[0]?.partnershipId ?? "", ids);
    return new Map(
      reviews.map((r) => [
        r.id,
        seqWindow(r.findingCount).flatMap((seq) => found.get(`${r.id}:${seq}`) ?? []),
      ]),
    );
  }

  /** Findings by ids (BatchGet). */
  findingsById(partnershipId: string, ids: readonly string[]): Promise<Map<string, Finding>> {
    return getMany(
      this.doc,
      this.table,
      FindingEntity,
      ids.filter((id) => splitNumberedId(id)).map((id) => ({ partnershipId, id })),
      (f) => f.id,
    );
  }

  /** Milestones not completed and due before `today` (every page: the overdue job). */
  async milestonesDueBefore(partnershipId: string, today: string): Promise<Milestone[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byDueDate",
      partition: duePk(partnershipId, "REVIEW_MILESTONE"),
      range: { lt: today },
    });
    return items.map((i) => MilestoneEntity.fromItem(i));
  }

  /** Reviews under way whose target date is before `today` (every page: the overdue job). */
  async pastTargetBefore(partnershipId: string, today: string): Promise<Review[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byDueDate",
      partition: duePk(partnershipId, "REVIEW"),
      range: { lt: today },
    });
    return items.map((i) => ReviewEntity.fromItem(i));
  }

  /** §33: delayed publications whose date to reconsider is before `today` (the overdue job). */
  async reconsiderDueBefore(partnershipId: string, today: string): Promise<Review[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byRevisitDate",
      partition: revisitPk(partnershipId, "REVIEW"),
      range: { lt: today },
    });
    return items.map((i) => ReviewEntity.fromItem(i));
  }

  /**
   * §29: up to `limit` reviews whose information is held on a case's record (one strongly
   * consistent Query).
   */
  async linksOfCase(
    partnershipId: string,
    caseId: string,
    limit: number,
  ): Promise<CaseReviewLink[]> {
    const items = await queryUpTo(
      this.doc,
      {
        table: this.table,
        partition: entityPk(partnershipId, "CASE", caseId),
        range: { beginsWith: CASE_LINK_PREFIX },
        consistent: true,
      },
      limit,
    );
    return items.map((i) => CaseReviewLinkEntity.fromItem(i));
  }

  /**
   * One page of a partnership's live published learning (newest first), by kind and year of
   * publication. A search reads pages of up to 100 published items, keeping those whose text
   * holds the term, for at most three Query calls: the page may then be short, its end cursor
   * where the reading stopped.
   */
  async listPublished(
    partnershipId: string,
    filter: { kind?: ReviewKind | null; published?: DateRange; search?: string | null },
    first: number,
    after?: string | null,
  ): Promise<Page<PublishedLearning>> {
    const query = {
      table: this.table,
      ...(filter.kind
        ? {
            index: "byKind" as const,
            partition: kindPk(partnershipId, "PUBLISHED_LEARNING", filter.kind),
          }
        : {
            index: "byPartnershipType" as const,
            partition: listPk(partnershipId, "PUBLISHED_LEARNING"),
          }),
      range: dateRangeKeys(filter.published),
      first,
      after,
      newestFirst: true,
    };
    const strip = (i: Record<string, unknown>): PublishedLearning => {
      const { searchText: _, ...p } = PublishedEntity.fromItem(i);
      return p;
    };
    if (!filter.search) return mapPage(await queryPage(this.doc, query), strip);
    return mapPage(await this.searchPage(query, filter.search), strip);
  }

  private async searchPage(
    q: {
      table: string;
      index: "byKind" | "byPartnershipType";
      partition: string;
      range: ReturnType<typeof dateRangeKeys>;
      first: number;
      after?: string | null;
    },
    term: string,
  ): Promise<Page<Record<string, unknown>>> {
    const attrs = indexAttributes(q.index);
    const keyAttributes = [attrs.pk, attrs.sk, "pk", "sk"];
    let start: Record<string, unknown> | undefined = decodeCursor(
      q.after,
      attrs.pk,
      q.partition,
      keyAttributes,
    );
    const range = q.range && "between" in q.range ? q.range.between : null;
    if (
      start &&
      range &&
      !(String(start[attrs.sk]) >= range[0] && String(start[attrs.sk]) <= range[1])
    )
      throw new ValidationError("after", "Not a cursor of this list");
    const matches: Record<string, unknown>[] = [];
    for (let call = 0; call < 3 && matches.length <= q.first; call++) {
      const res = await this.doc.send(
        new QueryCommand({
          TableName: q.table,
          IndexName: q.index,
          KeyConditionExpression: range ? "#p = :p AND #s BETWEEN :s1 AND :s2" : "#p = :p",
          FilterExpression: "contains(#t, :q)",
          ExpressionAttributeNames: {
            "#p": attrs.pk,
            "#t": "searchText",
            ...(range ? { "#s": attrs.sk } : {}),
          },
          ExpressionAttributeValues: {
            ":p": q.partition,
            ":q": term,
            ...(range ? { ":s1": range[0], ":s2": range[1] } : {}),
          },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
          Limit: 100,
        }),
      );
      matches.push(...((res.Items ?? []) as Record<string, unknown>[]));
      start = res.LastEvaluatedKey;
      if (!start) break;
    }
    const keyOf = (i: Record<string, unknown>) =>
      encodeCursor(Object.fromEntries(keyAttributes.map((a) => [a, String(i[a])])) as Key);
    const edges = matches.slice(0, q.first).map((node) => ({ node, cursor: keyOf(node) }));
    const more = matches.length > q.first;
    return {
      edges,
      hasNextPage: more || Boolean(start),
      hasPreviousPage: Boolean(q.after),
      endCursor: more
        ? (edges.at(-1)?.cursor ?? null)
        : start
          ? keyOf(start)
          : (edges.at(-1)?.cursor ?? null),
    };
  }

  /**
   * §35: a recommendation made from a finding, with its involvement items, and the finding (read
   * at `expectedVersion`) linking it, in one transaction, at most once per idempotency key.
   */
  recommendFromFinding(
    rec: Recommendation,
    agencyIds: readonly string[],
    finding: Finding,
    expectedVersion: number,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(
      this.doc,
      this.table,
      claim,
      rec.id,
      [
        versionedPut(this.table, FindingEntity.item(finding), expectedVersion),
        putNew(this.table, RecommendationEntity.item(rec)),
        ...involvementPuts(
          this.table,
          {
            partnershipId: rec.partnershipId,
            recordType: "RECOMMENDATION",
            recordId: rec.id,
            order: dated(rec.madeOn, rec.id),
          },
          agencyIds,
        ),
      ],
      { name: "Finding", id: finding.id, expectedVersion },
    );
  }

  /** Saves a milestone read at `expectedVersion` (its review is unchanged). */
  async saveMilestone(next: Milestone, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, MilestoneEntity.item(next), expectedVersion)],
      { name: "ReviewMilestone", id: next.id },
      expectedVersion,
    );
  }
}
