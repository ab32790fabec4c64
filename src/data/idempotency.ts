import { createHash } from "node:crypto";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { ConflictError } from "../domain/errors";
import { cancellationReasons, type TransactItem } from "./common";
import { entityPk, META } from "./keys";
import { TTL_ATTRIBUTE } from "./tables";

/** How long a retry with the same key returns the first result. */
export const IDEMPOTENCY_WINDOW_DAYS = 30;

/** A create request's idempotency key, scoped to who sent it and which operation. */
export interface IdempotencyClaim {
  readonly partnershipId: string;
  /** The sender's scope: its agency, or `BOARD` for board staff. */
  readonly scope: string;
  readonly operation: string;
  readonly key: string;
  /** The request's input; a retry must send the same input. */
  readonly input: unknown;
}

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

const claimKey = (c: IdempotencyClaim) => ({
  pk: entityPk(c.partnershipId, "IDEMPOTENCY", `${c.scope}#${c.operation}#${c.key}`),
  sk: META,
});

export type CreateOutcome =
  | { readonly created: true; readonly id: string }
  | { readonly created: false; readonly id: string };

/**
 * Writes `items` (creating the record `resultId`) in one transaction with the idempotency claim.
 * If the key was used before with the same input, nothing is written and the first result's id
 * is returned; with different input the call fails with ConflictError.
 */
export async function createOnce(
  doc: DynamoDBDocumentClient,
  table: string,
  claim: IdempotencyClaim | null,
  resultId: string,
  items: TransactItem[],
  now: Date,
): Promise<CreateOutcome> {
  if (!claim) {
    await doc.send(new TransactWriteCommand({ TransactItems: items }));
    return { created: true, id: resultId };
  }
  const hash = requestHash(claim.input);
  const claimItem: TransactItem = {
    Put: {
      TableName: table,
      Item: {
        ...claimKey(claim),
        type: "IDEMPOTENCY",
        operation: claim.operation,
        requestHash: hash,
        resultId,
        createdAt: now.toISOString(),
        [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_WINDOW_DAYS * 86400,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: [claimItem, ...items] }));
    return { created: true, id: resultId };
  } catch (err) {
    if (cancellationReasons(err)?.[0] !== "ConditionalCheckFailed") throw err;
  }
  const first = await doc.send(
    new GetCommand({ TableName: table, Key: claimKey(claim), ConsistentRead: true }),
  );
  if (!first.Item) throw new ConflictError("Idempotency key is being processed; retry shortly");
  if (first.Item.requestHash !== hash)
    throw new ConflictError("This idempotency key was already used with different input");
  return { created: false, id: String(first.Item.resultId) };
}
