import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Partnership } from "../domain/entities";
import type { TransactItem } from "./common";
import { entityPk, META, publicCodePk, toRecord } from "./keys";

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

  /** Transaction items that create a partnership and reserve its code. */
  createItems(p: Partnership): TransactItem[] {
    return [
      {
        Put: {
          TableName: this.table,
          Item: { pk: entityPk(p.id, "PARTNERSHIP", p.id), sk: META, type: "PARTNERSHIP", ...p },
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
