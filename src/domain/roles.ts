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
}
