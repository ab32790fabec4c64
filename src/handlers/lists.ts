import type { Context, ScheduledEvent } from "aws-lambda";
import { clientOptionsFromEnv, createDocumentClient } from "../data/client";
import { Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { repairPendingLists } from "../services/notification-lists";
import { inRequestScope } from "../shared/request-scope";

// Created once per container.
const store = new Store(createDocumentClient(clientOptionsFromEnv()), tableNamesFromEnv());

/** EventBridge schedule -> notifications' agency lists that have not followed their cases yet. */
export async function handler(
  _event: ScheduledEvent,
  context: Context,
): Promise<{ cases: number }> {
  return inRequestScope(context.awsRequestId, () => repairPendingLists(store));
}
