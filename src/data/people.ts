import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Person } from "../domain/entities";
import { mapPage, type Page } from "../domain/pagination";
import { getMany } from "./batch";
import { putNew, queryPage, transact } from "./common";
import { defineEntity } from "./entity";
import { agencyPk, entityPk, listPk, META } from "./keys";

const byName = (p: Person) => `${p.name.trim().toLowerCase()}#${p.id}`;

export const PersonEntity = defineEntity<Person>()({
  type: "PERSON",
  attributes: {
    id: "string",
    partnershipId: "string",
    agencyId: "string?",
    name: "string",
    email: "string",
    jobTitle: "string?",
    roles: "list",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "PERSON", k.id), sk: META }),
  indexes: {
    byPartnershipType: (p) => ({ pk: listPk(p.partnershipId, "PERSON"), sk: byName(p) }),
    byAgency: (p) =>
      p.agencyId ? { pk: agencyPk(p.partnershipId, p.agencyId, "PERSON"), sk: byName(p) } : null,
  },
});

/** The most items one TransactWriteItems call takes. */
const TRANSACTION_LIMIT = 100;

/** Staff users. */
export class PersonRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** By ids (BatchGet). */
  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Person>> {
    return getMany(
      this.doc,
      this.table,
      PersonEntity,
      ids.map((id) => ({ partnershipId, id })),
      (p) => p.id,
    );
  }

  /** The partnership's staff, by name. */
  async list(partnershipId: string, first: number, after?: string | null): Promise<Page<Person>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: listPk(partnershipId, "PERSON"),
      first,
      after,
    });
    return mapPage(page, (i) => PersonEntity.fromItem(i));
  }

  /** One agency's staff, by name. */
  async listByAgency(
    partnershipId: string,
    agencyId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<Person>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byAgency",
      partition: agencyPk(partnershipId, agencyId, "PERSON"),
      first,
      after,
    });
    return mapPage(page, (i) => PersonEntity.fromItem(i));
  }

  /** Creates people, a transaction of up to 100 at a time (seeding and onboarding). */
  async createMany(people: readonly Person[]): Promise<void> {
    for (let i = 0; i < people.length; i += TRANSACTION_LIMIT)
      await transact(
        this.doc,
        people.slice(i, i + TRANSACTION_LIMIT).map((p) => putNew(this.table, PersonEntity.item(p))),
      );
  }
}
