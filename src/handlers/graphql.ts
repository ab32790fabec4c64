import "reflect-metadata";
import { handlers, startServerAndCreateLambdaHandler } from "@as-integrations/aws-lambda";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { createVerifier, verifierConfigFromEnv } from "../auth/tokens";
import { clientOptionsFromEnv, createDocumentClient } from "../data/client";
import { Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { cursorKey } from "../graphql/common/cursors";
import { buildContext, routeOf } from "../graphql/context";
import { MAX_BODY_BYTES } from "../graphql/limits";
import { createApolloServer } from "../graphql/server";
import { errorFields, log } from "../shared/logger";
import { currentScope, inRequestScope } from "../shared/request-scope";

// Built once per container: the schema, the SDK client and the verifier serve every request.
const store = new Store(createDocumentClient(clientOptionsFromEnv()), tableNamesFromEnv());
const verify = createVerifier(verifierConfigFromEnv());
const server = createApolloServer({ localDev: process.env.LOCAL_DEV === "true" });
// Without its cursor key the function would fail on the first page asked for: fail at start.
cursorKey();
let coldStart = true;
/** Time kept back from the function's timeout to answer in (longer than one database call). */
const DEADLINE_MARGIN_MS = 4_000;

/** A request body the integration could not parse as JSON (the client's fault). */
class MalformedBodyError extends Error {
  constructor(
    readonly accept: string,
    cause: unknown,
  ) {
    super("The request body is not valid JSON", { cause });
    this.name = "MalformedBodyError";
  }
}

/**
 * API Gateway v2 events to Apollo and back, as the integration does, except for what the
 * integration answers itself: it parses a JSON body before Apollo sees it, and would answer a
 * body that is not JSON with a bare 400 and the parser's message as plain text. Here that is a
 * GraphQL error with its code, like every other answer; anything else it cannot handle is
 * masked and logged, as formatError does.
 */
const integration = handlers.createAPIGatewayProxyEventV2RequestHandler();
const requestHandler: typeof integration = {
  fromEvent(event) {
    try {
      return integration.fromEvent(event);
    } catch (err) {
      if (err instanceof SyntaxError)
        throw new MalformedBodyError(event.headers?.accept ?? "", err);
      throw err;
    }
  },
  toSuccessResult: integration.toSuccessResult,
  toErrorResult(err) {
    if (err instanceof MalformedBodyError) {
      log("info", "graphql operation", { operationName: null, errorCodes: ["BAD_REQUEST"] });
      return errorResult(400, "BAD_REQUEST", `${err.message}: send one JSON object`, err.accept);
    }
    const requestId = currentScope()?.requestId;
    log("error", "unexpected error", errorFields(err));
    return errorResult(
      500,
      "INTERNAL_SERVER_ERROR",
      `Internal server error (request ${requestId ?? "unknown"})`,
      "",
      { requestId },
    );
  },
};

const apollo = startServerAndCreateLambdaHandler(server, requestHandler, {
  context: ({ event, context }) =>
    buildContext(
      { store, verify },
      {
        authorization: event.headers?.authorization,
        requestId: context.awsRequestId,
        route: routeOf(event.rawPath),
      },
    ),
});

/**
 * An answer the handler gives before (or instead of) Apollo: one coded GraphQL error, in the
 * media type the client asked for (as Apollo Server answers: `application/graphql-response+json`
 * when accepted, so that clients such as Apollo Client read its `extensions.code`; otherwise
 * `application/json`).
 */
function errorResult(
  statusCode: number,
  code: string,
  message: string,
  accept: string,
  extensions: Record<string, unknown> = {},
): APIGatewayProxyStructuredResultV2 {
  const graphqlResponse = accept.includes("application/graphql-response+json");
  return {
    statusCode,
    headers: {
      "content-type": graphqlResponse
        ? "application/graphql-response+json; charset=utf-8"
        : "application/json; charset=utf-8",
    },
    body: JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }),
  };
}

/** The answer to a body over MAX_BODY_BYTES: 413 PAYLOAD_TOO_LARGE. */
export function payloadTooLarge(accept = ""): APIGatewayProxyResultV2 {
  return errorResult(
    413,
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than ${MAX_BODY_BYTES} bytes`,
    accept,
  );
}

/** API Gateway HTTP API (v2) -> GraphQL. */
export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyResultV2> {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw);
  if (bytes > MAX_BODY_BYTES) return payloadTooLarge(event.headers?.accept);
  if (coldStart) {
    // Whether V8 took the bundle's code cache (dist/graphql/index.js, scripts/build.mjs).
    log("info", "cold start", {
      requestId: context.awsRequestId,
      codeCache: process.env.LIF_CODE_CACHE ?? "not used",
    });
    coldStart = false;
  }
  // Leave the last seconds of the function's time for answering with a retryable error.
  const deadline = Date.now() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS;
  return inRequestScope(
    context.awsRequestId,
    async () => {
      const result = await apollo(event, context, () => undefined);
      return result as APIGatewayProxyResultV2;
    },
    deadline,
  );
}
