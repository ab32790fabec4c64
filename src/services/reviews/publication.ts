import { authorize } from "../../auth/policy";
import { ValidationError } from "../../domain/errors";
import { type Page, pageSize } from "../../domain/pagination";
import {
  type PublishedFilter,
  type PublishedLearning,
  type PublishInput,
  publish,
  reconsiderDueSince,
  searchTerm,
  type WithdrawInput,
  type WithholdInput,
  withdraw,
  withhold,
  yearRange,
} from "../../domain/publication";
import type { Review } from "../../domain/reviews";
import type { ServiceContext } from "../context";
import { CODE } from "../partnerships";
import { authed, newId, today } from "../shared";
import { recorder, reviewFor, saveReview } from "./reviews";

/**
 * §33–34, §38: publishing a review, withholding or withdrawing its publication, and what the
 * public (and the annual report) read of what was published.
 */

/**
 * §33–34: publishes a review whose report the board accepted: an SCR in full with the statement
 * of the actions member agencies will take, another review with a summary of its learning; the
 * report on the board's website (§38).
 */
export async function publishReview(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: PublishInput,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const r = await reviewFor(c, id, "review:publish");
  const partnership = await c.store.partnerships.get(c.principal.partnershipId);
  const cases = await c.store.cases.getMany(c.principal.partnershipId, r.caseIds);
  const { change, event, published } = publish(
    r,
    input,
    partnership?.website ?? null,
    recordId,
    recorder(c),
    [...cases.values()].map((k) => k.pseudonym),
  );
  return saveReview(c, r, expectedVersion, change, { add: { events: [event] }, published });
}

/** §33: publication delayed or not to be, for compelling legal reasons, recorded. */
export async function withholdPublication(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: WithholdInput,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const r = await reviewFor(c, id, "review:publish");
  const { change, event } = withhold(r, input, recordId, recorder(c));
  return saveReview(c, r, expectedVersion, change, { add: { events: [event] } });
}

/**
 * §33–34: a publication withdrawn: within twelve months only with a legal reason; recorded, never
 * deleted (the publication is kept with the date, and leaves the public lists).
 */
export async function withdrawPublication(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: WithdrawInput,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const r = await reviewFor(c, id, "review:publish");
  const { change, event, published } = withdraw(r, input, recordId, recorder(c));
  return saveReview(c, r, expectedVersion, change, { add: { events: [event] }, published });
}

/** §33: the first day a delayed publication's reconsideration was overdue, or null. */
export function reconsiderOverdueSince(ctx: ServiceContext, r: Review): string | null {
  return reconsiderDueSince(r, today(ctx));
}

/**
 * Public, with no token: a partnership's published learning (§33–34), newest first, by kind,
 * year of publication and a search of its text. Nothing but what was published is read: the
 * public projections of publications still live. An unknown partnership has none.
 */
export async function listPublishedLearning(
  ctx: ServiceContext,
  code: string,
  filter: PublishedFilter,
  first?: number | null,
  after?: string | null,
): Promise<Page<PublishedLearning>> {
  authorize(ctx.principal, "learning:readPublished");
  const size = pageSize(first);
  const search = searchTerm(filter.search);
  const published = filter.year ? yearRange(filter.year, "filter.year") : undefined;
  const normalised = code.trim().toLowerCase();
  if (!CODE.test(normalised))
    throw new ValidationError(
      "partnership",
      "A partnership code is 2-40 letters, digits or hyphens",
    );
  const partnership = await ctx.store.partnerships.getByCode(normalised);
  if (!partnership) return { edges: [], hasNextPage: false, endCursor: null };
  return ctx.store.reviews.listPublished(
    partnership.id,
    { kind: filter.kind, published, search },
    size,
    after,
  );
}

/** §34: the learning published in a year (newest first), for the board's annual report. */
export async function annualReport(
  ctx: ServiceContext,
  year: number,
  first?: number | null,
  after?: string | null,
): Promise<Page<PublishedLearning>> {
  const c = authed(ctx);
  authorize(c.principal, "annualReport:read");
  return c.store.reviews.listPublished(
    c.principal.partnershipId,
    { published: yearRange(year, "year") },
    pageSize(first),
    after,
  );
}
