import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { MAX_BODY_BYTES } from "../graphql/limits";

/**
 * Reads a request body; null once it passes MAX_BODY_BYTES (what is left is read and dropped,
 * so that the client gets its 413 instead of a reset connection).
 */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () =>
      resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")),
    );
    req.on("error", reject);
  });
}

/** The API Gateway HTTP API (payload 2.0) event that a local HTTP request would have produced. */
export function toApiGatewayEvent(req: IncomingMessage, body: string): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? "/", "http://localhost");
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
  const method = req.method ?? "GET";
  const now = new Date();
  return {
    version: "2.0",
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ""),
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: "localhost",
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: `${method} ${url.pathname}`,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body || undefined,
    isBase64Encoded: false,
  };
}

/**
 * What API Gateway's JWT authorizer answers a request to `/graphql` without a token, before any
 * function runs: 401 with the gateway's own body (no GraphQL error, no `extensions.code`).
 */
export function gatewayUnauthorized(): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 401,
    headers: { "content-type": "application/json", "www-authenticate": "Bearer" },
    body: JSON.stringify({ message: "Unauthorized" }),
  };
}

/** Whether API Gateway's JWT authorizer would find no token (its identity source) at all. */
export const lacksToken = (req: IncomingMessage) => !req.headers.authorization?.trim();

/** A Lambda context with a fresh request id (the fields the handler reads). */
export function lambdaContext(): Context {
  return {
    awsRequestId: randomUUID(),
    functionName: "graphql-local",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:local:000000000000:function:graphql-local",
    memoryLimitInMB: "1024",
    logGroupName: "local",
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Writes a Lambda proxy result to a Node response, with any headers the gateway adds. */
export function writeResult(
  res: ServerResponse,
  result: APIGatewayProxyResultV2,
  extra: Record<string, string> = {},
): void {
  if (typeof result === "string") {
    res.writeHead(200, { "content-type": "application/json", ...extra }).end(result);
    return;
  }
  res.writeHead(result.statusCode ?? 200, {
    ...(result.headers as Record<string, string>),
    ...extra,
  });
  res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, "base64") : result.body);
}
