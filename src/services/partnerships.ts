import { authorize } from "../auth/policy";
import type { Partnership } from "../domain/entities";
import { NotFoundError, ValidationError } from "../domain/errors";

/** A partnership's public code: lower-case letters, digits and hyphens. */
export const CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

import type { ServiceContext } from "./context";
import { authed } from "./shared";

/** The principal's own partnership. */
export async function currentPartnership(ctx: ServiceContext): Promise<Partnership> {
  const c = authed(ctx);
  authorize(c.principal, "partnership:read");
  const p = await c.store.partnerships.get(c.principal.partnershipId);
  if (!p) throw new NotFoundError("Partnership", c.principal.partnershipId);
  return p;
}

/** Public: a partnership's name and website by its code (no personal data). */
export async function publicPartnership(
  ctx: ServiceContext,
  code: string,
): Promise<Partnership | null> {
  authorize(ctx.principal, "partnership:readPublic");
  const normalised = code.trim().toLowerCase();
  if (!CODE.test(normalised))
    throw new ValidationError("code", "A partnership code is 2-40 letters, digits or hyphens");
  return ctx.store.partnerships.getByCode(normalised);
}
