import { addDays, checkPlanDate } from "./dates";
import type { Versioned } from "./entities";
import { ConflictError, ValidationError } from "./errors";
import { checkActive, numberedId, type Recorder, type Review } from "./reviews";
import { optionalText, requiredText } from "./text";

/**
 * §28: what participating agencies give a review: chronologies, agency reports and other
 * information, each asked for with a due date and answered by the agency.
 */

export const CONTRIBUTION_KINDS = ["CHRONOLOGY", "AGENCY_REPORT", "INFORMATION"] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const CONTRIBUTION_STATUSES = [
  "REQUESTED",
  "SUBMITTED",
  "ACCEPTED",
  "RETURNED_WITH_QUESTIONS",
] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** Statuses in which the agency owes an answer (late once past the due date). */
export const OPEN_CONTRIBUTION_STATUSES: readonly ContributionStatus[] = [
  "REQUESTED",
  "RETURNED_WITH_QUESTIONS",
];

export const MAX_CONTRIBUTIONS = 100;
export const MAX_SUBMISSIONS = 10;

export interface Contribution extends Versioned {
  /** `<reviewId>:<n>`. */
  readonly id: string;
  readonly partnershipId: string;
  readonly reviewId: string;
  readonly seq: number;
  /** The agency asked: it alone answers (with the review's lead reviewer and the board reading). */
  readonly agencyId: string;
  readonly kind: ContributionKind;
  /** The case it is about, if one. */
  readonly caseId: string | null;
  readonly request: string;
  readonly dueDate: string;
  readonly status: ContributionStatus;
  readonly questions: string | null;
  readonly requestedOn: string;
  readonly requestedBy: string;
  /** Submissions (each its own record); at most MAX_SUBMISSIONS. */
  readonly submissionCount: number;
  readonly submittedOn: string | null;
  readonly acceptedOn: string | null;
}

/** What the agency sent. */
export interface Submission {
  readonly id: string;
  readonly content: string;
  readonly documentUrl: string | null;
  readonly submittedOn: string;
  readonly submittedBy: string;
  readonly at: string;
}

export interface ContributionRequestInput {
  readonly agencyId: string;
  readonly kind: ContributionKind;
  readonly caseId?: string | null;
  readonly request: string;
  readonly dueDate: string;
}

/**
 * §28: a request to a participating agency, due today or later, while the review is under way;
 * at most MAX_CONTRIBUTIONS per review.
 */
export function newContribution(
  r: Review,
  input: ContributionRequestInput,
  rec: Recorder,
): Contribution {
  checkActive(r, "Contributions are asked");
  if (r.contributionCount >= MAX_CONTRIBUTIONS)
    throw new ValidationError(
      "input",
      `A review asks for at most ${MAX_CONTRIBUTIONS} contributions`,
    );
  if (!r.participatingAgencyIds.includes(input.agencyId))
    throw new ValidationError(
      "input.agencyId",
      "Contributions are asked of the review's participating agencies (§28)",
    );
  if (input.caseId && !r.caseIds.includes(input.caseId))
    throw new ValidationError("input.caseId", "The review does not cover this case");
  if (input.dueDate < rec.today)
    throw new ValidationError("input.dueDate", "A contribution is due today or later");
  checkPlanDate(input.dueDate, rec.today, "input.dueDate");
  const seq = r.contributionCount + 1;
  return {
    id: numberedId(r.id, seq),
    partnershipId: r.partnershipId,
    reviewId: r.id,
    seq,
    agencyId: input.agencyId,
    kind: input.kind,
    caseId: input.caseId ?? null,
    request: requiredText(input.request, "input.request", "What is asked"),
    dueDate: input.dueDate,
    status: "REQUESTED",
    questions: null,
    requestedOn: rec.today,
    requestedBy: rec.by,
    submissionCount: 0,
    submittedOn: null,
    acceptedOn: null,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

export interface SubmissionInput {
  readonly content: string;
  readonly documentUrl?: string | null;
}

/** A link to a document: https only. */
export function checkHttpsUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ValidationError(field, "Not a URL");
  }
  if (url.protocol !== "https:") throw new ValidationError(field, "An https URL");
  return url.toString();
}

/**
 * §28: the agency's answer, while one is owed (asked, or returned with questions); at most
 * MAX_SUBMISSIONS. Returns the change and the submission to record.
 */
export function submit(
  k: Contribution,
  input: SubmissionInput,
  id: string,
  rec: Recorder,
): { change: Partial<Contribution>; submission: Submission } {
  if (!OPEN_CONTRIBUTION_STATUSES.includes(k.status))
    throw new ConflictError(
      `The contribution is ${k.status}: nothing is owed until the reviewer returns it`,
      "STATE",
    );
  if (k.submissionCount >= MAX_SUBMISSIONS)
    throw new ValidationError(
      "input",
      `A contribution takes at most ${MAX_SUBMISSIONS} submissions`,
    );
  return {
    change: {
      status: "SUBMITTED",
      submissionCount: k.submissionCount + 1,
      submittedOn: rec.today,
    },
    submission: {
      id,
      content: requiredText(input.content, "input.content", "The contribution"),
      documentUrl: input.documentUrl ? checkHttpsUrl(input.documentUrl, "input.documentUrl") : null,
      submittedOn: rec.today,
      submittedBy: rec.by,
      at: rec.at,
    },
  };
}

export interface ContributionReviewInput {
  readonly outcome: "ACCEPTED" | "RETURNED_WITH_QUESTIONS";
  readonly questions?: string | null;
  /** A new due date for the answer to the questions. */
  readonly dueDate?: string | null;
}

/** The reviewer accepts what was submitted, or returns it with questions (and a new due date). */
export function reviewSubmission(
  k: Contribution,
  input: ContributionReviewInput,
  today: string,
): Partial<Contribution> {
  if (k.status !== "SUBMITTED")
    throw new ConflictError(`Only a submitted contribution is reviewed, not ${k.status}`, "STATE");
  if (input.outcome === "ACCEPTED")
    return { status: "ACCEPTED", acceptedOn: today, questions: null };
  const questions = optionalText(input.questions);
  if (!questions)
    throw new ValidationError("input.questions", "Say what the agency is asked to answer");
  if (input.dueDate != null) {
    if (input.dueDate < today)
      throw new ValidationError("input.dueDate", "The answer is due today or later");
    checkPlanDate(input.dueDate, today, "input.dueDate");
  }
  return { status: "RETURNED_WITH_QUESTIONS", questions, dueDate: input.dueDate ?? k.dueDate };
}

/** §28: a contribution owed and past its due date is late from the next day. */
export function contributionLateSince(k: Contribution, today: string): string | null {
  return OPEN_CONTRIBUTION_STATUSES.includes(k.status) && today > k.dueDate
    ? addDays(k.dueDate, 1)
    : null;
}
