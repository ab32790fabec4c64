import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ConflictError, DomainError, ValidationError } from "../domain/errors";
import { UnavailableError } from "../shared/faults";
import { errorFields, log } from "../shared/logger";
import { currentScope } from "../shared/request-scope";

/**
 * The one boundary where errors become what clients see. Domain errors map to their code;
 * GraphQL's own request errors pass through; a database fault is SERVICE_UNAVAILABLE (retry);
 * anything else is masked and logged in full. docs/errors.md lists every code.
 */

/** Codes the API itself sends (besides graphql-js's and Apollo's request-level ones). */
export const API_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Codes a client may retry unchanged (after a pause). */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(["SERVICE_UNAVAILABLE"]);

const HTTP_STATUS: Record<DomainError["kind"], number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** A GraphQLError for a domain error (used where an error must be thrown as GraphQL, e.g. context). */
export function toGraphQLError(err: DomainError): GraphQLError {
  return new GraphQLError(err.message, {
    extensions: { ...domainExtensions(err), http: { status: HTTP_STATUS[err.kind] } },
  });
}

function domainExtensions(err: DomainError): Record<string, unknown> {
  return {
    code: err.kind,
    ...(err instanceof ValidationError ? { field: err.field } : {}),
    ...(err instanceof ConflictError ? { reason: err.reason } : {}),
    ...(err instanceof ConflictError && err.currentVersion !== undefined
      ? { currentVersion: err.currentVersion }
      : {}),
  };
}

/** Codes produced by graphql-js and Apollo for malformed requests: safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  ...API_ERROR_CODES.filter((c) => c !== "INTERNAL_SERVER_ERROR" && c !== "SERVICE_UNAVAILABLE"),
]);

/**
 * An error Apollo raises about the HTTP request itself with a 4xx status and no code (a
 * persisted query whose hash is not its query's): the client's request, not a fault.
 */
function uncodedRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== undefined) return false;
  const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}

/** Clearer words for Apollo's terse request errors (the code is what clients decide by). */
const REQUEST_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  "provided sha does not match query":
    "extensions.persistedQuery.sha256Hash is not the SHA-256 hash of the query sent",
};

/** The code an error reaches the client with (and is logged with). */
export function errorCode(error: unknown): string {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return original.kind;
  if (original instanceof UnavailableError) return "SERVICE_UNAVAILABLE";
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code)) return code;
  // The context's own answer when a partner system's registration cannot be read (context.ts).
  if (code === "SERVICE_UNAVAILABLE") return code;
  if (uncodedRequestError(error)) return "BAD_REQUEST";
  return "INTERNAL_SERVER_ERROR";
}

/**
 * The input path graphql-js names in a variable's error (`Variable "$input" got invalid value ...
 * at "input.criteria[0].reason"`, `... was not provided`, `... must not be null`), with list
 * indexes written as the API's other paths are (`input.criteria.0.reason`).
 */
function variablePath(message: string): string | undefined {
  const at = /^Variable "\$[^"]+" got invalid value .*? at "([^"]+)";/s.exec(message)?.[1];
  const name = /^Variable "\$([^"]+)"/.exec(message)?.[1];
  return (at ?? name)?.replace(/\[(\d+)\]/g, ".$1");
}

/** Apollo `formatError`: the mapping described above. */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError)
    return { ...base, message: original.message, extensions: domainExtensions(original) };
  const code = errorCode(error);
  const requestId = currentScope()?.requestId;
  if (code === "SERVICE_UNAVAILABLE") {
    log("warn", "service unavailable", { ...errorFields(original), path: formatted.path });
    return {
      message: `The service is temporarily unavailable; retry the request (request ${requestId ?? "unknown"})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, retryable: true, requestId },
    };
  }
  if (code !== "INTERNAL_SERVER_ERROR") {
    const extensions: Record<string, unknown> = { code };
    if (code === "BAD_REQUEST") base.message = REQUEST_ERROR_MESSAGES[base.message] ?? base.message;
    const field = formatted.extensions?.field;
    if (typeof field === "string") extensions.field = field;
    else if (code === "BAD_USER_INPUT") {
      const path = variablePath(formatted.message);
      if (path) extensions.field = path;
    }
    return { ...base, extensions };
  }
  log("error", "unexpected error", { ...errorFields(original), path: formatted.path });
  return {
    message: `Internal server error (request ${requestId ?? "unknown"})`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}
