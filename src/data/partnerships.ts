import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Agency, Partnership, Person } from "../domain/entities";
import { TakenError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import type { RoleChange } from "../domain/people";
import { AgencyEntity } from "./agencies";
import { cancellationReasons, putNew, queryPage } from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { ALL_PARTNERSHIPS, entityPk, META, publicCodePk } from "./keys";
import { personPuts } from "./people";

export const PartnershipEntity = defineEntity<Partnership>()({
  type: "PARTNERSHIP",
  attributes: {
    id: "string",
    code: "string",
    name: "string",
    website: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["id"],
  key: (k) => ({ pk: entityPk(k.id, "PARTNERSHIP", k.id), sk: META }),
  indexes: {
    // The list of every partnership: for scheduled jobs, never for a request.
    byPartnershipType: (p) => ({ pk: ALL_PARTNERSHIPS, sk: `${p.code}#${p.id}` }),
  },
});

/** The public look-up of a partnership by its code (the only key outside a tenant prefix). */
const PartnershipCodeEntity = defineEntity<{ code: string; partnershipId: string }>()({
  type: "PARTNERSHIP_CODE",
  attributes: { code: "string", partnershipId: "string" },
  keyFields: ["code"],
  key: (k) => ({ pk: publicCodePk(k.code), sk: META }),
});

/** Partnerships (tenants) and their public look-up by code. */
export class PartnershipRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** GetItem by id. */
  async get(id: string): Promise<Partnership | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { ...PartnershipEntity.key({ id }) } }),
    );
    return res.Item ? PartnershipEntity.fromItem(res.Item) : null;
  }

  /** Public look-up: GetItem on the code, then the partnership. */
  async getByCode(code: string): Promise<Partnership | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { ...PartnershipCodeEntity.key({ code }) } }),
    );
    return res.Item ? this.get(PartnershipCodeEntity.fromItem(res.Item).partnershipId) : null;
  }

  /** Every partnership, a page at a time (scheduled jobs). */
  async listAll(first: number, after?: string | null): Promise<Page<Partnership>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: ALL_PARTNERSHIPS,
      first,
      after,
    });
    return mapPage(page, (i) => PartnershipEntity.fromItem(i));
  }

  /**
   * Creates a partnership with its first agencies and reserves its code, in one transaction (at
   * most once per idempotency key); a code already taken is a CONFLICT (STATE).
   */
  /**
   * Creates a partnership with its agencies and first staff (each with the role change that gave
   * their roles), in one transaction: a refusal leaves nothing behind. A taken code or a sign-in
   * identity already someone's is a TakenError naming which.
   */
  async create(
    p: Partnership,
    agencies: readonly Agency[] = [],
    claim: IdempotencyClaim | null = null,
    staff: readonly { person: Person; granted?: RoleChange }[] = [],
  ): Promise<CreateOutcome> {
    const items = [
      putNew(this.table, PartnershipEntity.item(p)),
      putNew(this.table, PartnershipCodeEntity.item({ code: p.code, partnershipId: p.id })),
      ...agencies.map((a) => putNew(this.table, AgencyEntity.item(a))),
    ];
    const identities: number[] = [];
    for (const s of staff) {
      items.push(...personPuts(this.table, s.person, s.granted));
      if (s.person.identity) identities.push(items.length - 1 + (claim ? 1 : 0));
    }
    try {
      return await createOnce(this.doc, this.table, claim, p.id, items);
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[claim ? 2 : 1] === "ConditionalCheckFailed")
        throw new TakenError("code", `The code ${p.code} is taken`);
      const i = identities.findIndex((at) => reasons?.[at] === "ConditionalCheckFailed");
      if (i >= 0)
        throw new TakenError(`staff.${i}`, "This sign-in identity already belongs to someone");
      throw err;
    }
  }
}
