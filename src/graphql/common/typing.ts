/**
 * Ties GraphQL classes to the domain types they present, so that a field added in one place only
 * fails to compile. Object types `implements Omit<DomainType, HiddenFields>` (the hidden fields
 * named, so a new domain field must be shown or hidden on purpose); input classes `implements`
 * the domain input and add a `SameFields` check, since `implements` alone lets a class leave out
 * optional fields.
 */

/** Keys in one type and not in the other. */
type KeyDrift<A, B> = Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>;

/** `true` when A and B have the same field names; otherwise the names that differ. */
export type SameFields<A, B> = [KeyDrift<A, B>] extends [never] ? true : { drift: KeyDrift<A, B> };

/** Fails to compile unless given `true` (use as `Assert<SameFields<Input, DomainInput>>`). */
export type Assert<T extends true> = T;
