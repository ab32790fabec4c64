import type { Versioned } from "./entities";
import { ValidationError } from "./errors";

/**
 * A partner system: an agency's case-management system calling the API with the OAuth client
 * credentials flow. Registered per agency; its Cognito app client's id (the `client_id` of its
 * tokens) maps to this record, which says the one agency it acts for and the operations it may
 * call, so a system can never act for another agency whatever its token says.
 */
export interface PartnerSystem extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly agencyId: string;
  readonly name: string;
  readonly clientId: string;
  readonly allowedOperations: readonly string[];
  readonly enabled: boolean;
  readonly createdBy: string;
}

/** The most operations one registration lists. */
export const MAX_ALLOWED_OPERATIONS = 30;

/**
 * The operations a registration allows: at least one, no repeats, each one a partner system may
 * call at all (`permitted`, from the policy).
 */
export function checkAllowedOperations(
  input: readonly string[],
  permitted: readonly string[],
  field: string,
): string[] {
  const ops = [...new Set(input)];
  if (ops.length === 0) throw new ValidationError(field, "Allow at least one operation");
  if (ops.length !== input.length) throw new ValidationError(field, "An operation is repeated");
  for (const [i, op] of ops.entries())
    if (!permitted.includes(op))
      throw new ValidationError(`${field}.${i}`, `A partner system may not call ${op}`);
  return ops;
}
