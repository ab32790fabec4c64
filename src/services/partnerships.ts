import { randomUUID } from "node:crypto";
import { authorize } from "../auth/policy";
import type { Agency, AgencyKind, Partnership, Person } from "../domain/entities";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors";
import { requiredText } from "../domain/text";

/** A partnership's public code: lower-case letters, digits and hyphens. */
const CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

import type { ServiceContext } from "./context";
import { createPerson } from "./people";
import { authed, idempotencyClaim } from "./shared";

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

export interface NewPartnershipInput {
  readonly code: string;
  readonly name: string;
  readonly website?: string | null;
  readonly agencies: readonly { readonly name: string; readonly kind: AgencyKind }[];
  readonly admin: { readonly name: string; readonly email: string };
}

/** The most agencies a partnership starts with (one transaction with the partnership). */
export const MAX_FIRST_AGENCIES = 60;

/**
 * A new partnership (a platform operator's, or `npm run partnership:create`): the partnership,
 * its agencies and its first business-unit user, who then invites everyone else. The operator
 * sees nothing of it afterwards: their principal belongs to no partnership. Retried with the same
 * key, it creates nothing twice.
 */
export async function createPartnership(
  ctx: ServiceContext,
  input: NewPartnershipInput,
  idempotencyKey?: string | null,
): Promise<{ partnership: Partnership; admin: Person }> {
  const c = authed(ctx);
  authorize(c.principal, "partnership:create");
  const code = input.code.trim().toLowerCase();
  if (!CODE.test(code))
    throw new ValidationError(
      "input.code",
      "A partnership code is 2-40 letters, digits or hyphens",
    );
  const name = requiredText(input.name, "input.name", "A name");
  if (input.agencies.length > MAX_FIRST_AGENCIES)
    throw new ValidationError("input.agencies", `At most ${MAX_FIRST_AGENCIES} agencies`);
  const names = new Set<string>();
  for (const [i, a] of input.agencies.entries()) {
    const n = requiredText(a.name, `input.agencies.${i}.name`, "A name").toLowerCase();
    if (names.has(n)) throw new ValidationError(`input.agencies.${i}.name`, "Named twice");
    names.add(n);
  }
  const claim = idempotencyClaim(c, "createPartnership", idempotencyKey, input);
  const now = c.now().toISOString();
  const partnership: Partnership = {
    id: randomUUID(),
    code,
    name,
    website: input.website?.trim() || null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const agencies: Agency[] = input.agencies.map((a) => ({
    id: randomUUID(),
    partnershipId: partnership.id,
    name: a.name.trim(),
    kind: a.kind,
    version: 1,
    createdAt: now,
    updatedAt: now,
  }));
  let outcome: Awaited<ReturnType<typeof c.store.partnerships.create>>;
  try {
    outcome = await c.store.partnerships.create(partnership, agencies, claim);
  } catch (err) {
    if (err instanceof ConflictError && err.reason === "STATE")
      throw new ValidationError("input.code", `The code ${code} is taken`);
    throw err;
  }
  const created = outcome.created ? partnership : await c.store.partnerships.get(outcome.id);
  if (!created) throw new NotFoundError("Partnership", outcome.id);
  const admin = await createPerson(
    c,
    created.id,
    { name: input.admin.name, email: input.admin.email, roles: ["BUSINESS_UNIT"] },
    ["BUSINESS_UNIT"],
    idempotencyKey ? `${idempotencyKey}.admin` : `partnership-admin.${created.id}`,
  );
  return { partnership: created, admin };
}
