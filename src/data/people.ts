import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Person } from "../domain/entities";
import { ConflictError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import { mapPage, type Page } from "../domain/pagination";
import type { RoleChange } from "../domain/people";
import type { Role } from "../domain/roles";
import { getMany } from "./batch";
import { defineChildren, seqSk, seqWindow } from "./children";
import {
  failedInLast,
  putNew,
  queryPage,
  type TransactItem,
  transact,
  transactVersioned,
  versionCheck,
  versionedPut,
} from "./common";
import { defineEntity } from "./entity";
import { type CreateOutcome, createOnce } from "./idempotency";
import { agencyPk, entityPk, identityPk, kindPk, listPk, META, statusPk } from "./keys";

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
    // Sparse: the enabled holders of each keeper role, so a change can find another holder.
    byStatus: (p) => keeperKey(p, "BUSINESS_UNIT"),
    byKind: (p) => keeperKey(p, "INDEPENDENT_CHAIR"),
  },
});

/** The index each keeper role's enabled holders are found on. */
const KEEPER_INDEX = { BUSINESS_UNIT: "byStatus", INDEPENDENT_CHAIR: "byKind" } as const;
type KeeperRole = keyof typeof KEEPER_INDEX;

function keeperPk(partnershipId: string, role: KeeperRole) {
  return KEEPER_INDEX[role] === "byStatus"
    ? statusPk(partnershipId, "PERSON", role)
    : kindPk(partnershipId, "PERSON", role);
}

function keeperKey(p: Person, role: KeeperRole) {
  return p.enabled && p.roles.includes(role)
    ? { pk: keeperPk(p.partnershipId, role), sk: byName(p) }
    : null;
}

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

/**
 * The items of a new person: the record, the role change that gave their first roles (if any),
 * and the link from their sign-in identity (last, so a taken identity is told apart).
 */
export function personPuts(table: string, p: Person, granted?: RoleChange): TransactItem[] {
  return [
    putNew(table, PersonEntity.item(p)),
    ...(granted
      ? [
          RoleChanges.put(
            table,
            { partnershipId: p.partnershipId, parentId: p.id, seq: p.roleChangeCount },
            granted,
          ),
        ]
      : []),
    ...identityLinkPuts(table, p),
  ];
}

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
    return createOnce(this.doc, this.table, claim, p.id, personPuts(this.table, p, granted));
  }

  /**
   * Saves a person read at `expectedVersion`, with a role change if there is one. `keepers`: the
   * other holders a change of a keeper role counts on, each checked to be still as read (else
   * RelatedRecordChanged, and nothing is written).
   */
  async save(
    next: Person,
    expectedVersion: number,
    roleChange?: RoleChange,
    keepers: readonly Person[] = [],
  ): Promise<void> {
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
        ...keepers.map((k) => versionCheck(this.table, PersonEntity.key(k), k.version)),
      ],
      { name: "Person", id: next.id },
      expectedVersion,
      keepers.length ? { count: keepers.length, what: "Another holder of the role" } : undefined,
    );
  }

  /**
   * An enabled holder of a keeper role other than `exceptId`, from the sparse index (eventually
   * consistent: a holder just added may be missed, one just removed is caught by the version
   * check of the write that counts on them).
   */
  async otherKeeper(
    partnershipId: string,
    role: Role,
    exceptId: string,
  ): Promise<Person | undefined> {
    if (!(role in KEEPER_INDEX)) throw new Error(`${role} is not a keeper role`);
    const page = await queryPage(this.doc, {
      table: this.table,
      index: KEEPER_INDEX[role as KeeperRole],
      partition: keeperPk(partnershipId, role as KeeperRole),
      first: 2,
    });
    return page.edges
      .map((e) => PersonEntity.fromItem(e.node))
      .find((p) => p.id !== exceptId && p.enabled && p.roles.includes(role));
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
