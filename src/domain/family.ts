import { MAX_AGENCIES_PER_CASE } from "./cases";
import type { Contribution } from "./contributions";
import { checkPastDate } from "./dates";
import { ConflictError, ValidationError } from "./errors";
import {
  CONCLUDED_REVIEW_STATUSES,
  checkActive,
  familyRegime,
  type Recorder,
  type Review,
} from "./reviews";
import { optionalText, requiredText } from "./text";

/**
 * Family involvement and information sharing (§25–32). For SCRs and near-miss reviews (§26–29)
 * the review goes ahead without the family's agreement, their involvement is always sought, and
 * agencies give information without consent; at the end it is shared with every participating
 * agency and held on the case record. For other reviews (§30–32) the family is told the purpose,
 * each family member's consent gates the sharing of that family's records, a case without it is
 * swapped for an alternative, and at the end information goes only as far as each agreed.
 */

export const CONTACT_METHODS = ["LETTER", "PHONE", "VISIT", "MEETING", "EMAIL", "OTHER"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const MAX_FAMILY_CONTACTS = 200;
export const MAX_CONSENTS = 100;
export const MAX_ATTACHMENTS = 100;
export const MAX_SHARES = 60;

/** §27, §30: a contact with a family member: when, who (their relationship), how, the outcome. */
export interface FamilyContact {
  readonly id: string;
  readonly caseId: string;
  /** Who, by their relationship to the child ("Mother"), not their name. */
  readonly familyMember: string;
  readonly on: string;
  readonly method: ContactMethod;
  readonly outcome: string;
  /** §30: the purpose of the review was explained. */
  readonly purposeExplained: boolean;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface FamilyContactInput {
  readonly caseId: string;
  readonly familyMember: string;
  readonly on: string;
  readonly method: ContactMethod;
  readonly outcome: string;
  readonly purposeExplained?: boolean | null;
}

/** The family member as one key, whatever the spacing or case it was typed with. */
export const memberKey = (familyMember: string) =>
  familyMember.trim().replace(/\s+/g, " ").toLowerCase();

/** §27/§30: a contact with the family of a case the review covers; at most MAX_FAMILY_CONTACTS. */
export function newFamilyContact(
  r: Review,
  input: FamilyContactInput,
  id: string,
  rec: Recorder,
): FamilyContact {
  if (r.familyContactCount >= MAX_FAMILY_CONTACTS)
    throw new ValidationError(
      "input",
      `A review records at most ${MAX_FAMILY_CONTACTS} contacts with families`,
    );
  if (!r.caseIds.includes(input.caseId))
    throw new ValidationError("input.caseId", "The review does not cover this case");
  checkPastDate(input.on, rec.today, "input.on");
  if (input.on < r.commissionedOn)
    throw new ValidationError("input.on", "The contact is on or after commissioning");
  return {
    id,
    caseId: input.caseId,
    familyMember: requiredText(
      input.familyMember,
      "input.familyMember",
      "Who (their relationship)",
    ),
    on: input.on,
    method: input.method,
    outcome: requiredText(input.outcome, "input.outcome", "The outcome"),
    purposeExplained: input.purposeExplained ?? false,
    recordedBy: rec.by,
    recordedAt: rec.at,
  };
}

export const CONSENT_STATUSES = ["GIVEN", "REFUSED", "WITHDRAWN"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * §30–32: a family member's consent to share the family's records with the review, and the
 * review's information with the agencies named (the scope). The latest record of a family member
 * stands; earlier ones are kept.
 */
export interface ConsentRecord {
  readonly id: string;
  readonly caseId: string;
  readonly familyMember: string;
  readonly status: ConsentStatus;
  /** The agencies whose records may be shared, and which may receive the review's information. */
  readonly agencyIds: readonly string[];
  readonly on: string;
  readonly note: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface ConsentInput {
  readonly caseId: string;
  readonly familyMember: string;
  readonly status: ConsentStatus;
  readonly agencyIds?: readonly string[] | null;
  readonly on: string;
  readonly note?: string | null;
}

/** The standing record of each family member of a case (their latest). */
export function currentConsents(
  consents: readonly ConsentRecord[],
  caseId: string,
): ConsentRecord[] {
  const latest = new Map<string, ConsentRecord>();
  for (const c of consents) if (c.caseId === caseId) latest.set(memberKey(c.familyMember), c);
  return [...latest.values()];
}

/**
 * §30–32: a consent record. Only other reviews ask for consent (§28: agencies give information
 * for SCRs and near-miss reviews without it). Informed consent: the family member was told the
 * purpose of the review first (§30). Consent given names the agencies it covers; it is withdrawn
 * only once given.
 */
export function newConsent(
  r: Review,
  input: ConsentInput,
  contacts: readonly FamilyContact[],
  consents: readonly ConsentRecord[],
  id: string,
  rec: Recorder,
): ConsentRecord {
  if (familyRegime(r) === "STATUTORY")
    throw new ValidationError(
      "input",
      "§26–28: an SCR or near-miss review goes ahead without the family's agreement, and agencies give information without consent; record the family's involvement as contacts",
    );
  if (r.consentCount >= MAX_CONSENTS)
    throw new ValidationError("input", `A review records at most ${MAX_CONSENTS} consents`);
  if (!r.caseIds.includes(input.caseId))
    throw new ValidationError("input.caseId", "The review does not cover this case");
  checkPastDate(input.on, rec.today, "input.on");
  const member = memberKey(input.familyMember);
  const told = contacts.some(
    (c) =>
      c.caseId === input.caseId &&
      c.purposeExplained &&
      memberKey(c.familyMember) === member &&
      c.on <= input.on,
  );
  // §30: informed consent: the family member was told the purpose of the exercise first.
  if (input.status === "GIVEN" && !told)
    throw new ValidationError(
      "input.familyMember",
      "§30: record a contact explaining the review's purpose to this family member first",
    );
  const current = currentConsents(consents, input.caseId).find(
    (c) => memberKey(c.familyMember) === member,
  );
  if (current && input.on < current.on)
    throw new ValidationError("input.on", `The date is before their last record (${current.on})`);
  if (input.status === "WITHDRAWN" && current?.status !== "GIVEN")
    throw new ValidationError("input.status", "Consent is withdrawn only once given");
  const agencyIds = [...new Set(input.agencyIds ?? [])];
  if (agencyIds.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError("input.agencyIds", `At most ${MAX_AGENCIES_PER_CASE} agencies`);
  if (input.status === "GIVEN" && agencyIds.length === 0)
    throw new ValidationError("input.agencyIds", "Consent names the agencies it covers (§32)");
  return {
    id,
    caseId: input.caseId,
    familyMember: requiredText(
      input.familyMember,
      "input.familyMember",
      "Who (their relationship)",
    ),
    status: input.status,
    agencyIds: input.status === "GIVEN" ? agencyIds : [],
    on: input.on,
    note: optionalText(input.note),
    recordedBy: rec.by,
    recordedAt: rec.at,
  };
}

/**
 * §30–32: the agencies a family has consented for: those every family member on record agreed to,
 * while none has refused or withdrawn. None without a record of consent.
 */
export function consentedAgencies(consents: readonly ConsentRecord[], caseId: string): string[] {
  const current = currentConsents(consents, caseId);
  if (current.length === 0 || current.some((c) => c.status !== "GIVEN")) return [];
  return current.reduce<string[]>(
    (acc, c, i) => (i === 0 ? [...c.agencyIds] : acc.filter((a) => c.agencyIds.includes(a))),
    [],
  );
}

/** §31–32: the date consent for a case was refused or withdrawn, if it stands so. */
export function consentWithdrawnOn(
  consents: readonly ConsentRecord[],
  caseId: string,
): string | null {
  const stopped = currentConsents(consents, caseId).filter((c) => c.status !== "GIVEN");
  return stopped.map((c) => c.on).sort()[0] ?? null;
}

/** An agency's records of a case, given to the review. */
export interface RecordsAttachment {
  readonly id: string;
  readonly caseId: string;
  readonly agencyId: string;
  readonly description: string;
  readonly attachedOn: string;
  readonly attachedBy: string;
  /** §28 (no consent needed) or §30 (consent recorded). */
  readonly basis: "STATUTORY" | "CONSENT";
}

export interface AttachInput {
  readonly caseId: string;
  readonly agencyId: string;
  readonly description: string;
}

/**
 * §28 / §30: an agency's records of a case attached to the review while it is under way. For an
 * SCR or near-miss review no consent is needed (§28); for another review, only with the family's
 * consent covering that agency (§30): without it the API refuses, and the review may find an
 * alternative case (§31).
 */
export function attachRecords(
  r: Review,
  input: AttachInput,
  caseAgencyIds: readonly string[],
  consents: readonly ConsentRecord[],
  id: string,
  rec: Recorder,
): RecordsAttachment {
  checkActive(r, "Records are attached");
  if (r.attachmentCount >= MAX_ATTACHMENTS)
    throw new ValidationError("input", `A review takes at most ${MAX_ATTACHMENTS} attachments`);
  if (!r.caseIds.includes(input.caseId))
    throw new ValidationError("input.caseId", "The review does not cover this case");
  if (!caseAgencyIds.includes(input.agencyId))
    throw new ValidationError("input.agencyId", "The agency is not involved in this case");
  const regime = familyRegime(r);
  if (regime === "CONSENT") checkConsent(consents, input.caseId, input.agencyId, "input.caseId");
  return {
    id,
    caseId: input.caseId,
    agencyId: input.agencyId,
    description: requiredText(input.description, "input.description", "What is attached"),
    attachedOn: rec.today,
    attachedBy: rec.by,
    basis: regime,
  };
}

/** §30: refuses sharing a case's records from an agency without the family's consent for it. */
export function checkConsent(
  consents: readonly ConsentRecord[],
  caseId: string,
  agencyId: string,
  field: string,
): void {
  if (!consentedAgencies(consents, caseId).includes(agencyId))
    throw new ValidationError(
      field,
      consentWithdrawnOn(consents, caseId)
        ? "§30–32: the family refused or withdrew consent: their records are not shared (seek an alternative case, §31)"
        : "§30: the family has not consented to share this agency's records of the case (seek consent, or an alternative case, §31)",
    );
}

/** §28/§30: a contribution about a case of another review needs the family's consent too. */
export function checkContributionConsent(
  r: Review,
  k: Contribution,
  consents: readonly ConsentRecord[],
): void {
  if (k.caseId && familyRegime(r) === "CONSENT")
    checkConsent(consents, k.caseId, k.agencyId, "input.id");
}

/**
 * §31: a case swapped for an alternative when consent cannot be obtained. Only other reviews
 * swap cases (SCRs and near-miss reviews review the case that happened), and only a case whose
 * family has not consented.
 */
export function checkSwap(r: Review, caseId: string, consents: readonly ConsentRecord[]): void {
  if (familyRegime(r) === "STATUTORY")
    throw new ValidationError(
      "input.caseId",
      "§26–28: an SCR or near-miss review reviews the case that happened, whatever the family agrees",
    );
  if (consentedAgencies(consents, caseId).length > 0)
    throw new ValidationError(
      "input.caseId",
      "§31: the family consented: an alternative is sought only when consent cannot be obtained",
    );
}

/** §29, §32: what an agency received at the end of a review. */
export interface InformationShare {
  readonly id: string;
  readonly agencyId: string;
  readonly caseIds: readonly string[];
  readonly contributionIds: readonly string[];
  readonly basis: "STATUTORY" | "CONSENT";
  readonly sharedOn: string;
  readonly sharedBy: string;
}

/** Who receives what: one share per agency, with the cases and contributions it gets. */
export interface SharePlan {
  readonly agencyId: string;
  readonly caseIds: string[];
  readonly contributionIds: string[];
}

/**
 * §29 / §32: what the end of a review shares, beyond what was shared before. §29: everything the
 * review obtained (its accepted contributions) goes to every participating agency, and the cases
 * are linked to it. §32: a case's information goes only to the agencies working with the family
 * (the case's agencies) that every family member agreed to; a case whose consent was refused or
 * withdrawn shares nothing more.
 */
export function planShares(
  r: Review,
  cases: readonly { readonly id: string; readonly agencyIds: readonly string[] }[],
  contributions: readonly Contribution[],
  consents: readonly ConsentRecord[],
  already: readonly InformationShare[],
): SharePlan[] {
  if (!CONCLUDED_REVIEW_STATUSES.includes(r.status))
    throw new ConflictError(
      "Information is shared at the end of the review, once the board has accepted its report",
      "STATE",
    );
  const accepted = contributions.filter((k) => k.status === "ACCEPTED");
  const plans = new Map<string, SharePlan>();
  const give = (agencyId: string, caseId: string | null, contributionIds: string[]) => {
    const plan = plans.get(agencyId) ?? { agencyId, caseIds: [], contributionIds: [] };
    if (caseId && !plan.caseIds.includes(caseId)) plan.caseIds.push(caseId);
    for (const id of contributionIds)
      if (!plan.contributionIds.includes(id)) plan.contributionIds.push(id);
    plans.set(agencyId, plan);
  };
  if (familyRegime(r) === "STATUTORY") {
    for (const agencyId of r.participatingAgencyIds) {
      give(
        agencyId,
        null,
        accepted.map((k) => k.id),
      );
      for (const c of cases) give(agencyId, c.id, []);
    }
  } else {
    for (const c of cases) {
      const agreed = consentedAgencies(consents, c.id);
      for (const agencyId of c.agencyIds.filter((a) => agreed.includes(a)))
        give(
          agencyId,
          c.id,
          accepted.filter((k) => k.caseId === c.id).map((k) => k.id),
        );
    }
  }
  // Only what each agency has not received yet.
  return [...plans.values()]
    .map((p) => {
      const had = already.filter((s) => s.agencyId === p.agencyId);
      return {
        agencyId: p.agencyId,
        caseIds: p.caseIds.filter((c) => !had.some((s) => s.caseIds.includes(c))),
        contributionIds: p.contributionIds.filter(
          (k) => !had.some((s) => s.contributionIds.includes(k)),
        ),
      };
    })
    .filter((p) => p.caseIds.length > 0 || p.contributionIds.length > 0);
}

/** The shares of a plan, counted on the review (at most MAX_SHARES). */
export function countShares(r: Review, plans: readonly SharePlan[]): Partial<Review> {
  if (r.shareCount + plans.length > MAX_SHARES)
    throw new ValidationError("input", `A review records at most ${MAX_SHARES} shares`);
  if (plans.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError("input", `At most ${MAX_AGENCIES_PER_CASE} agencies at once`);
  const informed = plans
    .map((p) => p.agencyId)
    .filter((a) => !r.participatingAgencyIds.includes(a));
  const informedAgencyIds = [...new Set([...r.informedAgencyIds, ...informed])];
  if (informedAgencyIds.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError(
      "input",
      `A review informs at most ${MAX_AGENCIES_PER_CASE} agencies beyond those taking part`,
    );
  return { shareCount: r.shareCount + plans.length, informedAgencyIds };
}
