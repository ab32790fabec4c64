import { MAX_NOTE, MAX_TITLE } from "./audits";
import { MAX_AGENCIES_PER_CASE } from "./cases";
import { checkPastDate } from "./dates";
import type { Versioned } from "./entities";
import { ConflictError, ValidationError } from "./errors";
import type { Recording } from "./recommendations";
import { optionalText, requiredText } from "./text";

/**
 * Near-miss, concern and good-practice reports (§7, §15, §2), their escalation to the board as a
 * possible review (§24 I), and reflective practice (§9–10).
 */

export const REPORT_KINDS = ["NEAR_MISS", "CONCERNING_INCIDENT", "GOOD_PRACTICE"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = [
  "RECEIVED",
  "WITHIN_ARRANGEMENTS",
  "OUTSIDE_ARRANGEMENTS",
  "ESCALATED",
] as const;
/** Where a report stands: what its reporter can follow (§7: reporters hear back). */
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface NearMissReport extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  /** The reporter's agency: the agency that decides and responds (§15). */
  readonly agencyId: string;
  readonly kind: ReportKind;
  readonly occurredOn: string;
  readonly reportedOn: string;
  readonly summary: string;
  /** §7: reported without a name: no identity of the reporter is stored anywhere. */
  readonly anonymous: boolean;
  /** The named reporter (a person or partner system); always null when anonymous. */
  readonly reporterId: string | null;
  /** SHA-256 of the receipt given to the reporter, by which they follow the report. */
  readonly receiptHash: string;
  readonly status: ReportStatus;
  /** §15: the agency decides whether it falls within its near-miss arrangements. */
  readonly withinArrangements: boolean | null;
  readonly response: string | null;
  /** §15: how the learning was used to improve services. */
  readonly learningUsed: string | null;
  readonly respondedOn: string | null;
  readonly escalationId: string | null;
}

export interface ReportInput {
  readonly kind: ReportKind;
  readonly occurredOn: string;
  readonly summary: string;
  readonly anonymous: boolean;
}

/** The report id a receipt (`<reportId>.<secret>`) names, or null when it is not a receipt's shape. */
export function receiptReportId(receipt: string): string | null {
  const m = /^([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{32})$/.exec(receipt);
  return m?.[1] ?? null;
}

/**
 * §7: a report by any member of staff, without fear of blame. Anonymous means no reporter is
 * recorded: the report keeps the agency (which decides and responds) and nothing of who.
 */
export function newReport(
  input: ReportInput,
  id: string,
  partnershipId: string,
  agencyId: string,
  reporter: string,
  receiptHash: string,
  rec: Recording,
): NearMissReport {
  checkPastDate(input.occurredOn, rec.today, "input.occurredOn");
  // The instant is kept to the day: a reporter is not found by lining up times.
  const at = `${rec.today}T00:00:00.000Z`;
  return {
    id,
    partnershipId,
    agencyId,
    kind: input.kind,
    occurredOn: input.occurredOn,
    reportedOn: rec.today,
    summary: requiredText(input.summary, "input.summary", "What happened", MAX_NOTE),
    anonymous: input.anonymous,
    reporterId: input.anonymous ? null : reporter,
    receiptHash,
    status: "RECEIVED",
    withinArrangements: null,
    response: null,
    learningUsed: null,
    respondedOn: null,
    escalationId: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

export interface ResponseInput {
  readonly withinArrangements: boolean;
  readonly response: string;
  readonly learningUsed?: string | null;
  readonly respondedOn: string;
}

/** §15: the agency's decision on its arrangements, its response and the learning used. */
export function respond(
  r: NearMissReport,
  input: ResponseInput,
  today: string,
): Partial<NearMissReport> {
  checkPastDate(input.respondedOn, today, "input.respondedOn");
  if (input.respondedOn < r.reportedOn)
    throw new ValidationError("input.respondedOn", "Before the report was made");
  return {
    withinArrangements: input.withinArrangements,
    response: requiredText(input.response, "input.response", "The response", MAX_NOTE),
    learningUsed: optionalText(input.learningUsed),
    respondedOn: input.respondedOn,
    status:
      r.status === "ESCALATED"
        ? "ESCALATED"
        : input.withinArrangements
          ? "WITHIN_ARRANGEMENTS"
          : "OUTSIDE_ARRANGEMENTS",
  };
}

export const ESCALATION_STATUSES = ["PENDING", "REVIEW_COMMISSIONED", "DECLINED"] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/**
 * §24 I: a report the agency refers to the board as a possible review (near miss, or serious
 * harm below the SCR threshold). The board sees the referral, never the reporter.
 */
export interface Escalation extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly agencyId: string;
  readonly reportId: string;
  readonly kind: ReportKind;
  /** What the agency tells the board (written for the board: the report itself stays with it). */
  readonly summary: string;
  readonly reason: string;
  readonly escalatedOn: string;
  readonly status: EscalationStatus;
  readonly boardNote: string | null;
  readonly decidedOn: string | null;
  /** The review commissioned, once reviews are recorded here. */
  readonly reviewId: string | null;
  readonly businessPriorityId: string | null;
}

export interface EscalationInput {
  readonly summary: string;
  readonly reason: string;
  readonly escalatedOn: string;
}

/** §24 I: escalates a report (once) to the board as a possible review. */
export function escalate(
  r: NearMissReport,
  input: EscalationInput,
  id: string,
  rec: Recording,
): { report: Partial<NearMissReport>; escalation: Escalation } {
  if (r.escalationId) throw new ConflictError("The report is already escalated", "STATE");
  if (r.kind === "GOOD_PRACTICE")
    throw new ValidationError(
      "input.id",
      "§24 I: good practice is shared, not escalated for review",
    );
  checkPastDate(input.escalatedOn, rec.today, "input.escalatedOn");
  if (input.escalatedOn < r.reportedOn)
    throw new ValidationError("input.escalatedOn", "Before the report was made");
  return {
    report: { status: "ESCALATED", escalationId: id },
    escalation: {
      id,
      partnershipId: r.partnershipId,
      agencyId: r.agencyId,
      reportId: r.id,
      kind: r.kind,
      summary: requiredText(input.summary, "input.summary", "The summary", MAX_NOTE),
      reason: requiredText(input.reason, "input.reason", "The reason", MAX_NOTE),
      escalatedOn: input.escalatedOn,
      status: "PENDING",
      boardNote: null,
      decidedOn: null,
      reviewId: null,
      businessPriorityId: null,
      version: 1,
      createdAt: rec.at,
      updatedAt: rec.at,
    },
  };
}

export interface EscalationDecisionInput {
  readonly status: EscalationStatus;
  readonly note: string;
  readonly decidedOn: string;
  readonly businessPriorityId?: string | null;
}

/** The board's answer to an escalation: a review commissioned (§24 I) or declined, with a note. */
export function decideEscalation(
  e: Escalation,
  input: EscalationDecisionInput,
  today: string,
): Partial<Escalation> {
  if (input.status === "PENDING")
    throw new ValidationError("input.status", "Decide: REVIEW_COMMISSIONED or DECLINED");
  if (e.status !== "PENDING")
    throw new ConflictError(`The board decided this escalation already (${e.status})`, "STATE");
  checkPastDate(input.decidedOn, today, "input.decidedOn");
  if (input.decidedOn < e.escalatedOn)
    throw new ValidationError("input.decidedOn", "Before the escalation");
  return {
    status: input.status,
    boardNote: requiredText(input.note, "input.note", "The board's note", MAX_NOTE),
    decidedOn: input.decidedOn,
    businessPriorityId: input.businessPriorityId ?? e.businessPriorityId,
  };
}

/** A month's count of reports of one kind from one agency (the board sees counts, never reporters). */
export interface ReportCount {
  readonly month: string;
  readonly agencyId: string;
  readonly kind: ReportKind;
  readonly count: number;
}

/** The counts a board asks for cover at most a year of months. */
export const MAX_COUNT_MONTHS = 12;

// ---------------------------------------------------------------------------------------------
// Reflective practice (§9–10).

export const REFLECTION_KINDS = [
  "SUPERVISION",
  "REFLECTIVE_DISCUSSION",
  "MULTI_AGENCY_DISCUSSION",
] as const;
export type ReflectionKind = (typeof REFLECTION_KINDS)[number];

export interface Reflection extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly kind: ReflectionKind;
  readonly theme: string;
  readonly heldOn: string;
  readonly agencyIds: readonly string[];
  readonly learned: string;
  readonly goodPractice: string | null;
  readonly recordedBy: string;
}

export interface ReflectionInput {
  readonly kind: ReflectionKind;
  readonly theme: string;
  readonly heldOn: string;
  readonly agencyIds: readonly string[];
  readonly learned: string;
  readonly goodPractice?: string | null;
}

/** §9–10: learning from supervision or reflective discussion, beside serious incidents. */
export function newReflection(
  input: ReflectionInput,
  id: string,
  partnershipId: string,
  rec: Recording,
): Reflection {
  checkPastDate(input.heldOn, rec.today, "input.heldOn");
  const agencyIds = [...new Set(input.agencyIds)];
  if (agencyIds.length === 0) throw new ValidationError("input.agencyIds", "At least one agency");
  if (agencyIds.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError("input.agencyIds", "Too many agencies");
  return {
    id,
    partnershipId,
    kind: input.kind,
    theme: requiredText(input.theme, "input.theme", "The theme", MAX_TITLE),
    heldOn: input.heldOn,
    agencyIds,
    learned: requiredText(input.learned, "input.learned", "What was learned", MAX_NOTE),
    goodPractice: optionalText(input.goodPractice),
    recordedBy: rec.by,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}
