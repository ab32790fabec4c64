import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ConflictError, DomainError, ValidationError } from "../domain/errors";
import { errorFields, log } from "../shared/logger";
import { currentScope } from "../shared/request-scope";

/**
 * The one boundary where errors become what clients see. Domain errors map to their code;
 * GraphQL's own request errors pass through; anything else is masked and logged in full.
 */

/** Codes the API itself sends (besides Apollo's request-level ones). */
export const API_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "INTERNAL_SERVER_ERROR",
] as const;

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
  ...API_ERROR_CODES.filter((c) => c !== "INTERNAL_SERVER_ERROR"),
]);

interface ValidationErrorLike {
  property: string;
  children?: ValidationErrorLike[];
}

/** Dotted path of the first failing property of a class-validator error tree. */
function firstInvalidPath(errors: ValidationErrorLike[] | undefined): string | undefined {
  const first = errors?.[0];
  if (!first) return undefined;
  const rest = firstInvalidPath(first.children);
  return rest ? `${first.property}.${rest}` : first.property;
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
  const code = formatted.extensions?.code;
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
    const extensions: Record<string, unknown> = { code };
    if (typeof formatted.extensions?.field === "string")
      extensions.field = formatted.extensions.field;
    const validation = (formatted.extensions as { validationErrors?: ValidationErrorLike[] })
      ?.validationErrors;
    if (validation) {
      const field = firstInvalidPath(validation);
      if (field) extensions.field = field;
      extensions.validationErrors = validation.map((v) => ({
        property: v.property,
        constraints: (v as { constraints?: unknown }).constraints,
      }));
    }
    return { ...base, extensions };
  }
  const requestId = currentScope()?.requestId;
  log("error", "unexpected error", { ...errorFields(original), path: formatted.path });
  return {
    message: `Internal server error (request ${requestId ?? "unknown"})`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}
