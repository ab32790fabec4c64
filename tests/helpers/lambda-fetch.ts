import { randomUUID } from "node:crypto";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { inject } from "vitest";
import { TEST_AUDIENCE, TEST_ISSUER, type TestApi } from "./harness";

/** The GraphQL Lambda entry point, as API Gateway (HTTP API, payload 2.0) calls it. */
export type LambdaHandler = (
  e: APIGatewayProxyEventV2,
  c: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Loads `src/handlers/graphql.ts` configured as in AWS (no local development features), trusting
 * the test API's signing key and using the suite's DynamoDB Local. The handler reads its
 * configuration when first imported, so this must run before anything else imports it.
 */
export async function loadGraphqlHandler(api: TestApi): Promise<LambdaHandler> {
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWKS_JSON: JSON.stringify({ keys: [api.keys.trusted.publicJwk] }),
    LOCAL_DEV: "false",
  });
  const mod = (await import("../../src/handlers/graphql")) as unknown as {
    handler: LambdaHandler;
  };
  return mod.handler;
}

/** One HTTP exchange the fetch below carried. */
export interface Exchange {
  method: string;
  operationName?: string;
  status: number;
}

/**
 * A `fetch` for HTTP clients (Apollo's HttpLink, urql, ...) that turns each request into an API
 * Gateway event for the Lambda handler and its result back into a `Response`: the client's own
 * JSON and headers go in, the handler's status, headers and body come out, with no socket. Every
 * exchange is recorded in `exchanges`.
 */
export function lambdaFetch(handler: LambdaHandler) {
  const exchanges: Exchange[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === "string" ? input : "url" in input ? input.url : input);
    const method = (init.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = {};
    // API Gateway HTTP APIs lower-case header names.
    new Headers(init.headers).forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    headers.host ??= url.host;
    const body = typeof init.body === "string" ? init.body : undefined;
    const now = new Date();
    const event: APIGatewayProxyEventV2 = {
      version: "2.0",
      routeKey: `${method} ${url.pathname}`,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ""),
      queryStringParameters: url.search
        ? Object.fromEntries(url.searchParams.entries())
        : undefined,
      headers,
      requestContext: {
        accountId: "123456789012",
        apiId: "api",
        domainName: url.host,
        domainPrefix: "api",
        http: {
          method,
          path: url.pathname,
          protocol: "HTTP/1.1",
          sourceIp: "192.0.2.1",
          userAgent: headers["user-agent"] ?? "vitest",
        },
        requestId: randomUUID(),
        routeKey: `${method} ${url.pathname}`,
        stage: "$default",
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      body,
      isBase64Encoded: false,
    };
    const context = {
      awsRequestId: randomUUID(),
      getRemainingTimeInMillis: () => 30_000,
    } as unknown as Context;
    const res = await handler(event, context);
    const status = res.statusCode ?? 200;
    let operationName: string | undefined;
    try {
      operationName = body ? JSON.parse(body).operationName : undefined;
    } catch {
      operationName = undefined;
    }
    exchanges.push({ method, operationName, status });
    const out = new Headers();
    for (const [name, value] of Object.entries(res.headers ?? {})) out.set(name, String(value));
    const text = res.isBase64Encoded
      ? Buffer.from(res.body ?? "", "base64").toString("utf8")
      : (res.body ?? "");
    // 204 and 304 may not carry a body.
    return new Response(status === 204 || status === 304 ? null : text, {
      status,
      headers: out,
    });
  };
  return { fetch, exchanges };
}
