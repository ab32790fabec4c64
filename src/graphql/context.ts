import type { Verifier } from "../auth/tokens";
import type { Store } from "../data/store";
import { DomainError } from "../domain/errors";
import type { ServiceContext } from "../services/context";
import { createLoaders } from "../services/loaders";
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
    principal = await deps.verify(request.authorization);
  } catch (err) {
    if (err instanceof DomainError) throw toGraphQLError(err);
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
