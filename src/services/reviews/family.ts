import type { CaseReviewLink } from "../../data/store";
import type { Case } from "../../domain/entities";
import { ValidationError } from "../../domain/errors";
import {
  type AttachInput,
  attachRecords,
  type ConsentInput,
  type ConsentRecord,
  checkSwap,
  consentWithdrawnOn,
  countShares,
  type FamilyContact,
  type FamilyContactInput,
  type InformationShare,
  newConsent,
  newFamilyContact,
  planShares,
  type RecordsAttachment,
} from "../../domain/family";
import { familyRegime, MAX_REVIEWS_ON_CASE_RECORD, type Review } from "../../domain/reviews";
import { getCase } from "../cases";
import type { AuthedContext, ServiceContext } from "../context";
import { authed, newId, requireAll, today } from "../shared";
import {
  addToReview,
  changeReviewCase,
  mayOnReview,
  recorder,
  reviewFor,
  saveReview,
} from "./reviews";

/**
 * §26–32: family involvement, consent, the records agencies attach, alternative cases, and the
 * sharing of what the review obtained at its end.
 */

/** Whether the caller reads the family's contacts and consents (§26–32: special-category data). */
export function viewerCanReadFamily(ctx: ServiceContext, r: Review): boolean {
  return mayOnReview(ctx, "review:readFamily", r);
}

/** §27, §30: contacts with families, oldest first (null for those who may not read them). */
export async function familyContactsOf(
  ctx: ServiceContext,
  r: Review,
): Promise<FamilyContact[] | null> {
  if (!viewerCanReadFamily(ctx, r)) return null;
  return authed(ctx).loaders.reviewChildren.familyContacts.load(r);
}

/** §30–32: consent records, oldest first (null for those who may not read them). */
export async function consentsOf(ctx: ServiceContext, r: Review): Promise<ConsentRecord[] | null> {
  if (!viewerCanReadFamily(ctx, r)) return null;
  return authed(ctx).loaders.reviewChildren.consents.load(r);
}

/** §27, §30: a contact with a family member (no version: a contact never overwrites anything). */
export async function recordFamilyContact(
  ctx: ServiceContext,
  id: string,
  input: FamilyContactInput,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  return addToReview(c, id, "review:recordFamily", (r) => {
    const contact = newFamilyContact(r, input, recordId, recorder(c));
    return {
      changes: { familyContactCount: r.familyContactCount + 1 },
      write: { add: { familyContacts: [contact] } },
    };
  });
}

/**
 * §30–32: a family member's consent given (with the agencies it covers), refused or withdrawn.
 * Withdrawn after sharing, it stops further sharing, and every agency that received the review's
 * information sees it on what it received.
 */
export async function recordConsent(
  ctx: ServiceContext,
  id: string,
  input: ConsentInput,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  if (input.agencyIds?.length)
    await requireAll(c.loaders.agencies, input.agencyIds, { list: "input.agencyIds" }, "agency");
  return addToReview(c, id, "review:recordFamily", async (r) => {
    const [contacts, consents] = await Promise.all([
      c.loaders.reviewChildren.familyContacts.load(r),
      c.loaders.reviewChildren.consents.load(r),
    ]);
    const consent = newConsent(r, input, contacts, consents, recordId, recorder(c));
    return {
      changes: { consentCount: r.consentCount + 1 },
      write: { add: { consents: [consent] } },
    };
  });
}

/**
 * §28 / §30: an agency's records of a case given to the review. For another review than an SCR
 * or near-miss review, refused without the family's consent covering that agency.
 */
export async function attachCaseRecords(
  ctx: ServiceContext,
  id: string,
  input: AttachInput,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  await reviewFor(c, id, "review:attachRecords", { agencyIds: [input.agencyId] });
  return addToReview(
    c,
    id,
    "review:attachRecords",
    async (r) => {
      const k = r.caseIds.includes(input.caseId) ? await c.loaders.cases.load(input.caseId) : null;
      const consents = await c.loaders.reviewChildren.consents.load(r);
      const attachment = attachRecords(
        r,
        input,
        k?.agencyIds ?? [],
        consents,
        recordId,
        recorder(c),
      );
      return {
        changes: { attachmentCount: r.attachmentCount + 1 },
        write: { add: { attachments: [attachment] } },
      };
    },
    { agencyIds: [input.agencyId] },
  );
}

/** The records attached: all for those running the review, an agency its own. */
export async function attachmentsOf(ctx: ServiceContext, r: Review): Promise<RecordsAttachment[]> {
  const c = authed(ctx);
  const all = await c.loaders.reviewChildren.attachments.load(r);
  if (viewerCanReadFamily(c, r)) return all;
  return all.filter((a) => a.agencyId === c.principal.agencyId);
}

/** A case added to the review (a thematic review covers several, §30). */
export function addReviewCase(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: { caseId: string; reason: string },
): Promise<Review> {
  return changeReviewCase(ctx, id, expectedVersion, input);
}

/**
 * §31: a case whose family's consent cannot be obtained swapped for an alternative; the history
 * of the cases is kept.
 */
export async function swapReviewCase(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: { caseId: string; alternativeCaseId: string; reason: string },
): Promise<Review> {
  const c = authed(ctx);
  return changeReviewCase(
    c,
    id,
    expectedVersion,
    { caseId: input.alternativeCaseId, replacesCaseId: input.caseId, reason: input.reason },
    async (r) => {
      if (!r.caseIds.includes(input.caseId))
        throw new ValidationError("input.caseId", "The review does not cover this case");
      checkSwap(r, input.caseId, await c.loaders.reviewChildren.consents.load(r));
    },
  );
}

/** The cases as stored (not filtered: sharing follows the cases' agencies, whoever asks). */
async function casesOf(c: AuthedContext, r: Review): Promise<Case[]> {
  const found = await c.loaders.cases.loadMany(r.caseIds);
  return found.flatMap((k) => {
    if (k instanceof Error) throw k;
    return k ? [k] : [];
  });
}

/**
 * §29 / §32: at the end of the review, what it obtained is shared: with every participating
 * agency, and held on the case records (§29); or, for another review, with the agencies working
 * with each family as far as every family member agreed (§32). Run again, it shares only what is
 * new (after further consent, or contributions accepted since).
 */
export async function shareReviewInformation(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const r = await reviewFor(c, id, "review:share");
  const [cases, contributions, consents, already] = await Promise.all([
    casesOf(c, r),
    c.loaders.contributionsOf.load(r),
    c.loaders.reviewChildren.consents.load(r),
    c.loaders.reviewChildren.shares.load(r),
  ]);
  const plans = planShares(r, cases, contributions, consents, already);
  if (plans.length === 0) throw new ValidationError("input.id", "Nothing more to share (§29, §32)");
  const day = today(c);
  const shares: InformationShare[] = plans.map((p) => ({
    id: recordId,
    agencyId: p.agencyId,
    caseIds: p.caseIds,
    contributionIds: p.contributionIds,
    basis: familyRegime(r),
    sharedOn: day,
    sharedBy: c.principal.subject,
  }));
  const linked = [...new Set(plans.flatMap((p) => p.caseIds))];
  const caseLinks: CaseReviewLink[] = linked.map((caseId) => ({
    partnershipId: r.partnershipId,
    caseId,
    reviewId: r.id,
    sharedOn: day,
  }));
  return saveReview(c, r, expectedVersion, countShares(r, plans), {
    add: { shares },
    caseLinks,
  });
}

/** What the review shared, with whether consent was withdrawn since (§32). */
export interface ShareView extends InformationShare {
  /** §32: consent for a case it received was refused or withdrawn: share nothing further. */
  readonly consentWithdrawnOn: string | null;
}

/**
 * §29, §32: what the review shared: all of it for the board's core roles and the lead reviewer,
 * an agency's own for its staff, each with the date consent was withdrawn for a case it covers.
 */
export async function sharesOf(ctx: ServiceContext, r: Review): Promise<ShareView[]> {
  const c = authed(ctx);
  const all = await c.loaders.reviewChildren.shares.load(r);
  const mine = viewerCanReadFamily(c, r)
    ? all
    : all.filter((s) => s.agencyId === c.principal.agencyId);
  if (mine.length === 0) return [];
  const consents = r.consentCount ? await c.loaders.reviewChildren.consents.load(r) : [];
  return mine.map((s) => ({
    ...s,
    consentWithdrawnOn:
      s.caseIds
        .map((k) => consentWithdrawnOn(consents, k))
        .filter((d): d is string => d !== null)
        .sort()[0] ?? null,
  }));
}

/**
 * §29: the reviews whose information is held on a case's record, for those who read the case
 * and the review (reviews they may not read are left out).
 */
export async function reviewsOnCaseRecord(ctx: ServiceContext, caseId: string): Promise<Review[]> {
  const c = authed(ctx);
  const k = await getCase(c, caseId);
  const links = await c.store.reviews.linksOfCase(
    c.principal.partnershipId,
    k.id,
    MAX_REVIEWS_ON_CASE_RECORD,
  );
  const found = await c.loaders.reviews.loadMany(links.map((l) => l.reviewId));
  return found.flatMap((r) => {
    if (r instanceof Error) throw r;
    return r && mayOnReview(c, "review:read", r) ? [r] : [];
  });
}
