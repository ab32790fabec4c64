import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UnavailableError } from "../shared/faults";
import type { Entity, TableKey } from "./entity";

const MAX_KEYS_PER_CALL = 100;
const MAX_ATTEMPTS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * BatchGetItem for any number of keys of one table: chunked to 100 keys a call, with
 * UnprocessedKeys retried (exponential backoff with jitter) until none remain.
 */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: readonly TableKey[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += MAX_KEYS_PER_CALL) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + MAX_KEYS_PER_CALL).map((k) => ({
      pk: k.pk,
      sk: k.sk,
    }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS)
        throw new UnavailableError(
          `BatchGetItem left ${pending.length} keys unprocessed on ${table} (throttled)`,
        );
      if (attempt > 0) await sleep(Math.random() * 25 * 2 ** attempt);
      const res = await doc.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
      );
      out.push(...((res.Responses?.[table] ?? []) as Record<string, unknown>[]));
      pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

/**
 * Records of one entity by key, in any number (see batchGet), as a map by `idOf` (missing records
 * are simply absent), each checked against the entity's declaration.
 */
export async function getMany<T, K extends keyof T>(
  doc: DynamoDBDocumentClient,
  table: string,
  entity: Entity<T, K>,
  keys: readonly Pick<T, K>[],
  idOf: (record: T) => string,
): Promise<Map<string, T>> {
  const items = await batchGet(
    doc,
    table,
    keys.map((k) => entity.key(k)),
  );
  return new Map(
    items.map((i) => {
      const record = entity.fromItem(i);
      return [idOf(record), record];
    }),
  );
}
