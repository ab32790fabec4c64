import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import type { Reviewer, TrainingRecord } from "../domain/reviewers";
import { getMany } from "./batch";
import { defineChildren, seqSk, seqWindow } from "./children";
import { putNew, queryPage, transactVersioned, versionedPut } from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { entityPk, listPk, META } from "./keys";

/**
 * §23: the reviewer pool. Item collection per reviewer (pk = T#<p>#REVIEWER#<id>): `META` and
 * their training records (`TRAINING#<n>`); the pool is listed by name.
 */
export const ReviewerEntity = defineEntity<Reviewer>()({
  type: "REVIEWER",
  attributes: {
    id: "string",
    partnershipId: "string",
    name: "string",
    kind: "string",
    agencyId: "string?",
    personId: "string?",
    trainingCount: "number",
    trainedUntil: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "REVIEWER", k.id), sk: META }),
  indexes: {
    byPartnershipType: (r) => ({
      pk: listPk(r.partnershipId, "REVIEWER"),
      sk: `${r.name.toLowerCase()}#${r.id}`,
    }),
  },
});

const Trainings = defineChildren<TrainingRecord>({
  type: "REVIEWER_TRAINING",
  attributes: {
    id: "string",
    course: "string",
    completedOn: "string",
    expiresOn: "string",
    recordedBy: "string",
    recordedAt: "string",
  },
  key: (k) => ({
    pk: entityPk(k.partnershipId, "REVIEWER", k.parentId),
    sk: seqSk("TRAINING", k.seq),
  }),
});

export class ReviewerRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Reviewers by ids (BatchGet). */
  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Reviewer>> {
    return getMany(
      this.doc,
      this.table,
      ReviewerEntity,
      ids.map((id) => ({ partnershipId, id })),
      (r) => r.id,
    );
  }

  /** The pool, by name. */
  async list(partnershipId: string, first: number, after?: string | null): Promise<Page<Reviewer>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(partnershipId, "REVIEWER"),
      first,
      after,
    });
    return mapPage(page, (i) => ReviewerEntity.fromItem(i));
  }

  /** Adds a reviewer to the pool, at most once per idempotency key. */
  create(r: Reviewer, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, r.id, [
      putNew(this.table, ReviewerEntity.item(r)),
    ]);
  }

  /** Saves a reviewer counting one more training record, with it, in one transaction. */
  async addTraining(next: Reviewer, expectedVersion: number, training: TrainingRecord) {
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, ReviewerEntity.item(next), expectedVersion),
        Trainings.put(
          this.table,
          { partnershipId: next.partnershipId, parentId: next.id, seq: next.trainingCount },
          training,
        ),
      ],
      { name: "Reviewer", id: next.id },
      expectedVersion,
    );
  }

  /** The training records of each reviewer, oldest first (one BatchGet for all of them). */
  getTrainings(reviewers: readonly Reviewer[]): Promise<Map<string, TrainingRecord[]>> {
    return Trainings.read(
      this.doc,
      this.table,
      reviewers.map((r) => ({
        partnershipId: r.partnershipId,
        parentId: r.id,
        seqs: seqWindow(r.trainingCount),
      })),
    );
  }
}
