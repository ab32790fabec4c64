import { GraphQLError } from "graphql";
import type { Verifier } from "../auth/tokens";
import type { Store } from "../data/store";
import { DomainError } from "../domain/errors";
import type { ServiceContext } from "../services/context";
import { createLoaders } from "../services/loaders";
import { principalForClient } from "../services/partner-systems";
import { UnavailableError } from "../shared/faults";
import { toGraphQLError } from "./errors";

/** The per-request GraphQL context: the principal and fresh loaders. Nothing outlives a request. */
export type GraphQLContext = ServiceContext;

export interface ContextDeps {
  readonly store: Store;
  readonly verify: Verifier;
  readonly now?: () => Date;
}

/** Verifies the bearer token (if any) and builds a fresh context; a bad token is UNAUTHENTICATED. */
export async function buildContext(
  deps: ContextDeps,
  request: { authorization: string | undefined; requestId: string },
): Promise<GraphQLContext> {
  let principal: ServiceContext["principal"];
  try {
    const verified = await deps.verify(request.authorization);
    // A partner system's token names its client; its registration says everything else.
    principal =
      verified === null
        ? null
        : verified.kind === "person"
          ? verified.principal
          : await principalForClient(deps.store, verified.clientId);
  } catch (err) {
    if (err instanceof DomainError) throw toGraphQLError(err);
    // The registration of a partner system could not be read: retryable, as any database fault.
    if (err instanceof UnavailableError)
      throw new GraphQLError(
        `The service is temporarily unavailable; retry the request (request ${request.requestId})`,
        {
          extensions: {
            code: "SERVICE_UNAVAILABLE",
            retryable: true,
            requestId: request.requestId,
            http: { status: 503, headers: new Map([["retry-after", "1"]]) },
          },
        },
      );
    throw err;
  }
  const now = deps.now ?? (() => new Date());
  return {
    principal,
    store: deps.store,
    requestId: request.requestId,
    now,
    loaders: createLoaders(deps.store, principal, request.requestId, now),
  };
}
