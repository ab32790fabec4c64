import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Case, CaseIdentity } from "../domain/entities";
import { mapPage, type Page } from "../domain/pagination";
import { getRecords } from "./batch";
import {
  involvementPut,
  queryPage,
  type TransactItem,
  transactVersioned,
  versionCondition,
} from "./common";
import { agencyPk, entityPk, IDENTITY, involvementSk, listPk, META, toRecord } from "./keys";
import { INDEX } from "./tables";

/**
 * Cases. Item collection per case (pk = T#<p>#CASE#<c>):
 * - `META`: the pseudonymised record every entitled reader may see;
 * - `IDENTITY`: the identifying details, read only through `getIdentities` (access-logged upstream);
 * - `AGENCY#<a>`: one involvement item per agency, indexed byAgency for agency case lists.
 */
export class CaseRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private key(partnershipId: string, id: string, sk: string) {
    return { pk: entityPk(partnershipId, "CASE", id), sk };
  }

  /** BatchGet META items by ids. */
  async getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, Case>> {
    return getRecords<Case>(
      this.doc,
      this.table,
      ids.map((id) => this.key(partnershipId, id, META)),
    );
  }

  /** BatchGet IDENTITY items by case ids. */
  async getIdentities(
    partnershipId: string,
    ids: readonly string[],
  ): Promise<Map<string, CaseIdentity>> {
    return getRecords<CaseIdentity>(
      this.doc,
      this.table,
      ids.map((id) => this.key(partnershipId, id, IDENTITY)),
      "caseId",
    );
  }

  /** byPartnershipType: listPk = T#<p>#CASE, newest first. One Query, items in full. */
  async list(partnershipId: string, first: number, after?: string | null): Promise<Page<Case>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byPartnershipType,
      partitionAttribute: "listPk",
      partitionValue: listPk(partnershipId, "CASE"),
      sortAttribute: "listSk",
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => toRecord<Case>(i));
  }

  /** byAgency: agencyPk = T#<p>#AGENCY#<a>#CASE, newest first; returns case ids. */
  async listIdsByAgency(
    partnershipId: string,
    agencyId: string,
    first: number,
    after?: string | null,
  ): Promise<Page<string>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: INDEX.byAgency,
      partitionAttribute: "agencyPk",
      partitionValue: agencyPk(partnershipId, agencyId, "CASE"),
      sortAttribute: "agencySk",
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => String(i.caseId));
  }

  private involvementItem(c: Pick<Case, "partnershipId" | "id" | "createdAt">, agencyId: string) {
    return involvementPut(
      this.table,
      { partnershipId: c.partnershipId, type: "CASE", id: c.id, idAttribute: "caseId" },
      agencyId,
      `${c.createdAt}#${c.id}`,
    );
  }

  /** Transaction items that create a case with its identity and involvement items. */
  createItems(c: Case, identity: CaseIdentity): TransactItem[] {
    return [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...this.key(c.partnershipId, c.id, META),
            type: "CASE",
            listPk: listPk(c.partnershipId, "CASE"),
            listSk: `${c.createdAt}#${c.id}`,
            ...c,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: {
            ...this.key(c.partnershipId, c.id, IDENTITY),
            type: "CASE_IDENTITY",
            ...identity,
          },
        },
      },
      ...c.agencyIds.map((a) => this.involvementItem(c, a)),
    ];
  }

  /** Replaces the identifying details and bumps the case version, in one transaction. */
  async updateIdentity(
    c: Case,
    expectedVersion: number,
    identity: CaseIdentity,
    now: string,
  ): Promise<void> {
    await transactVersioned(
      this.doc,
      [
        this.bumpVersion(c, expectedVersion, now, {}),
        {
          Put: {
            TableName: this.table,
            Item: {
              ...this.key(c.partnershipId, c.id, IDENTITY),
              type: "CASE_IDENTITY",
              ...identity,
            },
          },
        },
      ],
      0,
      { name: "Case", id: c.id },
      expectedVersion,
    );
  }

  /** Sets the involved agencies: the case, added and removed involvement items in one transaction. */
  async setAgencies(
    c: Case,
    expectedVersion: number,
    agencyIds: readonly string[],
    now: string,
  ): Promise<void> {
    const added = agencyIds.filter((a) => !c.agencyIds.includes(a));
    const removed = c.agencyIds.filter((a) => !agencyIds.includes(a));
    await transactVersioned(
      this.doc,
      [
        this.bumpVersion(c, expectedVersion, now, { agencyIds: [...agencyIds] }),
        ...added.map((a) => this.involvementItem(c, a)),
        ...removed.map((a) => ({
          Delete: { TableName: this.table, Key: this.key(c.partnershipId, c.id, involvementSk(a)) },
        })),
      ],
      0,
      { name: "Case", id: c.id },
      expectedVersion,
    );
  }

  private bumpVersion(
    c: Case,
    expectedVersion: number,
    now: string,
    set: Record<string, unknown>,
  ): TransactItem {
    const cond = versionCondition(expectedVersion);
    const names: Record<string, string> = { ...cond.ExpressionAttributeNames, "#u": "updatedAt" };
    const values: Record<string, unknown> = {
      ...cond.ExpressionAttributeValues,
      ":one": 1,
      ":u": now,
    };
    const extra = Object.entries(set).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      return `, #f${i} = :f${i}`;
    });
    return {
      Update: {
        TableName: this.table,
        Key: this.key(c.partnershipId, c.id, META),
        UpdateExpression: `SET #version = #version + :one, #u = :u${extra.join("")}`,
        ConditionExpression: cond.ConditionExpression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: cond.ReturnValuesOnConditionCheckFailure,
      },
    };
  }
}
