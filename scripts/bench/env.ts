import { FUNCTION_NODE_OPTIONS } from "../build.mjs";

/**
 * The environment a benchmark process gets: only what the Lambda function would have (the
 * variables serverless.yml sets, its NODE_OPTIONS included: FUNCTION_NODE_OPTIONS), nothing inherited
 * from the shell (NODE_EXTRA_CA_CERTS alone adds ~30 ms to every node process).
 */
export const CURSOR_KEY = "bench-cursor-key-0123456789abcdef0123456789";

export function functionEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? FUNCTION_NODE_OPTIONS,
    AWS_REGION: "eu-west-2",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
    RECORDS_TABLE: "bench-records",
    ACCESS_LOG_TABLE: "bench-access-log",
    JWT_ISSUER: "urn:bench-issuer",
    JWT_AUDIENCE: "bench-api",
    JWKS_JSON: '{"keys":[]}',
    CURSOR_KEY,
    ...extra,
  };
}

/** A minimal API Gateway HTTP API (v2) event for a POST /graphql, as a JavaScript expression. */
export const EVENT_SOURCE = `(body, headers) => ({
  version: "2.0", routeKey: "POST /graphql", rawPath: "/graphql", rawQueryString: "",
  headers: { "content-type": "application/json", host: "api.example.org", ...headers },
  requestContext: { accountId: "1", apiId: "api", domainName: "api.example.org", domainPrefix: "api",
    http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "bench" },
    requestId: "r", routeKey: "POST /graphql", stage: "$default", time: "", timeEpoch: Date.now() },
  body: JSON.stringify(body), isBase64Encoded: false })`;

export const CONTEXT_SOURCE = `{ awsRequestId: "bench", getRemainingTimeInMillis: () => 25000 }`;
