import { checkHttpsUrl } from "./contributions";
import { addDays, checkPastDate, checkPlanDate } from "./dates";
import { ValidationError } from "./errors";
import {
  addMonths,
  countEvent,
  type Publication,
  type Recorder,
  type Review,
  type ReviewEvent,
  type ReviewKind,
  type Withholding,
} from "./reviews";
import { optionalText, requiredText } from "./text";

/**
 * Publication (§33–34, §38). An SCR's findings are published in full with the statement of the
 * actions member agencies will take, unless compelling legal reasons are recorded to delay
 * publication or not to publish; other reviews publish a summary of their learning. A published
 * item stays public for at least twelve months; every withdrawal is recorded.
 */

/** How long a published item stays public before it may be withdrawn without a legal reason. */
export const MIN_PUBLIC_MONTHS = 12;

/** What the public sees of a published review: this, and nothing else. */
export interface PublishedLearning {
  /** The review's id. */
  readonly id: string;
  readonly partnershipId: string;
  readonly kind: ReviewKind;
  readonly title: string;
  readonly summary: string;
  readonly actionStatement: string | null;
  readonly reportUrl: string;
  readonly publishedOn: string;
  readonly withdrawnOn: string | null;
}

export interface PublishInput {
  readonly publishedOn: string;
  readonly reportUrl: string;
  readonly title: string;
  readonly summary: string;
  readonly actionStatement?: string | null;
}

/** §38: the report lives on the board's own website (its host, or a host under it). */
export function checkReportUrl(value: string, website: string | null, field: string): string {
  const url = checkHttpsUrl(value, field);
  if (website) {
    const board = new URL(website).hostname.replace(/^www\./, "");
    const host = new URL(url).hostname;
    if (host !== board && !host.endsWith(`.${board}`))
      throw new ValidationError(
        field,
        `§38: the report is published on the board's website (${board})`,
      );
  }
  return url;
}

/**
 * §33–34: publishes an accepted review (or one whose delay has ended): an SCR in full with the
 * statement of the actions member agencies will take (§33), any other review with a summary of its
 * learning (§34). Published on a day not before the report was accepted, and not in the future.
 */
export function publish(
  r: Review,
  input: PublishInput,
  website: string | null,
  eventId: string,
  rec: Recorder,
  /** The pseudonyms of the cases it covers: never in what is published. */
  pseudonyms: readonly string[] = [],
): { change: Partial<Review>; event: ReviewEvent; published: PublishedLearning } {
  if (r.status !== "ACCEPTED" && r.status !== "PUBLICATION_WITHHELD")
    throw new ValidationError(
      "input.id",
      `A review is published once the board has accepted its report, not when ${r.status}`,
    );
  if (r.withholding?.decision === "DO_NOT_PUBLISH")
    throw new ValidationError(
      "input.id",
      `§33: the board decided not to publish (${r.withholding.legalReason})`,
    );
  checkPastDate(input.publishedOn, rec.today, "input.publishedOn");
  if (input.publishedOn < r.statusOn)
    throw new ValidationError(
      "input.publishedOn",
      `The date is before ${r.status} (${r.statusOn})`,
    );
  const actionStatement = optionalText(input.actionStatement);
  // §33: an SCR is published with the statement of the actions member agencies will take.
  if (r.kind === "SERIOUS_CASE_REVIEW" && !actionStatement)
    throw new ValidationError(
      "input.actionStatement",
      "§33: an SCR is published in full with a statement of the actions member agencies will take",
    );
  const publication: Publication = {
    publishedOn: input.publishedOn,
    reportUrl: checkReportUrl(input.reportUrl, website, "input.reportUrl"),
    title: notNaming(
      requiredText(input.title, "input.title", "A public title"),
      pseudonyms,
      "input.title",
    ),
    summary: notNaming(
      requiredText(input.summary, "input.summary", "The summary of its learning (§34)"),
      pseudonyms,
      "input.summary",
    ),
    actionStatement:
      actionStatement && notNaming(actionStatement, pseudonyms, "input.actionStatement"),
    recordedOn: rec.today,
    withdrawnOn: null,
    withdrawalReason: null,
  };
  return {
    change: {
      status: "PUBLISHED",
      statusOn: input.publishedOn,
      publication,
      withholding: null,
      ...countEvent(r),
    },
    event: {
      id: eventId,
      from: r.status,
      to: "PUBLISHED",
      on: input.publishedOn,
      by: rec.by,
      reason: null,
    },
    published: publishedLearning(r, publication),
  };
}

/**
 * §33: what is published names no case by its pseudonym (the internal name the board's staff
 * use): the distinctive part of each ("BNKFE9" of "Child BNKFE9"), in any case, anywhere.
 */
function notNaming(text: string, pseudonyms: readonly string[], field: string): string {
  const upper = text.toUpperCase();
  for (const p of pseudonyms) {
    const code = p
      .replace(/^child\s+/i, "")
      .trim()
      .toUpperCase();
    if (code.length >= 4 && upper.includes(code))
      throw new ValidationError(
        field,
        "§33: published learning never names a case by its pseudonym; use the name the report is published under",
      );
  }
  return text;
}

/** The public projection of a publication. */
export function publishedLearning(r: Review, p: Publication): PublishedLearning {
  return {
    id: r.id,
    partnershipId: r.partnershipId,
    kind: r.kind,
    title: p.title,
    summary: p.summary,
    actionStatement: p.actionStatement,
    reportUrl: p.reportUrl,
    publishedOn: p.publishedOn,
    withdrawnOn: p.withdrawnOn,
  };
}

export interface WithholdInput {
  readonly decision: "DELAY" | "DO_NOT_PUBLISH";
  readonly legalReason: string;
  readonly reconsiderOn?: string | null;
  readonly on: string;
}

/**
 * §33: the board withholds an accepted review's publication for compelling legal reasons,
 * recorded: a delay (with the date it reconsiders, which joins the overdue job once passed) or
 * a decision not to publish.
 */
export function withhold(
  r: Review,
  input: WithholdInput,
  eventId: string,
  rec: Recorder,
): { change: Partial<Review>; event: ReviewEvent } {
  if (r.status !== "ACCEPTED" && r.status !== "PUBLICATION_WITHHELD")
    throw new ValidationError(
      "input.id",
      `Publication is withheld once the report is accepted, not when ${r.status}`,
    );
  checkPastDate(input.on, rec.today, "input.on");
  if (input.on < r.statusOn)
    throw new ValidationError("input.on", `The date is before ${r.status} (${r.statusOn})`);
  const legalReason = requiredText(
    input.legalReason,
    "input.legalReason",
    "§33: the compelling legal reason",
  );
  let reconsiderOn: string | null = null;
  if (input.decision === "DELAY") {
    if (!input.reconsiderOn)
      throw new ValidationError("input.reconsiderOn", "§33: a delay names when it is reconsidered");
    if (input.reconsiderOn <= input.on)
      throw new ValidationError("input.reconsiderOn", "The board reconsiders after it decides");
    reconsiderOn = checkPlanDate(input.reconsiderOn, rec.today, "input.reconsiderOn");
  } else if (input.reconsiderOn)
    throw new ValidationError(
      "input.reconsiderOn",
      "Only a delay is reconsidered; a decision not to publish is final",
    );
  const withholding: Withholding = {
    decision: input.decision,
    legalReason,
    reconsiderOn,
    decidedOn: input.on,
  };
  return {
    change: {
      status: "PUBLICATION_WITHHELD",
      statusOn: input.on,
      withholding,
      ...countEvent(r),
    },
    event: {
      id: eventId,
      from: r.status,
      to: "PUBLICATION_WITHHELD",
      on: input.on,
      by: rec.by,
      reason: `${input.decision === "DELAY" ? "Delayed" : "Not published"}: ${legalReason}`,
    },
  };
}

export interface WithdrawInput {
  readonly on: string;
  readonly reason: string;
  /** Required to withdraw within twelve months of publication. */
  readonly legalReason?: string | null;
  /** A date to reconsider (a delay); without it, the board does not republish. */
  readonly reconsiderOn?: string | null;
}

/**
 * §33–34: a published item stays public for at least twelve months; an earlier withdrawal is
 * refused unless a legal reason is recorded. Every withdrawal is recorded (the publication is
 * kept, with the date it was withdrawn), never deleted.
 */
export function withdraw(
  r: Review,
  input: WithdrawInput,
  eventId: string,
  rec: Recorder,
): { change: Partial<Review>; event: ReviewEvent; published: PublishedLearning } {
  const p = r.publication;
  if (!p || p.withdrawnOn || r.status !== "PUBLISHED")
    throw new ValidationError("input.id", "Only what is published is withdrawn");
  checkPastDate(input.on, rec.today, "input.on");
  if (input.on < p.publishedOn)
    throw new ValidationError("input.on", "The date is before it was published");
  const reason = requiredText(input.reason, "input.reason", "The reason");
  const legalReason = optionalText(input.legalReason);
  // Twelve months of being public: from the publication date, or from the day it was recorded
  // here if later (a publication recorded as backdated was not public before it was recorded).
  const from = p.recordedOn && p.recordedOn > p.publishedOn ? p.recordedOn : p.publishedOn;
  const publicUntil = addMonths(from, MIN_PUBLIC_MONTHS);
  if (input.on < publicUntil && !legalReason)
    throw new ValidationError(
      "input.legalReason",
      `§33: published learning stays public for at least ${MIN_PUBLIC_MONTHS} months (until ${publicUntil}); an earlier withdrawal needs a legal reason`,
    );
  if (input.reconsiderOn) {
    if (input.reconsiderOn <= input.on)
      throw new ValidationError("input.reconsiderOn", "The board reconsiders after it decides");
    checkPlanDate(input.reconsiderOn, rec.today, "input.reconsiderOn");
  }
  const publication: Publication = { ...p, withdrawnOn: input.on, withdrawalReason: reason };
  return {
    change: {
      status: "PUBLICATION_WITHHELD",
      statusOn: input.on,
      publication,
      withholding: {
        decision: input.reconsiderOn ? "DELAY" : "DO_NOT_PUBLISH",
        legalReason: legalReason ?? reason,
        reconsiderOn: input.reconsiderOn ?? null,
        decidedOn: input.on,
      },
      ...countEvent(r),
    },
    event: {
      id: eventId,
      from: "PUBLISHED",
      to: "PUBLICATION_WITHHELD",
      on: input.on,
      by: rec.by,
      reason: `Withdrawn: ${reason}${legalReason ? ` (legal reason: ${legalReason})` : ""}`,
    },
    published: publishedLearning(r, publication),
  };
}

/** §33: a delay whose date to reconsider has passed (the overdue job lists it). */
export function reconsiderDueSince(r: Review, today: string): string | null {
  const on = r.status === "PUBLICATION_WITHHELD" ? r.withholding?.reconsiderOn : null;
  return on && today > on ? addDays(on, 1) : null;
}

export interface PublishedFilter {
  readonly search?: string | null;
  readonly kind?: ReviewKind | null;
  readonly year?: number | null;
}

/** A search term: 2 to 100 characters, compared without case. */
export function searchTerm(search: string | null | undefined): string | null {
  const term = search?.trim().toLowerCase() ?? "";
  if (!term) return null;
  if ([...term].length < 2)
    throw new ValidationError("filter.search", "Search for at least 2 characters");
  return term;
}

/** A year of publication, as a date range. */
export function yearRange(year: number, field: string): { from: string; to: string } {
  if (!Number.isInteger(year) || year < 2000 || year > 2199)
    throw new ValidationError(field, "A year from 2000");
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
