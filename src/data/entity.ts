import { UnreachableCaseError } from "../domain/errors";
import { type IndexName, indexAttributes } from "./tables";

/**
 * Entities, declared once (after ElectroDB's model, without its runtime): a record's attributes,
 * its table key and the index keys it has on each index it appears on. Everything storage needs
 * is derived from the declaration: the item written, the key of a record, and the checked
 * conversion of a stored item back into a record. Repositories use entities; nothing above the
 * data layer sees a key.
 */

/** A table key. */
export interface TableKey {
  readonly pk: string;
  readonly sk: string;
}

type Kind = "string" | "number" | "boolean" | "list" | "map";
/** What an attribute must hold when read back; a trailing `?` allows null. */
export type AttributeKind = Kind | `${Kind}?`;

export interface EntityModel<T, K extends keyof T> {
  /** The item's `type` attribute, which tells entities apart in one item collection. */
  readonly type: string;
  /**
   * Every attribute of the record with its kind. Typed against the record, so a field added to
   * the domain type and not declared here fails to compile.
   */
  readonly attributes: { readonly [P in keyof T]-?: AttributeKind };
  /** The record's attributes its table key is composed of. */
  readonly keyFields: readonly K[];
  readonly key: (k: Pick<T, K>) => TableKey;
  /** The indexes the record appears on, with its keys there; null leaves it off (sparse). */
  readonly indexes?: { readonly [I in IndexName]?: (r: T) => TableKey | null };
}

/** A stored item that does not hold what its entity declares: a fault, never the caller's. */
export class StoredItemError extends Error {
  constructor(type: string, attribute: string, problem: string) {
    super(`Stored ${type} item: ${attribute} ${problem}`);
    this.name = "StoredItemError";
  }
}

function matches(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "list":
      return Array.isArray(value);
    case "map":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      throw new UnreachableCaseError(kind);
  }
}

export class Entity<T, K extends keyof T> {
  private readonly attributeNames: readonly string[];
  /** Each attribute's name, kind and whether it may be null, worked out once. */
  private readonly checks: readonly { name: string; kind: Kind; nullable: boolean }[];

  constructor(readonly model: EntityModel<T, K>) {
    this.attributeNames = Object.keys(model.attributes);
    this.checks = Object.entries<AttributeKind>(model.attributes).map(([name, kind]) => ({
      name,
      kind: kind.replace("?", "") as Kind,
      nullable: kind.endsWith("?"),
    }));
  }

  get type(): string {
    return this.model.type;
  }

  /** The table key of the record with these key attributes. */
  key(k: Pick<T, K>): TableKey {
    return this.model.key(k);
  }

  /** The item to store: the table key, the type, the declared attributes and the index keys. */
  item(record: T): Record<string, unknown> {
    const source = record as Record<string, unknown>;
    const item: Record<string, unknown> = { ...this.model.key(record), type: this.model.type };
    for (const name of this.attributeNames) {
      const value = source[name] ?? null;
      if (value === null && !this.model.attributes[name as keyof T].endsWith("?"))
        throw new StoredItemError(this.model.type, name, "would be stored empty");
      item[name] = value;
    }
    for (const [index, keyOf] of Object.entries(this.model.indexes ?? {})) {
      const key = (keyOf as (r: T) => TableKey | null)(record);
      if (!key) continue;
      const attrs = indexAttributes(index as IndexName);
      item[attrs.pk] = key.pk;
      item[attrs.sk] = key.sk;
    }
    return item;
  }

  /** The record a stored item holds, checked against the declaration (storage attributes dropped). */
  fromItem(item: Record<string, unknown>): T {
    if (item.type !== this.model.type)
      throw new StoredItemError(this.model.type, "type", `is ${String(item.type)}`);
    const out: Record<string, unknown> = {};
    for (const { name, kind, nullable } of this.checks) {
      const value = item[name];
      if (value === null || value === undefined) {
        if (!nullable) throw new StoredItemError(this.model.type, name, "is missing");
        out[name] = null;
      } else if (!matches(kind, value)) {
        throw new StoredItemError(this.model.type, name, `is not a ${kind}${nullable ? "?" : ""}`);
      } else out[name] = value;
    }
    return out as T;
  }
}

/**
 * Declares an entity of record type `T`: `defineEntity<Case>()({ ... })`. (Curried so that `T` is
 * given and the key attributes are inferred.)
 */
export function defineEntity<T>() {
  return <K extends keyof T>(model: EntityModel<T, K>) => new Entity<T, K>(model);
}
