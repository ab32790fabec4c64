import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Agency } from "../domain/entities";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import { getMany } from "./batch";
import { putNew, queryPage, transactVersioned, versionedPut } from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { entityPk, listPk, META } from "./keys";

const byName = (name: string, id: string) => `${name.trim().toLowerCase()}#${id}`;

export const AgencyEntity = defineEntity<Agency>()({
  type: "AGENCY",
  attributes: {
    id: "string",
    partnershipId: "string",
    name: "string",
    kind: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "AGENCY", k.id), sk: META }),
  indexes: {
    byPartnershipType: (a) => ({ pk: listPk(a.partnershipId, "AGENCY"), sk: byName(a.name, a.id) }),
  },
});

/** Member agencies of a partnership. */
export class AgencyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** By ids (BatchGet); missing ids are absent from the map. */
  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Agency>> {
    return getMany(
      this.doc,
      this.table,
      AgencyEntity,
      ids.map((id) => ({ partnershipId, id })),
      (a) => a.id,
    );
  }

  /** The partnership's agencies, by name. */
  async list(partnershipId: string, first: number, after?: string | null): Promise<Page<Agency>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(partnershipId, "AGENCY"),
      first,
      after,
    });
    return mapPage(page, (i) => AgencyEntity.fromItem(i));
  }

  /** Creates an agency, at most once per idempotency key. */
  create(a: Agency, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, a.id, [
      putNew(this.table, AgencyEntity.item(a)),
    ]);
  }

  /** Replaces an agency guarded by the version it was read at. */
  async save(next: Agency, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, AgencyEntity.item(next), expectedVersion)],
      { name: "Agency", id: next.id },
      expectedVersion,
    );
  }
}
