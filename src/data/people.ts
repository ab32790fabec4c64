import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Person } from "../domain/entities";
import { mapPage, type Page } from "../domain/pagination";
import { getRecords } from "./batch";
import { queryPage, type TransactItem } from "./common";
import { agencyPk, entityPk, listPk, META, toRecord } from "./keys";
import { INDEX } from "./tables";

/** Staff users. */
export class PersonRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** BatchGet by ids (pk = T#<p>#PERSON#<id>, sk = META). */
  async getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Person>> {
    return getRecords<Person>(
      this.doc,
      this.table,
      ids.map((id) => ({ pk: entityPk(partnershipId, "PERSON", id), sk: META })),
    );
  }

  /** byPartnershipType: listPk = T#<p>#PERSON, sorted by name. */
  async list(partnershipId: string, first: number, after?: string | null): Promise<Page<Person>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byPartnershipType,
      partitionAttribute: "listPk",
      partitionValue: listPk(partnershipId, "PERSON"),
      sortAttribute: "listSk",
      first,
      after,
    });
    return mapPage(page, (i) => toRecord<Person>(i));
  }

  /** byAgency: agencyPk = T#<p>#AGENCY#<a>#PERSON, sorted by name. */
  async listByAgency(
    partnershipId: string,
    agencyId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<Person>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byAgency,
      partitionAttribute: "agencyPk",
      partitionValue: agencyPk(partnershipId, agencyId, "PERSON"),
      sortAttribute: "agencySk",
      first,
      after,
    });
    return mapPage(page, (i) => toRecord<Person>(i));
  }

  createItem(p: Person): TransactItem {
    const sortKey = `${p.name.trim().toLowerCase()}#${p.id}`;
    return {
      Put: {
        TableName: this.table,
        Item: {
          pk: entityPk(p.partnershipId, "PERSON", p.id),
          sk: META,
          type: "PERSON",
          listPk: listPk(p.partnershipId, "PERSON"),
          listSk: sortKey,
          ...(p.agencyId
            ? { agencyPk: agencyPk(p.partnershipId, p.agencyId, "PERSON"), agencySk: sortKey }
            : {}),
          ...p,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    };
  }
}
