import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Agency } from "../domain/entities";
import { mapPage, type Page } from "../domain/pagination";
import { getRecords } from "./batch";
import { queryPage, type TransactItem, updateVersioned } from "./common";
import { entityPk, listPk, META, toRecord } from "./keys";
import { INDEX } from "./tables";

const sortName = (name: string) => name.trim().toLowerCase();

/** Member agencies of a partnership. */
export class AgencyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** BatchGet by ids (pk = T#<p>#AGENCY#<a>, sk = META); missing ids are absent from the map. */
  async getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Agency>> {
    return getRecords<Agency>(
      this.doc,
      this.table,
      ids.map((id) => ({ pk: entityPk(partnershipId, "AGENCY", id), sk: META })),
    );
  }

  /** byPartnershipType: listPk = T#<p>#AGENCY, sorted by name. */
  async list(partnershipId: string, first: number, after?: string | null): Promise<Page<Agency>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byPartnershipType,
      partitionAttribute: "listPk",
      partitionValue: listPk(partnershipId, "AGENCY"),
      sortAttribute: "listSk",
      first,
      after,
    });
    return mapPage(page, (i) => toRecord<Agency>(i));
  }

  createItem(a: Agency): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: {
          pk: entityPk(a.partnershipId, "AGENCY", a.id),
          sk: META,
          type: "AGENCY",
          listPk: listPk(a.partnershipId, "AGENCY"),
          listSk: `${sortName(a.name)}#${a.id}`,
          ...a,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    };
  }

  /** Renames or re-kinds an agency, guarded by its version. */
  async update(
    partnershipId: string,
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<Agency, "name" | "kind">>,
    now: string,
  ): Promise<Agency> {
    const set: Record<string, unknown> = { ...changes };
    if (changes.name !== undefined) set.listSk = `${sortName(changes.name)}#${id}`;
    const item = await updateVersioned(
      this.doc,
      this.table,
      { pk: entityPk(partnershipId, "AGENCY", id), sk: META },
      { name: "Agency", id },
      expectedVersion,
      set,
      now,
    );
    return toRecord<Agency>(item);
  }
}
