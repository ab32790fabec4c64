import { authorize } from "../auth/policy";
import type { Partnership } from "../domain/entities";
import { NotFoundError } from "../domain/errors";
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
  return ctx.store.partnerships.getByCode(code.trim().toLowerCase());
}
