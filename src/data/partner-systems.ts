import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import type { PartnerSystem } from "../domain/partner-systems";
import { getMany } from "./batch";
import { put, putNew, queryPage, transactVersioned, versionedPut } from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { agencyPk, clientPk, entityPk, listPk, META } from "./keys";

const byName = (s: PartnerSystem) => `${s.name.trim().toLowerCase()}#${s.id}`;

export const PartnerSystemEntity = defineEntity<PartnerSystem>()({
  type: "PARTNER_SYSTEM",
  attributes: {
    id: "string",
    partnershipId: "string",
    agencyId: "string",
    name: "string",
    clientId: "string",
    allowedOperations: "list",
    enabled: "boolean",
    createdBy: "string",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["partnershipId", "id"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "PARTNER_SYSTEM", k.id), sk: META }),
  indexes: {
    byPartnershipType: (s) => ({ pk: listPk(s.partnershipId, "PARTNER_SYSTEM"), sk: byName(s) }),
    byAgency: (s) => ({
      pk: agencyPk(s.partnershipId, s.agencyId, "PARTNER_SYSTEM"),
      sk: byName(s),
    }),
  },
});

/**
 * An app client's registration, as a token's `client_id` finds it: what a request needs of the
 * system (partnership, agency, operations, whether it runs), kept beside the record and written
 * with it, so that a partner system's request costs one read to authenticate.
 */
export interface ClientRegistration {
  readonly clientId: string;
  readonly partnershipId: string;
  readonly systemId: string;
  readonly agencyId: string;
  readonly allowedOperations: readonly string[];
  readonly enabled: boolean;
}

const ClientLinkEntity = defineEntity<ClientRegistration>()({
  type: "CLIENT_LINK",
  attributes: {
    clientId: "string",
    partnershipId: "string",
    systemId: "string",
    agencyId: "string",
    allowedOperations: "list",
    enabled: "boolean",
  },
  keyFields: ["clientId"],
  key: (k) => ({ pk: clientPk(k.clientId), sk: META }),
});

const linkOf = (s: PartnerSystem): ClientRegistration => ({
  clientId: s.clientId,
  partnershipId: s.partnershipId,
  systemId: s.id,
  agencyId: s.agencyId,
  allowedOperations: s.allowedOperations,
  enabled: s.enabled,
});

/** Partner systems registered per agency. */
export class PartnerSystemRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  getMany(partnershipId: string, ids: readonly string[]): Promise<Map<string, PartnerSystem>> {
    return getMany(
      this.doc,
      this.table,
      PartnerSystemEntity,
      ids.map((id) => ({ partnershipId, id })),
      (s) => s.id,
    );
  }

  /** The registration an app client id belongs to (strongly consistent), or undefined. */
  async getByClient(clientId: string): Promise<ClientRegistration | undefined> {
    const links = await getMany(
      this.doc,
      this.table,
      ClientLinkEntity,
      [{ clientId }],
      (l) => l.clientId,
    );
    return links.get(clientId);
  }

  /** Registers a system with the link from its app client, at most once per idempotency key. */
  create(s: PartnerSystem, claim: IdempotencyClaim | null): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, s.id, [
      putNew(this.table, PartnerSystemEntity.item(s)),
      putNew(this.table, ClientLinkEntity.item(linkOf(s))),
    ]);
  }

  async save(next: PartnerSystem, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, PartnerSystemEntity.item(next), expectedVersion),
        put(this.table, ClientLinkEntity.item(linkOf(next))),
      ],
      { name: "PartnerSystem", id: next.id },
      expectedVersion,
    );
  }

  /** The partnership's systems (or one agency's), by name. */
  async list(
    partnershipId: string,
    agencyId: string | null,
    first: number,
    after?: string | null,
  ): Promise<Page<PartnerSystem>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      ...(agencyId
        ? { index: "byAgency", partition: agencyPk(partnershipId, agencyId, "PARTNER_SYSTEM") }
        : { index: "byPartnershipType", partition: listPk(partnershipId, "PARTNER_SYSTEM") }),
      first,
      after,
    });
    return mapPage(page, (i) => PartnerSystemEntity.fromItem(i));
  }
}
