import { UnauthenticatedError } from "../domain/errors";
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
