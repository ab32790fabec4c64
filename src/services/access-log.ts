import { authorize } from "../auth/policy";
import type { AccessLogEntry } from "../domain/entities";
import { ValidationError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import type { ServiceContext } from "./context";
import { authed } from "./shared";

/** Who read which case's identifying details: by case or by person, newest first. */
export async function listAccessLog(
  ctx: ServiceContext,
  filter: { caseId?: string | null; personId?: string | null },
  first?: number | null,
  after?: string | null,
): Promise<Page<AccessLogEntry>> {
  const c = authed(ctx);
  authorize(c.principal, "accessLog:read");
  const size = pageSize(first);
  if (Boolean(filter.caseId) === Boolean(filter.personId))
    throw new ValidationError("caseId", "Give exactly one of caseId or personId");
  if (filter.caseId)
    return c.store.accessLog.listByCase(c.principal.partnershipId, filter.caseId, size, after);
  return c.store.accessLog.listBySubject(
    c.principal.partnershipId,
    filter.personId as string,
    size,
    after,
  );
}
