import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { RECORDS_STREAM, type TableNames, TTL_ATTRIBUTE, tableDefinitions } from "../data/tables";

/** Creates the tables that do not exist yet (DynamoDB Local or any other endpoint). */
export async function ensureTables(
  client: DynamoDBClient,
  names: TableNames,
  /** `stream: false`: no stream on the records table (tables no aggregator reads). */
  options: { readonly stream?: boolean } = {},
): Promise<void> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const res = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const n of res.TableNames ?? []) existing.add(n);
    start = res.LastEvaluatedTableName;
  } while (start);
  for (const def of tableDefinitions(names, options)) {
    const name = def.TableName as string;
    if (existing.has(name)) {
      // A records table made before the dashboard's aggregator (a kept DATA_DIR) gets its stream.
      if (name === names.records && options.stream !== false) {
        const t = await client.send(new DescribeTableCommand({ TableName: name }));
        if (!t.Table?.StreamSpecification?.StreamEnabled)
          await client.send(
            new UpdateTableCommand({ TableName: name, StreamSpecification: RECORDS_STREAM }),
          );
      }
      continue;
    }
    await client.send(new CreateTableCommand(def));
    await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: name });
    if (name === names.records)
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        }),
      );
  }
}
