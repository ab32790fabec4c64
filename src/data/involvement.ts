import { put, remove, type TransactItem } from "./common";
import { defineEntity } from "./entity";
import { agencyPk, type EntityType, entityPk, involvementSk } from "./keys";

/**
 * An involvement item: a record's link to one agency. It sits in the record's item collection
 * (`sk = AGENCY#<a>`) and puts the record on that agency's `byAgency` list, so an agency's lists
 * are one Query whatever the size of the partnership.
 */
export interface Involvement {
  readonly partnershipId: string;
  readonly recordType: EntityType;
  readonly recordId: string;
  readonly agencyId: string;
  /** Sort key on the agency's list. */
  readonly order: string;
}

export const InvolvementEntity = defineEntity<Involvement>()({
  type: "INVOLVEMENT",
  attributes: {
    partnershipId: "string",
    recordType: "string",
    recordId: "string",
    agencyId: "string",
    order: "string",
  },
  keyFields: ["partnershipId", "recordType", "recordId", "agencyId"],
  key: (k) => ({
    pk: entityPk(k.partnershipId, k.recordType, k.recordId),
    sk: involvementSk(k.agencyId),
  }),
  indexes: {
    byAgency: (i) => ({ pk: agencyPk(i.partnershipId, i.agencyId, i.recordType), sk: i.order }),
  },
});

/** What links one record to agencies. */
export interface Involved {
  readonly partnershipId: string;
  readonly recordType: EntityType;
  readonly recordId: string;
  readonly order: string;
}

/** Puts for the record's involvement items, one per agency. */
export function involvementPuts(
  table: string,
  record: Involved,
  agencyIds: readonly string[],
): TransactItem[] {
  return agencyIds.map((agencyId) => put(table, InvolvementEntity.item({ ...record, agencyId })));
}

/**
 * The transaction items that move a record's involvement from `before` to `after`: a put for
 * every agency now involved when its list position changed (`rewrite`) or it is new, a delete for
 * every agency no longer involved.
 */
export function involvementChanges(
  table: string,
  record: Involved,
  before: readonly string[],
  after: readonly string[],
  rewrite: boolean,
): TransactItem[] {
  const added = after.filter((a) => rewrite || !before.includes(a));
  const removed = before.filter((a) => !after.includes(a));
  return [
    ...involvementPuts(table, record, added),
    ...removed.map((agencyId) => remove(table, InvolvementEntity.key({ ...record, agencyId }))),
  ];
}
