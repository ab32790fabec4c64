import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import type { Case, CaseIdentity } from "../domain/entities";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import { getMany } from "./batch";
import { put, putNew, queryAll, queryPage, transactVersioned, versionedPut } from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import {
  type Involved,
  InvolvementEntity,
  involvementChanges,
  involvementPuts,
} from "./involvement";
import { agencyPk, dated, entityPk, listPk, META, PENDING_LISTS } from "./keys";

/**
 * Cases. Item collection per case (pk = T#<p>#CASE#<c>):
 * - `META`: the pseudonymised record every entitled reader may see;
 * - `IDENTITY`: the identifying details, read only through `getIdentities` (access-logged upstream);
 * - `AGENCY#<a>`: one involvement item per agency, for agency case lists.
 */
export const CaseEntity = defineEntity<Case>()({
  type: "CASE",
  attributes: {
    id: "string",
    partnershipId: "string",
    pseudonym: "string",
    status: "string",
    agencyIds: "list",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "CASE", k.id), sk: META }),
  indexes: {
    byPartnershipType: (c) => ({
      pk: listPk(c.partnershipId, "CASE"),
      sk: dated(c.createdAt, c.id),
    }),
  },
});

type StoredIdentity = CaseIdentity & { readonly partnershipId: string };

/** Identifying details: on no index, so that no list can ever return them. */
const CaseIdentityEntity = defineEntity<StoredIdentity>()({
  type: "CASE_IDENTITY",
  attributes: {
    partnershipId: "string",
    caseId: "string",
    childName: "string",
    dateOfBirth: "string?",
    address: "string?",
    nhsNumber: "string?",
    familyMembers: "list",
  },
  keyFields: ["partnershipId", "caseId"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "CASE", k.caseId), sk: "IDENTITY" }),
});

/**
 * A case whose agencies changed at `caseVersion`, until every notification covering it is listed
 * for the agencies now concerned (§18). Written with the change, removed once the lists follow.
 */
export interface PendingLists {
  readonly partnershipId: string;
  readonly caseId: string;
  readonly caseVersion: number;
  readonly since: string;
}

const PendingListsEntity = defineEntity<PendingLists>()({
  type: "PENDING_LISTS",
  attributes: {
    partnershipId: "string",
    caseId: "string",
    caseVersion: "number",
    since: "string",
  },
  keyFields: ["partnershipId", "caseId"],
  key: (k) => ({ pk: PENDING_LISTS, sk: entityPk(k.partnershipId, "CASE", k.caseId) }),
});

const involved = (c: Case): Involved => ({
  partnershipId: c.partnershipId,
  recordType: "CASE",
  recordId: c.id,
  order: dated(c.createdAt, c.id),
});

export class CaseRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Cases by ids (BatchGet of the pseudonymised records). */
  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Case>> {
    return getMany(
      this.doc,
      this.table,
      CaseEntity,
      ids.map((id) => ({ partnershipId, id })),
      (c) => c.id,
    );
  }

  /** Identifying details by case ids. Callers log the read first. */
  async getIdentities(
    partnershipId: string,
    caseIds: readonly string[],
  ): Promise<Map<string, CaseIdentity>> {
    const found = await getMany(
      this.doc,
      this.table,
      CaseIdentityEntity,
      caseIds.map((caseId) => ({ partnershipId, caseId })),
      (i) => i.caseId,
    );
    return new Map(
      [...found].map(([id, { partnershipId: _, ...identity }]) => [id, identity as CaseIdentity]),
    );
  }

  /** The partnership's cases, newest first. */
  async list(partnershipId: string, first: number, after?: string | null): Promise<Page<Case>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(partnershipId, "CASE"),
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => CaseEntity.fromItem(i));
  }

  /** Ids of the cases one agency is involved in, newest first. */
  async listIdsByAgency(
    partnershipId: string,
    agencyId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<string>> {
    return this.idsOn(agencyPk(partnershipId, agencyId, "CASE"), first, after);
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

  /** Creates a case with its identity and involvement items, at most once per key. */
  create(c: Case, identity: CaseIdentity, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, c.id, [
      putNew(this.table, CaseEntity.item(c)),
      put(this.table, CaseIdentityEntity.item({ ...identity, partnershipId: c.partnershipId })),
      ...involvementPuts(this.table, involved(c), c.agencyIds),
    ]);
  }

  /** Replaces the identifying details and the case (new version), in one transaction. */
  async updateIdentity(next: Case, expectedVersion: number, identity: CaseIdentity) {
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, CaseEntity.item(next), expectedVersion),
        put(
          this.table,
          CaseIdentityEntity.item({ ...identity, partnershipId: next.partnershipId }),
        ),
      ],
      { name: "Case", id: next.id },
      expectedVersion,
    );
  }

  /**
   * Saves a case whose agencies changed, with its own involvement items and a pending-lists
   * marker, in one transaction (at most 1 + 2 × 30 + 1 items). The notifications covering the
   * case follow afterwards, each in its own transaction (`syncLists`), so a case covered by any
   * number of notifications can change; the marker stays until they all have.
   */
  async setAgencies(previous: Case, next: Case, expectedVersion: number): Promise<PendingLists> {
    const marker: PendingLists = {
      partnershipId: next.partnershipId,
      caseId: next.id,
      caseVersion: next.version,
      since: next.updatedAt,
    };
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, CaseEntity.item(next), expectedVersion),
        ...involvementChanges(
          this.table,
          involved(next),
          previous.agencyIds,
          next.agencyIds,
          false,
        ),
        put(this.table, PendingListsEntity.item(marker)),
      ],
      { name: "Case", id: next.id },
      expectedVersion,
    );
    return marker;
  }

  /** Cases whose notifications' lists have not all followed a change of agencies yet. */
  async pendingLists(): Promise<PendingLists[]> {
    const items = await queryAll(this.doc, {
      table: this.table,
      partition: PENDING_LISTS,
      consistent: true,
    });
    return items.map((i) => PendingListsEntity.fromItem(i));
  }

  /** Removes a pending-lists marker, unless a later change of the case has replaced it. */
  async clearPendingLists(marker: PendingLists): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { ...PendingListsEntity.key(marker) },
          ConditionExpression: "caseVersion = :v",
          ExpressionAttributeValues: { ":v": marker.caseVersion },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== "ConditionalCheckFailedException") throw err;
    }
  }

  /** The key a write computed from this case checks its version against. */
  static key(c: Pick<Case, "partnershipId" | "id">) {
    return CaseEntity.key(c);
  }
}
