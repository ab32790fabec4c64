import type { Context, ScheduledEvent } from "aws-lambda";
import { clientOptionsFromEnv, createDocumentClient } from "../data/client";
import { Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { type OverdueRun, runOverdueJob } from "../services/overdue-job";
import { inRequestScope } from "../shared/request-scope";

// Created once per container.
const store = new Store(createDocumentClient(clientOptionsFromEnv()), tableNamesFromEnv());

/** EventBridge schedule -> the daily overdue check. */
export async function handler(_event: ScheduledEvent, context: Context): Promise<OverdueRun> {
  return inRequestScope(context.awsRequestId, () => runOverdueJob(store, new Date()));
}
