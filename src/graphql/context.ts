import { GraphQLError } from "graphql";
import type { Verifier } from "../auth/tokens";
import type { Store } from "../data/store";
import { DomainError, UnauthenticatedError } from "../domain/errors";
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

export type Route = "people" | "systems" | "public";

/** The route a request path is (the Lambda's three: /graphql, /system/graphql, /public/graphql). */
export function routeOf(path: string | undefined): Route {
  if (path?.endsWith("/system/graphql")) return "systems";
  if (path?.endsWith("/public/graphql")) return "public";
  return "people";
}

/**
 * Each route takes its own kind of token, as its gateway authorizer does in AWS (the people's
 * route trusts the web client's ID tokens only) and as the function checks itself where no
 * authorizer can (partner systems' clients are registered after deployment).
 */
function checkRoute(route: Route | undefined, kind: "person" | "client" | null): void {
  if (route === "systems" && kind !== "client")
    throw new UnauthenticatedError(
      "This route is for partner systems: send a client-credentials access token",
    );
  if (route === "people" && kind === "client")
    throw new UnauthenticatedError("Partner systems call /system/graphql");
}

/** Verifies the bearer token (if any) and builds a fresh context; a bad token is UNAUTHENTICATED. */
export async function buildContext(
  deps: ContextDeps,
  request: {
    authorization: string | undefined;
    requestId: string;
    /**
     * The route called: people's (`/graphql`, ID tokens), partner systems' (`/system/graphql`,
     * access tokens) or the public one; unset, any verified token is taken (in-process tests).
     */
    route?: Route;
  },
): Promise<GraphQLContext> {
  let principal: ServiceContext["principal"];
  try {
    const verified = await deps.verify(request.authorization);
    checkRoute(request.route, verified?.kind ?? null);
    // The public route serves the public operations only, to everyone alike: a token sent there
    // is verified (a forged one is refused) and then not used.
    if (request.route === "public") principal = null;
    // A partner system's token names its client; its registration says everything else.
    else
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
