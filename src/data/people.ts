import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Person } from "../domain/entities";
import { ConflictError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import type { RoleChange } from "../domain/people";
import { getMany } from "./batch";
import { defineChildren, seqSk, seqWindow } from "./children";
import {
  failedInLast,
  putNew,
  queryPage,
  transact,
  transactVersioned,
  versionedPut,
} from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { agencyPk, entityPk, identityPk, listPk, META } from "./keys";

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
    enabled: "boolean",
    identity: "string?",
    roleChangeCount: "number",
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

/**
 * A sign-in identity's person: the only item the pre-token trigger reads besides the person
 * (its IAM role is limited to these two key shapes). One identity is one person: creating a
 * second link for it fails.
 */
interface IdentityLink {
  readonly identity: string;
  readonly partnershipId: string;
  readonly personId: string;
}

const IdentityLinkEntity = defineEntity<IdentityLink>()({
  type: "IDENTITY_LINK",
  attributes: { identity: "string", partnershipId: "string", personId: "string" },
  keyFields: ["identity"],
  key: (k) => ({ pk: identityPk(k.identity), sk: META }),
});

/** The put of a person's identity link, if they have a sign-in identity (none or one). */
const identityLinkPuts = (table: string, p: Person) =>
  p.identity
    ? [
        putNew(
          table,
          IdentityLinkEntity.item({
            identity: p.identity,
            partnershipId: p.partnershipId,
            personId: p.id,
          }),
        ),
      ]
    : [];

/** Every change of a person's roles (`ROLE#<00001..>` in the person's collection). */
const RoleChanges = defineChildren<RoleChange>({
  type: "ROLE_CHANGE",
  attributes: {
    id: "string",
    before: "list",
    after: "list",
    reason: "string?",
    by: "string",
    at: "string",
  },
  key: (k) => ({ pk: entityPk(k.partnershipId, "PERSON", k.parentId), sk: seqSk("ROLE", k.seq) }),
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

  /** The person a sign-in identity belongs to (strongly consistent), or undefined. */
  async getByIdentity(identity: string): Promise<Person | undefined> {
    const [link] = [
      ...(
        await getMany(this.doc, this.table, IdentityLinkEntity, [{ identity }], (l) => l.identity)
      ).values(),
    ];
    if (!link) return undefined;
    return (await this.getMany(link.partnershipId, [link.personId])).get(link.personId);
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

  /**
   * Creates a person (with the role change that gave their first roles, if any) and the link from
   * their sign-in identity, at most once per idempotency key (an identity already linked to
   * someone fails the whole write).
   */
  async create(
    p: Person,
    claim: IdempotencyClaim | null,
    granted?: RoleChange,
  ): Promise<CreateOutcome> {
    try {
      return await this.createItems(p, claim, granted);
    } catch (err) {
      // The identity link (last) was taken: the sign-in user is someone else's already.
      if (p.identity && failedInLast(err, 1))
        throw new ConflictError("This sign-in identity already belongs to someone", "STATE");
      throw err;
    }
  }

  private createItems(
    p: Person,
    claim: IdempotencyClaim | null,
    granted?: RoleChange,
  ): Promise<CreateOutcome> {
    return createOnce(this.doc, this.table, claim, p.id, [
      putNew(this.table, PersonEntity.item(p)),
      // The roles given with the invitation: the first of the person's role changes.
      ...(granted
        ? [
            RoleChanges.put(
              this.table,
              { partnershipId: p.partnershipId, parentId: p.id, seq: p.roleChangeCount },
              granted,
            ),
          ]
        : []),
      ...identityLinkPuts(this.table, p),
    ]);
  }

  /** Saves a person read at `expectedVersion`, with a role change if there is one. */
  async save(next: Person, expectedVersion: number, roleChange?: RoleChange): Promise<void> {
    await transactVersioned(
      this.doc,
      [
        versionedPut(this.table, PersonEntity.item(next), expectedVersion),
        ...(roleChange
          ? [
              RoleChanges.put(
                this.table,
                { partnershipId: next.partnershipId, parentId: next.id, seq: next.roleChangeCount },
                roleChange,
              ),
            ]
          : []),
      ],
      { name: "Person", id: next.id },
      expectedVersion,
    );
  }

  /** The `first` newest role changes of each person, newest first (one BatchGet for all). */
  async getRoleChanges(
    people: readonly Person[],
    first?: number,
    before?: number,
  ): Promise<Map<string, RoleChange[]>> {
    return RoleChanges.read(
      this.doc,
      this.table,
      people.map((p) => ({
        partnershipId: p.partnershipId,
        parentId: p.id,
        seqs: seqWindow(p.roleChangeCount, first, before),
      })),
    );
  }

  /** Creates people, a transaction of up to 100 at a time (seeding), with their identity links. */
  async createMany(people: readonly Person[]): Promise<void> {
    const items = people.flatMap((p) => [
      putNew(this.table, PersonEntity.item(p)),
      ...identityLinkPuts(this.table, p),
    ]);
    for (let i = 0; i < items.length; i += TRANSACTION_LIMIT)
      await transact(this.doc, items.slice(i, i + TRANSACTION_LIMIT));
  }
}
