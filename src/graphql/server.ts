import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { log } from "../shared/logger";
import { currentScope } from "../shared/request-scope";
import type { GraphQLContext } from "./context";
import { formatError } from "./errors";
import { localLandingPage } from "./landing-page";
import { operationLimits } from "./limits";
import { getSchema } from "./schema";

export interface ServerOptions {
  /** Local development: introspection and the landing page on. Off in AWS. */
  readonly localDev: boolean;
}

/** One log line per operation: identifiers and counts only, never variables or results. */
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
          errorCodes: (errors ?? []).map((e) => e.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
        });
      },
    };
  },
};

/** The Apollo server the Lambda handler and the local server both run. */
export function createApolloServer(options: ServerOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: getSchema(),
    introspection: options.localDev,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [operationLimits()],
    plugins: [
      options.localDev ? localLandingPage() : ApolloServerPluginLandingPageDisabled(),
      requestLogging,
    ],
  });
}
