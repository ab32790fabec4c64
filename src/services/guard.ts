import type { IdempotencyClaim } from "../data/idempotency";
import { ConflictError, UnauthenticatedError } from "../domain/errors";
import type { AuthedContext, ServiceContext } from "./context";

/** Narrows a context to an authenticated one, or fails with UNAUTHENTICATED. */
export function authed(ctx: ServiceContext): AuthedContext {
  if (!ctx.principal) throw new UnauthenticatedError();
  return ctx as AuthedContext;
}

/** The idempotency scope of a principal: its agency, or the board's own staff. */
export function idempotencyScope(ctx: AuthedContext): string {
  return ctx.principal.agencyId ?? "BOARD";
}

/** The claim a create makes with its idempotency key (null without a key). */
export function idempotencyClaim(
  ctx: AuthedContext,
  operation: string,
  key: string | null | undefined,
  input: unknown,
): IdempotencyClaim | null {
  if (!key) return null;
  return {
    partnershipId: ctx.principal.partnershipId,
    scope: idempotencyScope(ctx),
    operation,
    key,
    input,
  };
}

/**
 * Runs a read-modify-write again when a concurrent writer got there first. For additions that
 * cannot overwrite anyone (a new dissent, evidence, a progress update): each attempt re-reads.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof ConflictError) || i >= attempts) throw err;
    }
  }
}
