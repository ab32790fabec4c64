import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { DateRange } from "../domain/dates";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors";
import type { Page } from "../domain/pagination";
import { decodeCursor, encodeCursor, type Key } from "./cursor";
import type { TableKey } from "./entity";
import { type IndexName, indexAttributes } from "./tables";

/** One action of a TransactWriteItems call (never leaves the data layer). */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** A condition on a sort key: a prefix, or a range (`lt` exclusive, `gte` inclusive). */
export type SortRange =
  | { readonly beginsWith: string }
  | { readonly lt: string }
  | { readonly gte: string }
  | { readonly between: readonly [string, string] };

/**
 * The sort-key condition for an inclusive date range on `<date>#<id>` sort keys (see `dated`):
 * '~' sorts after every character of an id, so `<to>#~` is past every key of that day.
 */
export function dateRangeKeys(range: DateRange | undefined, prefix = ""): SortRange | undefined {
  const from = range?.from ? `${prefix}${range.from}` : null;
  const to = range?.to ? `${prefix}${range.to}#~` : null;
  if (from && to) return { between: [from, to] };
  if (from) return { gte: from };
  if (to) return { lt: to };
  return prefix ? { beginsWith: prefix } : undefined;
}

export interface PageQuery {
  readonly table: string;
  /** The index to read; none reads the table's own key. */
  readonly index?: IndexName;
  /** The partition (hash key value) to read. */
  readonly partition: string;
  readonly range?: SortRange;
  readonly first: number;
  readonly after?: string | null;
  readonly newestFirst?: boolean;
  /** A strongly consistent read (the table's own key only, never an index). */
  readonly consistent?: boolean;
}

function queryInput(q: Omit<PageQuery, "first" | "after">) {
  const attrs = indexAttributes(q.index);
  const { condition, values } = sortCondition(q.range);
  const names: Record<string, string> = { "#p": attrs.pk };
  if (condition) names["#s"] = attrs.sk;
  return {
    TableName: q.table,
    IndexName: q.index,
    KeyConditionExpression: condition ? `#p = :p AND ${condition}` : "#p = :p",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ":p": q.partition, ...values },
    ScanIndexForward: !q.newestFirst,
    ...(q.consistent && !q.index ? { ConsistentRead: true } : {}),
  };
}

/**
 * One Query for one page. It asks for `first + 1` items so `hasNextPage` is exact, and builds the
 * cursor from the last returned item's key (index key plus table key).
 */
export async function queryPage(
  doc: DynamoDBDocumentClient,
  q: PageQuery,
): Promise<Page<Record<string, unknown>>> {
  const attrs = indexAttributes(q.index);
  const keyAttributes = [...new Set([attrs.pk, attrs.sk, "pk", "sk"])];
  const start = decodeCursor(q.after, attrs.pk, q.partition, keyAttributes);
  // A cursor of the same partition but another range (another filter) would make DynamoDB
  // refuse the query: it is not a cursor of this list.
  if (start && !inRange(String(start[attrs.sk]), q.range))
    throw new ValidationError("after", "Not a cursor of this list");
  const res = await doc.send(
    new QueryCommand({ ...queryInput(q), ExclusiveStartKey: start, Limit: q.first + 1 }),
  );
  const items = (res.Items ?? []) as Record<string, unknown>[];
  const edges = items.slice(0, q.first).map((node) => ({
    node,
    cursor: encodeCursor(Object.fromEntries(keyAttributes.map((a) => [a, String(node[a])])) as Key),
  }));
  return {
    edges,
    hasNextPage: items.length > q.first,
    hasPreviousPage: Boolean(q.after),
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/** Every item of a key condition, page after page (scheduled jobs only, never a request). */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  q: Omit<PageQuery, "first" | "after">,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await doc.send(new QueryCommand({ ...queryInput(q), ExclusiveStartKey: start }));
    out.push(...((res.Items ?? []) as Record<string, unknown>[]));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * One Query call for at most `limit` items of a key condition (fewer when they pass 1 MB): a
 * request path's bounded read of a range it knows the size of.
 */
export async function queryUpTo(
  doc: DynamoDBDocumentClient,
  q: Omit<PageQuery, "first" | "after">,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const res = await doc.send(new QueryCommand({ ...queryInput(q), Limit: limit }));
  return (res.Items ?? []) as Record<string, unknown>[];
}

/** Whether a sort-key value satisfies a range condition. */
function inRange(value: string, range: SortRange | undefined): boolean {
  if (!range) return true;
  if ("beginsWith" in range) return value.startsWith(range.beginsWith);
  if ("lt" in range) return value < range.lt;
  if ("gte" in range) return value >= range.gte;
  return value >= range.between[0] && value <= range.between[1];
}

function sortCondition(sort: SortRange | undefined): {
  condition?: string;
  values?: Record<string, string>;
} {
  if (!sort) return {};
  if ("beginsWith" in sort)
    return { condition: "begins_with(#s, :s1)", values: { ":s1": sort.beginsWith } };
  if ("lt" in sort) return { condition: "#s < :s1", values: { ":s1": sort.lt } };
  if ("gte" in sort) return { condition: "#s >= :s1", values: { ":s1": sort.gte } };
  return {
    condition: "#s BETWEEN :s1 AND :s2",
    values: { ":s1": sort.between[0], ":s2": sort.between[1] },
  };
}

/** The condition that guards a versioned write. */
export function versionCondition(expectedVersion: number) {
  return {
    ConditionExpression: "attribute_exists(pk) AND #version = :expected",
    ExpressionAttributeNames: { "#version": "version" },
    ExpressionAttributeValues: { ":expected": expectedVersion },
    ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
  };
}

/** A transaction Put that creates an item, failing if its key is already taken. */
export function putNew(table: string, item: Record<string, unknown>): TransactItem {
  return { Put: { TableName: table, Item: item, ConditionExpression: "attribute_not_exists(pk)" } };
}

/** A transaction Put that writes an item whatever is there (derived or replaceable items). */
export function put(table: string, item: Record<string, unknown>): TransactItem {
  return { Put: { TableName: table, Item: item } };
}

/** A transaction Delete of one item. */
export function remove(table: string, key: TableKey): TransactItem {
  return { Delete: { TableName: table, Key: { ...key } } };
}

/** A transaction check that a record is still at the version it was read at. */
export function versionCheck(table: string, key: TableKey, version: number): TransactItem {
  return {
    ConditionCheck: {
      TableName: table,
      Key: { ...key },
      ConditionExpression: "#version = :version",
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: { ":version": version },
    },
  };
}

/**
 * A record a write was computed from (not the one it changes) changed before the write landed:
 * nothing was written, and the caller reads again and retries. Never reaches a client: services
 * retry, and give up with a retryable error.
 */
export class RelatedRecordChanged extends ConflictError {
  constructor(what: string) {
    super(`${what} changed concurrently`, "STALE_VERSION");
    this.name = "RelatedRecordChanged";
  }
}

/** Whether a cancelled transaction failed on one of its last `count` items. */
export function failedInLast(err: unknown, count: number): boolean {
  const reasons = cancellationReasons(err);
  if (!reasons || count === 0) return false;
  return reasons
    .slice(reasons.length - count)
    .some((r) => r === "ConditionalCheckFailed" || r === "TransactionConflict");
}

/** A transaction check that an item exists. */
export function mustExist(table: string, key: TableKey): TransactItem {
  return {
    ConditionCheck: {
      TableName: table,
      Key: { ...key },
      ConditionExpression: "attribute_exists(pk)",
    },
  };
}

/** A transaction Put that replaces a whole record only if its version is still `expectedVersion`. */
export function versionedPut(
  table: string,
  item: Record<string, unknown>,
  expectedVersion: number,
): TransactItem {
  return { Put: { TableName: table, Item: item, ...versionCondition(expectedVersion) } };
}

/** Turns a failed version condition into NotFound (no item) or Conflict (stale version). */
function staleOrMissing(
  item: Record<string, unknown> | undefined,
  entity: { name: string; id: string },
  expectedVersion: number,
): Error {
  if (!item) return new NotFoundError(entity.name, entity.id);
  const current = Number((item.version as { N?: string })?.N ?? item.version);
  return new ConflictError(
    `${entity.name} ${entity.id} has changed since version ${expectedVersion} (now version ${current}); reload and try again`,
    "STALE_VERSION",
    current,
  );
}

/** Which items of a cancelled transaction failed their condition, by index. */
export function cancellationReasons(err: unknown): (string | undefined)[] | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  return (err.CancellationReasons ?? []).map((r) => r.Code);
}

function cancelledItem(err: unknown, index: number): Record<string, unknown> | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  return err.CancellationReasons?.[index]?.Item as Record<string, unknown> | undefined;
}

/** Writes items in one transaction. */
export async function transact(doc: DynamoDBDocumentClient, items: TransactItem[]): Promise<void> {
  await doc.send(new TransactWriteCommand({ TransactItems: items }));
}

/** A record whose version guards a transaction, at one index of its items. */
export interface VersionGuard {
  readonly name: string;
  readonly id: string;
  readonly expectedVersion: number;
}

/**
 * What a cancelled transaction means for the caller: the guarded item's failed condition is
 * NotFound or Conflict; any other failed condition or a concurrent transaction is a Conflict;
 * anything else is returned unchanged.
 */
export function guardedError(err: unknown, index: number, guard: VersionGuard): unknown {
  const reasons = cancellationReasons(err);
  if (reasons?.[index] === "ConditionalCheckFailed")
    return staleOrMissing(cancelledItem(err, index), guard, guard.expectedVersion);
  // Another guarded item changed, or a concurrent transaction touched the same items.
  if (reasons?.some((r) => r === "ConditionalCheckFailed" || r === "TransactionConflict"))
    return new ConflictError(
      `${guard.name} ${guard.id} changed concurrently; reload and try again`,
      "STALE_VERSION",
    );
  return err;
}

/**
 * A transaction whose first action carries a version condition: a failed condition there becomes
 * NotFound or Conflict; any other failed condition or a concurrent transaction is a Conflict.
 */
export async function transactVersioned(
  doc: DynamoDBDocumentClient,
  items: TransactItem[],
  entity: { name: string; id: string },
  expectedVersion: number,
  /** Version checks of records the write was computed from, last among the items. */
  related?: { readonly count: number; readonly what: string },
): Promise<void> {
  try {
    await transact(doc, items);
  } catch (err) {
    const ownFailed = cancellationReasons(err)?.[0] === "ConditionalCheckFailed";
    if (!ownFailed && related && failedInLast(err, related.count))
      throw new RelatedRecordChanged(related.what);
    throw guardedError(err, 0, { ...entity, expectedVersion });
  }
}
