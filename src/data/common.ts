import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError } from "../domain/errors";
import type { Page } from "../domain/pagination";
import { decodeCursor, encodeCursor, type Key } from "./cursor";
import { agencyPk, type EntityType, entityPk, involvementSk } from "./keys";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export interface PageQuery {
  readonly table: string;
  readonly index?: string;
  readonly partitionAttribute: string;
  readonly partitionValue: string;
  readonly sortAttribute: string;
  /** Restrict the sort key: a prefix, or a range (`lt` exclusive, `gte` inclusive). */
  readonly sort?:
    | { readonly beginsWith: string }
    | { readonly lt: string }
    | { readonly gte: string }
    | { readonly between: readonly [string, string] };
  readonly first: number;
  readonly after?: string | null;
  readonly newestFirst?: boolean;
}

/**
 * One Query for one page. It asks for `first + 1` items so `hasNextPage` is exact, and builds the
 * cursor from the last returned item's key (table key plus index key).
 */
export async function queryPage(
  doc: DynamoDBDocumentClient,
  q: PageQuery,
): Promise<Page<Record<string, unknown>>> {
  const keyAttributes = q.index
    ? [q.partitionAttribute, q.sortAttribute, "pk", "sk"]
    : [q.partitionAttribute, q.sortAttribute];
  const start = decodeCursor(q.after, q.partitionAttribute, q.partitionValue, keyAttributes);
  const { condition, values } = sortCondition(q.sort);
  const res = await doc.send(
    new QueryCommand({
      TableName: q.table,
      IndexName: q.index,
      KeyConditionExpression: condition ? `#p = :p AND ${condition}` : "#p = :p",
      ExpressionAttributeNames: condition
        ? { "#p": q.partitionAttribute, "#s": q.sortAttribute }
        : { "#p": q.partitionAttribute },
      ExpressionAttributeValues: { ":p": q.partitionValue, ...values },
      ExclusiveStartKey: start,
      Limit: q.first + 1,
      ScanIndexForward: !q.newestFirst,
    }),
  );
  const items = (res.Items ?? []) as Record<string, unknown>[];
  const edges = items.slice(0, q.first).map((node) => ({
    node,
    cursor: encodeCursor(Object.fromEntries(keyAttributes.map((a) => [a, String(node[a])])) as Key),
  }));
  return {
    edges,
    hasNextPage: items.length > q.first,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

function sortCondition(sort: PageQuery["sort"]): {
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

/**
 * Applies `set` to the item at `key` only if its version is still `expectedVersion`, and bumps
 * the version. A stale version fails with ConflictError and changes nothing.
 */
export async function updateVersioned(
  doc: DynamoDBDocumentClient,
  table: string,
  key: Key,
  entity: { name: string; id: string },
  expectedVersion: number,
  set: Record<string, unknown>,
  now: string,
): Promise<Record<string, unknown>> {
  const fields = { ...set, updatedAt: now };
  const names: Record<string, string> = { "#version": "version" };
  const values: Record<string, unknown> = { ":expected": expectedVersion, ":one": 1 };
  const assignments = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  try {
    const res = await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: `SET ${assignments.join(", ")}, #version = #version + :one`,
        ConditionExpression: "attribute_exists(pk) AND #version = :expected",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return res.Attributes as Record<string, unknown>;
  } catch (err) {
    throw versionError(err, entity, expectedVersion) ?? err;
  }
}

/** The condition that guards a versioned update inside a transaction. */
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

/**
 * A transaction Put of an involvement item: it sits in the record's item collection under
 * `AGENCY#<a>` and puts the record (as `<idAttribute>`) on that agency's byAgency list.
 */
export function involvementPut(
  table: string,
  record: { partnershipId: string; type: EntityType; id: string; idAttribute: string },
  agencyId: string,
  agencySk: string,
): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        pk: entityPk(record.partnershipId, record.type, record.id),
        sk: involvementSk(agencyId),
        type: `${record.type}_AGENCY`,
        agencyPk: agencyPk(record.partnershipId, agencyId, record.type),
        agencySk,
        [record.idAttribute]: record.id,
        agencyId,
      },
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
export function versionError(
  err: unknown,
  entity: { name: string; id: string },
  expectedVersion: number,
): Error | undefined {
  if (!(err instanceof Error) || err.name !== "ConditionalCheckFailedException") return undefined;
  const item = (err as Error & { Item?: Record<string, unknown> }).Item;
  return staleOrMissing(item, entity, expectedVersion);
}

function staleOrMissing(
  item: Record<string, unknown> | undefined,
  entity: { name: string; id: string },
  expectedVersion: number,
): Error {
  if (!item) return new NotFoundError(entity.name, entity.id);
  const current = Number((item.version as { N?: string })?.N ?? item.version);
  return new ConflictError(
    `${entity.name} ${entity.id} has changed since version ${expectedVersion} (now version ${current}); reload and try again`,
    current,
  );
}

/** Which items of a cancelled transaction failed their condition, by index. */
export function cancellationReasons(err: unknown): (string | undefined)[] | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  return (err.CancellationReasons ?? []).map((r) => r.Code);
}

/** Old item of a cancelled transaction's `index`th action (raw attribute values). */
export function cancelledItem(err: unknown, index: number): Record<string, unknown> | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  return err.CancellationReasons?.[index]?.Item as Record<string, unknown> | undefined;
}

/**
 * A transaction whose action at `versionedIndex` carries a version condition: a failed condition
 * there becomes NotFound or Conflict; any other failure is rethrown.
 */
export async function transactVersioned(
  doc: DynamoDBDocumentClient,
  items: TransactItem[],
  versionedIndex: number,
  entity: { name: string; id: string },
  expectedVersion: number,
): Promise<void> {
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const reasons = cancellationReasons(err);
    if (reasons?.[versionedIndex] === "ConditionalCheckFailed")
      throw staleOrMissing(cancelledItem(err, versionedIndex), entity, expectedVersion);
    // Another guarded item changed, or a concurrent transaction touched the same items.
    if (reasons?.some((r) => r === "ConditionalCheckFailed" || r === "TransactionConflict"))
      throw new ConflictError(
        `${entity.name} ${entity.id} changed concurrently; reload and try again`,
      );
    throw err;
  }
}
