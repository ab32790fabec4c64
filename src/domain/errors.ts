/**
 * Typed domain errors. They know nothing of GraphQL: the API maps each kind to an
 * `extensions.code` at one boundary (src/graphql/errors.ts).
 */
export abstract class DomainError extends Error {
  abstract readonly kind:
    | "UNAUTHENTICATED"
    | "FORBIDDEN"
    | "BAD_USER_INPUT"
    | "NOT_FOUND"
    | "CONFLICT";
}

/** The request carries no valid credentials. */
export class UnauthenticatedError extends DomainError {
  readonly kind = "UNAUTHENTICATED" as const;
  constructor(message = "Authentication required") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** The principal is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = "FORBIDDEN" as const;
  constructor(message = "You are not allowed to do this") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Input that breaks a rule; `field` names the offending input path (for example `input.agencyIds`). */
export class ValidationError extends DomainError {
  readonly kind = "BAD_USER_INPUT" as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/**
 * The record does not exist for this principal. Records of another partnership, or records the
 * principal may not know exist, are reported the same way so that ids cannot be probed.
 */
export class NotFoundError extends DomainError {
  readonly kind = "NOT_FOUND" as const;
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
    this.name = "NotFoundError";
  }
}

/** Why a change conflicts: told apart for clients as `extensions.reason`. */
export const CONFLICT_REASONS = [
  /** The record changed since the version sent (`currentVersion` says what it is now). */
  "STALE_VERSION",
  /** An idempotency key was used before with different input. */
  "IDEMPOTENCY_KEY_REUSED",
  /** The record is in a state that no longer allows the change (a decision already made). */
  "STATE",
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** A stale version, an idempotency key reused with different input, or a closed state. */
export class ConflictError extends DomainError {
  readonly kind = "CONFLICT" as const;
  constructor(
    message: string,
    readonly reason: ConflictReason,
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** A value that must be unique is someone else's already (`what`: which value). */
export class TakenError extends ConflictError {
  constructor(
    readonly what: string,
    message: string,
  ) {
    super(message, "STATE");
    this.name = "TakenError";
  }
}

/** Compile-time exhaustiveness for switches over unions. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
