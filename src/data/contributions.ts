import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type Contribution,
  OPEN_CONTRIBUTION_STATUSES,
  type Submission,
} from "../domain/contributions";
import type { DateRange } from "../domain/dates";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import type { Review } from "../domain/reviews";
import { splitNumberedId } from "../domain/reviews";
import { getMany } from "./batch";
import { defineChildren, seqSk, seqWindow } from "./children";
import {
  dateRangeKeys,
  putNew,
  queryAll,
  queryPage,
  transactVersioned,
  versionedPut,
} from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce, priorResult } from "./idempotency";
import { agencyPk, dated, duePk } from "./keys";
import { numberedKey, ReviewEntity } from "./reviews";

/**
 * §28: contributions asked of agencies, numbered in their review's collection
 * (`CONTRIBUTION#<n>`, id `<review>:<n>`), each on its agency's list (open ones apart from those
 * answered) and, while owed, on the due-date list; their submissions numbered after them
 * (`CONTRIBUTION#<n>#SUBMISSION#<m>`).
 */
type Shelf = "OPEN" | "ANSWERED";
const shelfOf = (k: Contribution): Shelf =>
  OPEN_CONTRIBUTION_STATUSES.includes(k.status) ? "OPEN" : "ANSWERED";
const agencyShelf = (partnershipId: string, agencyId: string, shelf: Shelf) =>
  `${agencyPk(partnershipId, agencyId, "CONTRIBUTION")}#${shelf}`;

export const ContributionEntity = defineEntity<Contribution>()({
  type: "CONTRIBUTION",
  attributes: {
    id: "string",
    partnershipId: "string",
    reviewId: "string",
    seq: "number",
    agencyId: "string",
    kind: "string",
    caseId: "string?",
    request: "string",
    dueDate: "string",
    status: "string",
    questions: "string?",
    requestedOn: "string",
    requestedBy: "string",
    submissionCount: "number",
    submittedOn: "string?",
    acceptedOn: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => numberedKey(k.partnershipId, k.id, "CONTRIBUTION"),
  indexes: {
    byAgency: (k) => ({
      pk: agencyShelf(k.partnershipId, k.agencyId, shelfOf(k)),
      sk: dated(k.dueDate, k.id),
    }),
    // Sparse: contributions owed, by due date (late ones join the overdue job).
    byDueDate: (k) =>
      shelfOf(k) === "OPEN"
        ? { pk: duePk(k.partnershipId, "CONTRIBUTION"), sk: dated(k.dueDate, k.id) }
        : null,
  },
});

const Submissions = defineChildren<Submission>({
  type: "CONTRIBUTION_SUBMISSION",
  attributes: {
    id: "string",
    content: "string",
    documentUrl: "string?",
    submittedOn: "string",
    submittedBy: "string",
    at: "string",
  },
  key: (k) => {
    const parent = numberedKey(k.partnershipId, k.parentId, "CONTRIBUTION");
    return { pk: parent.pk, sk: seqSk(`${parent.sk}#SUBMISSION`, k.seq) };
  },
});

export class ContributionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Contributions by ids (BatchGet); an id not of a numbered record names none. */
  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Contribution>> {
    return getMany(
      this.doc,
      this.table,
      ContributionEntity,
      ids.filter((id) => splitNumberedId(id)).map((id) => ({ partnershipId, id })),
      (k) => k.id,
    );
  }

  /** Every contribution of each review, in the order asked (BatchGets of keys from the counts). */
  async ofReviews(reviews: readonly Review[]): Promise<Map<string, Contribution[]>> {
    const ids = reviews.flatMap((r) =>
      seqWindow(r.contributionCount).map((seq) => `${r.id}:${seq}`),
    );
    const found = await this.getMany(reviews[0]?.partnershipId ?? "", ids);
    return new Map(
      reviews.map((r) => [
        r.id,
        seqWindow(r.contributionCount).flatMap((seq) => found.get(`${r.id}:${seq}`) ?? []),
      ]),
    );
  }

  /**
   * One agency's contributions, open (owed) or answered, by due date (optionally in a range).
   */
  async listByAgency(
    partnershipId: string,
    agencyId: string,
    answered: boolean,
    due: DateRange | undefined,
    first: number,
    after?: string | null,
  ): Promise<Page<Contribution>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: agencyShelf(partnershipId, agencyId, answered ? "ANSWERED" : "OPEN"),
      range: dateRangeKeys(due),
      first,
      after,
    });
    return mapPage(page, (i) => ContributionEntity.fromItem(i));
  }

  /** Every agency's contributions owed, soonest due first (optionally in a range). */
  async listOwed(
    partnershipId: string,
    due: DateRange | undefined,
    first: number,
    after?: string | null,
  ): Promise<Page<Contribution>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byDueDate",
      partition: duePk(partnershipId, "CONTRIBUTION"),
      range: dateRangeKeys(due),
      first,
      after,
    });
    return mapPage(page, (i) => ContributionEntity.fromItem(i));
  }

  /** Contributions owed and due before `today` (every page: the overdue job). */
  async dueBefore(partnershipId: string, today: string): Promise<Contribution[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      index: "byDueDate",
      partition: duePk(partnershipId, "CONTRIBUTION"),
      range: { lt: today },
    });
    return items.map((i) => ContributionEntity.fromItem(i));
  }

  /**
   * Creates a contribution with its review counting one more, in one transaction guarded by the
   * review's version read, at most once per idempotency key.
   */
  create(
    k: Contribution,
    review: Review,
    expectedVersion: number,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(
      this.doc,
      this.table,
      claim,
      k.id,
      [
        versionedPut(this.table, ReviewEntity.item(review), expectedVersion),
        putNew(this.table, ContributionEntity.item(k)),
      ],
      { name: "Review", id: review.id, expectedVersion },
    );
  }

  /**
   * Saves a contribution that counts one more submission, with the submission, in one
   * transaction guarded by the version read, at most once per idempotency key.
   */
  addSubmission(
    next: Contribution,
    expectedVersion: number,
    submission: Submission,
    claim: IdempotencyClaim | null,
  ): Promise<CreateOutcome> {
    return createOnce(
      this.doc,
      this.table,
      claim,
      next.id,
      [
        versionedPut(this.table, ContributionEntity.item(next), expectedVersion),
        Submissions.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.id, seq: next.submissionCount },
          submission,
        ),
      ],
      { name: "Contribution", id: next.id, expectedVersion },
    );
  }

  /**
   * The contribution an earlier submission with this key answered (null for a new key): a retry
   * of a submission that went through finds the contribution already submitted.
   */
  priorSubmission(claim: IdempotencyClaim): Promise<string | null> {
    return priorResult(this.doc, this.table, claim);
  }

  /** The submissions of each contribution, oldest first (one BatchGet for all of them). */
  getSubmissions(contributions: readonly Contribution[]): Promise<Map<string, Submission[]>> {
    return Submissions.read(
      this.doc,
      this.table,
      contributions.map((k) => ({
        partnershipId: k.partnershipId,
        parentId: k.id,
        seqs: seqWindow(k.submissionCount),
      })),
    );
  }

  /** Replaces a contribution guarded by `expectedVersion`. */
  async save(next: Contribution, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, ContributionEntity.item(next), expectedVersion)],
      { name: "Contribution", id: next.id },
      expectedVersion,
    );
  }
}
