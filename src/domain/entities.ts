/**
 * The core records. Plain data: the data layer stores them, services apply the rules in this
 * folder to them, and the GraphQL layer presents them.
 */

/** Every record that can change carries a version for optimistic concurrency. */
export interface Versioned {
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A local safeguarding children partnership: the tenant. */
export interface Partnership extends Versioned {
  readonly id: string;
  /** Short public code, for example `luton`. */
  readonly code: string;
  readonly name: string;
  readonly website: string | null;
}

export const AGENCY_KINDS = [
  "POLICE",
  "HEALTH",
  "CHILDRENS_SOCIAL_CARE",
  "EDUCATION",
  "PROBATION",
  "YOUTH_OFFENDING",
  "VOLUNTARY_SECTOR",
  "LOCAL_AUTHORITY",
  "OTHER",
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A member agency of the partnership. */
export interface Agency extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly name: string;
  readonly kind: AgencyKind;
}

/** A member of staff who uses the system. */
export interface Person extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly agencyId: string | null;
  readonly name: string;
  readonly email: string;
  readonly jobTitle: string | null;
  readonly roles: readonly string[];
  /** A disabled person gets no token (Cognito's pre-token trigger refuses the sign-in). */
  readonly enabled: boolean;
  /** The person's sign-in identity (Cognito's `sub`): the trigger finds the record by it. */
  readonly identity: string | null;
  /** Role changes recorded (each its own record). */
  readonly roleChangeCount: number;
}

export const CASE_STATUSES = ["OPEN", "CLOSED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A child (and family) known to agencies. This record holds only what every entitled reader may
 * see: a pseudonym and the agencies involved. Identifying details live apart (CaseIdentity).
 */
export interface Case extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  /** Non-identifying name used in all board papers, for example `Child K7Q2M`. */
  readonly pseudonym: string;
  readonly status: CaseStatus;
  readonly agencyIds: readonly string[];
}

export interface FamilyMember {
  readonly name: string;
  readonly relationship: string;
}

/** Special-category personal data of a case: read only by entitled roles, and every read logged. */
export interface CaseIdentity {
  readonly caseId: string;
  readonly childName: string;
  readonly dateOfBirth: string | null;
  readonly address: string | null;
  readonly nhsNumber: string | null;
  readonly familyMembers: readonly FamilyMember[];
}

/** One read of a case's identifying details. */
export interface AccessLogEntry {
  readonly id: string;
  readonly partnershipId: string;
  readonly caseId: string;
  readonly subject: string;
  readonly agencyId: string | null;
  readonly roles: readonly string[];
  readonly operation: string;
  readonly requestId: string;
  readonly at: string;
}
