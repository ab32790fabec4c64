import { authorize } from "../../auth/policy";
import {
  checkEffectivenessPeriod,
  type EffectivenessRow,
  effectiveness,
} from "../../domain/effectiveness";
import type { ServiceContext } from "../context";
import { authed, today } from "../shared";

/** §37: per kind of learning activity, over recommendations made in the period (a year at most). */
export async function effectivenessReport(
  ctx: ServiceContext,
  from: string,
  to: string,
): Promise<EffectivenessRow[]> {
  const c = authed(ctx);
  authorize(c.principal, "effectiveness:read");
  checkEffectivenessPeriod(from, to);
  const made = await c.store.recommendations.madeIn(c.principal.partnershipId, { from, to });
  return effectiveness(made, today(c));
}
