import "reflect-metadata";
import { handlers, startServerAndCreateLambdaHandler } from "@as-integrations/aws-lambda";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { createVerifier, verifierConfigFromEnv } from "../auth/tokens";
import { clientOptionsFromEnv, createDocumentClient } from "../data/client";
import { Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { cursorKey } from "../graphql/common/cursors";
import { buildContext } from "../graphql/context";
import { MAX_BODY_BYTES } from "../graphql/limits";
import { createApolloServer } from "../graphql/server";
import { log } from "../shared/logger";
import { inRequestScope } from "../shared/request-scope";

// Built once per container: the schema, the SDK client and the verifier serve every request.
const store = new Store(createDocumentClient(clientOptionsFromEnv()), tableNamesFromEnv());
const verify = createVerifier(verifierConfigFromEnv());
const server = createApolloServer({ localDev: process.env.LOCAL_DEV === "true" });
// Without its cursor key the function would fail on the first page asked for: fail at start.
cursorKey();
let coldStart = true;
/** Time kept back from the function's timeout to answer in (longer than one database call). */
const DEADLINE_MARGIN_MS = 4_000;

const apollo = startServerAndCreateLambdaHandler(
  server,
  handlers.createAPIGatewayProxyEventV2RequestHandler(),
  {
    context: ({ event, context }) =>
      buildContext(
        { store, verify },
        { authorization: event.headers?.authorization, requestId: context.awsRequestId },
      ),
  },
);

/**
 * The answer to a body over MAX_BODY_BYTES: 413, with a coded GraphQL error, in the media type
 * the client asked for (as Apollo Server answers: `application/graphql-response+json` when
 * accepted, so that clients such as Apollo Client read its `extensions.code`).
 */
export function payloadTooLarge(accept = ""): APIGatewayProxyResultV2 {
  const graphqlResponse = accept.includes("application/graphql-response+json");
  return {
    statusCode: 413,
    headers: {
      "content-type": graphqlResponse
        ? "application/graphql-response+json; charset=utf-8"
        : "application/json; charset=utf-8",
    },
    body: JSON.stringify({
      errors: [
        {
          message: `The request body is larger than ${MAX_BODY_BYTES} bytes`,
          extensions: { code: "PAYLOAD_TOO_LARGE" },
        },
      ],
    }),
  };
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
