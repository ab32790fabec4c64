import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError } from "../domain/errors";
import { IDEMPOTENCY_WINDOW_DAYS, type IdempotencyClaim } from "../domain/idempotency";
import { UnavailableError } from "../shared/faults";
import {
  cancellationReasons,
  guardedError,
  putNew,
  type TransactItem,
  transact,
  type VersionGuard,
} from "./common";
import { defineEntity } from "./entity";
import { entityPk, META } from "./keys";
import { TTL_ATTRIBUTE } from "./tables";

/** JSON with sorted object keys, so equal inputs hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

export const requestHash = (input: unknown) =>
  createHash("sha256").update(canonical(input)).digest("hex");

/** What a claim stores: which request made it and the record it created. */
interface StoredClaim {
  readonly partnershipId: string;
  readonly claimId: string;
  readonly operation: string;
  readonly requestHash: string;
  readonly resultId: string;
  readonly createdAt: string;
}

const ClaimEntity = defineEntity<StoredClaim>()({
  type: "IDEMPOTENCY",
  attributes: {
    partnershipId: "string",
    claimId: "string",
    operation: "string",
    requestHash: "string",
    resultId: "string",
    createdAt: "string",
  },
  keyFields: ["partnershipId", "claimId"],
  key: (k) => ({ pk: entityPk(k.partnershipId, "IDEMPOTENCY", k.claimId), sk: META }),
});

const claimId = (c: IdempotencyClaim) => `${c.scope}#${c.operation}#${c.key}`;

const inProgress = (cause?: unknown) =>
  new UnavailableError("A request with this idempotency key is in progress; retry shortly", {
    cause,
  });

/** Whether a create wrote the record, or a retry found the record of the first request. */
export type CreateOutcome =
  | { readonly created: true; readonly id: string }
  | { readonly created: false; readonly id: string };

/**
 * Writes `items` (creating the record `resultId`) in one transaction with the idempotency claim.
 * If the key was used before with the same input, nothing is written and the first result's id
 * is returned; with different input the call fails with ConflictError. With `guard`, the first
 * of `items` is a versioned write: its failed condition is NotFound or Conflict.
 */
export async function createOnce(
  doc: DynamoDBDocumentClient,
  table: string,
  claim: IdempotencyClaim | null,
  resultId: string,
  items: TransactItem[],
  guard?: VersionGuard,
): Promise<CreateOutcome> {
  if (!claim) {
    try {
      await transact(doc, items);
    } catch (err) {
      throw guard ? guardedError(err, 0, guard) : err;
    }
    return { created: true, id: resultId };
  }
  const hash = requestHash(claim.input);
  const stored: StoredClaim = {
    partnershipId: claim.partnershipId,
    claimId: claimId(claim),
    operation: claim.operation,
    requestHash: hash,
    resultId,
    createdAt: claim.at.toISOString(),
  };
  const claimItem = putNew(table, {
    ...ClaimEntity.item(stored),
    [TTL_ATTRIBUTE]: Math.floor(claim.at.getTime() / 1000) + IDEMPOTENCY_WINDOW_DAYS * 86400,
  });
  try {
    await transact(doc, [claimItem, ...items]);
    return { created: true, id: resultId };
  } catch (err) {
    const reasons = cancellationReasons(err);
    // The same key in a request still being written: the client retries, as after a fault.
    if (reasons?.[0] === "TransactionConflict") throw inProgress(err);
    if (reasons?.[0] !== "ConditionalCheckFailed") throw guard ? guardedError(err, 1, guard) : err;
  }
  const first = await doc.send(
    new GetCommand({ TableName: table, Key: { ...ClaimEntity.key(stored) }, ConsistentRead: true }),
  );
  if (!first.Item) throw inProgress();
  const found = ClaimEntity.fromItem(first.Item);
  if (found.requestHash !== hash)
    throw new ConflictError(
      "This idempotency key was already used with different input",
      "IDEMPOTENCY_KEY_REUSED",
    );
  return { created: false, id: found.resultId };
}

/**
 * The record an earlier request with this key created, when there was one with the same input
 * (null when the key is new; CONFLICT when it was used with different input). For operations
 * whose retry would be refused by the state the first request left (a submission already made).
 */
export async function priorResult(
  doc: DynamoDBDocumentClient,
  table: string,
  claim: IdempotencyClaim,
): Promise<string | null> {
  const key = ClaimEntity.key({ partnershipId: claim.partnershipId, claimId: claimId(claim) });
  const found = await doc.send(
    new GetCommand({ TableName: table, Key: { ...key }, ConsistentRead: true }),
  );
  if (!found.Item) return null;
  const stored = ClaimEntity.fromItem(found.Item);
  if (stored.requestHash !== requestHash(claim.input))
    throw new ConflictError(
      "This idempotency key was already used with different input",
      "IDEMPOTENCY_KEY_REUSED",
    );
  return stored.resultId;
}
