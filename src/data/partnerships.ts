import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Partnership } from "../domain/entities";
import { mapPage, type Page } from "../domain/pagination";
import type { TransactItem } from "./common";
import { queryPage } from "./common";
import { ALL_PARTNERSHIPS, entityPk, META, publicCodePk, toRecord } from "./keys";
import { INDEX } from "./tables";

/** Partnerships (tenants) and their public look-up by code. */
export class PartnershipRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Get by id: GetItem pk = T#<p>#PARTNERSHIP#<p>, sk = META. */
  async get(id: string): Promise<Partnership | null> {
    const res = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: entityPk(id, "PARTNERSHIP", id), sk: META },
      }),
    );
    return res.Item ? toRecord<Partnership>(res.Item) : null;
  }

  /** Public look-up: GetItem pk = PUBLIC#PARTNERSHIP#<code>, then the partnership. */
  async getByCode(code: string): Promise<Partnership | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { pk: publicCodePk(code), sk: META } }),
    );
    return res.Item ? this.get(String(res.Item.partnershipId)) : null;
  }

  /** Every partnership (for scheduled jobs, never for a request): byPartnershipType `listPk = PARTNERSHIPS`. */
  async listAll(first: number, after?: string | null): Promise<Page<Partnership>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byPartnershipType,
      partitionAttribute: "listPk",
      partitionValue: ALL_PARTNERSHIPS,
      sortAttribute: "listSk",
      first,
      after,
    });
    return mapPage(page, (i) => toRecord<Partnership>(i));
  }

  /** Transaction items that create a partnership and reserve its code. */
  createItems(p: Partnership): TransactItem[] {
    return [
      {
        Put: {
          TableName: this.table,
          Item: {
            pk: entityPk(p.id, "PARTNERSHIP", p.id),
            sk: META,
            type: "PARTNERSHIP",
            listPk: ALL_PARTNERSHIPS,
            listSk: `${p.code}#${p.id}`,
            ...p,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: {
            pk: publicCodePk(p.code),
            sk: META,
            type: "PARTNERSHIP_CODE",
            partnershipId: p.id,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
    ];
  }
}
