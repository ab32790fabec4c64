import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { batchGet } from "./batch";
import { putNew, type TransactItem } from "./common";
import { type AttributeKind, defineEntity, type Entity, type TableKey } from "./entity";

/**
 * What accumulates under a record (dissents, agency views, evidence, consequences, revisits,
 * progress updates, and every such list later): each its own item in the parent's collection,
 * numbered 1, 2, ... in the order added, the parent holding only their count. No item grows
 * with them, so every documented limit is reachable and no record can become unwritable. Reads
 * are BatchGets of keys derived from the counts, batched across parents, so a list of parents
 * with their children costs requests bounded by the query, never a Query per parent.
 */

/** Where a child sits: its parent, and its number among the parent's children (from 1). */
export interface ChildKey {
  readonly partnershipId: string;
  readonly parentId: string;
  readonly seq: number;
}

export type Stored<T> = T & ChildKey;

/** `<prefix>#00042`: numbers sort as text. */
export const seqSk = (prefix: string, seq: number) => `${prefix}#${String(seq).padStart(5, "0")}`;

/** The children to read of one parent: `seqs` (1-based numbers). */
export interface ChildRead {
  readonly partnershipId: string;
  readonly parentId: string;
  readonly seqs: readonly number[];
}

/** Numbers 1..count, or the `first` newest of them (newest first) below `before`. */
export function seqWindow(count: number, first?: number, before?: number): number[] {
  if (first === undefined) return Array.from({ length: count }, (_, i) => i + 1);
  const top = Math.min(count, (before ?? count + 1) - 1);
  return Array.from({ length: Math.max(0, Math.min(first, top)) }, (_, i) => top - i);
}

export class Children<T extends object> {
  constructor(readonly entity: Entity<Stored<T>, keyof ChildKey>) {}

  /** The transaction item adding child number `seq` of a parent. */
  put(table: string, key: ChildKey, child: T): TransactItem {
    return putNew(table, this.entity.item({ ...child, ...key }));
  }

  key(key: ChildKey): TableKey {
    return this.entity.key(key as Pick<Stored<T>, keyof ChildKey>);
  }

  /** The children asked for, by parent id, in the order of the numbers asked for. */
  async read(
    doc: DynamoDBDocumentClient,
    table: string,
    reads: readonly ChildRead[],
  ): Promise<Map<string, Stored<T>[]>> {
    const keys = reads.flatMap((r) =>
      r.seqs.map((seq) => this.key({ partnershipId: r.partnershipId, parentId: r.parentId, seq })),
    );
    const found = new Map<string, Stored<T>>();
    for (const item of await batchGet(doc, table, keys)) {
      const child = this.entity.fromItem(item);
      found.set(`${child.parentId}#${child.seq}`, child);
    }
    return new Map(
      reads.map((r) => [
        r.parentId,
        r.seqs.flatMap((seq) => found.get(`${r.parentId}#${seq}`) ?? []),
      ]),
    );
  }
}

/**
 * Declares the children of one kind: their type, their own attributes (checked on read as every
 * entity's are) and where their items sit in the parent's collection.
 */
export function defineChildren<T extends object>(spec: {
  readonly type: string;
  readonly attributes: { readonly [P in keyof T]-?: AttributeKind };
  readonly key: (key: ChildKey) => TableKey;
}): Children<T> {
  const attributes = {
    ...spec.attributes,
    partnershipId: "string",
    parentId: "string",
    seq: "number",
  } as { readonly [P in keyof Stored<T>]-?: AttributeKind };
  return new Children<T>(
    defineEntity<Stored<T>>()({
      type: spec.type,
      attributes,
      keyFields: ["partnershipId", "parentId", "seq"],
      key: spec.key,
    }),
  );
}
