import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { currentScope } from "../shared/request-scope";

export interface ClientOptions {
  readonly endpoint?: string;
  readonly region?: string;
}

/** A document client whose requests are counted in the current request scope. Create one per container. */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const local = Boolean(options.endpoint);
  const client = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? "eu-west-2",
    ...(local
      ? {
          endpoint: options.endpoint,
          // DynamoDB Local accepts any credentials; real ones come from the Lambda role.
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {}),
    maxAttempts: 4,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const scope = currentScope();
      if (scope) scope.dynamoRequests += 1;
      return next(args);
    },
    { step: "initialize", name: "requestMeter" },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
