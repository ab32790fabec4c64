import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UnavailableError } from "../shared/faults";
import { currentScope } from "../shared/request-scope";

export interface ClientOptions {
  readonly endpoint?: string;
  readonly region?: string;
  /** Milliseconds to open a connection (default 1000). */
  readonly connectionTimeoutMs?: number;
  /** Milliseconds a request may wait for its answer (default 2500). */
  readonly requestTimeoutMs?: number;
  /** Attempts per call, the first included (default 3). */
  readonly maxAttempts?: number;
}

/**
 * The retry budget: 3 attempts of at most 1 s to connect and 2.5 s to answer, with the SDK's
 * backoff between them, stay well inside the function's timeout (serverless.yml), so a slow
 * or stopped database ends as a retryable error with a request id, not as a gateway timeout.
 */
export const CLIENT_DEFAULTS = {
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2500,
  maxAttempts: 3,
};

/** Errors of DynamoDB itself or of the network to it: service faults, not the caller's. */
const THROTTLED = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "LimitExceededException",
  "TransactionInProgressException",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH"]);

/** Whether an SDK error means DynamoDB was unavailable (so the request may be retried). */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & {
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
    code?: string;
    CancellationReasons?: { Code?: string }[];
  };
  if (THROTTLED.has(e.name) || NETWORK.has(e.code ?? "")) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (e.name === "TransactionCanceledException")
    return (e.CancellationReasons ?? []).some((r) => r.Code === "ThrottlingError");
  return Boolean(e.$retryable) && e.name !== "TransactionConflictException";
}

/** A document client whose requests are counted in the current request scope. Create one per container. */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const o = { ...CLIENT_DEFAULTS, ...definedOnly(options) };
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
    maxAttempts: o.maxAttempts,
    requestHandler: {
      connectionTimeout: o.connectionTimeoutMs,
      requestTimeout: o.requestTimeoutMs,
      // Without it the handler only warns when the timeout passes, and the request waits on.
      throwOnRequestTimeout: true,
    },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const scope = currentScope();
      if (scope) scope.dynamoRequests += 1;
      // A request whose time is up starts no more database calls: it ends retryable, with its
      // request id, before the function's timeout would cut it off without one.
      if (scope?.deadline !== undefined && Date.now() > scope.deadline)
        throw new UnavailableError("The request ran out of time");
      try {
        return await next(args);
      } catch (err) {
        // After the SDK's own retries: a fault of the database is never the caller's mistake.
        if (isUnavailable(err))
          throw new UnavailableError(`DynamoDB unavailable: ${(err as Error).name}`, {
            cause: err,
          });
        throw err;
      }
    },
    { step: "initialize", name: "requestMeterAndFaults" },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Client options from the environment (timeouts may be shortened for tests). */
export function clientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientOptions {
  const num = (v: string | undefined) => (v ? Number(v) : undefined);
  return {
    endpoint: env.DYNAMODB_ENDPOINT,
    connectionTimeoutMs: num(env.DYNAMODB_CONNECT_TIMEOUT_MS),
    requestTimeoutMs: num(env.DYNAMODB_REQUEST_TIMEOUT_MS),
    maxAttempts: num(env.DYNAMODB_MAX_ATTEMPTS),
  };
}
