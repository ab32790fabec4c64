import { ValidationError } from "./errors";
import { isPlatformRole, isRole, type Role } from "./roles";

/**
 * Staff and their roles. The Person record is the single source of truth for what someone may
 * do: Cognito's pre-token trigger copies its partnership, agency and roles into every token it
 * issues, so a change here takes effect at the next token refresh.
 */

/** Roles held by a member of an agency's staff (they need the agency). */
export const AGENCY_ROLES: readonly Role[] = ["AGENCY_LEAD", "PRACTITIONER"];

/** Roles no person holds: partner systems are registered, not invited. */
const NOT_FOR_PEOPLE: readonly Role[] = ["PARTNER_SYSTEM"];

/** A change of a person's roles (§12: the board's business unit keeps who may do what). */
export interface RoleChange {
  readonly id: string;
  readonly before: readonly Role[];
  readonly after: readonly Role[];
  readonly reason: string | null;
  readonly by: string;
  readonly at: string;
}

/**
 * A person's roles, checked: at least one, no repeats, none that only systems hold, the agency
 * roles only with an agency, and a platform operator only outside every partnership.
 */
export function checkPersonRoles(
  input: readonly string[],
  agencyId: string | null,
  options: { platform: boolean; field: string },
): Role[] {
  const roles = [...new Set(input)];
  if (roles.length === 0) throw new ValidationError(options.field, "Give at least one role");
  if (roles.length !== input.length) throw new ValidationError(options.field, "A role is repeated");
  for (const role of roles) {
    if (!isRole(role)) throw new ValidationError(options.field, `No role ${role}`);
    if (NOT_FOR_PEOPLE.includes(role))
      throw new ValidationError(
        options.field,
        `${role} is not for people: register the system instead`,
      );
    if (AGENCY_ROLES.includes(role) && !agencyId)
      throw new ValidationError(options.field, `${role} is held in an agency: name the agency`);
    if (isPlatformRole(role) !== options.platform)
      throw new ValidationError(
        options.field,
        options.platform
          ? "Platform staff hold no partnership role"
          : `${role} is held outside every partnership`,
      );
  }
  return roles as Role[];
}

/** Whether two role lists hold the same roles. */
export const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address as a sign-in name: trimmed, lower case, plausibly shaped. */
export function checkEmail(value: string, field: string): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    throw new ValidationError(field, "Not an email address");
  return email;
}

/**
 * Roles a partnership may never be left without once it has them: the business unit (who
 * invites everyone and grants roles) and the Independent Chair (who alone grants the Chair's
 * role and decides reviews). Removing the last enabled holder's role, or disabling them, is
 * refused: the role is given to someone else first.
 */
export const KEEPER_ROLES: readonly Role[] = ["BUSINESS_UNIT", "INDEPENDENT_CHAIR"];

/** The keeper roles a change takes away from the enabled staff (held before, not after). */
export function keeperRolesGivenUp(
  before: { roles: readonly string[]; enabled: boolean },
  after: { roles: readonly string[]; enabled: boolean },
): Role[] {
  return KEEPER_ROLES.filter(
    (r) =>
      before.enabled && before.roles.includes(r) && !(after.enabled && after.roles.includes(r)),
  );
}
