/** Roles a principal can hold. The policy module (src/auth/policy.ts) decides what each may do. */
export const ROLES = [
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "BUSINESS_UNIT",
  "AGENCY_LEAD",
  "PRACTITIONER",
  "AUDIT_GROUP",
  "REVIEWER",
  "BOARD_MEMBER",
  "PARTNER_SYSTEM",
  /** Runs the deployment: sets up partnerships; sees no partnership's data. */
  "PLATFORM_OPERATOR",
  /**
   * Edits the national review catalogue (§16) that every partnership of the deployment reads;
   * held outside every partnership, so it sees no partnership's data.
   */
  "CATALOGUE_EDITOR",
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Who is making a request: always inside exactly one partnership (tenant). */
export interface Principal {
  /** Subject of the token: a Person id, or a partner system's client id. */
  readonly subject: string;
  readonly partnershipId: string;
  /** Member agency the principal acts for; board staff may have none. */
  readonly agencyId: string | null;
  readonly roles: readonly Role[];
  /** True for machine-to-machine (client credentials) tokens. */
  readonly isMachine: boolean;
  /**
   * For a partner system: the root operations its registration allows (the policy still decides
   * each); absent for people.
   */
  readonly allowedOperations?: readonly string[];
}

/**
 * The pseudo-partnership platform operators belong to: no partnership's data lives under it, so
 * whatever an operator's principal reads by key finds nothing (isolation stays structural).
 */
export const PLATFORM = "PLATFORM";

/** Roles held in the PLATFORM pseudo-partnership, never in a partnership (and only there). */
export const PLATFORM_ROLES: readonly Role[] = ["PLATFORM_OPERATOR", "CATALOGUE_EDITOR"];

/** Whether a role is held outside every partnership. */
export const isPlatformRole = (role: Role) => PLATFORM_ROLES.includes(role);
