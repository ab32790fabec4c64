import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { TestProject } from "vitest/node";
import { createDocumentClient } from "../../src/data/client";
import { Store } from "../../src/data/store";
import { tableNamesFromEnv } from "../../src/data/tables";
import { startDynamoDbLocal } from "../../src/local/dynamodb-local";
import { catalogueEditor } from "../../src/local/seed-digests";
import { ensureTables } from "../../src/local/tables";
import { ensureDefaultThemes } from "../../src/services/digests/catalogue";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One DynamoDB Local for the whole run (in memory); tests isolate by partnership. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  // No aggregator reads the shared tables' stream (the dashboard's tests keep tables of their
  // own): without one, DynamoDB Local does not carry every test's writes twice.
  await ensureTables(client, tableNamesFromEnv({}), { stream: false });
  client.destroy();
  // The catalogue's default themes (shared by every partnership, as in a deployment).
  const store = new Store(
    createDocumentClient({ endpoint: dynamo.endpoint }),
    tableNamesFromEnv({}),
  );
  await ensureDefaultThemes(catalogueEditor(store));
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
