import { randomUUID } from "node:crypto";
import { authorize, can, PARTNER_SYSTEM_OPERATIONS } from "../auth/policy";
import type { Store } from "../data/store";
import { NotFoundError, UnauthenticatedError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import { checkAllowedOperations, type PartnerSystem } from "../domain/partner-systems";
import type { Principal } from "../domain/roles";
import { requiredName } from "../domain/text";
import { log } from "../shared/logger";
import { requireAgencies } from "./agencies";
import type { ServiceContext } from "./context";
import { authed, idempotencyClaim } from "./shared";

/**
 * Partner systems: registered per agency by the business unit. The registration creates the
 * system's app client in the directory (Cognito: client credentials, the API's scope) and the
 * record its tokens map to. The client secret is shown once, in the answer to the registration.
 */
export interface Registration {
  readonly partnerSystem: PartnerSystem;
  /** Null when the registration is answered again (a retried request): secrets are never kept. */
  readonly clientSecret: string | null;
}

export async function registerPartnerSystem(
  ctx: ServiceContext,
  input: { agencyId: string; name: string; allowedOperations?: readonly string[] | null },
  idempotencyKey?: string | null,
): Promise<Registration> {
  const c = authed(ctx);
  authorize(c.principal, "partnerSystem:register");
  const name = requiredName(input.name, "input.name", "A name");
  const allowedOperations = checkAllowedOperations(
    input.allowedOperations ?? PARTNER_SYSTEM_OPERATIONS,
    PARTNER_SYSTEM_OPERATIONS,
    "input.allowedOperations",
  );
  await requireAgencies(c, [input.agencyId], "input.agencyId");
  const claim = idempotencyClaim(c, "registerPartnerSystem", idempotencyKey, input);
  // A retry is answered from the record, without creating a second app client.
  const prior = claim && (await c.store.priorResult(claim));
  if (prior) return { partnerSystem: await getPartnerSystem(c, prior), clientSecret: null };
  const client = await c.store.directory.createClient(`${name} (${c.principal.partnershipId})`);
  const now = c.now().toISOString();
  const system: PartnerSystem = {
    id: randomUUID(),
    partnershipId: c.principal.partnershipId,
    agencyId: input.agencyId,
    name,
    clientId: client.clientId,
    allowedOperations,
    enabled: true,
    createdBy: c.principal.subject,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await c.store.partnerSystems.create(system, claim);
  if (outcome.created) return { partnerSystem: system, clientSecret: client.clientSecret };
  // A concurrent request with the key won: its client is the system's; this one goes.
  await c.store.directory.deleteClient(client.clientId).catch((err: Error) =>
    log("warn", "unused app client not deleted", {
      clientId: client.clientId,
      errorMessage: err.message,
    }),
  );
  return { partnerSystem: await getPartnerSystem(c, outcome.id), clientSecret: null };
}

const resource = (s: PartnerSystem) => ({ agencyIds: [s.agencyId] });

export async function getPartnerSystem(ctx: ServiceContext, id: string): Promise<PartnerSystem> {
  const c = authed(ctx);
  const s = (await c.store.partnerSystems.getMany(c.principal.partnershipId, [id])).get(id);
  if (!s || !can(c.principal, "partnerSystem:read", resource(s)))
    throw new NotFoundError("PartnerSystem", id);
  return s;
}

/** The partnership's partner systems (the business unit), or one agency's (its lead: their own by default). */
export async function listPartnerSystems(
  ctx: ServiceContext,
  agencyId: string | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<Page<PartnerSystem>> {
  const c = authed(ctx);
  // Without an agency: the partnership's for whoever may read them all, else one's own agency's.
  const scope = agencyId ?? (can(c.principal, "partnerSystem:read") ? null : c.principal.agencyId);
  authorize(c.principal, "partnerSystem:read", { agencyIds: scope ? [scope] : [] });
  return c.store.partnerSystems.list(c.principal.partnershipId, scope, pageSize(first), after);
}

/** Stops (or starts again) a system: its tokens are refused from the next request on. */
export async function setPartnerSystemEnabled(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  enabled: boolean,
): Promise<PartnerSystem> {
  const c = authed(ctx);
  const s = await getPartnerSystem(c, id);
  authorize(c.principal, "partnerSystem:enable");
  if (s.enabled === enabled) return s;
  const next = { ...s, enabled, version: expectedVersion + 1, updatedAt: c.now().toISOString() };
  await c.store.partnerSystems.save(next, expectedVersion);
  return next;
}

/**
 * The principal of a partner system's token: its registration says the partnership, the one
 * agency and the operations; the token says only which app client it is. An unknown or stopped
 * registration is UNAUTHENTICATED (a token of another user pool's client never gets this far).
 */
export async function principalForClient(store: Store, clientId: string): Promise<Principal> {
  const r = await store.partnerSystems.getByClient(clientId);
  if (!r) throw new UnauthenticatedError("This client is not a registered partner system");
  if (!r.enabled) throw new UnauthenticatedError("This partner system is stopped");
  return {
    subject: r.clientId,
    partnershipId: r.partnershipId,
    agencyId: r.agencyId,
    roles: ["PARTNER_SYSTEM"],
    isMachine: true,
    allowedOperations: r.allowedOperations,
  };
}
