import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { log } from "../shared/logger";
import { currentScope } from "../shared/request-scope";
import type { GraphQLContext } from "./context";
import { errorCode, formatError, RETRYABLE_CODES } from "./errors";
import { MAX_TOKENS, operationLimits } from "./limits";
import { getSchema } from "./schema";

export interface ServerOptions {
  /**
   * Local development: introspection and "Did you mean" suggestions on. Off in AWS. The landing
   * page is always off: locally, the explorer is served by the local server (src/local/explorer)
   * before a request reaches the handler.
   */
  readonly localDev: boolean;
}

/**
 * One log line per operation: identifiers, counts and the error codes the client received
 * (the same classification as `formatError`), never variables or results.
 */
const requestLogging: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart({ contextValue }) {
    const started = Date.now();
    return {
      async willSendResponse({ operationName, operation, errors }) {
        const p = contextValue.principal;
        log("info", "graphql operation", {
          operationName: operationName ?? null,
          operationType: operation?.operation ?? null,
          subject: p?.subject ?? null,
          agencyId: p?.agencyId ?? null,
          roles: p?.roles ?? [],
          durationMs: Date.now() - started,
          dynamoRequests: currentScope()?.dynamoRequests ?? null,
          errorCodes: (errors ?? []).map(errorCode),
        });
      },
    };
  },
};

/**
 * A database fault answers 503 with Retry-After, so that clients which retry only on server
 * errors (partner systems) do retry: the body still carries the coded error and request id.
 */
const retryableStatus: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== "single") return;
        const errors = response.body.singleResult.errors ?? [];
        if (errors.some((e) => RETRYABLE_CODES.has(String(e.extensions?.code)))) {
          response.http.status = 503;
          response.http.headers.set("retry-after", "1");
        }
      },
    };
  },
};

/** The Apollo server the Lambda handler and the local server both run. */
export function createApolloServer(options: ServerOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: getSchema(),
    introspection: options.localDev,
    // "Did you mean ...?" suggestions describe the schema: only for local development.
    hideSchemaDetailsFromClientErrors: !options.localDev,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError,
    // Answers are read by programs: compact JSON (Apollo indents by default, a third more bytes
    // to write and send for a page of 20 records).
    stringifyResult: (result) => JSON.stringify(result),
    validationRules: [operationLimits()],
    plugins: [
      // No landing page (the local server serves the explorer), no usage reporting or inline
      // tracing (no Apollo Studio; not a subgraph), no cache hints (answers are private): none
      // of their code is loaded, and the Lambda bundle leaves it out (scripts/build.mjs).
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestLogging,
      retryableStatus,
    ],
  });
}
