import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { clientOptionsFromEnv, createDocumentClient } from "../data/client";
import { Store } from "../data/store";
import { recordChangeOf } from "../data/stream";
import { tableNamesFromEnv } from "../data/tables";
import { applyRecordChanges } from "../services/dashboard";
import { errorFields, log } from "../shared/logger";
import { inRequestScope } from "../shared/request-scope";

// Created once per container.
const store = new Store(createDocumentClient(clientOptionsFromEnv()), tableNamesFromEnv());

/**
 * The records table's stream -> the board dashboard's aggregates (§37). Reports the first record
 * it could not apply, so that Lambda delivers it and the rest of the batch again
 * (ReportBatchItemFailures); records applied before it are not counted twice.
 */
export async function handler(
  event: DynamoDBStreamEvent,
  context: Context,
): Promise<DynamoDBBatchResponse> {
  return inRequestScope(context.awsRequestId, () => processStreamBatch(store, event));
}

export async function processStreamBatch(
  s: Store,
  event: Pick<DynamoDBStreamEvent, "Records">,
): Promise<DynamoDBBatchResponse> {
  const records = event.Records ?? [];
  const changes = records.map(recordChangeOf);
  const valid = changes.flatMap((c) => (c ? [c] : []));
  const result = await applyRecordChanges(s, valid);
  const counts: Record<string, number> = {};
  for (const o of result.outcomes) counts[o] = (counts[o] ?? 0) + 1;
  if (result.failedAt === null) {
    log("info", "aggregated", { records: records.length, ...counts });
    return { batchItemFailures: [] };
  }
  const failed = valid[result.failedAt];
  log("error", "aggregation failed", {
    records: records.length,
    ...counts,
    sequenceNumber: failed?.sequence,
    ...errorFields(result.error),
  });
  return { batchItemFailures: [{ itemIdentifier: failed?.sequence ?? "" }] };
}
