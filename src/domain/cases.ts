import { checkDateOfBirth } from "./dates";
import type { CaseIdentity, FamilyMember } from "./entities";
import { ValidationError } from "./errors";

export const MAX_AGENCIES_PER_CASE = 30;
export const MAX_FAMILY_MEMBERS = 20;

const PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * A pseudonym derived from the case id, so it never carries anything about the child (initials,
 * dates) and needs no counter. Ambiguous letters (I, O, 0, 1) are left out.
 */
export function pseudonymFor(caseId: string): string {
  const hex = caseId.replace(/-/g, "");
  let code = "";
  for (let i = 0; i < 6; i++) {
    const byte = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) || 0;
    code += PSEUDONYM_ALPHABET[byte % PSEUDONYM_ALPHABET.length];
  }
  return `Child ${code}`;
}

/** A case must involve at least one agency, each named once. */
export function checkCaseAgencies(agencyIds: readonly string[], field: string): string[] {
  const unique = [...new Set(agencyIds)];
  if (unique.length === 0) throw new ValidationError(field, "A case involves at least one agency");
  if (unique.length !== agencyIds.length)
    throw new ValidationError(field, "An agency is listed more than once");
  if (unique.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError(field, `A case involves at most ${MAX_AGENCIES_PER_CASE} agencies`);
  return unique;
}

const NHS_NUMBER = /^\d{10}$/;

/** True when the ten-digit NHS number's modulus 11 check digit is right. */
export function isValidNhsNumber(value: string): boolean {
  if (!NHS_NUMBER.test(value)) return false;
  // Ten equal digits pass the check digit (0000000000) but are never issued.
  if (/^(\d)\1{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 9).reduce((acc, d, i) => acc + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === digits[9];
}

/** Normalises identifying details and checks what the API can check about them. */
export function checkCaseIdentity(
  input: Omit<CaseIdentity, "caseId">,
  field: string,
  today: string,
): Omit<CaseIdentity, "caseId"> {
  const childName = input.childName.trim();
  if (!childName) throw new ValidationError(`${field}.childName`, "The child's name is required");
  if (input.dateOfBirth) checkDateOfBirth(input.dateOfBirth, today, `${field}.dateOfBirth`);
  const nhsNumber = input.nhsNumber?.replace(/\s/g, "") || null;
  if (nhsNumber && !isValidNhsNumber(nhsNumber))
    throw new ValidationError(`${field}.nhsNumber`, "Not a valid NHS number");
  if (input.familyMembers.length > MAX_FAMILY_MEMBERS)
    throw new ValidationError(
      `${field}.familyMembers`,
      `At most ${MAX_FAMILY_MEMBERS} family members`,
    );
  const familyMembers: FamilyMember[] = input.familyMembers.map((m, i) => {
    const name = m.name.trim();
    const relationship = m.relationship.trim();
    if (!name || !relationship)
      throw new ValidationError(
        `${field}.familyMembers.${i}`,
        "A family member needs a name and a relationship",
      );
    return { name, relationship };
  });
  return {
    childName,
    dateOfBirth: input.dateOfBirth ?? null,
    address: input.address?.trim() || null,
    nhsNumber,
    familyMembers,
  };
}
