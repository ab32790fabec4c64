import type { Store } from "../data/store";
import { UnauthenticatedError } from "../domain/errors";

/**
 * The claims Cognito puts into a signing-in person's ID token (the pre-token trigger): from the
 * Person record, the single source of truth for roles. An unknown or disabled person, or one
 * with no role, gets no token: the sign-in fails with the reason.
 */
export interface SignInClaims {
  readonly partnership_id: string;
  /** Absent for the board's own staff. */
  readonly agency_id?: string;
  /** Space-separated (Cognito's claims are strings). */
  readonly roles: string;
  readonly person_id: string;
}

export async function signInClaims(store: Store, identity: string): Promise<SignInClaims> {
  const person = await store.people.getByIdentity(identity);
  if (!person) throw new UnauthenticatedError("You are not a member of any partnership's staff");
  if (!person.enabled) throw new UnauthenticatedError("Your account has been disabled");
  if (person.roles.length === 0) throw new UnauthenticatedError("You hold no role");
  return {
    partnership_id: person.partnershipId,
    ...(person.agencyId ? { agency_id: person.agencyId } : {}),
    roles: person.roles.join(" "),
    person_id: person.id,
  };
}
