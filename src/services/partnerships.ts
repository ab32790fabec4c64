import { randomUUID } from "node:crypto";
import { authorize } from "../auth/policy";
import type { Agency, AgencyKind, Partnership, Person } from "../domain/entities";
import { ForbiddenError, NotFoundError, TakenError, ValidationError } from "../domain/errors";
import { PLATFORM, type Role } from "../domain/roles";
import { requiredName, webAddress } from "../domain/text";

/** A partnership's public code: lower-case letters, digits and hyphens. */
export const CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

import { stableId } from "../shared/stable-id";
import type { AuthedContext, ServiceContext } from "./context";
import { checkNewcomer, emailTaken, newPerson } from "./people";
import { authed, idempotencyClaim } from "./shared";

/** The principal's own partnership. */
export async function currentPartnership(ctx: ServiceContext): Promise<Partnership> {
  const c = authed(ctx);
  authorize(c.principal, "partnership:read");
  if (c.principal.partnershipId === PLATFORM)
    throw new ForbiddenError("Platform operators belong to no partnership");
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
  /** The Independent Chair, if appointed at set-up (only a Chair grants the Chair's role). */
  readonly chair?: { readonly name: string; readonly email: string } | null;
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
): Promise<PartnershipSetup> {
  const c = authed(ctx);
  authorize(c.principal, "partnership:create");
  // Everything is checked before anything is written, and written in one transaction.
  const code = input.code.trim().toLowerCase();
  if (!CODE.test(code))
    throw new ValidationError(
      "input.code",
      "A partnership code is 2-40 letters, digits or hyphens",
    );
  const name = requiredName(input.name, "input.name", "A name");
  const website = webAddress(input.website, "input.website");
  if (input.agencies.length > MAX_FIRST_AGENCIES)
    throw new ValidationError("input.agencies", `At most ${MAX_FIRST_AGENCIES} agencies`);
  const names = new Set<string>();
  for (const [i, a] of input.agencies.entries()) {
    const n = requiredName(a.name, `input.agencies.${i}.name`, "A name").toLowerCase();
    if (names.has(n)) throw new ValidationError(`input.agencies.${i}.name`, "Named twice");
    names.add(n);
  }
  const staff: { name: string; email: string; field: string; role: Role }[] = [
    {
      ...checkNewcomer(input.admin, "input.admin"),
      field: "input.admin",
      role: "BUSINESS_UNIT" as Role,
    },
    ...(input.chair
      ? [
          {
            ...checkNewcomer(input.chair, "input.chair"),
            field: "input.chair",
            role: "INDEPENDENT_CHAIR" as Role,
          },
        ]
      : []),
  ];
  if (staff[1] && staff[1].email === staff[0]?.email)
    throw new ValidationError("input.chair.email", "The Chair and the admin are two people");

  // The same agencies in another order are the same request.
  const sorted = [...input.agencies].sort((a, b) =>
    `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`),
  );
  const claim = idempotencyClaim(c, "createPartnership", idempotencyKey, {
    ...input,
    agencies: sorted,
  });
  const prior = claim && (await c.store.priorResult(claim));
  if (prior) return { ...(await setupOf(c, prior, staff.length)), created: false };

  const now = c.now().toISOString();
  const partnership: Partnership = {
    id: randomUUID(),
    code,
    name,
    website,
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
  const people = [];
  for (const [i, s] of staff.entries()) {
    const user = await c.store.directory.createUser({ email: s.email, name: s.name });
    people.push(
      newPerson(
        c,
        partnership.id,
        { id: staffId(partnership.id, i), name: s.name, email: s.email, identity: user.identity },
        [s.role],
        "Set up with the partnership",
      ),
    );
  }
  let outcome: Awaited<ReturnType<typeof c.store.partnerships.create>>;
  try {
    outcome = await c.store.partnerships.create(partnership, agencies, claim, people);
  } catch (err) {
    if (err instanceof TakenError && err.what === "code")
      throw new ValidationError("input.code", `The code ${code} is taken`);
    if (err instanceof TakenError && err.what.startsWith("staff."))
      throw emailTaken(`${staff[Number(err.what.slice(6))]?.field ?? "input.admin"}.email`);
    throw err;
  }
  if (!outcome.created) return { ...(await setupOf(c, outcome.id, staff.length)), created: false };
  return {
    partnership,
    admin: people[0]?.person as Person,
    chair: people[1]?.person ?? null,
    created: true,
  };
}

export interface PartnershipSetup {
  readonly partnership: Partnership;
  readonly admin: Person;
  readonly chair: Person | null;
  /** False when the same set-up was asked again (nothing was written). */
  readonly created: boolean;
}

/** The set-up people's ids: derived from the partnership's, so a retry finds them. */
const staffId = (partnershipId: string, i: number) => stableId(`setup:${partnershipId}:${i}`);

/** A set-up already made (a retried request): the partnership and its set-up people. */
async function setupOf(c: AuthedContext, partnershipId: string, count: number) {
  const partnership = await c.store.partnerships.get(partnershipId);
  const ids = Array.from({ length: count }, (_, i) => staffId(partnershipId, i));
  const people = await c.store.people.getMany(partnershipId, ids);
  const admin = people.get(ids[0] as string);
  if (!partnership || !admin) throw new NotFoundError("Partnership", partnershipId);
  return { partnership, admin, chair: (ids[1] && people.get(ids[1])) || null };
}
